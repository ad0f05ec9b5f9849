"""Finding the tracker table in a sheet: its header rows, its layout and what each column holds."""

from dataclasses import dataclass, field

from loaders.sheets import Sheet
from loaders.text import fold
from loaders.vocabulary import Vocabulary

HEADER_SCAN_ROWS = 40
MAX_HEADER_WORDS = 8  # a longer cell is a title or a note, not a column header


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

    @property
    def first_data_row(self) -> int:
        """0-based index of the first row below the header."""
        return self.header_rows[1] + 1


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _filled_rows(sheet: Sheet, limit: int) -> list[list[str]]:
    """Header-area text with each merged range's value copied into all its cells."""
    rows = [[_text(v) for v in row] for row in sheet.rows[:limit]]
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= limit or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, limit - 1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                rows[r][c] = value
    return rows


@dataclass(frozen=True, slots=True)
class _Header:
    role: str | None  # a role of headers.csv, or None
    platform: str | None
    question: str | None


def _classify(text: str, vocab: Vocabulary) -> _Header:
    if not text or len(fold(text).split()) > MAX_HEADER_WORDS:
        return _Header(None, None, None)
    platform = vocab.platforms.one(text)
    role = vocab.header_role(text)
    question = vocab.questions.one(text) if platform else None
    return _Header(role, platform, question)


def find_table(sheet: Sheet, vocab: Vocabulary) -> Table | None:
    """The first tracker table in the sheet, with its layout, or None if there is none."""
    limit = min(len(sheet.rows), HEADER_SCAN_ROWS)
    grid = _filled_rows(sheet, limit + 1)
    classified = [[_classify(t, vocab) for t in row] for row in grid]
    for r in range(limit):
        heads = classified[r]
        identity = [c for c, h in enumerate(heads) if h.role in ("comuna", "comuna_code")]
        if not identity:
            continue
        table = _wide_table(sheet, grid, classified, r, identity, vocab) or _long_table(
            grid, heads, r
        )
        if table is not None:
            table.title = " ".join(t for row in grid[: table.header_rows[0]] for t in row if t)
            return table
    return None


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


def _long_table(grid: list[list[str]], heads: list[_Header], r: int) -> Table | None:
    roles = [h.role for h in heads]
    if "platform" not in roles or "status" not in roles:
        return None
    table = Table(kind="long", header_rows=(r, r))
    _identity_columns(table, heads, grid[r])
    table.platform_col = roles.index("platform")
    table.status_col = roles.index("status")
    return table


def _wide_table(
    sheet: Sheet,
    grid: list[list[str]],
    classified: list[list[_Header]],
    r: int,
    identity: list[int],
    vocab: Vocabulary,
) -> Table | None:
    top, heads = r, classified[r]
    if not any(h.platform for h in heads) and r > 0:
        # platform names merged over the row that holds "Comuna" (fixture: wide_two_row_merged)
        above = classified[r - 1]
        if any(h.platform for h in above):
            top = r - 1
    platforms = [h.platform for h in classified[top]]
    if not any(platforms):
        return None
    sub_row = r + 1 if top == r else r
    subs = classified[sub_row] if sub_row < len(classified) and sub_row != top else None
    if subs is not None and _names_data(sheet, grid, sub_row, r, identity):
        subs = None  # the row below names a comuna: it is data, not a second header row
    two_rows = subs is not None and any(
        platforms[c]
        and (subs[c].role in ("status", "date", "notes") or _question(grid[sub_row][c], vocab))
        for c in range(min(len(platforms), len(subs)))
    )
    if two_rows and not sheet.merged:
        platforms = _spread_right(platforms, grid[sub_row])
    last = sub_row if two_rows else top
    table = Table(kind="wide", header_rows=(top, last))
    _identity_columns(table, classified[r], grid[r])
    for c, platform in enumerate(platforms):
        if not platform:
            continue
        head = classified[top][c]
        sub_text = grid[sub_row][c] if two_rows else ""
        sub_role = subs[c].role if two_rows and subs is not None and c < len(subs) else None
        role = sub_role if sub_role in ("date", "notes", "personal") else head.role
        table.headers[c] = " / ".join(t for t in (grid[top][c], sub_text) if t)
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
    return table


def _names_data(
    sheet: Sheet, grid: list[list[str]], row: int, header: int, identity: list[int]
) -> bool:
    """Whether a row holds a comuna name or code under the header's identity columns."""
    raw = sheet.rows[row] if row < len(sheet.rows) else []
    for c in identity:
        value = raw[c] if c < len(raw) else ""
        if not isinstance(value, str) and value is not None:
            return True
        if grid[row][c] not in ("", grid[header][c]):
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
