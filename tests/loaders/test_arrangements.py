"""Other arrangements: tables on their side, several tables stacked in a sheet, «Resumen» sheets."""

from pathlib import Path

import openpyxl
import pytest

from loaders import load
from loaders.rows.cells import raw_text
from tests.conftest import xlsx_bytes

DATE = "Fecha de corte: 30/09/2025"
LABELS = ["DocDigital", "FirmaGob", "ClaveÚnica", "CPAT", "PISEE"]
TRACKERS = Path(__file__).parents[1] / "fixtures" / "trackers"


def stages(result) -> dict[tuple[str, str], str]:
    """(comuna, platform) -> stage of a load result."""
    frame = result.frame
    return dict(zip(zip(frame.comuna, frame.platform, strict=True), frame.stage, strict=True))


def cells(result) -> dict[tuple[str, str], str]:
    """(comuna, platform) -> the cell its status was read from."""
    frame = result.frame
    return dict(zip(zip(frame.comuna, frame.platform, strict=True), frame.cell, strict=True))


def notes(result) -> list[tuple[str, str, str, str]]:
    """Every issue as (severity, sheet, cell, message)."""
    return [(i.severity, i.sheet, i.cell, i.message) for i in result.issues]


LOS_RIOS_TURNED = [
    ["Resumen Los Ríos"],
    [DATE],
    ["Plataforma", "Valdivia", "Lanco", "Corral", "Total"],
    ["DocDigital", "En uso", "Habilitada", "En proceso", 1],
    ["FirmaGob", "Habilitada", "No iniciado", "En uso", 1],
    ["ClaveÚnica", "En uso", "", "No aplica", 1],
    ["CPAT", "Pendiente", "En curso", "Solución propia", 0],
    ["PISEE", "", "En uso", "Habilitada", 1],
]


def test_a_transposed_table_names_the_real_cell_of_each_status():
    result = load(xlsx_bytes({"Resumen Los Ríos": LOS_RIOS_TURNED}), name="t.xlsx")
    assert not result.errors
    assert stages(result)["Corral", "firmagob"] == "en_uso"
    assert cells(result)["Corral", "firmagob"] == "D5"
    assert cells(result)["Valdivia", "pisee"] == "B8"
    assert len(result.frame) == 15  # the total column is not a comuna


def test_a_transposed_table_reads_like_the_same_table_upright():
    upright = [[DATE], ["Comuna", *LABELS]]
    for c, name in enumerate(LOS_RIOS_TURNED[2][1:4], start=1):
        upright.append([name, *(row[c] for row in LOS_RIOS_TURNED[3:])])
    turned = load(xlsx_bytes({"Resumen Los Ríos": LOS_RIOS_TURNED}), name="t.xlsx")
    straight = load(xlsx_bytes({"Los Ríos": upright}), name="t.xlsx")
    key = ["comuna_code", "platform", "stage", "status_raw", "as_of"]
    assert turned.frame[key].sort_values(key).values.tolist() == (
        straight.frame[key].sort_values(key).values.tolist()
    )


def test_problems_in_a_transposed_table_name_the_sheets_own_cells():
    rows = [
        [DATE],
        ["", "Valdivia", "Villa Imaginaria", "Corral"],
        ["DocDigital", "En uso", "En uso", "Quizás"],
        ["FirmaGob", "En uso", "En uso", "En uso"],
    ]
    result = load(xlsx_bytes({"Los Ríos": rows}), name="t.xlsx")
    errors = {e.cell: e.message for e in result.errors}
    assert set(errors) == {"C2", "D3"}
    assert "«Villa Imaginaria»" in errors["C2"]
    assert "«Quizás»" in errors["D3"]
    assert cells(result) == {
        ("Valdivia", "docdigital"): "B3",
        ("Valdivia", "firmagob"): "B4",
        ("Corral", "firmagob"): "D4",
    }


def test_a_transposed_yes_no_matrix_combines_its_answers():
    rows = [
        [DATE],
        ["Comuna", "Valdivia", "Corral"],
        ["¿FirmaGob habilitado?", "Sí", "Sí"],
        ["¿FirmaGob en uso?", "Sí", "No"],
    ]
    result = load(xlsx_bytes({"Los Ríos": rows}), name="t.xlsx")
    assert stages(result) == {
        ("Valdivia", "firmagob"): "en_uso",
        ("Corral", "firmagob"): "habilitada",
    }
    assert not result.errors


def test_a_transposed_table_with_platforms_merged_over_state_and_date_rows():
    rows = [
        [DATE],
        ["Plataforma", None, "Valdivia", "Corral"],
        ["DocDigital", "Estado", "En uso", "Habilitada"],
        [None, "Fecha", "01/02/2024", None],
        ["FirmaGob", "Estado", "Pendiente", "En uso"],
        [None, "Fecha", None, "03/04/2025"],
    ]
    book = xlsx_bytes({"Los Ríos": rows}, {"Los Ríos": ["A3:A4", "A5:A6"]})
    result = load(book, name="t.xlsx")
    assert not result.errors
    assert cells(result) == {
        ("Valdivia", "docdigital"): "C3",
        ("Corral", "docdigital"): "D3",
        ("Valdivia", "firmagob"): "C5",
        ("Corral", "firmagob"): "D5",
    }


