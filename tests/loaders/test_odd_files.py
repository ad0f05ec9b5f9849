"""Files that are fine, though written unusually, are read as any other: Gnumeric's .ods, CSV in
UTF-16 or UTF-32 or with old Mac line endings; and an encrypted .xls says it is encrypted."""

import csv
import io
import zipfile

import pytest
import python_calamine

from loaders import UnreadableFile, load
from loaders.readers.delimited import SAMPLE_CHARS, choose_delimiter
from loaders.readers.ods import read_content
from loaders.readers.workbook import Budget
from tests.loaders import hostile

TRACKER = "Fecha de corte;30-09-2025\n\nComuna;DocDigital\nValdivia;En uso\n"


def test_an_ods_written_by_gnumeric_is_read():
    gnumeric = hostile.ods(hostile.ods_content(sep="\n  "))
    with pytest.raises(python_calamine.CalamineError):  # what calamine makes of it
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(gnumeric))
    result = load(gnumeric, name="gnumeric.ods")
    assert list(zip(result.frame.comuna, result.frame.stage, strict=True)) == [
        ("Iquique", "en_uso")
    ]


@pytest.mark.parametrize(
    "name", ["wide.ods", "gnumeric"], ids=["libreoffice", "gnumeric-with-repeats"]
)
def test_the_ods_fallback_reads_what_calamine_reads(name):
    data = (
        hostile.fixture(name)
        if name.endswith(".ods")
        else hostile.ods(
            hostile.ods_content(
                hostile.ODS_TRACKER
                + hostile.ods_row(hostile.ods_cell("Pica"), '<table:table-cell/>', repeat=2)
                + hostile.ods_row('<table:table-cell table:number-columns-repeated="3"/>',
                                  '<table:table-cell office:value-type="float" office:value="2.5"/>')
                + hostile.ods_row("<table:table-cell/>", repeat=1_048_000)
            )
        )
    )  # fmt: skip
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    tables = read_content(zipfile.ZipFile(io.BytesIO(data)), name, Budget(name))
    for table in tables:
        expected = book.get_sheet_by_name(table.name).to_python(skip_empty_area=False)
        assert table.sheet().rows == expected


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"], ids=lambda e: e
)
def test_csv_with_a_byte_order_mark_is_read(encoding):
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    result = load(bom + TRACKER.encode(encoding), name="t.csv")
    assert list(result.frame.stage) == ["en_uso"]


def test_csv_with_old_mac_line_endings_is_read():
    result = load(TRACKER.replace("\n", "\r").encode("cp1252"), name="mac.csv")
    assert list(result.frame.stage) == ["en_uso"] and result.frame.cell[0] == "B4"


def test_the_delimiter_is_chosen_from_the_first_lines_outside_quotes():
    assert choose_delimiter('"a,b,c";x\n"d,e";y\n') == ";"
    assert choose_delimiter("Comuna,DocDigital\nValdivia,En uso\n") == ","
    later = "Comuna;DocDigital\n" + "x" * SAMPLE_CHARS + ",,,,,,,,,,\n" * 1000
    assert choose_delimiter(later) == ";"


def test_a_first_line_of_empty_fields_beside_a_quoted_one_is_read_without_the_sniffer(
    monkeypatch,
):
    # csv.Sniffer backtracks on such a line: 5 s for these 12 KB, 30 s for 60 KB
    class Quadratic:
        def sniff(self, *args, **kwargs):
            raise AssertionError("csv.Sniffer es cuadrático")

    monkeypatch.setattr(csv, "Sniffer", Quadratic)
    title = '"Seguimiento de plataformas"' + ";" * 12_000 + "\n"
    result = load((title + TRACKER).encode(), name="t.csv")
    assert list(result.frame.stage) == ["en_uso"]


def test_csv_rows_are_bounded_before_they_are_padded():
    wide = b";" * 15_000 + b"\n" + b"a\n" * 200
    with pytest.raises(UnreadableFile, match=r"ocupa 134 filas × 15\.001 columnas"):
        load(wide, name="ancha.csv")


@pytest.mark.parametrize("kind", [1, 0], ids=["rc4", "xor"])
def test_a_password_protected_xls_says_so(kind):
    with pytest.raises(UnreadableFile, match="protegido con contraseña"):
        load(hostile.xls_with_filepass(hostile.fixture("wide.xls"), kind), name="clave.xls")
