"""Reading table rows: each comuna is real and of the sheet's region; layouts plug in as modules."""

from types import SimpleNamespace

import pytest

from loaders import load
from loaders.gazetteer import gazetteer
from loaders.layout import Table
from loaders.rows import EXCEL_ERRORS, LAYOUTS, UNSAVED_FORMULA, RowReader
from loaders.sheets import Sheet
from loaders.vocabulary import vocabulary
from tests.conftest import xlsx_bytes

DATE = "Fecha de corte: 30/09/2025"


def loaded(sheets: dict[str, list[list[object]]]):
    """The load result of a workbook with the given sheets."""
    return load(xlsx_bytes(sheets), name="t.xlsx")


def errors_by_cell(result) -> dict[str, str]:
    """Cell -> message of every error of a load result."""
    return {i.cell: i.message for i in result.errors}


# --- comunas of another region -------------------------------------------------------------


def test_a_comuna_of_another_region_is_an_error_naming_both_regions_and_gives_no_row():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Valdivia", "En uso"], ["Osorno", "En uso"]]
    result = loaded({"Los Ríos": rows})
    assert list(result.frame.comuna_code) == ["14101"]
    message = errors_by_cell(result)["A4"]
    assert "Osorno (10301)" in message
    assert "región de Los Lagos" in message and "región de Los Ríos" in message
    assert not [i for i in result.issues if i.severity == "warning"]


def test_a_typo_near_a_comuna_of_another_region_is_an_error_not_a_guess():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Lago Ranko", "En uso"]]
    result = loaded({"Los Lagos": rows})
    assert result.frame.empty
    message = errors_by_cell(result)["A3"]
    assert "se parece a la comuna Lago Ranco (14203)" in message
    assert "región de Los Ríos" in message and "región de Los Lagos" in message


def test_the_same_typo_in_its_own_region_is_read_with_a_warning():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Lago Ranko", "En uso"]]
    result = loaded({"Los Ríos": rows})
    assert list(result.frame.comuna_code) == ["14203"]
    assert not result.errors
    assert "por parecido" in result.issues[-1].message


def test_a_region_column_scopes_its_own_row():
    rows = [
        [DATE],
        ["Región", "Comuna", "DocDigital"],
        ["Los Ríos", "Valdivia", "En uso"],
        ["Los Ríos", "Osorno", "En uso"],
        ["Los Lagos", "Osorno", "Habilitada"],
    ]
    result = loaded({"S": rows})
    assert list(result.frame.comuna_code) == ["14101", "10301"]
    assert list(errors_by_cell(result)) == ["B4"]


def test_without_a_region_any_comuna_of_chile_is_read():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Osorno", "En uso"], ["Iquique", "En uso"]]
    result = loaded({"Hoja1": rows})
    assert list(result.frame.comuna_code) == ["10301", "01101"]
    assert not result.errors


# --- Los Lagos: a region and a comuna of Los Ríos ----------------------------------------------


def test_los_lagos_with_statuses_in_a_los_lagos_sheet_is_a_mistake_of_region():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Los Lagos", "En uso"], ["Osorno", "En uso"]]
    result = loaded({"Los Lagos": rows})
    assert list(result.frame.comuna_code) == ["10301"]
    message = errors_by_cell(result)["A3"]
    assert "la comuna Los Lagos (14104), de la región de Los Ríos" in message
    assert "la hoja indica la región de Los Lagos" in message


def test_los_lagos_alone_in_a_los_lagos_sheet_restates_the_region():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Los Lagos"], ["Osorno", "En uso"]]
    result = loaded({"Los Lagos": rows})
    assert list(result.frame.comuna_code) == ["10301"]
    assert not [i for i in result.issues if i.severity != "info"]


def test_los_lagos_in_a_los_rios_sheet_is_the_comuna():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Los Lagos"], ["Valdivia", "En uso"]]
    result = loaded({"Los Ríos": rows})
    assert list(result.frame.comuna_code) == ["14104", "14101"]
    assert list(result.frame.stage) == ["sin_informacion", "en_uso"]


# --- invented comunas -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["C", "[°C]", "Привет c", "Тemuco", "Camila", "OLIVER", "Temuko", "V", "Cochane"]
)
def test_text_that_is_no_plausible_comuna_is_an_error_on_its_cell(text):
    rows = [[DATE], ["Comuna", "DocDigital"], ["Valdivia", "En uso"], [text, "En uso"]]
    result = loaded({"Seguimiento": rows})
    assert list(result.frame.comuna_code) == ["14101"]
    assert errors_by_cell(result)["A4"].startswith(f"comuna desconocida: «{text}»")


# --- layouts plug in as modules -------------------------------------------------------------


def test_the_public_names_are_kept():
    assert UNSAVED_FORMULA.lower() in EXCEL_ERRORS
    assert callable(RowReader)


@pytest.mark.parametrize("kind", ["wide", "long", "yesno"])
def test_every_layout_the_table_finder_gives_has_a_reader(kind):
    layout = LAYOUTS[kind]
    assert callable(layout.data_columns)
    assert callable(layout.records)


def test_a_new_layout_is_a_module_and_a_row_of_layouts(monkeypatch):
    def records(cells, sheet, table, row, r, match):
        return [(match.region_code, match.code, match.name, "cpat", "en_uso", row[1], "S", "B1")]

    stub = SimpleNamespace(data_columns=lambda table: [1], records=records)
    monkeypatch.setitem(LAYOUTS, "stub", stub)
    sheet = Sheet("S", [["Comuna", "x"], ["Valdivia", "sí"], ["Nadie", ""], ["Osorno", "sí"]])
    table = Table(kind="stub", header_rows=(0, 0), comuna_col=0, key_cols=[0])
    reader = RowReader(vocabulary(), gazetteer())
    records_read = reader.read(sheet, table, "14")
    assert [r[1] for r in records_read] == ["14101"]
    assert [i.cell for i in reader.issues] == ["A4"]
