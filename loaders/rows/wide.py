"""The wide layout: one row per comuna, one status column per platform."""

from loaders.gazetteer import ComunaMatch
from loaders.layout import Table
from loaders.rows.cells import CellReader, Record, record
from loaders.sheets import Sheet


def data_columns(table: Table) -> list[int]:
    """The columns whose cells hold statuses."""
    return list(table.status_cols.values())


def records(
    cells: CellReader, sheet: Sheet, table: Table, row: list, r: int, match: ComunaMatch
) -> list[Record]:
    """A record per platform column of the row; an unreadable status is an error on its cell."""
    out = []
    for platform, c in table.status_cols.items():
        read = cells.status(sheet, table, row, r, c, platform)
        if read is not None:
            out.append(record(match, platform, *read, sheet, r, c))
    return out
