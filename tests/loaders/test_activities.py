"""Activity logs: one row per activity becomes one row per activity × comuna × platform, with every
problem reported on its cell (the data contract's second frame)."""

import datetime as dt
import json

import pandas as pd
import pytest

from loaders import ACTIVITY_COLUMNS, load
from loaders.__main__ import main
from loaders.activities.tables import find_activity_table
from loaders.activities.words import headcount, header_role, modality_of
from loaders.sheets import Sheet
from loaders.text import fold
from loaders.vocabulary import ACTIVITIES, read_table, vocabulary
from tests.conftest import xlsx_bytes

HEADER = ["Fecha", "Comuna", "Actividad", "Plataforma", "Tema", "Modalidad", "N° participantes"]
DAY = dt.datetime(2025, 6, 11)


def log(*rows, header=HEADER, above=(), sheet="Actividades", as_of=None):
    """The result of loading a workbook with one activities sheet: rows under the header."""
    data = xlsx_bytes({sheet: [*above, header, *rows]})
    return load(data, name="actividades.xlsx", as_of=as_of)


def one(*cells, **options):
    """Load a log of one row given by its first cells (the rest empty)."""
    return log([*cells, *[""] * (len(HEADER) - len(cells))], **options)


def rows(result, *columns):
    """The activities frame's chosen columns as lists, participants as int or None."""
    frame = result.activities[list(columns)].astype(object)
    return frame.where(frame.notna(), None).values.tolist()


def issues(result, severity):
    return [(i.cell, i.message) for i in result.issues if i.severity == severity]


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Fecha", "date"),
        ("Fecha actividad", "date"),
        ("Fecha de la actividad", "date"),
        ("Día", "date"),
        ("Comuna", "comuna"),
        ("Comunas", "comuna"),
        ("Comuna(s)", "comuna"),
        ("Municipio", "comuna"),
        ("Municipalidad(es)", "comuna"),
        ("Actividad", "activity"),
        ("Tipo de actividad", "activity"),
        ("Instancia", "activity"),
        ("Tema", "topic"),
        ("Contenido", "topic"),
        ("Descripción", "topic"),
        ("Plataforma", "platform"),
        ("Plataforma(s)", "platform"),
        ("Modalidad", "modality"),
        ("Participantes", "participants"),
        ("N° participantes", "participants"),
        ("N° de participantes", "participants"),
        ("Asistentes", "participants"),
        ("N° asistentes", "participants"),
        ("Observaciones", "notes"),
        ("Institución", "institution"),
        ("Nombre", "person"),
        ("Nombre completo", "person"),
        ("RUT", "person"),
        ("Firma", "person"),
        ("N°", None),
        ("Cargo", None),
    ],
)
def test_header_words_of_activity_logs_and_attendance_lists(header, role):
    assert header_role(header) == role


def test_a_log_row_is_one_activity_with_the_contracts_columns_and_types():
    result = one(DAY, "Temuco", "Taller práctico", "", "Firma de decretos", "Presencial", 12)
    assert tuple(result.activities.columns) == ACTIVITY_COLUMNS
    assert str(result.activities.date.dtype) == "datetime64[s]"
    assert str(result.activities.participants.dtype) == "Int64"
    assert rows(result, *ACTIVITY_COLUMNS[:10]) == [
        [
            "09",
            "La Araucanía",
            "09101",
            "Temuco",
            pd.Timestamp("2025-06-11"),
            "taller_practico",
            "",
            "Firma de decretos",
            12,
            "presencial",
        ]
    ]
    assert rows(result, "sheet", "cell", "file") == [["Actividades", "A2", "actividades.xlsx"]]
    assert result.frame.empty and not result.errors


def test_headers_may_sit_under_title_rows_and_in_any_order():
    header = ["N°", "Modalidad", "Municipio", "Instancia", "Día", "Asistentes", "Contenido"]
    result = log(
        [1, "Remota", "Valdivia", "Diagnóstico", "03/07/2025", "7 personas", "Encuesta"],
        header=header,
        above=[["Registro UACh"], ["Plan de Acompañamiento Municipal"], []],
    )
    assert rows(result, "comuna", "date", "activity", "participants", "modality", "topic") == [
        ["Valdivia", pd.Timestamp("2025-07-03"), "diagnostico", 7, "remota", "Encuesta"]
    ]
    assert rows(result, "cell") == [["A5"]]


