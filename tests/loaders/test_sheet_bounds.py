"""Sheets measured before the spreadsheet reader builds them: a far cell, repeated rows and columns
or a shared string copied into many cells is refused with its size, never built; a sheet that is
fine loads, and the measure is never smaller than the grid the reader builds."""

import io
import multiprocessing
import random
import resource
import zipfile
from pathlib import Path

import pytest
import python_calamine

from loaders import UnreadableFile, load
from loaders.readers.ooxml import Parts
from loaders.readers.workbook import Budget
from loaders.readers.xlsx_bounds import _quick_extent, measure_sheet, shared_text
from loaders.unread_cells import scan_sheet
from settings import ROOT
from tests.loaders import hostile
from tests.loaders.hostile import TRACKER_ROWS, ods, ods_cell, ods_content, ods_row, sheet_xml, xlsx

FIXTURES = Path(__file__).parents[1] / "fixtures" / "trackers"


def _far(ref: str) -> bytes:
    return xlsx(sheet_xml(TRACKER_ROWS + f'<row r="{ref[1:]}"><c r="{ref}"><v>1</v></c></row>'))


def _shared_in_many_cells() -> bytes:
    """One shared string of 1 MB (random letters: it compresses as text does) in 2.000 cells."""
    rng = random.Random(7)
    text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(1024 * 1024))
    cells = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{c}{r}" t="s"><v>0</v></c>' for c in "CDEFGHIJKL")
        + "</row>"
        for r in range(4, 204)
    )
    return xlsx(sheet_xml(TRACKER_ROWS + cells), shared=hostile.shared_strings(text))


HOSTILE = {
    # one cell at XFD1048576: calamine asked for 512 GB and aborted the process
    "xfd.xlsx": (lambda: _far("XFD1048576"), "1.048.576 filas × 16.384 columnas"),
    # one cell on row 99.999.999: calamine took 6 GB
    "fila.xlsx": (lambda: _far("B99999999"), "99.999.999 filas"),
    # calamine reserves room for as many shared strings as declared, before reading one
    "reserva.xlsx": (
        lambda: xlsx(
            shared=hostile.shared_strings("a").replace(
                b'uniqueCount="1"', b'uniqueCount="9' + b"9" * 11 + b'"'
            )
        ),
        "textos distintos",
    ),
    "copias.xlsx": (_shared_in_many_cells, "el texto de sus celdas suma más de 100 MB"),
    # 801 bytes that took 4 GB: a cell repeated across every column of many rows
    "repetida.ods": (
        lambda: ods(ods_content(hostile.ODS_TRACKER + ods_row(ods_cell("x", 16384)) * 3000)),
        "16.384 columnas",
    ),
    "filas.ods": (
        lambda: ods(ods_content(hostile.ODS_TRACKER + ods_row(ods_cell("x"), repeat=10**6))),
        "1.000.003 filas",
    ),
    "espacios.ods": (
        lambda: ods(
            ods_content(
                hostile.ODS_TRACKER
                + ods_row(
                    '<table:table-cell office:value-type="string"><text:p>'
                    '<text:s text:c="1000000000"/></text:p></table:table-cell>'
                )
            )
        ),
        "el texto de sus celdas suma más de 100 MB",
    ),
    # one row of 100.001 fields, then 100.000 rows of one: padding them took 20 GB
    "ancha.csv": (
        lambda: b"," * 100_000 + b"\n" + b"a\n" * 100_000,
        "más de 16.384 campos",
    ),
}


def _load_each_under_a_ceiling(pipe, names: list[str]) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
    reasons = {}
    for name in names:
        try:
            load(HOSTILE[name][0](), name=name)
            reasons[name] = "leído"
        except UnreadableFile as exc:
            reasons[name] = exc.reason
    pipe.send(reasons)


def test_files_that_exhausted_the_reader_are_refused_with_their_size_before_it_runs():
    # in a child process with a 3 GB ceiling: without the bounds these files abort the process
    # or take gigabytes, and the suite must report that rather than die with them
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_load_each_under_a_ceiling, args=(send, list(HOSTILE)))
    child.start()
    send.close()
    reasons = receive.recv() if receive.poll(120) else {}
    child.join(10)
    assert child.exitcode == 0, f"el proceso terminó con {child.exitcode}"
    for name, (_, expected) in HOSTILE.items():
        assert expected in reasons[name], (name, reasons[name])