def test_a_transposed_table_spans_blank_rows_and_leaves_out_a_notes_column():
    rows = [
        [DATE],
        ["Plataforma", "Valdivia", "Observaciones", "Corral"],
        ["DocDigital", "En uso", "capacitación en octubre", "Habilitada"],
        [],
        ["FirmaGob", "En proceso", "sin novedad", "En uso"],
    ]
    result = load(xlsx_bytes({"Los Ríos": rows}), name="t.xlsx")
    assert notes(result) == []
    assert cells(result) == {
        ("Valdivia", "docdigital"): "B3",
        ("Corral", "docdigital"): "D3",
        ("Valdivia", "firmagob"): "B5",
        ("Corral", "firmagob"): "D5",
    }


def test_two_transposed_tables_one_below_the_other_are_both_read():
    rows = [
        [DATE],
        ["Plataforma", "Valdivia", "Corral"],
        ["DocDigital", "En uso", "Habilitada"],
        [],
        ["Plataforma", "Lanco", "Máfil"],
        ["DocDigital", "En proceso", "En uso"],
    ]
    result = load(xlsx_bytes({"Los Ríos": rows}), name="t.xlsx")
    assert notes(result) == []
    assert cells(result) == {
        ("Valdivia", "docdigital"): "B3",
        ("Corral", "docdigital"): "C3",
        ("Lanco", "docdigital"): "B6",
        ("Máfil", "docdigital"): "C6",
    }


def test_counts_by_platform_and_stage_are_not_read_as_a_transposed_table():
    rows = [
        [DATE],
        ["Plataforma", "En uso", "Habilitada", "En proceso"],
        ["DocDigital", 3, 2, 1],
        ["FirmaGob", 1, 1, 1],
    ]
    result = load(
        xlsx_bytes({"Conteos": rows, "Datos": [[DATE], ["Comuna", "CPAT"], ["Lanco", "En uso"]]}),
        name="t.xlsx",
    )
    assert len(result.frame) == 1
    assert [(i.severity, i.sheet) for i in result.issues] == [("warning", "Conteos")]


def test_a_long_table_with_the_platform_first_is_not_taken_for_a_transposed_one():
    rows = [
        [DATE],
        ["Plataforma", "Comuna", "Estado"],
        ["DocDigital", "Valdivia", "En uso"],
        ["Otra plataforma", "Lanco", "En uso"],
        ["FirmaGob", "Lanco", "Habilitada"],
        ["FirmaGob", "Corral", "En uso"],
    ]
    result = load(xlsx_bytes({"Los Ríos": rows}), name="t.xlsx")
    assert [e.cell for e in result.errors] == ["A4"]
    assert cells(result) == {
        ("Valdivia", "docdigital"): "C3",
        ("Lanco", "firmagob"): "C5",
        ("Corral", "firmagob"): "C6",
    }


def stacked_araucania() -> list[list[object]]:
    """Three provinces' tables in one sheet: titles, repeated headers (the second one in another
    column order), subtotals."""
    return [
        ["Seguimiento de plataformas — La Araucanía"],
        [DATE],
        [],
        ["Provincia de Cautín"],
        ["Comuna", "DocDigital", "FirmaGob"],
        ["Temuco", "En uso", "Habilitada"],
        ["Padre Las Casas", "En proceso", None],
        ["Total provincia", 1, 1],
        [],
        ["Provincia de Malleco"],
        ["Municipio", "FirmaGob", "DocDigital"],
        ["Angol", "En uso", "Pendiente"],
        ["Victoria", "No aplica", "Habilitada"],
        ["Sub-total", 1, 1],
        ["Comuna", "DocDigital", "FirmaGob"],
        ["Collipulli", "En uso", "En uso"],
    ]


def test_every_stacked_table_is_read_and_repeated_headers_are_quiet():
    result = load(xlsx_bytes({"Provincias": stacked_araucania()}), name="t.xlsx")
    assert notes(result) == []
    assert stages(result) == {
        ("Temuco", "docdigital"): "en_uso",
        ("Temuco", "firmagob"): "habilitada",
        ("Padre Las Casas", "docdigital"): "en_proceso",
        ("Padre Las Casas", "firmagob"): "sin_informacion",
        ("Angol", "firmagob"): "en_uso",
        ("Angol", "docdigital"): "sin_iniciar",
        ("Victoria", "firmagob"): "no_aplica",
        ("Victoria", "docdigital"): "habilitada",
        ("Collipulli", "docdigital"): "en_uso",
        ("Collipulli", "firmagob"): "en_uso",
    }


