"""The quick reading of a row that needs no judgement: its comuna's name is official and in the
region in force, and every status cell is text the vocabulary reads, with no fill colour. Each
distinct name and word is looked up once per file; any other row is left to the row reader,
which reports its problems with their cells."""

from loaders.gazetteer import Gazetteer
from loaders.layout import Table
from loaders.rows.cells import CellReader
from loaders.rows.comunas import ComunaResolver
from loaders.rows.records import Catalog, Records
from loaders.sheets import Sheet
from loaders.text import fold
from loaders.vocabulary import Vocabulary

_UNREAD = -1  # a word, name or platform the quick reading leaves to the row reader
_UNSEEN = -2


class CleanRows:
    """Remembers, for one file, which names, words and row keys read without a problem."""

    def __init__(
        self,
        vocab: Vocabulary,
        places: Gazetteer,
        cells: CellReader,
        comunas: ComunaResolver,
        catalog: Catalog,
    ) -> None:
        self.vocab = vocab
        self.places = places
        self.cells = cells
        self.comunas = comunas
        self.catalog = catalog
        self.readings: dict[str, int] = {}
        """A status cell's text -> its reading's catalog index (_UNREAD: left to the row reader)."""
        self._platforms: dict[str, int] = {}
        self._names: dict[tuple[str, str | None], int] = {}
        self.plain_keys: dict[str, bool] = {}
        """A row's key text -> whether it is neither a footer nor a section title."""
        self._regions: dict[str, str | None] = {}
        self.empty = catalog.readings.id(("sin_informacion", ""))

    def table(self, sheet: Sheet, table: Table) -> "TableRows | None":
        """The quick reader of a table's rows, or None for a table it cannot read: a log (its
        rows have dates), a table identified by CUT codes, or a layout other than wide or long."""
        if table.kind not in ("wide", "long") or table.date_col is not None:
            return None
        if table.code_col is not None or table.comuna_col is None:
            return None
        return TableRows(self, sheet, table)

    def reading(self, value: object) -> int:
        """The catalog index of a status cell's (stage, raw) when its text reads as a stage."""
        found = self.readings.get(value, _UNSEEN) if isinstance(value, str) else _UNREAD
        if found == _UNSEEN:
            stage, raw = self.cells.stage(value)
            found = _UNREAD if stage is None else self.catalog.readings.id((stage, raw))
            self.readings[value] = found
        return found

    def platform(self, value: object) -> int:
        """The catalog index of the platform a long table's platform cell names."""
        found = self._platforms.get(value, _UNSEEN) if isinstance(value, str) else _UNREAD
        if found == _UNSEEN:
            platform = self.vocab.platforms.one(value)
            found = _UNREAD if platform is None else self.catalog.platforms.id(platform)
            self._platforms[value] = found
        return found

    def comuna(self, value: object, scope: str | None) -> int:
        """The catalog index of the comuna a name cell means when it is the official name, in the
        region in force, and no name taught as «no es una comuna»."""
        if not isinstance(value, str):
            return _UNREAD
        key = (value, scope)
        found = self._names.get(key, _UNSEEN)
        if found == _UNSEEN:
            found = self._names[key] = self._clean_comuna(value.strip(), scope)
        return found

    def _clean_comuna(self, text: str, scope: str | None) -> int:
        if not text or fold(text) in self.comunas.aliases:
            return _UNREAD
        match = self.comunas.lookup(text, scope)
        if match is None or not match.is_exact or (match.other_region and scope is not None):
            return _UNREAD
        return self.catalog.comunas.id((match.region_code, match.code, match.name))

    def plain_key(self, key: str) -> bool:
        """Whether a row's key text is neither a footer nor a section title."""
        found = self.plain_keys.get(key)
        if found is None:
            words = fold(key).split()[:3]
            footer = any(
                self.vocab.footers.exact(" ".join(words[:n])) for n in range(1, len(words) + 1)
            )
            found = bool(key) and not footer and not self.vocab.sections.leads(key)
            self.plain_keys[key] = found
        return found

    def region(self, value: object) -> str | None:
        """The region a region cell names, or None."""
        if not isinstance(value, str):
            return None
        if value not in self._regions:
            self._regions[value] = self.places.match_region(value)
        return self._regions[value]


class TableRows:
    """The quick reading of the rows of one table into its records."""

    def __init__(self, clean: CleanRows, sheet: Sheet, table: Table) -> None:
        self.clean = clean
        self.table = table
        self.fills = sheet.fills
        if table.kind == "wide":
            self.cols = list(table.status_cols.values())
            self.platforms = [clean.catalog.platforms.id(p) for p in table.status_cols]
        else:
            self.cols = [table.status_col]
            self.platforms = []
        self.widest = max([*self.cols, table.comuna_col, table.platform_col or 0])

    def read(
        self, row: list, r: int, scope: str | None, records: Records
    ) -> tuple[bool, str | None]:
        """Whether the row was read here (then its records are added), and the region in force
        after it (unchanged when the row is left to the row reader)."""
        table, clean, cols = self.table, self.clean, self.cols
        if len(row) <= self.widest:
            return False, scope
        key = ""
        for c in table.key_cols:
            value = row[c]
            if isinstance(value, str) and value.strip():
                key = value.strip()
                break
        plain = clean.plain_keys.get(key)
        if not (clean.plain_key(key) if plain is None else plain):
            return False, scope
        now = scope
        if table.region_col is not None and table.region_col < len(row):
            now = clean.region(row[table.region_col]) or scope
        comuna = clean.comuna(row[table.comuna_col], now)
        get = clean.readings.get
        readings = [get(row[c], _UNSEEN) for c in cols]
        if _UNSEEN in readings:
            readings = [clean.reading(row[c]) for c in cols]
        if comuna == _UNREAD or _UNREAD in readings:
            return False, scope
        if self.fills and any((r, c) in self.fills for c in cols):
            return False, scope
        if table.kind == "wide":
            if readings.count(clean.empty) == len(readings):
                return False, scope  # no status at all: maybe a section row
            records.clean_platforms.extend(self.platforms)
        else:
            platform = clean.platform(row[table.platform_col])
            if platform == _UNREAD:
                return False, scope
            records.clean_platforms.append(platform)
        records.clean_rows.append(r)
        records.clean_comunas.append(comuna)
        records.clean_readings.extend(readings)
        return True, now
