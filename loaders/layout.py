"""Finding the tracker tables in a sheet: where each one is, which way it runs, its header rows,
its layout and what each column holds."""

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache

from loaders.dates import date_column_role
from loaders.gazetteer import Gazetteer
from loaders.sheets import Sheet, transposed
from loaders.text import fold
from loaders.vocabulary import Vocabulary

HEADER_SCAN_ROWS = 40
MAX_HEADER_WORDS = 8  # a longer cell is a title or a note, not a column header
_GRID_ROW = re.compile(r"(?P<question>.*)\[(?P<row>[^\[\]]+)\]\s*", re.DOTALL)
MAX_TITLE_ROWS = 3  # lines of a stacked table's own title (section, date) above its header
IDENTITY = ("comuna", "comuna_code")


@dataclass
class Table:
    """Where a tracker table sits in a sheet and which column holds what."""

    kind: str  # "wide" (a column per platform), "long" (a row per platform) or "yesno"
    header_rows: tuple[int, int]
    comuna_col: int | None = None
    code_col: int | None = None
    region_col: int | None = None
    platform_col: int | None = None  # long layout: the column naming the platform
    status_col: int | None = None  # long layout: the column with the stage
    status_cols: dict[str, int] = field(default_factory=dict)  # wide: platform -> column
    questions: dict[str, dict[str, int]] = field(
        default_factory=dict
    )  # yesno: platform -> q -> col
    key_cols: list[int] = field(default_factory=list)  # identifying columns left of the data
    headers: dict[int, str] = field(default_factory=dict)
    title: str = ""
    # columns dating each row (a log, a form's export), leftmost first; empty for a snapshot
    date_cols: list[int] = field(default_factory=list)

    @property
    def date_col(self) -> int | None:
        """The column that dates each row (a log or a form's export), or None for a snapshot."""
        return self.date_cols[0] if self.date_cols else None

    @property
    def first_data_row(self) -> int:
        """0-based index of the first row below the header."""
        return self.header_rows[1] + 1

    def read_columns(self) -> set[int]:
        """The columns the row readers take values from: identity, platform, status and answers."""
        columns = {self.comuna_col, self.code_col, self.region_col}
        columns |= {self.platform_col, self.status_col, *self.status_cols.values()}
        columns |= {c for questions in self.questions.values() for c in questions.values()}
        return {c for c in columns if c is not None}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class _Header:
    role: str | None  # a role of headers.csv, or None
    platform: str | None
    question: str | None


def _classify(text: str, vocab: Vocabulary) -> _Header:
    grid = _GRID_ROW.fullmatch(text)
    platform = vocab.platforms.one(grid["row"]) if grid else None
    if grid and platform:
        # a form's grid question, "Pregunta [Fila]": its row names the platform, however long
        # the question (fixture: logs/formulario_grilla.csv)
        return _Header(None, platform, vocab.questions.one(grid["question"]))
    if not text or len(fold(text).split()) > MAX_HEADER_WORDS:
        return _Header(None, None, None)
    platform = vocab.platforms.one(text)
    role = vocab.header_role(text)
    question = vocab.questions.one(text) if platform else None
    return _Header(role, platform, question)


class _Grid:
    """A sheet's text with each merged range's value copied into all its cells, and each cell
    classified as a header; a row is worked out the first time it is asked for."""

    def __init__(self, sheet: Sheet, vocab: Vocabulary) -> None:
        self.sheet = sheet
        self.vocab = vocab
        self._texts: dict[int, list[str]] = {}
        self._heads: dict[int, list[_Header]] = {}

    def __len__(self) -> int:
        return len(self.sheet.rows)

    def text(self, r: int) -> list[str]:
        """Row r as header text."""
        if r not in self._texts:
            rows = self.sheet.rows
            row = [_text(v) for v in rows[r]]
            for r0, c0, r1, c1 in self.sheet.merged:
                if r0 <= r <= r1 and c0 < len(rows[r0]):
                    value = _text(rows[r0][c0])
                    for c in range(c0, min(c1, len(row) - 1) + 1):
                        row[c] = value
            self._texts[r] = row
        return self._texts[r]

    def heads(self, r: int) -> list[_Header]:
        """What each cell of row r says as a header."""
        if r not in self._heads:
            self._heads[r] = [_classify(t, self.vocab) for t in self.text(r)]
        return self._heads[r]

    def title(self, first: int, stop: int) -> str:
        """The text of rows first..stop-1, as one line."""
        return " ".join(t for r in range(first, stop) for t in self.text(r) if t)


