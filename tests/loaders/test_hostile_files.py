"""Hostile and broken containers: refused before parsing, in Spanish, having read only what the
refusal needs (the central directory, the prolog of a part)."""

import io
import struct
import zipfile

import openpyxl
import pytest

from loaders import UnreadableFile, load, readers
from loaders.__main__ import main
from loaders.guard import Limits
from loaders.readers import read_workbook, sniff_format
from tests.conftest import xlsx_bytes
from tests.loaders import hostile
from tests.loaders.hostile import DATE

GOOD = xlsx_bytes({"S": [[DATE], ["Comuna", "DocDigital"], ["Iquique", "En uso"]]})


def rebuilt(data: bytes, replace: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook's zip with some members replaced and others added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, replace.get(item.filename, src.read(item.filename)))
        for name, content in (extra or {}).items():
            dst.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def opened_from_now(monkeypatch) -> list[str]:
    """The names of the zip members opened (inflated) from now on."""
    names: list[str] = []
    original = zipfile.ZipFile.open

    def counting(self, member, *args, **kwargs):
        names.append(member if isinstance(member, str) else member.filename)
        return original(self, member, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting)
    return names


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


def test_zip_bomb_is_refused_from_the_central_directory_without_inflating(zip_bomb, monkeypatch):
    assert len(zip_bomb) < 8 * 1024 * 1024
    opened = opened_from_now(monkeypatch)
    with pytest.raises(UnreadableFile) as caught:
        load(zip_bomb, name="bomba.xlsx")
    assert "declara 1.024 MB al descomprimirse" in caught.value.reason
    assert opened == []


def test_a_member_compressed_beyond_any_spreadsheet_is_a_compression_bomb(monkeypatch):
    bomb = rebuilt(GOOD, {}, {"xl/media/relleno.bin": b"\0" * (20 * 1024 * 1024)})
    opened = opened_from_now(monkeypatch)
    with pytest.raises(UnreadableFile) as caught:
        load(bomb, name="x.xlsx")
    assert "bomba de compresión" in caught.value.reason
    assert opened == []


def test_an_entity_bomb_after_a_long_comment_is_refused_reading_only_the_prolog(monkeypatch):
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE worksheet [<!ENTITY l0 "lol">{entities}]>'.encode()
    comment = b"<!--" + b"x" * 200_000 + b"-->"
    body = b"<sheetData>" + b'<row r="1"><c r="A1"><v>1</v></c></row>' * 20_000 + b"</sheetData>"
    sheet = b'<?xml version="1.0"?>' + comment + doctype + b"<worksheet>" + body + b"</worksheet>"
    bomb = hostile.xlsx(sheet)
    read = []
    original = zipfile.ZipExtFile.read

    def counting(self, n=-1):
        data = original(self, n)
        if self.name.endswith("sheet1.xml"):
            read.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    with pytest.raises(UnreadableFile) as caught:
        load(bomb, name="x.xlsx")
    assert "sheet1.xml» trae una declaración DOCTYPE" in caught.value.reason
    assert len(comment) < sum(read) < len(sheet) / 2  # the prolog, not the sheet


def test_a_doctype_in_the_workbook_part_is_refused_not_a_traceback():
    book = hostile.xlsx(
        replace={
            "xl/workbook.xml": hostile.with_doctype_after_comment(
                b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"/>'
            )
        }
    )
    with pytest.raises(UnreadableFile, match=r"workbook\.xml» trae una declaración DOCTYPE"):
        load(book, name="x.xlsx")


def test_a_doctype_in_a_utf16_part_is_seen_through_its_encoding():
    sheet = hostile.with_doctype_after_comment(
        b'<?xml version="1.0" encoding="UTF-16"?>' + hostile.sheet_xml().partition(b"?>")[2]
    )
    utf16 = sheet.decode().encode("utf-16")
    with pytest.raises(UnreadableFile, match="DOCTYPE"):
        load(hostile.xlsx(utf16), name="x.xlsx")


@pytest.mark.parametrize("encoding", ["x-klingon", "shift_jis", "utf-32"])
def test_an_xml_declaration_naming_an_unreadable_encoding_is_refused(encoding):
    sheet = hostile.sheet_xml().replace(b'encoding="UTF-8"', f'encoding="{encoding}"'.encode())
    with pytest.raises(UnreadableFile) as caught:
        load(hostile.xlsx(sheet), name="x.xlsx")
    assert f"declara la codificación «{encoding}»" in caught.value.reason


def test_a_latin1_declaration_is_read():
    sheet = hostile.sheet_xml().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    assert len(load(hostile.xlsx(sheet), name="x.xlsx").frame) == 1


def _utf8_flag_with_bad_name(data: bytes, where: str) -> bytes:
    out = bytearray(data)
    at = out.find(b"PK\x01\x02") if where == "directory" else 0
    flags, name_at = (8, 46) if where == "directory" else (6, 30)
    struct.pack_into("<H", out, at + flags, 0x800)
    out[at + name_at] = 0xFF
    return bytes(out)


def _eocd(data: bytes, offset: int, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into("<I", out, out.rfind(b"PK\x05\x06") + offset, value)
    return bytes(out)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        # zipfile raises ValueError: negative seek value, opening a member
        (lambda d: _eocd(d, 16, 0xFFFFFF00), "no se puede descomprimir"),
        # NotImplementedError: a compression method zipfile does not know
        (lambda d: hostile.patched_central_directory(d, 10, "<H", 99), "no se puede descomprimir"),
        # NotImplementedError: a zip version past zipfile's, reading the directory
        (lambda d: hostile.patched_central_directory(d, 6, "<H", 0x40), "dañado o incompleto"),
        # UnicodeDecodeError: a member name flagged UTF-8 that is not
        (lambda d: _utf8_flag_with_bad_name(d, "directory"), "dañado o incompleto"),
        (lambda d: _utf8_flag_with_bad_name(d, "header"), "no se puede descomprimir"),
    ],
    ids=["negative-seek", "method", "version", "name-in-directory", "name-in-header"],
)
def test_damage_zipfile_does_not_call_bad_zip_is_a_named_refusal(damage, reason):
    data = damage(hostile.xlsx())
    with pytest.raises(UnreadableFile) as caught:
        sniff_format(data, "x.xlsx")
    assert reason in caught.value.reason


