"""A worksheet as a plain grid of cached cell values, and A1 cell references."""

import re
from dataclasses import dataclass, field
from functools import cache

Cell = (
    object  # str ('' when empty), int, float, bool, datetime.date, datetime.datetime, datetime.time
)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One worksheet: its name, its rows of cached values (0-based), its merged ranges and the
    fill colours of its cells."""

    name: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged ranges as (first_row, first_col, last_row, last_col), 0-based and inclusive."""
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, col) -> a cell's solid fill colour as "RRGGBB" (see loaders.fills); sparse: a cell
    without a fill, or with a white one, is absent."""


@cache
def column_letters(col: int) -> str:
    """Spreadsheet column letters for a 0-based column index (0 -> A, 27 -> AB)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """A1 reference for a 0-based row and column, as a spreadsheet shows it."""
    return f"{column_letters(col)}{row + 1}"


_REF = re.compile(r"([A-Z]+)(\d+)")


def parse_ref(ref: str) -> tuple[int, int]:
    """The 0-based row and column of an A1 reference (the inverse of cell_ref)."""
    letters, digits = _REF.fullmatch(ref).groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(digits) - 1, col - 1


def transposed(sheet: Sheet, first: int, last: int) -> tuple[Sheet, dict[str, str]]:
    """Rows first..last of a sheet turned so that each of its columns is a row (merged ranges and
    fill colours too), and the sheet's own A1 reference of each cell of that view."""
    block = sheet.rows[first : last + 1]
    width = max((len(row) for row in block), default=0)
    rows = [[row[c] if c < len(row) else "" for row in block] for c in range(width)]
    merged = [
        (c0, r0 - first, c1, min(r1, last) - first)
        for r0, c0, r1, c1 in sheet.merged
        if first <= r0 <= last
    ]
    refs = {cell_ref(c, r): cell_ref(first + r, c) for c in range(width) for r in range(len(block))}
    # every per-cell field of Sheet has to be turned here as well, or the view loses it
    fills = {(c, r - first): colour for (r, c), colour in sheet.fills.items() if first <= r <= last}
    return Sheet(name=sheet.name, rows=rows, merged=merged, fills=fills), refs