@pytest.mark.parametrize(
    "rows",
    [
        # cells without a reference follow the one before: the fifth is at E900000
        '<row r="900000">' + "<c><v>1</v></c>" * 5 + "</row>",
        # a namespace prefix changes nothing for the reader
        '<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="800000">'
        '<x:c r="C800000"><x:v>1</x:v></x:c></x:row>',
        # references in lower case are references
        '<row r="700000"><c r="d700000"><v>1</v></c></row>',
        # a row without a reference follows the one before
        '<row r="600000"><c r="A600000"><v>1</v></c></row><row><c><v>1</v></c><c><v>1</v></c>'
        "<c><v>1</v></c><c><v>1</v></c></row>",
    ],
    ids=["no-reference", "prefix", "lower-case", "row-without-reference"],
)
def test_cells_the_reader_places_far_away_however_written_are_measured(rows):
    with pytest.raises(UnreadableFile, match="un tamaño absurdo"):
        load(xlsx(sheet_xml(TRACKER_ROWS + rows)), name="x.xlsx")


def test_a_far_cell_without_a_value_is_not_part_of_the_grid():
    styled = '<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    lying = '<dimension ref="A1:XFD1048576"/>'
    data = xlsx(sheet_xml(TRACKER_ROWS + styled, before=lying))
    assert list(load(data, name="x.xlsx").frame.cell) == ["B3"]


def test_sheets_that_together_pass_the_workbook_bound_are_refused():
    sheet = sheet_xml(TRACKER_ROWS + '<row r="99999"><c r="T99999"><v>1</v></c></row>')
    parts = Parts(zipfile.ZipFile(io.BytesIO(xlsx(sheet))))
    budget = Budget("x.xlsx")
    for _ in range(2):
        measure_sheet(
            parts, "xl/worksheets/sheet1.xml", "Datos", shared_text(parts, "", ""), budget
        )
    with pytest.raises(UnreadableFile, match=r"4\.000\.000 celdas entre sus hojas"):
        measure_sheet(
            parts, "xl/worksheets/sheet1.xml", "Datos", shared_text(parts, "", ""), budget
        )


def test_overlapping_merged_ranges_are_refused_and_merges_past_the_data_are_clipped():
    merges = "".join(f'<mergeCell ref="A1:B{r}"/>' for r in range(3, 3003))
    overlapping = sheet_xml(after=f'<mergeCells count="3000">{merges}</mergeCells>')
    with pytest.raises(UnreadableFile, match="se superponen"):
        load(xlsx(overlapping), name="x.xlsx")
    wide = sheet_xml(after='<mergeCells count="1"><mergeCell ref="A1:XFD1"/></mergeCells>')
    assert list(load(xlsx(wide), name="x.xlsx").frame.cell) == ["B3"]


WORKBOOKS = [
    *(
        pytest.param(path.read_bytes(), id=path.name)
        for path in [*FIXTURES.glob("*.xlsx"), *(ROOT / "sample_data").glob("*.xlsx")]
    ),
    pytest.param(xlsx(sheet_xml(TRACKER_ROWS, before='<dimension ref="A1:A1"/>')), id="lying"),
]


@pytest.mark.parametrize("data", WORKBOOKS)
def test_the_measure_is_never_less_than_the_grid_the_reader_builds(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets
    for part in sheets:
        xml = archive.read(part)
        scan = scan_sheet(xml, [])
        quick = _quick_extent(xml)
        if quick is not None:
            assert quick[:2] >= (scan.rows, scan.cols)
        index = int(part.removeprefix("xl/worksheets/sheet").removesuffix(".xml")) - 1
        end = book.get_sheet_by_index(index).end
        if end is not None:
            assert scan.rows >= end[0] + 1 and scan.cols >= end[1] + 1


def test_two_sheets_named_alike_are_read_in_a_child_that_stops_the_far_one():
    far = sheet_xml(TRACKER_ROWS + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    book = (
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Datos" sheetId="1" r:id="rId1"/><sheet name="Datos" sheetId="2" '
        'r:id="rId3"/></sheets></workbook>'
    )
    data = xlsx(
        far,
        replace={"xl/workbook.xml": book.encode()},
        extra={"xl/worksheets/sheet2.xml": sheet_xml()},
    )
    data = _with_relationship(data, "rId3", "worksheets/sheet2.xml")
    with pytest.raises(UnreadableFile, match="memoria"):
        load(data, name="x.xlsx")


def _with_relationship(data: bytes, rel_id: str, target: str) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: archive.read(info) for info in archive.infolist()}
    rels = parts["xl/_rels/workbook.xml.rels"]
    extra = (
        f'<Relationship Id="{rel_id}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="{target}"/>'
    ).encode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        b"</Relationships>", extra + b"</Relationships>"
    )
    return hostile.zipped(parts)