@pytest.mark.parametrize(
    "cell",
    [
        "Temuco, Padre Las Casas y Vilcún",
        "Temuco / Padre Las Casas / Vilcún",
        "Temuco\nPadre Las Casas\nVilcún",
        "Temuco; Padre Las Casas; Vilcún",
        "Temuco, Padre Las Casas, Vilcún, Temuco",
    ],
)
def test_several_comunas_in_a_cell_are_one_row_each_and_their_total_headcount_a_note(cell):
    result = one(DAY, cell, "Reunión inicial", "", "", "Presencial", "15 personas")
    assert rows(result, "comuna", "participants", "cell") == [
        ["Temuco", None, "A2"],
        ["Padre Las Casas", None, "A2"],
        ["Vilcún", None, "A2"],
    ]
    assert issues(result, "info") == [
        (
            "G2",
            "15 participantes en total para 3 comunas (Temuco, Padre Las Casas, Vilcún): la cifra "
            "no se reparte entre ellas y cada comuna queda sin cantidad",
        )
    ]


def test_several_comunas_without_a_headcount_need_no_note():
    result = one(DAY, "Pica y Huara", "Mesa regional")
    assert rows(result, "comuna", "participants") == [["Huara", None], ["Pica", None]][::-1]
    assert result.issues == []


def test_a_comuna_whose_name_holds_a_separator_is_one_comuna():
    result = one(DAY, "Padre Las Casas", "Taller")
    assert rows(result, "comuna") == [["Padre Las Casas"]]


@pytest.mark.parametrize(
    ("platform", "activity", "expected"),
    [
        ("FirmaGob y DocDigital", "Taller práctico", ["firmagob", "docdigital"]),
        ("FirmaGob, DocDigital", "Taller práctico", ["firmagob", "docdigital"]),
        ("Firma electrónica avanzada / Clave Única", "Taller", ["firmagob", "claveunica"]),
        ("", "Capacitación técnica FirmaGob", ["firmagob"]),
        ("", "Habilitación DocDigital", ["docdigital"]),
        ("", "Capacitación técnica de FirmaGob y PISEE", ["firmagob", "pisee"]),
        ("CPAT", "Capacitación técnica FirmaGob", ["cpat"]),
        ("", "Taller práctico", [""]),
        ("No aplica", "Taller práctico", [""]),
        ("-", "Taller práctico", [""]),
    ],
)
def test_platforms_from_their_cell_else_from_the_activitys_words_one_row_each(
    platform, activity, expected
):
    result = one(DAY, "Temuco", activity, platform, "", "", 9)
    assert rows(result, "platform") == [[p] for p in expected]
    assert rows(result, "participants") == [[9]] * len(expected)  # the same people on each
    assert not result.issues


def test_a_platform_cell_naming_no_platform_is_a_warning_and_no_platform():
    result = one(DAY, "Temuco", "Taller", "SIMPLE")
    assert rows(result, "platform") == [[""]]
    assert issues(result, "warning") == [
        (
            "D2",
            "plataforma desconocida «SIMPLE»; la actividad queda sin plataforma; se esperaba "
            "una o más de: DocDigital, FirmaGob, ClaveÚnica, CPAT, PISEE",
        )
    ]


@pytest.mark.parametrize(
    ("words", "activity"),
    [
        ("Reunión inicial", "reunion_inicial"),
        ("Presentación del plan de trabajo", "reunion_inicial"),
        ("Encuesta diagnóstica", "diagnostico"),
        ("Capacitación en gestión del cambio", "capacitacion_teorica"),
        ("Taller práctico de gestión del cambio", "taller_practico"),
        ("TALLER", "taller_practico"),
        ("Capacitación técnica FirmaGob", "capacitacion_tecnica"),
        ("Habilitación técnica", "capacitacion_tecnica"),
        ("Visita técnica", "asesoria_tecnica"),
        ("Soporte", "asesoria_tecnica"),
        ("Mesa de Transformación Digital", "mesa_regional"),
        ("Mesa regional", "mesa_regional"),
    ],
)
def test_activity_words_are_read_through_the_activities_table(words, activity):
    result = one(DAY, "Temuco", words)
    assert rows(result, "activity") == [[activity]]
    assert not [i for i in result.issues if i.severity != "info"]


