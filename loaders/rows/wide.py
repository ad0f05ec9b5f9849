"""The wide layout: one row per comuna, one status column per platform."""

from loaders.gazetteer import ComunaMatch
from loaders.layout import Table
from loaders.rows.cells import CellReader, Record, cell, record
from loaders.sheets import Sheet, cell_ref


def data_columns(table: Table) -> list[int]:
    """The columns whose cells hold statuses."""
    return list(table.status_cols.values())


def records(
    cells: CellReader, sheet: Sheet, table: Table, row: list, r: int, match: ComunaMatch
) -> list[Record]:
    """A record per platform column of the row; an unreadable status is an error on its cell."""
    out = []
    for platform, c in table.status_cols.items():
        stage, raw = cells.stage(cell(row, c))
        if stage is None:
            cells.error(sheet, cell_ref(r, c), cells.stage_message(raw, platform))
            continue
        out.append(record(match, platform, stage, raw, sheet, r, c))
    return out