@dataclass(frozen=True)
class TableView:
    """A table and the view of the sheet its rows and columns count in: the sheet up to where
    the next table begins, or a block of it turned on its side."""

    view: Sheet
    table: Table
    refs: dict[str, str] = field(default_factory=dict)
    """A turned view's A1 references -> the sheet's own; empty when the view is not turned."""

    def sheet_ref(self, ref: str) -> str:
        """A cell of the view as the sheet names it."""
        return self.refs.get(ref, ref)


def find_tables(sheet: Sheet, vocab: Vocabulary, places: Gazetteer) -> list[TableView]:
    """Every tracker table of the sheet, top to bottom: stacked ones (each with its header, a
    section title, a subtotal) and transposed ones (platforms down a column, comunas across)."""
    grid = _Grid(sheet, vocab)
    identity_rows, platform_rows = _marked_rows(grid)
    turned = _transposed_tables(grid, platform_rows, places)
    items: list[tuple[int, int, Table | TableView]] = [
        (top, last + 1, found) for top, last, found in turned
    ]
    for table in _normal_tables(grid, identity_rows):
        top, bottom = table.header_rows
        if not any(first <= bottom and top <= last for first, last, _ in turned):
            items.append((top, table.first_data_row, table))
    items.sort(key=lambda item: item[0])
    found = []
    for k, (top, body, item) in enumerate(items):
        start = _title_start(grid, top, items[k - 1][1], places) if k else 0
        end = _title_start(grid, items[k + 1][0], body, places) if k + 1 < len(items) else None
        if isinstance(item, TableView):
            item.table.title = grid.title(start, top)
            found.append(item)
            continue
        item.title = grid.title(start, top)
        view = sheet if end is None else dataclasses.replace(sheet, rows=sheet.rows[:end])
        found.append(TableView(view, item))
    return found


def _marked_rows(grid: _Grid) -> tuple[list[int], list[int]]:
    """Rows with a cell that is exactly a comuna or code header («Comuna», «Código CUT»), and
    rows with a platform name; each distinct text is looked at once, then each row is a set
    lookup, so a long sheet costs little."""
    rows, vocab = grid.sheet.rows, grid.vocab
    texts = {v for v in set().union(*rows) if isinstance(v, str)}
    identity = {t for t in texts if vocab.headers.exact(t) in IDENTITY}
    platforms = {
        t for t in texts if vocab.platforms.one(t) and len(fold(t).split()) <= MAX_HEADER_WORDS
    }
    return (
        [r for r, row in enumerate(rows) if not identity.isdisjoint(row)] if identity else [],
        [r for r, row in enumerate(rows) if not platforms.isdisjoint(row)] if platforms else [],
    )


def _normal_tables(grid: _Grid, identity_rows: list[int]) -> list[Table]:
    """The first table, then one more at every later header row whose comuna or code cell is
    exactly a header word: a repeated header starts the next stacked table."""
    first = _first_table(grid)
    tables = [first] if first else []
    for r in identity_rows:
        if tables and r <= tables[-1].header_rows[1]:
            continue
        texts = grid.text(r)
        identity = [c for c, t in enumerate(texts) if grid.vocab.headers.exact(t) in IDENTITY]
        table = _table_at(grid, r, identity) if identity else None
        if table is not None and (not tables or table.header_rows[0] > tables[-1].header_rows[1]):
            tables.append(table)
    return tables


def _transposed_tables(
    grid: _Grid, platform_rows: list[int], places: Gazetteer
) -> list[tuple[int, int, TableView]]:
    """Tables on their side, with the first and last rows they take: platform names down a
    column under a row of comunas, read through a turned view of those rows."""
    marked = set(platform_rows)
    # a run of platform rows is looked at from its first row only (a long table is one run)
    firsts = [r for r in platform_rows if r and r - 1 not in marked]
    found: list[tuple[int, int, TableView]] = []
    for r in firsts:
        if found and r <= found[-1][1]:
            continue
        for c, head in enumerate(grid.heads(r)):
            if not head.platform or _platform_at(grid, r - 1, c):
                continue
            if not _comunas_across(grid, r - 1, c, places):
                continue
            last = _run_end(grid, r, c)
            view, refs = transposed(grid.sheet, r - 1, last)
            _drop_header_rows(view, c, grid.vocab)
            table = _wide_table(_Grid(view, grid.vocab), c, [0], corner=True)
            if table is not None:
                found.append((r - 1, last, TableView(view, table, refs)))
                break
    return found


def _run_end(grid: _Grid, r: int, c: int) -> int:
    """The last row of the platform names down column c from row r; blank rows between them
    do not end it."""
    last, rows = r, grid.sheet.rows
    for below in range(r + 1, len(grid)):
        if _platform_at(grid, below, c):
            last = below
        elif any(_filled(v) for v in rows[below]):
            break
    return last


