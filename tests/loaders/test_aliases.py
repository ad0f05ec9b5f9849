"""Comuna names taught for a source: read as their comuna, or skipped as no comuna, with a note;
without one an unknown name stays an error and is listed among the unknown names."""

import datetime as dt

from loaders import load
from loaders.rows.comunas import UnknownComuna
from loaders.suggest import comuna_candidates
from loaders.text import fold
from tests.conftest import xlsx_bytes

DATE = ["Fecha de corte: 31/10/2025"]
ROWS = [
    DATE,
    ["Comuna", "DocDigital", "FirmaGob"],
    ["Villa Imaginaria", "En uso", "Habilitada"],
    ["Corral", "En uso", "Lista"],
    ["Oficina Regional", "Lista", "Nada"],
    ["villa imaginaria", "En uso", "Habilitada"],
]


def tracker(rows=ROWS, sheet="Los Ríos") -> bytes:
    return xlsx_bytes({sheet: rows})


def found(result, severity: str) -> list[tuple[str, str]]:
    return [(i.cell, i.message) for i in result.issues if i.severity == severity]


def test_an_unknown_comuna_is_an_error_and_listed_once_where_first_seen():
    result = load(tracker(), name="rios.xlsx")
    errors = found(result, "error")
    assert (
        "A3",
        "comuna desconocida: «Villa Imaginaria»; se esperaba el nombre de una comuna "
        "de la región de Los Ríos",
    ) in errors
    assert [cell for cell, _ in errors if "Villa Imaginaria" in _ or "villa imaginaria" in _] == [
        "A3",
        "A6",
    ]
    assert result.unknown_comunas == [
        UnknownComuna("Villa Imaginaria", "14", "Los Ríos", "A3"),
        UnknownComuna("Oficina Regional", "14", "Los Ríos", "A5"),
    ]
    assert list(result.frame["comuna"].unique()) == ["Corral"]


def test_a_name_taught_as_a_comuna_is_read_as_it_with_a_note_once_per_sheet():
    result = load(tracker(), name="rios.xlsx", aliases={"villa imaginaria": "14101"})
    assert not [m for _, m in found(result, "error") if "Imaginaria" in m]
    notes = [(c, m) for c, m in found(result, "info") if "alias" in m]
    assert notes == [
        (
            "A3",
            "«Villa Imaginaria» se leyó como la comuna Valdivia (14101) por el alias enseñado "
            "para esta fuente",
        ),
        (
            "A6",
            "«villa imaginaria» se leyó como la comuna Valdivia (14101) por el alias enseñado "
            "para esta fuente",
        ),
    ]
    valdivia = result.frame[result.frame["comuna_code"] == "14101"]
    assert sorted(zip(valdivia["platform"], valdivia["stage"], valdivia["cell"], strict=True)) == [
        ("docdigital", "en_uso", "B3"),
        ("firmagob", "habilitada", "C3"),
    ]  # the same statuses again on row 6 count once
    assert set(valdivia["region"]) == {"Los Ríos"}
    assert [u.name for u in result.unknown_comunas] == ["Oficina Regional"]


def test_a_name_taught_as_no_comuna_skips_its_row_with_a_note_and_reads_none_of_its_cells():
    result = load(tracker(), name="rios.xlsx", aliases={"oficina regional": None})
    assert (
        "A5",
        "«Oficina Regional» se marcó como «no es una comuna» para esta fuente; la fila se omite",
    ) in found(result, "info")
    assert not [c for c, _ in found(result, "error") if c.endswith("5")]  # nor an error in it
    assert "Oficina Regional" not in {u.name for u in result.unknown_comunas}
    assert set(result.frame["comuna"]) == {"Corral"}


def test_without_its_alias_another_name_is_still_unknown():
    result = load(tracker(), name="rios.xlsx", aliases={"villa ficticia": "14101"})
    assert "14101" not in set(result.frame["comuna_code"])
    assert [u.name for u in result.unknown_comunas] == ["Villa Imaginaria", "Oficina Regional"]


def test_an_alias_wins_over_a_guess_at_a_typo():
    rows = [DATE, ["Comuna", "DocDigital"], ["Panguipuli", "En uso"]]
    guessed = load(tracker(rows), name="rios.xlsx")
    assert list(guessed.frame["comuna"]) == ["Panguipulli"]
    taught = load(tracker(rows), name="rios.xlsx", aliases={"panguipuli": "14103"})
    assert list(taught.frame["comuna"]) == ["Lanco"]


def test_an_alias_to_a_comuna_of_another_region_is_an_error_naming_both():
    result = load(tracker(), name="rios.xlsx", aliases={"villa imaginaria": "09101"})
    (message,) = [m for c, m in found(result, "error") if c == "A3"]
    assert "Temuco (09101), de la región de La Araucanía" in message
    assert "la región de Los Ríos" in message