def test_two_parts_with_one_name_are_refused():
    twice = hostile.zipped(
        {"[Content_Types].xml": b"<a/>", "xl/workbook.xml": b"<a/>", "XL/Workbook.xml": b"<b/>"}
    )
    with pytest.raises(UnreadableFile, match="repite la parte"):
        load(twice, name="x.xlsx")


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
    assert Limits.from_settings().file_mb == 0.001
    with pytest.raises(UnreadableFile, match=r"el límite es 0\.001 MB"):
        load(GOOD, name="x.xlsx")


def test_running_out_of_memory_is_a_named_refusal(monkeypatch):
    def exhausted(data, name, fmt):
        raise MemoryError

    monkeypatch.setitem(readers.READERS, "xlsx", exhausted)
    with pytest.raises(UnreadableFile, match="más memoria"):
        read_workbook(GOOD, "x.xlsx")


def test_an_ods_macro_library_with_a_doctype_is_read_its_macros_never_parsed():
    data = hostile.ods(extra={"Basic/Standard/Module1.xml": hostile.MACRO_MODULE})
    assert list(load(data, name="macros.ods").frame.stage) == ["en_uso"]


def test_a_doctype_in_the_ods_content_is_refused():
    content = hostile.with_doctype_after_comment(hostile.ods_content())
    with pytest.raises(UnreadableFile, match=r"content\.xml» trae una declaración DOCTYPE"):
        load(hostile.ods(content), name="x.ods")


@pytest.mark.parametrize(
    "package",
    [
        {"folder": "hoja"},
        {"book": "libro.xml"},
        {"folder": "datos/2025", "book": "seguimiento.xml"},
    ],
    ids=["other-folder", "other-name", "both"],
)
def test_a_workbook_found_through_the_package_relationships_is_read(package):
    rows = hostile.TRACKER_ROWS + (
        '<row r="4"><c r="A4" t="inlineStr"><is><t>Pica</t></is></c>'
        '<c r="B4" t="e"><v>#REF!</v></c></row>'
    )
    data = hostile.xlsx(hostile.sheet_xml(rows), **package)
    assert sniff_format(data, "x.xlsx") == "xlsx"
    result = load(data, name="x.xlsx")
    assert list(result.frame.cell) == ["B3"]
    assert "#REF!" in {issue.cell: issue.message for issue in result.errors}["B4"]


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


def test_unsaved_formulas_are_found_whatever_the_end_tags_look_like():
    # `</c >` is valid XML; the former regular expression took 38 s on 50 KB of it and missed
    # every cell, since it looked for `</c>`
    cells = "".join(
        f'<row r="{r}" ><c r="A{r}" t="inlineStr"><is><t>Pica</t></is></c >'
        f'<c r="B{r}"><f>C{r}</f></c ></row >'
        for r in range(3, 3000)
    )
    rows = (
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>{DATE}</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Comuna</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>DocDigital</t></is></c></row>'
    ) + cells
    result = load(hostile.xlsx(hostile.sheet_xml(rows)), name="f.xlsx")
    unsaved = [i.cell for i in result.errors if "fórmula guardada sin su valor" in i.message]
    assert len(unsaved) == 2997 and unsaved[0] == "B3"


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