def test_unknown_activity_words_are_kept_as_otra_with_a_warning_naming_cell_and_words():
    result = one(DAY, "Temuco", "Seminario de innovación", "", "", "", 30)
    assert rows(result, "activity", "topic", "participants") == [["otra", "", 30]]
    ((cell, message),) = issues(result, "warning")
    assert cell == "C2"
    assert message.startswith(
        "actividad desconocida «Seminario de innovación»; se cuenta como «Otra actividad»"
    )


def test_without_a_topic_column_the_activity_cell_is_the_topic_when_it_says_more():
    header = ["Fecha", "Comuna", "Actividad"]
    result = log(
        [DAY, "Temuco", "Capacitación técnica FirmaGob"],
        [DAY, "Temuco", "Taller práctico de firma de decretos"],
        [DAY, "Temuco", "Capacitación técnica de FirmaGob"],
        header=header,
    )
    assert rows(result, "activity", "topic") == [
        ["capacitacion_tecnica", ""],
        ["taller_practico", "Taller práctico de firma de decretos"],
    ]
    # the third row is the first again, in other words: counted once
    assert issues(result, "info")[0][0] == "A4"


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2025, 5, 15),
        45792,  # the Excel day number of 15-05-2025
        "15/05/2025",
        "15-05-2025",
        "15 de mayo de 2025",
        "15-may-2025",
        "jueves 15 de mayo de 2025",
        "2025-05-15",
    ],
)
def test_activity_dates_in_every_form_a_tracker_writes(value):
    result = one(value, "Temuco", "Taller")
    assert rows(result, "date") == [[pd.Timestamp("2025-05-15")]]
    assert not result.errors


def test_a_row_without_date_or_comuna_is_an_error_on_that_cell_and_is_left_out():
    result = log(
        ["", "Temuco", "Taller"],
        [DAY, "", "Taller"],
        ["mañana", "Temuco", "Taller"],
        [DAY, "Vilcún", "Taller"],
    )
    assert rows(result, "comuna") == [["Vilcún"]]
    errors = issues(result, "error")
    assert [cell for cell, _ in errors] == ["A2", "B3", "A4"]
    assert errors[0][1].startswith("la fila no tiene fecha: la celda «Fecha» está vacía")
    assert errors[1][1].startswith("la fila no tiene comuna: la celda «Comuna» está vacía")
    assert errors[2][1].startswith("fecha ilegible «mañana» en «Fecha»")
    assert result.exit_code == 1


def test_an_unknown_comuna_is_an_error_naming_its_cell_and_the_others_of_the_cell_are_kept():
    result = one(DAY, "Temuco y Villa Imaginaria", "Taller", "", "", "", 10)
    assert rows(result, "comuna", "participants") == [["Temuco", None]]
    (error,) = result.errors
    assert (error.cell, error.message) == (
        "B2",
        "comuna desconocida: «Villa Imaginaria»; se esperaba el nombre de una comuna de Chile",
    )
    assert "10 participantes en total para 2 comunas (Temuco)" in issues(result, "info")[0][1]


def test_a_comuna_of_another_region_than_the_sheets_is_an_error():
    result = one(DAY, "Temuco", "Taller", sheet="Los Ríos")
    assert result.activities.empty
    (error,) = result.errors
    assert error.cell == "B2"
    assert "«Temuco» es la comuna Temuco (09101), de la región de La Araucanía" in error.message
    assert "la hoja indica la región de Los Ríos" in error.message


def test_a_region_column_gives_each_row_its_region():
    header = ["Fecha", "Comuna", "Región", "Actividad"]
    result = log(
        [DAY, "Los Lagos", "Los Ríos", "Taller"],
        [DAY, "Puerto Montt", "Los Lagos", "Taller"],
        [DAY, "Valdivia", "Los Lagos", "Taller"],
        header=header,
    )
    assert rows(result, "comuna_code") == [["14104"], ["10101"]]
    assert [cell for cell, _ in issues(result, "error")] == ["B4"]


def test_a_comuna_written_inexactly_is_read_with_the_status_loaders_warning():
    result = one(DAY, "P. Las Casas", "Taller")
    assert rows(result, "comuna") == [["Padre Las Casas"]]
    assert issues(result, "warning") == [
        ("B2", "«P. Las Casas» se leyó como la comuna Padre Las Casas (09112)")
    ]


