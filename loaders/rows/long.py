"""The long layout: one row per comuna and platform, with a platform column and a status column."""

from loaders.gazetteer import ComunaMatch
from loaders.layout import Table
from loaders.rows.cells import CellReader, Record, cell, record
from loaders.sheets import Sheet, cell_ref


def data_columns(table: Table) -> list[int]:
    """The columns whose cells hold statuses: the status and the platform it is about."""
    return [table.status_col, table.platform_col]


def records(
    cells: CellReader, sheet: Sheet, table: Table, row: list, r: int, match: ComunaMatch
) -> list[Record]:
    """The row's one record; an unknown platform or unreadable status is an error on its cell."""
    vocab = cells.vocab
    p_value = cell(row, table.platform_col)
    platform = vocab.platforms.one(p_value) if isinstance(p_value, str) else None
    if platform is None:
        labels = ", ".join(vocab.platform_labels.values())
        cells.error(
            sheet,
            cell_ref(r, table.platform_col),
            f"plataforma desconocida: «{p_value}»",
            f"una de: {labels}",
        )
        return []
    read = cells.status(sheet, table, row, r, table.status_col, platform)
    return [] if read is None else [record(match, platform, *read, sheet, r, table.status_col)]