def _drop_header_rows(view: Sheet, header: int, vocab: Vocabulary) -> None:
    """Empty the rows of a turned view that were columns of notes, dates or other headed
    columns across the top («Observaciones»): only comunas are rows of a transposed table."""
    for row in view.rows[header + 1 :]:
        role = _classify(_text(row[0]), vocab).role if row else None
        if role is not None and role not in IDENTITY:
            row[:] = [""] * len(row)


def _platform_at(grid: _Grid, r: int, c: int) -> bool:
    heads = grid.heads(r)
    return c < len(heads) and heads[c].platform is not None


def _comunas_across(grid: _Grid, r: int, c: int, places: Gazetteer) -> bool:
    """Whether most texts right of column c in row r name comunas, leaving aside totals and
    other headed columns («Observaciones»)."""
    heads = grid.heads(r)[c + 1 :]
    texts = [
        t
        for t, head in zip(grid.text(r)[c + 1 :], heads, strict=True)
        if t and not grid.vocab.footers.leads(t) and head.role in (None, *IDENTITY)
    ]
    named = sum(places.match_comuna(t) is not None for t in texts)
    return named > 0 and 2 * named > len(texts)


def _title_start(grid: _Grid, top: int, floor: int, places: Gazetteer) -> int:
    """The first of the lines above a stacked table's header that title it («Provincia de
    Cautín», a date), looking no higher than floor; the table above ends there."""
    start, lines = top, 0
    for r in range(top - 1, floor - 1, -1):
        if not any(_filled(v) for v in grid.sheet.rows[r]):
            continue
        if lines == MAX_TITLE_ROWS or not _is_title(grid, r, top, lines == 0, places):
            break
        start, lines = r, lines + 1
    return start


def _is_title(grid: _Grid, r: int, top: int, nearest: bool, places: Gazetteer) -> bool:
    """Whether row r titles the table whose header is at top rather than belonging to the one
    above: a row naming a comuna is data, but a province's name alone right above the header
    («Osorno») titles it when its namesake comuna is in the rows below."""
    texts = [t for t in grid.text(r) if t]
    if not texts:
        return False
    vocab = grid.vocab
    if vocab.sections.leads(texts[0]):
        return True
    if sum(_filled(v) for v in grid.sheet.rows[r]) > 1 or vocab.footers.leads(texts[0]):
        return False
    name = fold(texts[0])
    if nearest and name in _provinces(places) and _named_below(grid, top, name):
        return True
    return places.match_comuna(texts[0]) is None


def _named_below(grid: _Grid, top: int, name: str) -> bool:
    """Whether a cell from row top down is the folded name, maybe after a prefix."""
    return any(
        isinstance(v, str) and (fold(v) == name or fold(v).endswith(" " + name))
        for row in grid.sheet.rows[top:]
        for v in row
    )


@cache
def _provinces(places: Gazetteer) -> frozenset[str]:
    return frozenset(fold(name) for name in places.comunas["province"].unique())


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def holds_comunas(found: TableView, places: Gazetteer) -> bool:
    """Whether a row of the table names a comuna (by name or CUT code), not only totals."""
    table = found.table
    for row in found.view.rows[table.first_data_row :]:
        name = _cell(row, table.comuna_col)
        if isinstance(name, str) and places.match_comuna(name) and not places.match_region(name):
            return True
        code = _cell(row, table.code_col)
        if isinstance(code, float) and code.is_integer():
            code = int(code)
        if isinstance(code, int | str) and places.match_code(str(code).strip().zfill(5)):
            return True
    return False


def _cell(row: list, c: int | None) -> object:
    return row[c] if c is not None and c < len(row) else None


def _first_table(grid: _Grid) -> Table | None:
    """The first table whose header is in the sheet's top rows, a header word anywhere in a cell."""
    for r in range(min(len(grid), HEADER_SCAN_ROWS)):
        identity = [c for c, h in enumerate(grid.heads(r)) if h.role in IDENTITY]
        table = _table_at(grid, r, identity) if identity else None
        if table is not None:
            return table
    return None


def _table_at(grid: _Grid, r: int, identity: list[int]) -> Table | None:
    return _wide_table(grid, r, identity) or _long_table(grid, r)


def _identity_columns(table: Table, heads: list[_Header], texts: list[str]) -> None:
    for c, head in enumerate(heads):
        if head.platform:
            continue
        if head.role == "comuna" and table.comuna_col is None:
            table.comuna_col = c
        elif head.role == "comuna_code" and table.code_col is None:
            table.code_col = c
        elif head.role == "region" and table.region_col is None:
            table.region_col = c
        if head.role in ("comuna", "comuna_code", "region", "province", "number"):
            table.key_cols.append(c)
        if texts[c]:
            table.headers[c] = texts[c]


