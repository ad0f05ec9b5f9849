"""Spreadsheet readers: the real format is sniffed from the bytes, and each format has one reader."""

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine

from loaders.fills import attach_fills
from loaders.guard import Limits, check_container, check_size, open_container
from loaders.isolation import isolated
from loaders.issues import Issue, UnknownFormat, UnreadableFile
from loaders.sheets import Sheet
from loaders.unread_cells import mark_unread_cells

MAX_CELLS_PER_SHEET = 2_000_000  # far above any tracker; a larger grid is a broken or hostile file

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_NOT_SPREADSHEETS = (
    (b"%PDF", "es un PDF, no una planilla"),
    (b"\x89PNG", "es una imagen PNG, no una planilla"),
    (b"\xff\xd8\xff", "es una imagen JPEG, no una planilla"),
)
FORMAT_NAMES = {
    "xlsx": "Excel (.xlsx)",
    "xlsm": "Excel con macros (.xlsm)",
    "xls": "Excel 97-2003 (.xls)",
    "ods": "OpenDocument (.ods)",
    "csv": "texto separado por comas o punto y coma (.csv)",
}


@dataclass
class Workbook:
    """The sheets read from one file, its real format, and notes about what was not read."""

    format: str
    sheets: list[Sheet]
    notes: list[Issue] = field(default_factory=list)


def sniff_format(data: bytes, name: str, limits: Limits | None = None) -> str:
    """The real format of a file from its first bytes, or UnreadableFile saying what it is; a
    zip container is checked by the guard before anything in it is parsed."""
    if not data:
        raise UnreadableFile(name, "el archivo está vacío (0 bytes)")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, name, limits or Limits())
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_OOXML in data[:65536] or _ENCRYPTED_OOXML in data:
            raise UnreadableFile(
                name,
                "el libro está protegido con contraseña; guárdelo sin contraseña y súbalo de nuevo",
            )
        return "xls"
    for magic, reason in _NOT_SPREADSHEETS:
        if data.startswith(magic):
            raise UnknownFormat(name, reason)
    head = data[:4096].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html", b"<?xml", b"<table")):
        raise UnknownFormat(
            name,
            "es una página HTML o XML con nombre de planilla; ábrala y guárdela como .xlsx",
        )
    if b"\x00" in data[:65536]:
        raise UnknownFormat(name, _unknown_reason())
    return "csv"


def _unknown_reason() -> str:
    known = ", ".join(FORMAT_NAMES.values())
    return f"no es una planilla reconocible; se esperaba uno de estos formatos: {known}"


def _sniff_zip(data: bytes, name: str, limits: Limits) -> str:
    try:
        archive = open_container(data)
        check_container(archive, name, limits)
        members = set(archive.namelist())
        mimetype = archive.read("mimetype")[:80] if "mimetype" in members else b""
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise UnreadableFile(
            name, "el archivo está dañado o incompleto (quizás se cortó al enviarlo por correo)"
        ) from exc
    if "xl/workbook.xml" in members or "xl/workbook.bin" in members:
        if "xl/workbook.bin" in members:
            raise UnknownFormat(name, "es un libro binario de Excel (.xlsb); guárdelo como .xlsx")
        return "xlsm" if "xl/vbaProject.bin" in members else "xlsx"
    if mimetype.startswith(_ODS_MIME) or ("content.xml" in members and not mimetype):
        return "ods"
    if "word/document.xml" in members:
        raise UnknownFormat(name, "es un documento de Word, no una planilla")
    if "ppt/presentation.xml" in members:
        raise UnknownFormat(name, "es una presentación de PowerPoint, no una planilla")
    raise UnknownFormat(name, "es un archivo comprimido (.zip) que no contiene una planilla")


def _read_calamine(data: bytes, name: str, fmt: str) -> Workbook:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise UnreadableFile(
            name,
            "el libro está protegido con contraseña; guárdelo sin contraseña y súbalo de nuevo",
        ) from exc
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise UnreadableFile(name, f"el archivo {FORMAT_NAMES[fmt]} está dañado: {exc}") from exc
    workbook = Workbook(format=fmt, sheets=[])
    for meta in book.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            workbook.notes.append(Issue("info", meta.name, "", "hoja de gráfico o macro; se omite"))
            continue
        if meta.visible != python_calamine.SheetVisibleEnum.Visible:
            workbook.notes.append(
                Issue("warning", meta.name, "", "hoja oculta; se omite (muéstrela si tiene datos)")
            )
            continue
        workbook.sheets.append(_calamine_sheet(book, meta.name, name))
    if not workbook.sheets:
        skipped = "; ".join(f"«{note.sheet}»: {note.message}" for note in workbook.notes)
        raise UnreadableFile(
            name, f"el libro no tiene ninguna hoja de datos legible ({skipped or 'sin hojas'})"
        )
    if fmt in ("xlsx", "xlsm"):
        mark_unread_cells(open_container(data), workbook.sheets)
    return workbook


def _calamine_sheet(book: python_calamine.CalamineWorkbook, sheet_name: str, name: str) -> Sheet:
    try:
        sheet = book.get_sheet_by_name(sheet_name)
        end = sheet.end
        cells = (end[0] + 1) * (end[1] + 1) if end else 0
        if cells > MAX_CELLS_PER_SHEET:
            raise UnreadableFile(
                name,
                f"la hoja «{sheet_name}» declara {end[0] + 1} filas × {end[1] + 1} columnas, "
                "un tamaño absurdo para un seguimiento",
            )
        rows = sheet.to_python(skip_empty_area=False)
        merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []]
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine's errors carry no common base type
        raise UnreadableFile(name, f"no se pudo leer la hoja «{sheet_name}»: {exc}") from exc
    return Sheet(name=sheet_name, rows=rows, merged=merged)


def _decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return (
            data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
        )


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _read_csv(data: bytes, name: str, fmt: str) -> Workbook:
    text = _decode_text(data)
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:  # binary garbage or a damaged file that looked like text
        raise UnknownFormat(name, _unknown_reason()) from exc
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise UnreadableFile(name, "el archivo de texto no tiene datos")
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return Workbook(format=fmt, sheets=[Sheet(name=PurePath(name).stem, rows=rows)])


READERS: dict[str, Callable[[bytes, str, str], Workbook]] = {
    "xlsx": _read_calamine,
    "xlsm": _read_calamine,
    # the old binary format has the least robust parser: a damaged file can make it ask for
    # gigabytes and abort the process, so it is read in a child process with a memory ceiling
    "xls": lambda data, name, fmt: isolated(_read_calamine, data, name, fmt),
    "ods": _read_calamine,
    "csv": _read_csv,
}


_FAMILY = {"xlsm": "xlsx"}  # macros are never run, so an .xlsm is read as any .xlsx


def read_workbook(data: bytes, name: str, limits: Limits | None = None) -> Workbook:
    """Every sheet of a file given as bytes, read by the reader of its real format, once the
    guard has checked its size and container against the limits (UPLOAD_MAX_* settings)."""
    limits = limits or Limits.from_env()
    check_size(data, name, limits)
    fmt = sniff_format(data, name, limits)
    workbook = READERS[fmt](data, name, fmt)
    attach_fills(data, fmt, workbook.sheets, workbook.notes)
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix in READERS and _FAMILY.get(suffix, suffix) != _FAMILY.get(fmt, fmt):
        workbook.notes.append(
            Issue(
                "warning",
                "",
                "",
                f"el archivo se llama .{suffix} pero es {FORMAT_NAMES[fmt]}; se leyó como tal",
            )
        )
    return workbook
