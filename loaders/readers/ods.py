"""OpenDocument spreadsheets: content.xml followed in one streaming pass that measures every table
as the spreadsheet reader will build it (repeated rows and columns, the text each copy of a cell
takes) before it does, and keeps the values, so that a file the reader rejects but that is fine
(Gnumeric writes line breaks between cells) is read from them instead."""

import datetime as dt
import zipfile
from dataclasses import dataclass, field

from loaders.issues import UnreadableFile
from loaders.readers.workbook import MAX_COLUMNS, MAX_ROWS, Budget
from loaders.sheets import Cell, Sheet
from loaders.xmlstream import XmlRefused, local, parse_part

_VALUE_KEYS = ("value", "string-value", "date-value", "time-value", "boolean-value")
_CELLS = ("table-cell", "covered-table-cell")


class _Damaged(Exception):
    """A count the reader would fail to parse."""


def _count(text: str | None) -> int:
    """A repeat or space count as the reader parses it (digits, an optional plus sign)."""
    if text is None:
        return 1
    digits = text.removeprefix("+")
    if not digits.isascii() or not digits.isdigit() or len(digits) > 19:
        raise _Damaged(text)
    return int(digits)


@dataclass
class _Cell:
    kind: str  # which value attribute holds the value, "text" for a text cell, "" when empty
    raw: str  # that value as written
    repeat: int
    formula: int  # the length of its formula, which the reader keeps too

    @property
    def empty(self) -> bool:
        return not self.kind and not self.formula


@dataclass
class OdsTable:
    """One table of content.xml: its name, whether it is shown, its rows as written (each with
    how many times it repeats, and its cells with theirs) and the size of the reader's grid."""

    name: str
    visible: bool
    rows: list[tuple[int, list[_Cell]]] = field(default_factory=list)
    height: int = 0
    """Rows of the grid, from the first row to the last with a value."""
    width: int = 0
    """Columns of the grid, from the first column to the last with a value."""
    text: int = 0
    """Characters the reader copies into the table's cells, one copy per repeat."""

    def sheet(self) -> Sheet:
        """The table as the reader would give it: a grid from A1 with '' for empty cells."""
        grid: list[list[Cell]] = []
        for repeat, cells in self.rows:
            row: list[Cell] = []
            for cell in cells:
                row.extend([_value(cell)] * max(0, min(cell.repeat, self.width - len(row))))
            row += [""] * (self.width - len(row))
            grid.extend(list(row) for _ in range(max(0, min(repeat, self.height - len(grid)))))
        return Sheet(name=self.name, rows=grid)


def read_content(archive: zipfile.ZipFile, name: str, budget: Budget) -> list[OdsTable]:
    """Every named table of content.xml, measured and counted in the workbook's budget
    (UnreadableFile past it, or when a count is unreadable); XmlRefused when it is not XML."""
    reader = _Reader(budget)
    try:
        parse_part(archive, "content.xml", reader.start, reader.end, reader.text)
    except _Damaged as exc:
        raise UnreadableFile(
            name,
            f"content.xml tiene un número ilegible («{str(exc)[:20]}»); el archivo está dañado",
        ) from exc
    except KeyError as exc:
        raise XmlRefused("no existe") from exc
    return reader.tables


