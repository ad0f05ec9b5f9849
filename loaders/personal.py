"""Personal data stays out: columns of names, RUT, e-mail or phone are emptied before any row is
read, so that none of their values reaches the frame, a message, the store or a page."""

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Protocol

from loaders.issues import Issue
from loaders.sheets import Sheet, column_letters
from loaders.vocabulary import Vocabulary, read_table


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The shapes of personal data a cell can hold whole (layouts/personal_patterns.csv)."""
    return tuple(
        (re.compile(r["pattern"]), r["label"]) for r in read_table("personal_patterns.csv")
    )


@lru_cache(maxsize=16384)
def _kind_of_text(text: str) -> str | None:
    stripped = text.strip()
    for pattern, label in _patterns():
        if pattern.fullmatch(stripped):
            return label
    return None


def personal_kind(value: object) -> str | None:
    """What personal datum a cell holds whole («correo electrónico», «RUT», «teléfono»), or None."""
    return _kind_of_text(value) if isinstance(value, str) and value.strip() else None


def withheld(kind: str) -> str:
    """What a data cell that held a personal datum says instead, so it is reported, not quoted."""
    return f"({kind}: dato personal omitido)"


class ReadTable(Protocol):
    """What the personal-data rule needs of a table: its header rows and the columns read as data
    (a tracker table of loaders.layout, an activity log or an attendance list)."""

    header_rows: tuple[int, int]

    @property
    def first_data_row(self) -> int:
        """0-based index of the first row below the header."""
        ...

    def read_columns(self) -> set[int]:
        """The columns whose values are read."""
        ...


def _header(sheet: Sheet, table: ReadTable, c: int) -> str:
    """The header of a column: its texts in the header rows, joined."""
    texts = []
    for r in range(table.header_rows[0], table.header_rows[1] + 1):
        value = sheet.rows[r][c] if r < len(sheet.rows) and c < len(sheet.rows[r]) else ""
        if isinstance(value, str) and value.strip() and value.strip() not in texts:
            texts.append(value.strip())
    return " / ".join(texts)


def _found(sheet: Sheet, table: ReadTable) -> dict[int, dict[int, str]]:
    """Per column, from the header down, the rows whose cell holds a personal datum whole and
    what it is. Each distinct value is checked once, and most sheets have none: then no cell is
    visited one by one."""
    rows = sheet.rows[table.header_rows[0] :]
    personal = {v: kind for v in set().union(*rows) if (kind := personal_kind(v))}
    found: dict[int, dict[int, str]] = {}
    if not personal:
        return found
    for r, row in enumerate(rows, start=table.header_rows[0]):
        for c, value in enumerate(row):
            if isinstance(value, str) and value in personal:
                found.setdefault(c, {})[r] = personal[value]
    return found


def drop_personal(
    tables: Iterable[tuple[Sheet, ReadTable]], vocab: Vocabulary
) -> tuple[list[Issue], int]:
    """Empty, in place, every column of the tables whose header names personal data or whose
    cells hold e-mails, RUTs or phone numbers; in the columns read as data, such a cell is
    replaced by a text saying what it held. One note per sheet naming the headers dropped (never
    a value), and how many columns were dropped in all."""
    dropped: dict[str, list[str]] = {}
    for sheet, table in tables:
        names = dropped.setdefault(sheet.name, [])
        data = table.read_columns()
        found = _found(sheet, table)
        header_width = max(len(sheet.rows[r]) for r in range(*_header_range(table, sheet)))
        for c in sorted(set(range(header_width)) | set(found)):
            cells = found.get(c, {})
            if c in data:
                for r, kind in cells.items():
                    if r >= table.first_data_row:
                        sheet.rows[r][c] = withheld(kind)
                continue
            name = _personal_column(_header(sheet, table, c), c, cells, vocab)
            if name:
                names.append(name)
                for r in range(table.first_data_row, len(sheet.rows)):
                    if c < len(sheet.rows[r]):
                        sheet.rows[r][c] = ""
                for r in cells:  # a header cell that is itself an e-mail or a RUT
                    sheet.rows[r][c] = ""
    notes = []
    for sheet, names in dropped.items():
        if not names:
            continue
        told = f"se omitieron {len(names)} columnas" if len(names) > 1 else "se omitió 1 columna"
        notes.append(
            Issue(
                "info",
                sheet,
                "",
                f"{told} con datos personales: {', '.join(names)}; sus valores no se leen, no se "
                "guardan ni se muestran",
            )
        )
    return notes, sum(len(names) for names in dropped.values())


def _header_range(table: ReadTable, sheet: Sheet) -> tuple[int, int]:
    """The rows of the table's header, as a range's bounds within the sheet."""
    return table.header_rows[0], min(table.header_rows[1] + 1, len(sheet.rows))


def _personal_column(header: str, c: int, cells: dict[int, str], vocab: Vocabulary) -> str | None:
    """How the note names a column of personal data (its header and letter), or None when the
    column is not one: neither its header names personal data nor its cells hold any."""
    if header and vocab.header_role(header) == "personal":
        return f"«{header}» ({column_letters(c)})"
    if not cells:
        return None
    found = " y ".join(sorted(set(cells.values())))
    if header and personal_kind(header) is None:
        return f"«{header}» ({column_letters(c)}: {found})"
    return f"columna {column_letters(c)} sin título ({found})"