def test_a_date_after_the_cut_off_found_in_the_file_is_a_warning_and_the_row_is_kept():
    result = one(
        dt.datetime(2025, 10, 3), "Temuco", "Taller", above=[["Fecha de corte: 30/09/2025"]]
    )
    assert rows(result, "date") == [[pd.Timestamp("2025-10-03")]]
    assert result.as_of == dt.date(2025, 9, 30)
    assert issues(result, "warning") == [
        (
            "A3",
            "la actividad es del 03-10-2025, después de la fecha de corte del archivo "
            "(30-09-2025); se carga igual; revise el año o la fecha de corte",
        )
    ]


def test_a_date_after_the_cut_off_given_at_load_is_a_warning():
    result = one(dt.datetime(2025, 10, 3), "Temuco", "Taller", as_of=dt.date(2025, 9, 30))
    assert [cell for cell, _ in issues(result, "warning")] == ["A2"]
    assert result.as_of == dt.date(2025, 9, 30)


def test_a_date_before_2020_is_a_warning_and_the_row_is_kept():
    result = one("15/05/2019", "Temuco", "Taller")
    assert rows(result, "date") == [[pd.Timestamp("2019-05-15")]]
    assert issues(result, "warning") == [
        ("A2", "la actividad es del 15-05-2019, antes de 2020; se carga igual; revise el año")
    ]


@pytest.mark.parametrize(
    ("value", "count"),
    [(12, 12), (12.0, 12), ("12", 12), ("12.0", 12), ("12 personas", 12), ("12personas", 12),
     (" 12 participantes ", 12), ("12 pers.", 12), ("", None), (None, None), (0, 0)],
)  # fmt: skip
def test_headcounts_that_can_be_read(value, count):
    assert headcount(value) == (count, True)


@pytest.mark.parametrize(
    "value", ["doce", "varios", -3, "-3", 12.5, "12,5", "12 a 15", "12 sillas", True, "1234567890"]
)
def test_a_headcount_that_cannot_be_read_is_an_error_on_its_cell_and_the_row_is_kept(value):
    assert headcount(value) == (None, False)
    result = one(DAY, "Temuco", "Taller", "", "", "", value)
    assert rows(result, "comuna", "participants") == [["Temuco", None]]
    (error,) = result.errors
    assert error.cell == "G2"
    assert error.message.startswith("cantidad de participantes ilegible")
    assert "la actividad se carga sin cantidad" in error.message


def test_a_headcount_text_with_a_long_run_of_blanks_is_read_in_one_pass():
    # a pattern that backtracks over the blanks would take hours on this cell
    assert headcount("1 a" + " " * 30_000 + "b") == (None, False)


def test_an_absurd_headcount_is_an_error_not_a_number_too_large_for_the_frame():
    result = one(DAY, "Temuco", "Taller", "", "", "", "99999999999999999999999")
    assert rows(result, "participants") == [[None]]
    assert [i.cell for i in result.errors] == ["G2"]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Presencial", "presencial"),
        ("PRESENCIAL", "presencial"),
        ("Remota", "remota"),
        ("Online", "remota"),
        ("En línea", "remota"),
        ("Virtual", "remota"),
        ("Videoconferencia", "remota"),
        ("Zoom", "remota"),
        ("Teams", "remota"),
        ("", ""),
        ("Híbrida", None),
    ],
)
def test_modality_words(text, modality):
    assert modality_of(text) == modality


def test_an_unknown_modality_is_a_warning_and_no_modality():
    result = one(DAY, "Temuco", "Taller", "", "", "Híbrida")
    assert rows(result, "modality") == [[""]]
    assert [cell for cell, _ in issues(result, "warning")] == ["F2"]


def test_the_same_activity_twice_counts_once_with_a_note():
    same = [DAY, "Temuco", "Taller", "FirmaGob y DocDigital", "", "", 8]
    result = log(same, same)
    assert rows(result, "platform", "participants", "cell") == [
        ["firmagob", 8, "A2"],
        ["docdigital", 8, "A2"],
    ]
    assert issues(result, "info") == [
        ("A3", "Temuco / Taller práctico del 11-06-2025 aparece de nuevo (ya en Actividades!A2); "
         "se cuenta una vez")
    ]  # fmt: skip


def test_the_same_activity_with_different_headcounts_keeps_the_first_and_warns_naming_both():
    result = log([DAY, "Temuco", "Taller", "", "", "", 8], [DAY, "Temuco", "Taller", "", "", "", 9])
    assert rows(result, "participants", "cell") == [[8, "A2"]]
    assert issues(result, "warning") == [
        (
            "A3",
            "Temuco / Taller práctico del 11-06-2025 aparece dos veces con distinta cantidad de "
            "participantes: 8 en Actividades!A2 y 9 en Actividades!A3; se conserva la primera; "
            "corrija o borre la otra",
        )
    ]