class _Reader:
    """The streaming state: the tables so far, the row and cell being read."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.tables: list[OdsTable] = []
        self.hidden_styles: set[str] = set()
        self.style: str | None = None
        self.table: OdsTable | None = None
        self.total_rows = 0  # rows of the table so far, repeats counted and capped as the reader
        self.row: list[_Cell] | None = None
        self.row_repeat = 1
        self.cell: _Cell | None = None
        self.words: list[str] = []
        self.paragraphs = 0
        self.annotation = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """An element opens."""
        name = local(tag)
        if self.cell is not None:
            self._inside_cell(name, attrs)
        elif name == "style":
            self.style = _attr(attrs, "name")
        elif name == "table-properties" and self.style is not None:
            if _attr(attrs, "display") == "false":
                self.hidden_styles.add(self.style)
        elif name == "table" and self.table is None and _attr(attrs, "name") is not None:
            visible = _attr(attrs, "style-name") not in self.hidden_styles
            self.table = OdsTable(_attr(attrs, "name"), visible)
            self.total_rows = 0
        elif name == "table-row" and self.table is not None:
            self.row = []
            repeat = _count(_attr(attrs, "number-rows-repeated"))
            self.row_repeat = min(repeat, MAX_ROWS - self.total_rows)
        elif name in _CELLS and self.row is not None:
            self._open_cell(attrs)

    def _inside_cell(self, name: str, attrs: dict[str, str]) -> None:
        if name == "annotation":
            self.annotation += 1
        elif self.annotation or self.cell.kind != "text":
            return
        elif name == "p":
            self.paragraphs += 1
            if self.paragraphs > 1:
                self.words.append("\n")
        elif name == "s":
            spaces = _count(_attr(attrs, "c"))
            # text:c="1000000000" would be a gigabyte of spaces: counted before it is written
            self.budget.check(self.table.name, 0, 0, self.table.text + spaces)
            self.words.append(" " * spaces)

    def _open_cell(self, attrs: dict[str, str]) -> None:
        kind, raw, text = "", "", False
        for key, value in attrs.items():
            short = local(key)
            if short in _VALUE_KEYS and not kind:
                kind, raw = short, value
            elif short == "value-type" and not kind:
                text = value == "string"
        repeat = _count(_attr(attrs, "number-columns-repeated"))
        formula = len(_attr(attrs, "formula") or "")
        self.cell = _Cell(kind or ("text" if text else ""), raw, repeat, formula)
        self.words = []
        self.paragraphs = 0
        self.annotation = 0

    def text(self, data: str) -> None:
        """Text inside an element."""
        if self.cell is not None and not self.annotation and self.cell.kind == "text":
            self.words.append(data)

    def end(self, tag: str) -> None:
        """An element closes."""
        name = local(tag)
        if self.cell is not None:
            if name == "annotation":
                self.annotation -= 1
            elif name in _CELLS:
                if self.cell.kind == "text":
                    self.cell.raw = "".join(self.words)
                self.row.append(self.cell)
                self.cell = None
        elif name == "table-row" and self.row is not None:
            self._close_row(self.row)
            self.row = None
        elif name == "table" and self.table is not None:
            table = self.table
            self.budget.add(table.name, table.height, table.width, table.text)
            self.tables.append(table)
            self.table = None

    def _close_row(self, cells: list[_Cell]) -> None:
        """Count the row as the reader stores it: empty cells only before a value, at most
        MAX_COLUMNS per row, each value copied once per repeat, then once per repeated row."""
        table = self.table
        pushed, last, text, pending = 0, -1, 0, 0
        for cell in cells:
            pushed += min(pending, MAX_COLUMNS - pushed)
            times = min(cell.repeat, MAX_COLUMNS - pushed)
            pending = times if cell.empty else 0
            if not cell.empty:
                pushed += times
                last = pushed - 1
                text += (len(cell.raw) + cell.formula) * times
        self.total_rows += self.row_repeat
        table.rows.append((self.row_repeat, cells if last >= 0 else []))
        if last >= 0:
            table.height = self.total_rows
            table.width = max(table.width, last + 1)
            table.text += text * (1 + self.row_repeat)
            self.budget.check(table.name, table.height, table.width, table.text)


def _attr(attrs: dict[str, str], short: str) -> str | None:
    for key, value in attrs.items():
        if local(key) == short:
            return value
    return None


def _value(cell: _Cell) -> Cell:
    """A cell's value as the spreadsheet reader gives it to Python."""
    kind, raw = cell.kind, cell.raw
    if kind == "value":
        try:
            return float(raw)
        except ValueError:
            return ""
    if kind == "boolean-value":
        return raw in ("true", "TRUE")
    if kind == "date-value":
        return _date(raw)
    if kind == "time-value":
        return _duration(raw)
    return raw


def _date(raw: str) -> Cell:
    try:
        if "T" in raw:
            return dt.datetime.fromisoformat(raw)
        if ":" in raw:
            return dt.time.fromisoformat(raw)
        return dt.date.fromisoformat(raw)
    except ValueError:
        return raw


def _duration(raw: str) -> Cell:
    """PT10H30M00S as a time of day, as the reader gives it; as written otherwise."""
    body = raw.removeprefix("PT")
    parts = {}
    for unit in "HMS":
        number, found, body = body.partition(unit)
        if not found:
            return raw
        parts[unit] = number
    try:
        return dt.time(int(parts["H"]), int(parts["M"]), int(float(parts["S"])))
    except ValueError:
        return raw
