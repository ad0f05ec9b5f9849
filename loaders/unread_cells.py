"""Cells the spreadsheet reader returns empty although they are not: Excel error values (#REF!,
#N/A) and formulas saved without their value (some tools write them so). They are marked in the
grid, never read as an empty cell, so the row reader reports each with its sheet and cell."""

import re
import zipfile
import zlib
from posixpath import join, normpath

from defusedxml import ElementTree

from loaders.sheets import Sheet

_CELL = re.compile(rb'<c\b([^>]*?)\br="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_VALUE = re.compile(rb"<v>([^<]+)</v>")
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name -> its XML part, from the workbook and its relationships."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL), "")
        parts[sheet.get("name")] = (
            target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        )
    return parts


def _column(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def mark_unread_cells(archive: zipfile.ZipFile, sheets: list[Sheet]) -> None:
    """Write its error value into every error cell, and UNSAVED_FORMULA into every cell that holds
    a formula and no saved value (when no formula of the workbook has one: an empty value beside
    saved ones is a formula that gives ""), where the reader left them empty."""
    from loaders.rows import UNSAVED_FORMULA

    try:
        parts = _sheet_parts(archive)
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile):
        return
    unsaved: list[tuple[Sheet, int, int]] = []
    saved_any = False  # a workbook whose formulas all lack values was saved without calculating
    for sheet in sheets:
        part = parts.get(sheet.name)
        if part is None or part not in archive.namelist():
            continue
        try:
            xml = archive.read(part)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
            return  # calamine read the sheet; a part zipfile cannot inflate is left as read
        if b"<f" not in xml and b't="e"' not in xml:
            continue  # the usual case, found without a regular expression
        for before, letters, number, after, body in _CELL.findall(xml):
            value = _VALUE.search(body or b"")
            at = (sheet, int(number) - 1, _column(letters))
            if b't="e"' in before + after and value:
                _mark(*at, value.group(1).decode("utf-8", "replace"))
            elif body and b"<f" in body:
                saved_any = saved_any or value is not None or b't="str"' in before + after
                if value is None:
                    unsaved.append(at)
    if not saved_any:
        for at in unsaved:
            _mark(*at, UNSAVED_FORMULA)


def _mark(sheet: Sheet, r: int, c: int, text: str) -> None:
    if r < len(sheet.rows) and c < len(sheet.rows[r]) and sheet.rows[r][c] in ("", None):
        sheet.rows[r][c] = text
