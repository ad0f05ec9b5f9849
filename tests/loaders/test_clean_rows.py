"""Rows that need no judgement are read quickly; every other row is read cell by cell, and both
kinds keep the sheet's order, cells and problems."""

from loaders import load
from loaders.gazetteer import gazetteer
from loaders.layout import Table
from loaders.rows import RowReader
from loaders.sheets import Sheet
from loaders.vocabulary import vocabulary
from tests.conftest import xlsx_bytes

DATE = "Fecha de corte: 30/09/2025"
HEADER = ["Comuna", "DocDigital", "FirmaGob"]


def test_a_problem_in_row_40000_is_an_error_with_its_cell():
    padding = [[] for _ in range(39_996)]  # rows 3 to 39.998, empty
    rows = [
        [DATE],
        HEADER,
        *padding,
        ["Valdivia", "En uso", "En proceso"],  # row 39.999
        ["Corral", "En uso", "Quizás"],  # row 40.000
        ["Lanco", "No iniciado", "En uso"],
    ]
    result = load(xlsx_bytes({"Los Ríos": rows}), name="t.xlsx")
    assert [(e.sheet, e.cell, e.found) for e in result.errors] == [("Los Ríos", "C40000", "Quizás")]
    frame = result.frame
    assert list(frame.cell) == ["B39999", "C39999", "B40000", "B40001", "C40001"]
    assert list(frame.comuna_code) == ["14101", "14101", "14102", "14103", "14103"]


def test_rows_read_quickly_and_cell_by_cell_keep_the_sheet_order():
    rows = [
        [DATE],
        HEADER,
        ["Valdivia", "En uso", "En proceso"],
        [
            "San José de la Mariquina",
            "Habilitada",
            "",
        ],  # an older name: read cell by cell, with a warning
        ["Corral", "No iniciado", "En uso"],
        ["Valdivia", "En uso", "En proceso"],  # agrees with row 3: counted once
    ]
    result = load(xlsx_bytes({"Los Ríos": rows}), name="t.xlsx")
    frame = result.frame
    assert list(zip(frame.comuna_code, frame.cell, frame.stage, strict=True)) == [
        ("14101", "B3", "en_uso"),
        ("14101", "C3", "en_proceso"),
        ("14106", "B4", "habilitada"),
        ("14106", "C4", "sin_informacion"),
        ("14102", "B5", "sin_iniciar"),
        ("14102", "C5", "en_uso"),
    ]
    assert [(i.severity, i.cell) for i in result.issues] == [
        ("warning", "A4"),
        ("info", "B6"),
        ("info", "C6"),
    ]


def test_the_records_of_a_table_come_back_in_reading_order_whichever_way_each_row_was_read():
    sheet = Sheet(
        "Los Ríos",
        [
            ["Comuna", "DocDigital", "FirmaGob"],
            ["Corral", "En uso", "No iniciado"],
            ["San José de la Mariquina", "Habilitada", "En uso"],
            ["Lanco", "", "En proceso"],
        ],
    )
    table = Table(
        kind="wide",
        header_rows=(0, 0),
        comuna_col=0,
        key_cols=[0],
        status_cols={"docdigital": 1, "firmagob": 2},
    )
    reader = RowReader(vocabulary(), gazetteer())
    records = reader.read(sheet, table, "14")
    assert len(records) == 6
    assert [(r[1], r[3], r[4], r[5], r[7]) for r in records] == [
        ("14102", "docdigital", "en_uso", "En uso", "B2"),
        ("14102", "firmagob", "sin_iniciar", "No iniciado", "C2"),
        ("14106", "docdigital", "habilitada", "Habilitada", "B3"),
        ("14106", "firmagob", "en_uso", "En uso", "C3"),
        ("14103", "docdigital", "sin_informacion", "", "B4"),
        ("14103", "firmagob", "en_proceso", "En proceso", "C4"),
    ]
    assert [i.cell for i in reader.issues] == ["A3"]  # the older name, read cell by cell


def test_a_fill_colour_on_a_status_cell_sends_its_row_to_the_cell_by_cell_reading():
    sheet = Sheet(
        "Los Ríos",
        [["Comuna", "DocDigital"], ["Corral", ""], ["Lanco", "En uso"]],
        fills={(1, 1): "FF0000"},
    )
    table = Table(
        kind="wide", header_rows=(0, 0), comuna_col=0, key_cols=[0], status_cols={"docdigital": 1}
    )
    reader = RowReader(vocabulary(), gazetteer())
    records = list(reader.read(sheet, table, "14"))
    assert [(r[1], r[7]) for r in records] == [("14103", "B3")]
    assert [(i.cell, i.severity) for i in reader.issues] == [("B2", "error")]
    assert "sin leyenda" in reader.issues[0].message