def test_each_stacked_table_is_read_through_its_own_header():
    result = load(xlsx_bytes({"Provincias": stacked_araucania()}), name="t.xlsx")
    assert cells(result)["Angol", "firmagob"] == "B12"
    assert cells(result)["Angol", "docdigital"] == "C12"
    assert cells(result)["Collipulli", "docdigital"] == "B16"


def test_a_province_named_like_a_comuna_right_above_a_header_is_its_title():
    rows = [
        [DATE],
        ["Llanquihue"],
        ["Comuna", "DocDigital"],
        ["Puerto Montt", "En uso"],
        ["Llanquihue", "Habilitada"],
        [],
        ["Osorno"],
        ["Comuna", "DocDigital"],
        ["Osorno", "En proceso"],
        ["Purranque", "En uso"],
    ]
    result = load(xlsx_bytes({"Los Lagos": rows}), name="t.xlsx")
    assert notes(result) == []
    assert stages(result) == {
        ("Puerto Montt", "docdigital"): "en_uso",
        ("Llanquihue", "docdigital"): "habilitada",
        ("Osorno", "docdigital"): "en_proceso",
        ("Purranque", "docdigital"): "en_uso",
    }


def test_a_comuna_row_just_above_the_next_table_stays_a_row_of_the_table_above():
    # Iquique is also a province; its row has empty cells but is not the next table's title
    rows = [
        [DATE],
        ["Comuna", "DocDigital", "FirmaGob"],
        ["Alto Hospicio", "En uso", "En uso"],
        ["Iquique", None, None],
        ["Comuna", "DocDigital", "FirmaGob"],
        ["Pica", "Habilitada", "En uso"],
    ]
    result = load(xlsx_bytes({"Tarapacá": rows}), name="t.xlsx")
    assert stages(result)["Iquique", "docdigital"] == "sin_informacion"
    assert cells(result)["Iquique", "firmagob"] == "C4"
    assert len(result.frame) == 6
    assert notes(result) == []


def test_section_rows_with_subtotals_are_quiet_and_still_set_the_region():
    rows = [
        [DATE],
        ["Comuna", "DocDigital"],
        ["Región de Los Ríos", 2],
        ["Los Lagos", "En uso"],
        ["Provincia de Valdivia", 1],
        ["Región de Los Lagos", 1],
        ["Puerto Montt", "Habilitada"],
    ]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert notes(result) == []
    assert list(result.frame.comuna_code) == ["14104", "10101"]


def test_a_resumen_sheet_holding_a_comuna_table_is_read():
    book = xlsx_bytes(
        {
            "Resumen": [[DATE], ["Comuna", "DocDigital"], ["Valdivia", "En uso"], ["Total", 1]],
            "Resumen Los Ríos": LOS_RIOS_TURNED,
        }
    )
    result = load(book, name="t.xlsx")
    assert result.sheets_read == ["Resumen", "Resumen Los Ríos"]
    assert ("Valdivia", "docdigital") in stages(result)
    assert len(result.frame) == 15  # Valdivia / DocDigital agrees in both sheets: counted once


def test_a_resumen_sheet_of_totals_only_is_skipped_with_a_note():
    totals = [
        ["Resumen de avance"],
        [DATE],
        ["Comuna", *LABELS],
        ["Total Los Ríos", 3, 2, 1, 0, 1],
        ["Total general", 5, 4, 3, 2, 1],
        [],
        ["Plataforma", "En uso", "Habilitada"],
        *[[label, 1, 2] for label in LABELS],
    ]
    book = xlsx_bytes(
        {"Datos": [[DATE], ["Comuna", "CPAT"], ["Lanco", "En uso"]], "Resumen": totals}
    )
    result = load(book, name="t.xlsx")
    assert ("info", "Resumen", "", "hoja de resumen sin comunas; se omite") in notes(result)
    assert result.sheets_read == ["Datos"]
    assert not result.errors


def test_an_instructions_sheet_is_still_skipped():
    rows = [["Complete DocDigital y FirmaGob"], ["Valdivia: ejemplo de comuna"]]
    book = xlsx_bytes(
        {"Instrucciones": rows, "Datos": [[DATE], ["Comuna", "CPAT"], ["Lanco", "En uso"]]}
    )
    result = load(book, name="t.xlsx")
    assert notes(result) == [("info", "Instrucciones", "", "hoja de instrucciones; se omite")]


@pytest.mark.parametrize(
    "path", sorted(TRACKERS.glob("*.xlsx")) + sorted(TRACKERS.glob("*.xlsm")), ids=lambda p: p.name
)
def test_every_fixture_row_names_the_cell_that_holds_its_status(path):
    book = openpyxl.load_workbook(path, data_only=True)
    result = load(path)
    assert len(result.frame) == 40
    for row in result.frame.itertuples():
        cell = book[row.sheet][row.cell]
        if row.status_raw.endswith(" (color)"):  # a semáforo's cell holds its status as a colour
            assert cell.value is None and cell.fill.fill_type == "solid", (row.sheet, row.cell)
        else:
            assert raw_text(cell.value) == row.status_raw, (row.sheet, row.cell)
