"""Cells the spreadsheet reader returns empty although they are not: Excel error values (#REF!,
#N/A) and formulas saved without their value (some tools write them so). One streaming pass over
a sheet's XML finds them, and measures the sheet as the reader will build it; they are marked in
the grid, never read as an empty cell, so the row reader reports each with its sheet and cell."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders.sheets import Sheet
from loaders.xmlstream import local, parse_bytes

MAX_MARKS = 200_000  # error cells and unsaved formulas one sheet may report, one issue each
_VALUE_CHARS = 64  # enough for an error value or a shared string's index


class TooManyMarks(Exception):
    """A sheet with more error cells or unsaved formulas than any tracker could hold."""


@dataclass
class SheetScan:
    """A worksheet as the reader will see it: the grid's rows and columns from A1 to its last cell
    with a value, the shared-string text its cells copy, and its cells that read as empty."""

    rows: int = 0
    cols: int = 0
    shared_text: int = 0
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    unsaved: list[tuple[int, int]] = field(default_factory=list)
    saved: bool = False
    """Whether some formula of the sheet carries its value."""


ABSURD = 2**32
"""A row past any the reader can hold, standing for a reference too long to be a cell's."""


def _position(ref: str) -> tuple[int, int | None] | None:
    """(row, column), 0-based, of a reference as the reader parses it (letters of either case,
    then digits; a row alone has no column), or None where the reader would stop with an error.
    Past ZZZ or row 4.294.967.295 the reader's counters overflow: such a reference is ABSURD."""
    letters = len(ref) - len(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
    digits = ref[letters:]
    if not digits.isascii() or not digits.isdigit():
        return None
    if letters > 3 or len(digits) > 10 or int(digits) >= ABSURD:
        return ABSURD, 0
    col = 0
    for letter in ref[:letters].upper():
        col = col * 26 + ord(letter) - 64
    if int(digits) == 0:
        return None
    return int(digits) - 1, (col - 1 if col else None)


def scan_sheet(xml: bytes, shared_lengths: Sequence[int]) -> SheetScan:
    """Follow a worksheet part as the reader does (a cell without a reference comes after the one
    before it, a row without one after the row before) and return its SheetScan; XmlRefused when
    it is not XML, TooManyMarks past MAX_MARKS."""
    scan = SheetScan()
    state = _State()

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if state.cell is not None:
            # the reader takes any element in a cell for its value, a formula's too
            state.valued = True
            state.formula = state.formula or tag == "f"
            state.in_value = tag == "v"
            if state.in_value:
                state.value = ""
        elif tag == "c":
            found = _position(attrs["r"]) if "r" in attrs else None
            if found is not None and found[1] is not None:
                state.cell = (found[0], found[1])
                state.col = found[1]
            else:
                state.cell = (state.row, state.col)
            state.kind = attrs.get("t", "")
            state.formula = state.valued = state.in_value = False
            state.value = None
        elif tag == "row" and "r" in attrs:
            found = _position(attrs["r"])
            if found is not None:
                state.row = found[0]

    def text(data: str) -> None:
        if state.in_value and len(state.value) < _VALUE_CHARS:
            state.value += data[:_VALUE_CHARS]

    def end(name: str) -> None:
        tag = local(name)
        if state.cell is not None and tag == "c":
            _close_cell(scan, state, shared_lengths)
        elif state.cell is not None:
            state.in_value = False
        elif tag == "row":
            state.row += 1
            state.col = 0

    parse_bytes(xml, start, end, text)
    return scan


@dataclass
class _State:
    row: int = 0
    col: int = 0
    cell: tuple[int, int] | None = None
    kind: str = ""
    formula: bool = False
    valued: bool = False
    in_value: bool = False
    value: str | None = None


def _close_cell(scan: SheetScan, state: _State, shared_lengths: Sequence[int]) -> None:
    r, c = state.cell
    value = (state.value or "").strip() or None  # <v></v> holds no value
    if state.valued:
        scan.rows = max(scan.rows, r + 1)
        scan.cols = max(scan.cols, c + 1)
        if state.kind == "s" and value and value.isascii() and value.isdigit():
            index = int(value)
            scan.shared_text += shared_lengths[index] if index < len(shared_lengths) else 0
    if state.kind == "e" and value:
        scan.errors[(r, c)] = value
    elif state.formula:
        scan.saved = scan.saved or value is not None or state.kind == "str"
        if value is None:
            scan.unsaved.append((r, c))
    if len(scan.errors) + len(scan.unsaved) > MAX_MARKS:
        raise TooManyMarks
    state.col = c + 1
    state.cell = None
    state.in_value = False


def mark_unread_cells(scanned: list[tuple[Sheet, SheetScan]]) -> None:
    """Write its error value into every error cell, and UNSAVED_FORMULA into every cell that holds
    a formula and no saved value (when no formula of the workbook has one: an empty value beside
    saved ones is a formula that gives ""), where the reader left them empty."""
    from loaders.rows import UNSAVED_FORMULA

    saved_any = any(scan.saved for _, scan in scanned)
    for sheet, scan in scanned:
        for (r, c), value in scan.errors.items():
            _mark(sheet, r, c, value)
        if not saved_any:
            for r, c in scan.unsaved:
                _mark(sheet, r, c, UNSAVED_FORMULA)


def _mark(sheet: Sheet, r: int, c: int, text: str) -> None:
    if r < len(sheet.rows) and c < len(sheet.rows[r]) and sheet.rows[r][c] in ("", None):
        sheet.rows[r][c] = text
