"""Finding an activity log (one row per activity) or an attendance list (one row per person) in a
sheet: its header row, what each column holds, and what the lines above it say."""

import datetime as dt
from dataclasses import dataclass, field

from loaders.activities.words import header_role, label_role
from loaders.dates import row_date
from loaders.rows.cells import filled
from loaders.sheets import Sheet, cell_ref
from loaders.vocabulary import Vocabulary

HEADER_SCAN_ROWS = 40
TITLE_ROLES = ("date", "activity", "topic", "modality", "platform")
"""What a title's label may give the whole table («Fecha: 12 de septiembre de 2025»)."""
# the columns whose values are read; a person's columns never are
READ_ROLES = ("date", "comuna", "region", "activity", "topic", "platform", "modality")
READ_ROLES += ("participants", "institution")


@dataclass(frozen=True, slots=True)
class Labelled:
    """A value a line above the table gives to all of it, and the cells it was read from."""

    value: object
    cell: str  # the value's cell
    label_cell: str  # the label's cell (the same one for «Fecha: 12/09/2025»)
    label: str


@dataclass
class Title:
    """The lines above a table: the values they label, their other texts and bare dates."""

    labels: dict[str, Labelled] = field(default_factory=dict)
    lines: list[tuple[str, str]] = field(default_factory=list)  # (cell, text), top to bottom
    dates: list[tuple[str, dt.date]] = field(default_factory=list)  # a date alone in its row

    @property
    def text(self) -> str:
        """The title's texts as one line."""
        return " ".join(text for _, text in self.lines)

    @property
    def date_cells(self) -> tuple[str, ...]:
        """The cells the table's own date is read from: a «Fecha» label and its value, else the
        first date alone in its row."""
        if "date" in self.labels:
            return self.labels["date"].cell, self.labels["date"].label_cell
        return (self.dates[0][0],) if self.dates else ()


@dataclass
class ActivityTable:
    """Where an activity log or an attendance list sits in a sheet and which column holds what."""

    kind: str  # "log" (one row per activity) or "attendance" (one row per person)
    header_row: int
    columns: dict[str, int]  # role -> its leftmost column
    headers: dict[int, str]  # column -> its header, every header cell written
    title: Title
    person_cols: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    """Attendance: the rows holding a person, found before personal columns are emptied."""

    @property
    def header_rows(self) -> tuple[int, int]:
        """The header's first and last rows (one row)."""
        return self.header_row, self.header_row

    @property
    def first_data_row(self) -> int:
        """0-based index of the first row below the header."""
        return self.header_row + 1

    def read_columns(self) -> set[int]:
        """The columns whose values are read: never a name, RUT, e-mail or phone."""
        return {c for role, c in self.columns.items() if role in READ_ROLES}

    def col(self, role: str) -> int | None:
        """The column of a role, or None when the table has none."""
        return self.columns.get(role)

    def first_col(self) -> int:
        """The table's leftmost headed column: its cell names a row."""
        return min(self.headers)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def find_activity_table(sheet: Sheet, vocab: Vocabulary) -> ActivityTable | None:
    """The sheet's activity log or attendance list: the first header row, in the top rows,
    with a comuna column and an activity column (a log), or a person's name or RUT column and an
    institution or comuna column (an attendance list); never a row with a status column
    («Estado») or a platform's name as a header, which are tracker tables."""
    rows = sheet.rows
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        columns: dict[str, int] = {}
        headers: dict[int, str] = {}
        persons: list[int] = []
        tracker = False
        for c, value in enumerate(rows[r]):
            text = _text(value)
            if not text:
                continue
            if vocab.header_role(text) == "status" or vocab.platforms.exact(text):
                tracker = True
                break
            headers[c] = text
            role = header_role(text)
            if role is None:
                continue
            columns.setdefault(role, c)
            if role == "person":
                persons.append(c)
        if tracker:
            continue
        kind = _kind(columns)
        if kind is not None:
            table = ActivityTable(kind, r, columns, headers, read_title(sheet, r), persons)
            if kind == "attendance":
                table.people = _people(sheet, table, vocab)
            return table
    return None


def _kind(columns: dict[str, int]) -> str | None:
    """An attendance list names people and their institution and counts no one; a log names
    comunas and activities."""
    names_people = "person" in columns and "participants" not in columns
    if names_people and ("institution" in columns or "comuna" in columns):
        return "attendance"
    if "comuna" in columns and "activity" in columns:
        return "log"
    return None


def _people(sheet: Sheet, table: ActivityTable, vocab: Vocabulary) -> list[int]:
    """The rows of an attendance list that hold a person: a name, RUT or institution written
    (a numbered row left blank holds no one), and no total or footer."""
    marks = [*table.person_cols]
    marks += [c for role in ("institution", "comuna") if (c := table.col(role)) is not None]
    people = []
    for r in range(table.first_data_row, len(sheet.rows)):
        row = sheet.rows[r]
        if not any(filled(row[c]) for c in marks if c < len(row)):
            continue
        first = next((_text(v) for v in row if filled(v)), "")
        if first and vocab.footers.leads(first):
            continue
        people.append(r)
    return people


def read_title(sheet: Sheet, header_row: int) -> Title:
    """What the lines above a header say: labels («Fecha: 12 de septiembre de 2025», or
    «Fecha:» with the date in the next cell), dates alone in their row, and other texts."""
    title = Title()
    for r in range(header_row):
        cells = [(c, v) for c, v in enumerate(sheet.rows[r]) if filled(v)]
        k = 0
        while k < len(cells):
            c, value = cells[k]
            k += 1
            text = _text(value)
            label, colon, rest = text.partition(":")
            role = label_role(label) if colon or len(cells) > 1 else None
            if role in TITLE_ROLES and rest.strip():
                found = Labelled(rest.strip(), cell_ref(r, c), cell_ref(r, c), label.strip())
                title.labels.setdefault(role, found)
                continue
            if role in TITLE_ROLES and not rest.strip() and k < len(cells):
                nc, nv = cells[k]
                k += 1  # the label's value is read here, not as a line of its own
                found = Labelled(nv, cell_ref(r, nc), cell_ref(r, c), label.strip())
                title.labels.setdefault(role, found)
                continue
            if text:
                title.lines.append((cell_ref(r, c), text))
            if len(cells) == 1 and (when := row_date(value)) is not None:
                title.dates.append((cell_ref(r, c), when))
    return title