def test_the_same_comuna_on_another_day_or_platform_is_another_activity():
    result = log(
        [DAY, "Temuco", "Taller", "FirmaGob"],
        [DAY, "Temuco", "Taller", "DocDigital"],
        [dt.datetime(2025, 6, 12), "Temuco", "Taller", "FirmaGob"],
    )
    assert len(result.activities) == 3
    assert result.issues == []


def test_blank_numbered_rows_totals_and_notes_columns_are_no_activities():
    header = ["N°", *HEADER, "Observaciones"]
    result = log(
        [1, DAY, "Temuco", "Taller", "", "", "", 5, "se repite en julio"],
        [2],
        ["Total", "", "", "", "", "", "", 5],
        header=header,
    )
    assert rows(result, "comuna", "participants", "topic") == [["Temuco", 5, ""]]
    assert result.issues == []


def test_a_status_log_with_fecha_comuna_plataforma_and_estado_stays_a_status_log():
    header = ["Fecha", "Comuna", "Plataforma", "Estado", "Actividad"]
    result = log([DAY, "Temuco", "FirmaGob", "En uso", "Capacitación técnica"], header=header)
    assert result.frame[["comuna", "platform", "stage"]].values.tolist() == [
        ["Temuco", "firmagob", "en_uso"]
    ]
    assert result.activities.empty


def test_a_workbook_of_activities_only_has_no_tracker_table_or_cut_off_error():
    result = one(DAY, "Temuco", "Taller")
    assert result.errors == []
    assert result.as_of == dt.date(2025, 6, 11)  # its newest activity, without a cut-off


def test_a_workbook_of_activities_only_is_dated_by_the_cut_off_it_says():
    result = one(DAY, "Temuco", "Taller", above=[["Actualizado al 30 de septiembre de 2025"]])
    assert result.as_of == dt.date(2025, 9, 30)


def test_a_workbook_with_neither_trackers_nor_activities_is_still_an_error():
    result = load(xlsx_bytes({"Hoja1": [["Algo"], ["Nada más"]]}), name="x.xlsx")
    messages = [i.message for i in result.errors]
    assert len(messages) == 1
    assert messages[0].startswith("no se encontró ninguna tabla de seguimiento")
    assert "una hoja de actividades («Fecha», «Comuna», «Actividad»)" in messages[0]


def test_a_tracker_sheet_and_an_activities_sheet_give_both_frames_and_one_cut_off():
    tracker = [["Fecha de corte: 30/09/2025"], ["Comuna", "FirmaGob"], ["Temuco", "En uso"]]
    activities = [HEADER, [dt.datetime(2025, 5, 2), "Temuco", "Taller"]]
    result = load(xlsx_bytes({"La Araucanía": tracker, "Actividades": activities}), name="t.xlsx")
    assert len(result.frame) == 1 and len(result.activities) == 1
    assert result.as_of == dt.date(2025, 9, 30)
    assert result.issues == []


def test_an_activity_date_under_fecha_is_no_cut_off_of_the_tracker_beside_it():
    tracker = [["Comuna", "FirmaGob"], ["Temuco", "En uso"]]
    activities = [HEADER, [dt.datetime(2025, 5, 2), "Temuco", "Taller"]]
    result = load(xlsx_bytes({"Seguimiento": tracker, "Actividades": activities}), name="t.xlsx")
    assert result.frame.as_of.isna().all() and result.as_of is None
    assert [i.message[:33] for i in result.errors] == ["no se encontró la fecha de corte;"]


def test_a_list_of_values_sheet_is_not_read_as_activities():
    lists = [["Comunas", "Actividades"], ["Temuco", "Taller"], ["Vilcún", "Diagnóstico"]]
    tracker = [["Fecha de corte: 30/09/2025"], ["Comuna", "FirmaGob"], ["Temuco", "En uso"]]
    result = load(xlsx_bytes({"Seguimiento": tracker, "Listas": lists}), name="t.xlsx")
    assert result.activities.empty
    assert ("info", "Listas", "hoja de instrucciones; se omite") in [
        (i.severity, i.sheet, i.message) for i in result.issues
    ]


