"""The column alternative: an own or a private solution named by the tracker's words, else empty."""

import pytest

from loaders import COLUMNS, load
from loaders.vocabulary import ALTERNATIVES, alternative_label, stage_label
from tests.conftest import xlsx_bytes
from tests.loaders.test_fixtures import TRACKERS, variants

DATE = "Fecha de corte: 30/09/2025"


def read(*statuses: str):
    """Load a one-row tracker of Valdivia with one status per platform, in order."""
    header = ["Comuna", "DocDigital", "FirmaGob", "ClaveÚnica", "CPAT", "PISEE"]
    rows = [[DATE], header[: len(statuses) + 1], ["Valdivia", *statuses]]
    return load(xlsx_bytes({"S": rows}), name="t.xlsx")


def test_the_column_comes_right_after_the_stage_as_the_contract_orders_it():
    assert COLUMNS.index("alternative") == COLUMNS.index("stage") + 1
    assert ALTERNATIVES == ("propia", "privada")


@pytest.mark.parametrize(
    ("written", "alternative"),
    [
        ("Solución propia", "propia"),
        ("Sistema propio", "propia"),
        ("Desarrollo municipal", "propia"),
        ("DESARROLLO PROPIO", "propia"),
        ("usa solución propia (gestor documental)", "propia"),
        ("Proveedor privado", "privada"),
        ("Empresa externa", "privada"),
        ("Servicio contratado", "privada"),
        ("proveedor externo", "privada"),
        ("Solución alternativa", ""),
        ("Otra plataforma", ""),
    ],
)
def test_own_or_private_words_are_the_stage_alternativa_and_say_which(written, alternative):
    result = read(written)
    assert not result.issues
    assert result.frame[["stage", "alternative", "status_raw"]].values.tolist() == [
        ["alternativa", alternative, written]
    ]


def test_other_stages_always_have_it_empty():
    result = read("En uso", "Habilitada", "", "No aplica", "Pendiente")
    assert set(result.frame["alternative"]) == {""}


def test_words_naming_both_are_a_warning_on_the_cell_and_stay_undistinguished():
    result = read("En uso", "Sistema propio con proveedor externo")
    row = result.frame.set_index("platform").loc["firmagob"]
    assert (row["stage"], row["alternative"]) == ("alternativa", "")
    (warning,) = result.issues
    assert (warning.severity, warning.sheet, warning.cell) == ("warning", "S", "C3")
    assert "propia" in warning.message and "privado" in warning.message


def test_the_same_cell_told_twice_as_own_and_as_private_is_a_conflict_not_a_pick():
    rows = [
        [DATE],
        ["Municipio", "Plataforma", "Estado"],
        ["Valdivia", "FirmaGob", "Solución propia"],
        ["Valdivia", "FirmaGob", "Proveedor privado"],
        ["Valdivia", "DocDigital", "Sistema propio"],
        ["Valdivia", "DocDigital", "Desarrollo municipal"],
    ]
    result = load(xlsx_bytes({"Mesa": rows}), name="t.xlsx")
    assert [(e.sheet, e.cell) for e in result.errors] == [("Mesa", "C3"), ("Mesa", "C4")]
    assert result.frame[["platform", "alternative"]].values.tolist() == [["docdigital", "propia"]]


@pytest.mark.parametrize("path", variants(TRACKERS), ids=lambda p: p.name)
def test_every_fixture_names_an_alternative_only_at_the_stage_alternativa(path):
    frame = load(path).frame
    named = frame[frame["alternative"] != ""]
    assert set(named["stage"]) == {"alternativa"}
    assert set(frame["alternative"]) == {"", "propia", "privada"}


def test_people_read_the_alternative_in_place_of_the_stage_or_in_a_column_of_its_own():
    assert stage_label("alternativa", "propia") == "Solución propia"
    assert stage_label("alternativa", "privada") == "Proveedor privado"
    assert stage_label("alternativa", "") == "Solución alternativa"
    assert stage_label("en_uso", "propia") == "En uso"
    assert [alternative_label(a) for a in ("propia", "privada", "", None)] == [
        "Propia",
        "Privada",
        "",
        "",
    ]