def test_a_transposed_table_lists_its_unknown_name_at_the_sheets_own_cell():
    rows = [
        DATE,
        ["", "Valdivia", "Villa Imaginaria", "Corral"],
        ["DocDigital", "En uso", "En uso", "En uso"],
        ["FirmaGob", "En uso", "En uso", "En uso"],
    ]
    result = load(tracker(rows), name="rios.xlsx")
    assert result.unknown_comunas == [UnknownComuna("Villa Imaginaria", "14", "Los Ríos", "C2")]


ACTIVITIES = ["Fecha", "Comuna", "Actividad", "Plataforma"]


def test_an_activity_log_reads_a_taught_name_and_skips_one_taught_as_no_comuna():
    data = xlsx_bytes(
        {
            "Actividades Los Ríos": [
                ACTIVITIES,
                [dt.datetime(2025, 6, 11), "Villa Imaginaria", "Reunión inicial", ""],
                [dt.datetime(2025, 6, 12), "Oficina regional", "Taller práctico", "Nada"],
                [dt.datetime(2025, 6, 13), "Corral y Villa Imaginaria", "Taller práctico", ""],
            ]
        }
    )
    before = load(data, name="actividades.xlsx")
    assert [u.name for u in before.unknown_comunas] == ["Villa Imaginaria", "Oficina regional"]
    aliases = {"villa imaginaria": "14101", "oficina regional": None}
    result = load(data, name="actividades.xlsx", aliases=aliases)
    assert not found(result, "error") and not result.unknown_comunas
    read = result.activities[["comuna", "date", "activity"]].astype(str).values.tolist()
    assert read == [
        ["Valdivia", "2025-06-11", "reunion_inicial"],
        ["Corral", "2025-06-13", "taller_practico"],
        ["Valdivia", "2025-06-13", "taller_practico"],
    ]
    infos = [m for _, m in found(result, "info")]
    assert any("«Oficina regional» se marcó como «no es una comuna»" in m for m in infos)
    # the skipped row's unknown platform is not read either
    assert not [m for _, m in found(result, "warning") if "Nada" in m]


def test_an_attendance_list_counts_a_taught_municipality_and_leaves_out_one_taught_as_none():
    data = xlsx_bytes(
        {
            "Asistencia": [
                ["Mesa de Transformación Digital de Los Ríos — Lista de asistencia"],
                ["Fecha: 12 de septiembre de 2025"],
                [],
                ["N°", "Nombre", "Institución"],
                [1, "Persona Ficticia 1", "Municipalidad de Villa Imaginaria"],
                [2, "Persona Ficticia 2", "Municipalidad de Villa Imaginaria"],
                [3, "Persona Ficticia 3", "Municipalidad de Corral"],
                [4, "Persona Ficticia 4", "Municipalidad Modelo"],
            ]
        }
    )
    before = load(data, name="asistencia.xlsx")
    assert [u.name for u in before.unknown_comunas] == [
        "Municipalidad de Villa Imaginaria",
        "Municipalidad Modelo",
    ]
    aliases = {"municipalidad de villa imaginaria": "14101", "municipalidad modelo": None}
    result = load(data, name="asistencia.xlsx", aliases=aliases)
    assert not found(result, "error") and not result.unknown_comunas
    counted = dict(zip(result.activities["comuna"], result.activities["participants"], strict=True))
    assert counted == {"Valdivia": 2, "Corral": 1}


def test_candidates_are_every_comuna_of_the_region_likeliest_first():
    found_ = comuna_candidates("Pto. Mont", "10")
    assert found_[0][:2] == ("10101", "Puerto Montt")
    assert len(found_) == 30 and {code[:2] for code, _, _ in found_} == {"10"}
    scores = [score for _, _, score in found_]
    assert scores == sorted(scores, reverse=True)
    assert comuna_candidates("Temuko", "09", limit=1) == [("09101", "Temuco", 83.3)]


def test_candidates_of_equal_score_are_ordered_by_name():
    found_ = comuna_candidates("zzzz", "14")
    tied = [name for _, name, score in found_ if score == 0]
    assert tied == sorted(tied, key=fold) and len(tied) >= 2


def test_a_name_unknown_in_a_tracker_and_in_an_activity_log_is_listed_once():
    data = xlsx_bytes(
        {
            "Los Ríos": ROWS[:3],
            "Actividades Los Ríos": [
                ACTIVITIES,
                [dt.datetime(2025, 6, 11), "Villa Imaginaria", "Taller práctico", ""],
            ],
        }
    )
    result = load(data, name="rios.xlsx")
    assert len([e for e in result.errors if "Villa Imaginaria" in e.message]) == 2
    assert result.unknown_comunas == [UnknownComuna("Villa Imaginaria", "14", "Los Ríos", "A3")]