def test_a_log_without_dates_anywhere_is_one_error_not_one_per_row():
    result = log(["Temuco", "Taller"], ["Vilcún", "Taller"], header=["Comuna", "Actividad"])
    assert result.activities.empty
    assert issues(result, "error") == [
        (
            "A1",
            "la tabla de actividades no tiene columna «Fecha» ni una fecha sobre ella; se "
            "esperaba la fecha de cada actividad",
        )
    ]


def test_a_log_without_a_date_column_takes_the_date_over_it():
    result = log(
        ["Temuco", "Taller"],
        header=["Comuna", "Actividad"],
        above=[["Fecha: 3 de julio de 2025"], ["Modalidad: Online"]],
    )
    assert rows(result, "date", "modality") == [[pd.Timestamp("2025-07-03"), "remota"]]
    assert result.as_of == dt.date(2025, 7, 3)


def test_a_cell_naming_too_many_comunas_is_one_error():
    names = ", ".join(["Temuco"] * 100)
    result = one(DAY, names, "Taller")
    assert result.activities.empty
    assert [i.message for i in result.errors] == [
        "la celda nombra 100 comunas; se esperaba a lo más 40, separadas por comas"
    ]


def test_the_command_line_writes_the_activities_and_counts_them(tmp_path, capsys):
    path = tmp_path / "actividades.xlsx"
    path.write_bytes(xlsx_bytes({"A": [HEADER, [DAY, "Temuco, Vilcún", "Taller", "", "", "", 4]]}))
    out = tmp_path / "act.csv"
    assert main([str(path), "--activities", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith("actividades.xlsx: 0 filas, 2 actividades, ")
    written = out.read_text(encoding="utf-8").splitlines()
    assert written[0] == ",".join(ACTIVITY_COLUMNS)
    assert written[1] == (  # the workbook names no source: empty, not its file name
        "09,La Araucanía,09101,Temuco,2025-06-11,taller_practico,,,,,,actividades.xlsx,A,A2"
    )
    assert main([str(path), "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    assert (entry["rows"], entry["activities"]) == (0, 2)


def test_the_command_line_writes_only_the_header_when_there_are_no_activities(tmp_path, capsys):
    path = tmp_path / "seguimiento.xlsx"
    tracker = [["Fecha de corte: 30/09/2025"], ["Comuna", "FirmaGob"], ["Temuco", "En uso"]]
    path.write_bytes(xlsx_bytes({"S": tracker}))
    out = tmp_path / "act.csv"
    assert main([str(path), "--activities", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ",".join(ACTIVITY_COLUMNS) + "\n"
    assert "1 filas, 0 actividades" in capsys.readouterr().out


def test_the_command_lines_exit_status_with_activity_errors_and_unreadable_files(tmp_path, capsys):
    bad = tmp_path / "malo.xlsx"
    bad.write_bytes(xlsx_bytes({"A": [HEADER, ["", "Temuco", "Taller"], [DAY, "Pica", "Taller"]]}))
    out = tmp_path / "act.csv"
    assert main([str(bad), "--activities", str(out)]) == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2  # the good row is kept
    broken = tmp_path / "roto.xlsx"
    broken.write_bytes(b"PK\x03\x04 no es una planilla")
    assert main([str(bad), str(broken), "--activities", str(out)]) == 2
    capsys.readouterr()


@pytest.mark.parametrize(
    ("table", "key", "values"),
    [
        ("activities.csv", "activity", set(ACTIVITIES)),
        ("modalities.csv", "modality", {"presencial", "remota"}),
        (
            "activity_headers.csv",
            "role",
            {"date", "comuna", "region", "activity", "topic", "platform", "modality"}
            | {"participants", "notes", "institution", "person"},
        ),
    ],
)
def test_each_phrase_of_an_activity_table_has_one_meaning_among_those_read(table, key, values):
    seen: dict[str, str] = {}
    for row in read_table(table):
        if row["phrase"]:
            assert seen.setdefault(fold(row["phrase"]), row[key]) == row[key], row
    assert {row[key] for row in read_table(table)} == values


def test_a_header_naming_a_platform_is_a_trackers_never_an_activity_tables():
    tracker = Sheet("S", [["Comuna", "¿Firma Gob habilitado?", "Actividad"], ["Temuco", "Sí", ""]])
    signed = Sheet("S", [["N°", "Comuna", "Firma"], [1, "Temuco", ""]])
    assert find_activity_table(tracker, vocabulary()) is None
    assert find_activity_table(signed, vocabulary()).kind == "attendance"
