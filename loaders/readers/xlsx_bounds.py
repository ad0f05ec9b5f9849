"""How large each sheet of an .xlsx will be once the reader builds it, known before it does: the
grid runs from A1 to the last cell with a value (one cell at XFD1048576 makes a grid of 17
billion cells) and every cell that points to a shared string gets its own copy of it.

The usual sheet, where every cell is written `<c r="B7"`, is measured with a few passes of
bytes.count and one regular expression over the references; any other sheet, and a sheet with
formulas or error values (which are marked as read), by one streaming XML pass."""

import functools
import re
import zipfile
from dataclasses import dataclass

from formats import number
from loaders.guard import DAMAGED, ZIP_ERRORS
from loaders.issues import UnreadableFile
from loaders.readers.ooxml import Parts, Unmeasurable
from loaders.readers.workbook import MAX_CELLS_PER_SHEET, Budget
from loaders.unread_cells import SheetScan, TooManyMarks, scan_sheet
from loaders.xmlstream import XmlRefused, local, parse_bytes

MAX_SHARED_STRINGS = 1_000_000  # distinct texts of a workbook; a national tracker has a few hundred

_SEPARATORS = (b" ", b">", b"/", b"\t", b"\n", b"\r")
_STRING_TAGS = tuple(start + b"si" + sep for start in (b"<", b":") for sep in _SEPARATORS)
_CANONICAL = b'<c r="'
_REF = re.compile(rb'<c r="([A-Za-z]{1,3})([0-9]{1,10})"')
_ROW = re.compile(rb'<c r="[A-Za-z]{1,3}([0-9]{1,10})"')
_COLUMN = re.compile(rb'<c r="([A-Za-z]{1,3})[0-9]')
_DIMENSION = re.compile(rb'<dimension ref="[A-Za-z]{1,3}[0-9]{1,10}:([A-Za-z]{1,3})([0-9]{1,10})"')
_NEEDS_SCAN = (b"<f", b'"e"', b"'e'")
"""A formula or an error value: the sheet is scanned, to mark the cells that read as empty."""
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["']\s*\+?0*([0-9]{1,30})""")
_STRING_END = re.compile(rb"</si>")


@dataclass
class SharedText:
    """The shared strings as the reader will hold them: the longest one (an upper bound), and
    each one's length when a sheet has to be measured exactly."""

    longest: int
    xml: bytes | None = None
    _lengths: list[int] | None = None

    def lengths(self) -> list[int]:
        """Each shared string's length in characters, in order."""
        if self._lengths is None:
            self._lengths = _string_lengths(self.xml) if self.xml else []
        return self._lengths


def shared_text(parts: Parts, path: str, name: str) -> SharedText:
    """Check the shared strings before the reader loads them: it reserves room for as many as
    the part declares, and keeps every one; UnreadableFile past MAX_SHARED_STRINGS."""
    info = parts.find(path)
    if info is None:
        return SharedText(0)
    xml = _read(parts.archive, info, name)
    declared = max((int(found) for found in _UNIQUE_COUNT.findall(xml)), default=0)
    present = sum(xml.count(tag) for tag in _STRING_TAGS)
    if declared > MAX_SHARED_STRINGS or present > 2 * MAX_SHARED_STRINGS:
        raise UnreadableFile(
            name,
            f"la parte «{info.filename}» declara {number(declared or present)} textos distintos "
            f"(límite {number(MAX_SHARED_STRINGS)}); es un archivo dañado o malicioso, no se abre",
        )
    text = SharedText(0, xml)
    if b"<!" in xml or xml.count(b"<?") > 1:
        # a comment, CDATA or processing instruction may hide "</si>": measure each string
        text.longest = max(text.lengths(), default=0)
        return text
    start = 0
    for end in _STRING_END.finditer(xml):
        text.longest = max(text.longest, end.start() - start)
        start = end.end()
    text.longest = max(text.longest, len(xml) - start)
    return text


def _string_lengths(xml: bytes) -> list[int]:
    lengths: list[int] = []
    depth = [0]

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if local(tag) == "si":
            lengths.append(0)
            depth[0] += 1

    def end(tag: str) -> None:
        if local(tag) == "si":
            depth[0] -= 1

    def text(data: str) -> None:
        if depth[0] > 0:
            lengths[-1] += len(data)

    try:
        parse_bytes(xml, start, end, text)
    except XmlRefused as exc:
        raise Unmeasurable from exc
    return lengths


@dataclass
class Measure:
    """One sheet as the reader will build it, and its scan when the sheet needed one."""

    rows: int
    cols: int
    text: int
    scan: SheetScan | None = None