def _long_table(grid: _Grid, r: int) -> Table | None:
    heads = grid.heads(r)
    roles = [h.role for h in heads]
    if "platform" not in roles or "status" not in roles:
        return None
    table = Table(kind="long", header_rows=(r, r))
    _identity_columns(table, heads, grid.text(r))
    table.platform_col = roles.index("platform")
    table.status_col = roles.index("status")
    table.date_cols = _date_columns(grid.text(r), {table.platform_col, table.status_col})
    return table


def _wide_table(grid: _Grid, r: int, identity: list[int], corner: bool = False) -> Table | None:
    """The wide or yes/no table whose header is row r; with corner, the identity column names
    the comunas whatever its header says (a transposed table's corner cell)."""
    vocab = grid.vocab
    top, heads = r, grid.heads(r)
    if not any(h.platform for h in heads) and r > 0:
        # platform names merged over the row that holds "Comuna" (fixture: wide_two_row_merged)
        above = grid.heads(r - 1)
        if any(h.platform for h in above):
            top = r - 1
    platforms = [h.platform for h in grid.heads(top)]
    if not any(platforms):
        return None
    sub_row = r + 1 if top == r else r
    subs = grid.heads(sub_row) if sub_row < len(grid) and sub_row != top else None
    if subs is not None and _names_data(grid, sub_row, r, identity):
        subs = None  # the row below names a comuna: it is data, not a second header row
    two_rows = subs is not None and any(
        platforms[c]
        and (subs[c].role in ("status", "date", "notes") or _question(grid.text(sub_row)[c], vocab))
        for c in range(min(len(platforms), len(subs)))
    )
    if two_rows and not grid.sheet.merged:
        platforms = _spread_right(platforms, grid.text(sub_row))
    last = sub_row if two_rows else top
    table = Table(kind="wide", header_rows=(top, last))
    _identity_columns(table, grid.heads(r), grid.text(r))
    if corner:
        table.comuna_col, table.code_col, table.region_col = identity[0], None, None
        table.key_cols = [identity[0]]
    for c, platform in enumerate(platforms):
        if not platform:
            continue
        head = grid.heads(top)[c]
        sub_text = grid.text(sub_row)[c] if two_rows else ""
        sub_role = subs[c].role if two_rows and subs is not None and c < len(subs) else None
        role = sub_role if sub_role in ("date", "notes", "personal") else head.role
        table.headers[c] = " / ".join(t for t in (grid.text(top)[c], sub_text) if t)
        if role in ("date", "notes", "personal"):
            continue
        question = head.question or _question(sub_text, vocab)
        if question:
            table.kind = "yesno"
            table.questions.setdefault(platform, {}).setdefault(question, c)
        else:
            table.status_cols.setdefault(platform, c)
    if table.comuna_col is None and table.code_col is None:
        return None
    table.date_cols = _date_columns(grid.text(r), {c for c, p in enumerate(platforms) if p})
    return table


def _date_columns(texts: list[str], taken: set[int]) -> list[int]:
    """Columns whose header says they date each row (date_columns.csv); a date under a platform
    is that platform's, not the row's (fixture: wide_two_row_merged)."""
    return [c for c, t in enumerate(texts) if c not in taken and date_column_role(t) == "observed"]


def _names_data(grid: _Grid, row: int, header: int, identity: list[int]) -> bool:
    """Whether a row holds a comuna name or code under the header's identity columns."""
    raw = grid.sheet.rows[row] if row < len(grid) else []
    for c in identity:
        value = raw[c] if c < len(raw) else ""
        if not isinstance(value, str) and value is not None:
            return True
        if grid.text(row)[c] not in ("", grid.text(header)[c]):
            return True
    return False


def _question(text: str, vocab: Vocabulary) -> str | None:
    return vocab.questions.one(text) if text else None


def _spread_right(platforms: list[str | None], subs: list[str]) -> list[str | None]:
    """Without merge information, a platform name covers the empty header cells to its right
    that still have a sub-header (fixture: wide.xls)."""
    spread = list(platforms)
    for c in range(1, len(spread)):
        if spread[c] is None and spread[c - 1] and c < len(subs) and subs[c]:
            spread[c] = spread[c - 1]
    return spread


def sheet_kind(name: str, vocab: Vocabulary) -> str | None:
    """ "instrucciones" or "resumen" when a sheet's name says it holds no tracker rows."""
    return vocab.skip_sheets.exact(name) or vocab.skip_sheets.one(name)
