"""Hostile and broken files: refused before parsing, quickly, in Spanish, without a full memory."""

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from loaders import UnreadableFile, load
from loaders.__main__ import main
from loaders.fuzz import run as fuzz
from loaders.guard import Limits
from tests.conftest import xlsx_bytes

DATE = "Fecha de corte: 30/09/2025"
GOOD = xlsx_bytes({"S": [[DATE], ["Comuna", "DocDigital"], ["Iquique", "En uso"]]})


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def rebuilt(data: bytes, replace: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook's zip with some members replaced and others added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, replace.get(item.filename, src.read(item.filename)))
        for name, content in (extra or {}).items():
            dst.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> bytes:
    """A real .xlsx whose sheet inflates to 1 GB of spaces, a few MB on disk."""
    path = tmp_path_factory.mktemp("bomba") / "bomba.xlsx"
    with zipfile.ZipFile(io.BytesIO(GOOD)) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, src.read(item.filename))
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as sheet:
            chunk = b" " * (16 * 1024 * 1024)
            for _ in range(64):
                sheet.write(chunk)
    return path.read_bytes()


def test_zip_bomb_is_refused_in_milliseconds_without_inflating(zip_bomb):
    assert len(zip_bomb) < 8 * 1024 * 1024
    before = rss_mb()
    started = time.perf_counter()
    with pytest.raises(UnreadableFile) as caught:
        load(zip_bomb, name="bomba.xlsx")
    elapsed = time.perf_counter() - started
    grown = rss_mb() - before
    assert "declara 1.024 MB al descomprimirse" in caught.value.reason
    assert elapsed < 0.1, f"{elapsed:.3f} s"
    assert grown < 50, f"{grown:.0f} MB"


def test_a_member_compressed_beyond_any_spreadsheet_is_a_compression_bomb():
    bomb = rebuilt(GOOD, {}, {"xl/media/relleno.bin": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(UnreadableFile) as caught:
        load(bomb, name="x.xlsx")
    assert "bomba de compresión" in caught.value.reason


def test_xml_entity_bomb_is_refused_before_parsing():
    with zipfile.ZipFile(io.BytesIO(GOOD)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE worksheet [<!ENTITY l0 "lol">{entities}]>'.encode()
    head, _, body = sheet.partition(b"?>")
    bomb = rebuilt(GOOD, {"xl/worksheets/sheet1.xml": head + b"?>" + doctype + body})
    with pytest.raises(UnreadableFile) as caught:
        load(bomb, name="x.xlsx")
    assert "DOCTYPE" in caught.value.reason


def test_too_many_members_and_encrypted_members_are_refused():
    crowded = rebuilt(GOOD, {}, {f"xl/extra/{i}.xml": b"<a/>" for i in range(2001)})
    with pytest.raises(UnreadableFile, match="archivos internos"):
        load(crowded, name="x.xlsx")
    locked = bytearray(GOOD)
    at = locked.find(b"PK\x01\x02")
    while at != -1:  # set the "encrypted" bit of every member in the central directory
        locked[at + 8] |= 1
        at = locked.find(b"PK\x01\x02", at + 4)
    with pytest.raises(UnreadableFile, match="contraseña"):
        load(bytes(locked), name="x.xlsx")


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setenv("UPLOAD_MAX_MB", "0.001")
    assert Limits.from_env().file_mb == 0.001
    with pytest.raises(UnreadableFile, match=r"el límite es 0\.001 MB"):
        load(GOOD, name="x.xlsx")


def test_error_values_and_formulas_without_values_are_errors_with_their_cells():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Hoja"
    for row in ([DATE], ["Comuna", "DocDigital", "FirmaGob"], ["Iquique", "=D3", "En uso"]):
        sheet.append(row)
    sheet.append(["Pica", "#REF!", "#N/A"])
    out = io.BytesIO()
    book.save(out)
    result = load(out.getvalue(), name="f.xlsx")
    messages = {issue.cell: issue.message for issue in result.errors}
    assert "fórmula guardada sin su valor" in messages["B3"]
    assert "#REF!" in messages["B4"] and "#N/A" in messages["C4"]
    assert list(result.frame.cell) == ["C3"]  # nothing read as an empty cell


def test_a_workbook_without_a_readable_sheet_says_so():
    book = openpyxl.Workbook()
    book.active.title = "Datos"
    book.create_sheet("Oculta").sheet_state = "hidden"
    book.remove(book["Datos"])
    book.create_chartsheet("Gráfico")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(UnreadableFile, match="ninguna hoja de datos legible"):
        load(out.getvalue(), name="graficos.xlsx")


def test_command_line_exits_2_for_the_bomb(zip_bomb, tmp_path, capsys):
    path = tmp_path / "bomba.xlsx"
    path.write_bytes(zip_bomb)
    assert main([str(path)]) == 2
    said = capsys.readouterr()
    assert "bomba.xlsx" in said.out + said.err and "1.024 MB" in said.out + said.err


def test_fuzz_finds_nothing(request):
    seed = int(request.config.getoption("--fuzz-seed") or time.time_ns() % 2**32)
    found = fuzz(120, seed)
    request.config.fuzz_summary = (
        f"fuzz de archivos dañados: semilla {seed}, {found['examples']} archivos "
        f"({found['resultado']} leídos, {found['rechazado']} rechazados), el más lento "
        f"{found['slowest_s']:.2f} s"
    )
    assert found["resultado"] + found["rechazado"] == 120
    assert found["slowest_s"] < 5