def measure_sheet(
    parts: Parts, path: str, sheet: str, shared: SharedText, budget: Budget
) -> Measure:
    """Measure one sheet part and count it in the workbook's budget (UnreadableFile past it);
    Unmeasurable when the part is not XML that can be followed."""
    info = parts.find(path)
    if info is None:
        raise Unmeasurable  # the reader may resolve the path differently: let it, in a child
    xml = _read(parts.archive, info, budget.file)
    quick = _quick_extent(xml)
    if quick is not None:
        rows, cols, cells = quick
        measure = Measure(rows, cols, len(xml) + cells * shared.longest)
        if rows * cols <= MAX_CELLS_PER_SHEET and budget.fits(measure.text):
            budget.add(sheet, rows, cols, measure.text)
            return measure
    try:
        scan = scan_sheet(xml, shared.lengths() if shared.xml else [])
    except XmlRefused as exc:
        raise Unmeasurable from exc
    except TooManyMarks as exc:
        raise UnreadableFile(
            budget.file,
            f"la hoja «{sheet}» tiene demasiadas celdas con error o con fórmulas sin valor",
        ) from exc
    measure = Measure(scan.rows, scan.cols, len(xml) + scan.shared_text, scan)
    budget.add(sheet, measure.rows, measure.cols, measure.text)
    return measure


def _quick_extent(xml: bytes) -> tuple[int, int, int] | None:
    """(rows, columns, cells) of the grid from A1 to the farthest cell reference, counting empty
    cells too (so never less than the reader's grid), for the usual sheet: every cell of its
    sheetData written `<c r="B7"`, no formula, no error value. None for any other sheet."""
    start, end = xml.find(b"<sheetData"), xml.rfind(b"</sheetData>")
    if start < 0 or end < start or b":sheetData" in xml[:start]:
        return None
    cells = xml.count(_CANONICAL, start, end)
    if xml.count(b"<c", start, end) != cells or _has(xml, b":c", start, end):
        return None  # a cell without its reference, or written with a namespace prefix
    if any(_has(xml, mark, start, end) for mark in _NEEDS_SCAN):
        return None
    if not cells:
        return 0, 0, 0
    rows, cols = _claim(xml, start, end)
    rows = _rounded_up(rows)
    if _outside(rows, cols).search(xml, start, end) is None:
        return rows, cols, cells
    return (
        max(map(int, _ROW.findall(xml, start, end))),
        max(_column(letters) for letters in set(_COLUMN.findall(xml, start, end))),
        cells,
    )


def _has(xml: bytes, mark: bytes, start: int, end: int) -> bool:
    """Whether mark is in xml[start:end]; its first byte is looked for first, which is quick
    when that byte is rare (a colon, an apostrophe)."""
    return xml.find(mark[:1], start, end) >= 0 and xml.find(mark, start, end) >= 0


def _claim(xml: bytes, start: int, end: int) -> tuple[int, int]:
    """Where the sheet says it ends: its dimension, or its last cell, whichever is farther."""
    last = _REF.match(xml, xml.rfind(_CANONICAL, start, end))
    rows, cols = (int(last[2]), _column(last[1])) if last else (0, 0)
    dimension = _DIMENSION.search(xml, 0, start)
    if dimension:
        rows, cols = max(rows, int(dimension[2])), max(cols, _column(dimension[1]))
    return rows, cols


def _column(letters: bytes) -> int:
    col = 0
    for letter in letters.upper():
        col = col * 26 + letter - 64
    return col


def _rounded_up(rows: int) -> int:
    """The row bound one pass can check: rows up to 1731 are checked as rows up to 1999."""
    digits = str(rows)
    return (int(digits[0]) + 1) * 10 ** (len(digits) - 1) - 1


@functools.lru_cache(maxsize=64)
def _outside(rows: int, cols: int) -> re.Pattern[bytes]:
    """A pattern for any cell reference past the given row bound (from _rounded_up) or column:
    one pass finds the cell that lies outside where the sheet says it ends."""
    digits = str(rows)
    shorter = f"[0-9]{{1,{len(digits) - 1}}}|" if len(digits) > 1 else ""
    inside = f"(?:{_letters_up_to(_letters(cols))})(?:{shorter}[0-{digits[0]}][0-9]{{{len(digits) - 1}}})"
    return re.compile(_CANONICAL + f'(?!{inside}")'.encode())


def _letters(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _letters_up_to(letters: str) -> str:
    """Column letters (either case) up to the ones given."""
    size = len(letters)
    options = [f"[A-Za-z]{{1,{size - 1}}}"] if size > 1 else []
    for at, letter in enumerate(letters):
        same = "".join(f"[{c}{c.lower()}]" for c in letters[:at])
        if letter > "A":
            before = chr(ord(letter) - 1)
            options.append(f"{same}[A-{before}a-{before.lower()}][A-Za-z]{{{size - at - 1}}}")
    options.append("".join(f"[{c}{c.lower()}]" for c in letters))
    return "|".join(options)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        return archive.read(info)
    except ZIP_ERRORS as exc:
        raise UnreadableFile(name, f"la parte «{info.filename}» está dañada; {DAMAGED}") from exc
