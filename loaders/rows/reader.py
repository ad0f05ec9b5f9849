"""The row loop of every layout: which rows are data, their comuna, then the layout's cells."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from loaders.dates import ROW_DATE_FORMS, month_first, row_date
from loaders.gazetteer import ComunaMatch, Gazetteer
from loaders.issues import Issue
from loaders.layout import Table
from loaders.legend import Legends
from loaders.rows import long, wide, yesno
from loaders.rows.cells import CellReader, Record, cell, filled, raw_text
from loaders.rows.clean import CleanRows
from loaders.rows.comunas import Aliases, ComunaResolver, UnknownComuna
from loaders.rows.records import Catalog, Records
from loaders.sheets import Sheet, cell_ref
from loaders.text import fold
from loaders.vocabulary import Vocabulary


class Layout(Protocol):
    """How one table layout is read: which columns hold data, and the records of a row."""

    def data_columns(self, table: Table) -> list[int]:
        """The columns whose cells make a row a data row."""
        ...

    def records(
        self, cells: CellReader, sheet: Sheet, table: Table, row: list, r: int, match: ComunaMatch
    ) -> list[Record]:
        """The records of one data row whose comuna is known; problems go to cells.issues."""
        ...


# Table.kind (as loaders.layout finds it) -> the module that reads it. A new layout is a
# module with these two functions and a row here.
LAYOUTS: dict[str, Layout] = {"wide": wide, "long": long, "yesno": yesno}


@dataclass
class RowReader:
    """Turns table rows into records of any layout, collecting every problem in issues."""

    vocab: Vocabulary
    gazetteer: Gazetteer
    issues: list[Issue] = field(default_factory=list)
    legends: Legends = field(default_factory=Legends)
    aliases: Aliases = field(default_factory=dict)
    unknown: list[UnknownComuna] = field(default_factory=list)
    catalog: Catalog = field(default_factory=Catalog)
    _cells: CellReader = field(init=False)
    _comunas: ComunaResolver = field(init=False)
    _clean: CleanRows = field(init=False)

    def __post_init__(self) -> None:
        self._cells = CellReader(self.vocab, self.issues, self.legends)
        self._comunas = ComunaResolver(self.gazetteer, self._cells, self.aliases, self.unknown)
        self._clean = CleanRows(
            self.vocab, self.gazetteer, self._cells, self._comunas, self.catalog
        )

    def read(
        self, sheet: Sheet, table: Table, region: str | None, as_of: dt.date | None = None
    ) -> Records:
        """Records of every data row of the table, each at its date: the row's own in a log (a
        table with a date column), else as_of; problems go to self.issues. A row that needs no
        judgement is read by CleanRows; every other one here, cell by cell."""
        layout = LAYOUTS[table.kind]
        clean = self._clean.table(sheet, table)
        records = Records(self.catalog, sheet.name, as_of, clean.cols if clean else [])
        scope = region
        rows = sheet.rows
        data_cols = layout.data_columns(table)
        for r in range(table.first_data_row, len(rows)):
            row = rows[r]
            if clean is not None:
                taken, scope_after = clean.read(row, r, scope, records)
                if taken:
                    scope = scope_after
                    continue
            key = self._key_text(row, table)
            has_data = any(filled(row[c]) for c in data_cols if c < len(row))
            if (not key and not has_data) or self._is_footer(key):
                continue
            if table.region_col is not None and table.region_col < len(row):
                scope = self.gazetteer.match_region(row[table.region_col]) or scope
            if self.vocab.sections.leads(key) or (
                not has_data and not self._comunas.names_a_comuna(row, table, scope)
            ):
                # a section row such as "Región de Los Ríos" or "Provincia de Cautín", maybe
                # with its subtotals (words: layouts/section_titles.csv)
                scope = self.gazetteer.match_region(key) or scope
                continue
            if self._comunas.skips_row(sheet, table, row, r):
                continue  # taught as no comuna: neither its statuses nor its date are read
            match = self._comunas.resolve(sheet, table, row, r, scope)
            dated, when = self._row_date(sheet, table, row, r, as_of)
            if match is not None:
                # read even an undated row's cells, so that all of its problems are reported
                read = layout.records(self._cells, sheet, table, row, r, match)
                if dated:
                    for one in read:
                        records.add(one, when)
        return records

    def _row_date(
        self, sheet: Sheet, table: Table, row: list, r: int, as_of: dt.date | None
    ) -> tuple[bool, dt.date | None]:
        """Whether the row can be dated, and its date: its date cell's, else as_of."""
        col = table.date_col
        if col is None:
            return True, as_of
        value = cell(row, col)
        header = table.headers.get(col, "")
        if filled(value):
            when = row_date(value)
            if when is None:
                hint = " (parece escrita mes/día)" if month_first(value) else ""
                self._cells.error(
                    sheet,
                    cell_ref(r, col),
                    f"fecha ilegible «{raw_text(value)}» en «{header}»{hint}",
                    f"el día del registro, como {ROW_DATE_FORMS}",
                )
            return when is not None, when
        if as_of is not None:
            return True, as_of
        first = min(table.headers, default=col)
        self._cells.error(
            sheet,
            cell_ref(r, first),
            f"la fila no tiene fecha: la celda {cell_ref(r, col)} («{header}») está vacía y la "
            "hoja no tiene fecha de corte",
            "la fecha del registro en esa celda, una fecha de corte sobre la tabla o indicar la "
            "fecha al cargar el archivo",
            found="",  # the issue is the row's, placed on its first cell
        )
        return False, None

    def _key_text(self, row: list, table: Table) -> str:
        for c in table.key_cols:
            if c < len(row) and isinstance(row[c], str) and row[c].strip():
                return row[c].strip()
        return ""

    def _is_footer(self, key: str) -> bool:
        words = fold(key).split()[:3]
        return any(self.vocab.footers.exact(" ".join(words[:n])) for n in range(1, len(words) + 1))
