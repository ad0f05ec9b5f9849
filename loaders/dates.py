"""A tracker's cut-off date (as_of): dates written as text, and where a workbook announces them."""

import datetime
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from loaders.sheets import Sheet, cell_ref
from loaders.text import PhraseTable, fold
from loaders.vocabulary import read_table, vocabulary

MIN_YEAR, MAX_YEAR = 2000, 2100
TITLE_STRENGTH = 0
"""Strength of a date cell beside a title: no label says it is the cut-off, so any label wins."""
MAX_TEXT = 200
"""Longer cells are notes, not labels or dates; skipping them keeps big sheets fast."""
TABLE_WIDTH = 3
"""A row with this many filled cells starts a table; the title area is above it."""

# Label scopes in date_labels.csv: "anywhere" labels are trusted in any row (a footer
# "Fecha de corte: …") and beside other words; "top" ones only in the top rows; "alone" ones
# (a bare "Fecha") only in the top rows and only when the cell holds nothing else, so that a
# column header such as "Fecha habilitación" is never read as a cut-off label.
_SCOPES = ("anywhere", "top", "alone")
# Roles in date_columns.csv: "observed" is each row's own observation date (a log's "Fecha del
# registro", a form's "Marca temporal"); "reached" is when a stage was reached ("Fecha
# habilitación") and "other" any other date: neither dates the row. "exact" phrases (a bare
# "Fecha") must be the whole header, so that an unknown "Fecha de …" never dates the rows.
_ROLES = ("observed", "reached", "other")
_MATCHES = ("exact", "within")
_KEY_HEADERS = frozenset({"comuna", "comuna_code"})
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIAL_RANGE = (36526, 73051)  # Excel day numbers of 2000-01-01 and 2100-01-01


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A cut-off date found in a workbook, where it was and how strongly it was announced."""

    value: datetime.date
    sheet: str
    cell: str  # the date's cell, or the label's when the date is written inside the label
    text: str  # what was read, for messages
    strength: int  # from date_labels.csv; TITLE_STRENGTH for a date beside a title


@dataclass(frozen=True, slots=True)
class _Label:
    strength: int
    scope: str


@cache
def _months() -> dict[str, int]:
    return {fold(row["name"]): int(row["month"]) for row in read_table("months.csv")}


@cache
def _labels() -> tuple[re.Pattern[str], dict[str, _Label]]:
    table: dict[str, _Label] = {}
    for row in read_table("date_labels.csv"):
        if row["scope"] not in _SCOPES:
            raise ValueError(f"date_labels.csv: unknown scope {row['scope']!r}")
        table[fold(row["phrase"])] = _Label(int(row["strength"]), row["scope"])
    # Longest first, so that at one position "fecha de corte" is preferred to "fecha".
    phrases = "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{phrases})(?![a-z0-9])"), table


@cache
def _footer_words() -> re.Pattern[bytes]:
    """The longest word of each "anywhere" label: a cell without any of them holds none."""
    table = _labels()[1]
    words = {max(p.split(), key=len) for p, label in table.items() if label.scope == "anywhere"}
    return re.compile("|".join(sorted(map(re.escape, words))).encode("ascii"))


@lru_cache(maxsize=8192)  # trackers repeat the same words in every row and sheet
def _may_hold_footer_label(text: str) -> bool:
    # Below the top rows nearly every cell is table data and folding each one is the slow
    # part; dropping accents in C and searching the bytes is several times faster.
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").lower()
    return _footer_words().search(plain) is not None


@cache
def _date_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(_months(), key=len, reverse=True))

    def month(kind: str) -> str:
        return rf"(?<![a-z])(?P<{kind}_m>{names})(?![a-z])\.?"

    day = r"(?<!\d)(?P<{}_d>\d{{1,2}})[°º]?"
    between = r"(?:\s*(?:del|de|[-/.,])\s*|\s+)"
    # The forms never start alike, so the leftmost date in a text wins. Numbers are read
    # day/month/year as in Chile, never month/day; only a four-digit year may come first.
    forms = (
        r"(?<!\d)(?P<ymd_y>\d{4})(?P<ymd_s>[-/.])(?P<ymd_m>\d{1,2})(?P=ymd_s)(?P<ymd_d>\d{1,2})(?!\d)",
        day.format("dmy")
        + r"(?P<dmy_s>[-/.])(?P<dmy_m>\d{1,2})(?P=dmy_s)(?P<dmy_y>\d{4}|\d{2})(?!\d)",
        day.format("dtext")
        + r"(?:\s*(?:de|[-/.])\s*|\s+)"
        + month("dtext")
        + between
        + r"(?P<dtext_y>\d{4}|\d{2})(?!\d)",
        month("mtext") + r"\s*" + day.format("mtext") + between + r"(?P<mtext_y>\d{4})(?!\d)",
    )
    return re.compile("|".join(f"(?:{form})" for form in forms))


@lru_cache(maxsize=16384)
def _normalize(text: str) -> str:
    """Lowercase without accents, keeping punctuation: separators tell dates from other numbers."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _plausible(value: datetime.date) -> datetime.date | None:
    return value if MIN_YEAR <= value.year <= MAX_YEAR else None


def _from_match(match: re.Match[str]) -> datetime.date | None:
    kind = next(k for k in ("ymd", "dmy", "dtext", "mtext") if match[f"{k}_y"] is not None)
    year, month, day = match[f"{kind}_y"], match[f"{kind}_m"], match[f"{kind}_d"]
    try:
        value = datetime.date(
            int(year) + (2000 if len(year) == 2 else 0),
            int(month) if month.isdigit() else _months()[month],
            int(day),
        )
    except ValueError:
        return None
    return _plausible(value)


@lru_cache(maxsize=16384)
def _search_date(normalized: str) -> tuple[datetime.date, int, int] | None:
    """The first valid date written in a normalized text, with its span."""
    for match in _date_pattern().finditer(normalized):
        value = _from_match(match)
        if value is not None:
            return value, match.start(), match.end()
    return None


def parse_date(value: object) -> datetime.date | None:
    """The date a cell holds or writes (day before month), else None; numbers are not dates."""
    if isinstance(value, datetime.datetime):
        return _plausible(value.date())
    if isinstance(value, datetime.date):
        return _plausible(value)
    if isinstance(value, str):
        found = _search_date(_normalize(value))
        return found[0] if found else None
    return None


ROW_DATE_FORMS = (
    "03/10/2025, 03-10-2025, 2025-10-03 16:15, 3/10/2025 4:15:22 p. m. o 15 de mayo de 2025"
)
"""How a row's own date may be written, for messages."""

# What may follow a row's date in its cell: a time, its a.m./p.m. and its zone, as form tools
# and spreadsheets write them ("2025/10/03 4:15:22 p. m. GMT-3", "2025-10-03T16:15:22Z").
_CLOCK = re.compile(
    r"""[\s,]*(?:t|a\s+las)?\s*
    (?:\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:hrs?\.?|h)?\s*(?:[ap]\.?\s*m\.?)?)?
    \s*(?:gmt|utc)?\s*(?:[+-]\d{1,2}(?::?\d{2})?|z)?\s*""",
    re.VERBOSE,
)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")


@cache
def _weekday() -> re.Pattern[str]:
    """What may precede a row's date in its cell: its weekday ("viernes, 3 de octubre de 2025")."""
    names = "|".join(re.escape(_normalize(row["name"])) for row in read_table("weekdays.csv"))
    return re.compile(rf"\s*(?:(?:{names})\.?[\s,]*)?")


def row_date(value: object) -> datetime.date | None:
    """The day a log row was recorded: a date or timestamp cell, an Excel day number, or a text
    that is a date and at most its weekday and time ("03/10/2025 16:15:22"), else None."""
    if not isinstance(value, str):
        return _cell_date(value)
    if len(value) >= MAX_TEXT:
        return None
    normalized = _normalize(value)
    found = _search_date(normalized)
    if found is None:
        return None
    day, start, end = found
    if _weekday().fullmatch(normalized[:start]) and _CLOCK.fullmatch(normalized[end:]):
        return day
    return None


def month_first(value: object) -> bool:
    """Whether a text that is no date read day first is one read month first (10/13/2025)."""
    if not isinstance(value, str) or row_date(value) is not None:
        return False
    swapped = _NUMERIC.sub(r"\3\2\1\2\4", value, count=1)
    return swapped != value and row_date(swapped) is not None


@cache
def _date_columns() -> tuple[PhraseTable, PhraseTable]:
    rows = read_table("date_columns.csv")
    for row in rows:
        if row["role"] not in _ROLES or row["match"] not in _MATCHES:
            raise ValueError(f"date_columns.csv: unknown role or match in {row}")
    within = [(row["phrase"], row["role"]) for row in rows if row["match"] == "within"]
    return PhraseTable((row["phrase"], row["role"]) for row in rows), PhraseTable(within)


def date_column_role(header: str) -> str | None:
    """A date column's role from its header (date_columns.csv): "observed" (each row's own date),
    "reached" (when a stage was reached), "other", or None when the header names no date role."""
    every, within = _date_columns()
    # a parenthesis is a hint on how to fill the column: "Fecha (dd/mm/aaaa)" is a "Fecha"
    name = re.sub(r"\([^)]*\)", " ", header)
    return every.exact(name) or within.one(name)


@lru_cache(maxsize=65536)
def _has_label(text: str) -> bool:
    return _labels()[0].search(fold(text)) is not None


@lru_cache(maxsize=16384)
def _label_strength(text: str, anywhere_only: bool) -> int | None:
    """Strength of the strongest cut-off label a text holds, or None."""
    pattern, table = _labels()
    folded = fold(text)
    best = None
    for match in pattern.finditer(folded):
        label = table[match.group()]
        if anywhere_only and label.scope != "anywhere":
            continue
        if label.scope == "alone" and match.group() != folded:
            continue
        best = label.strength if best is None else max(best, label.strength)
    return best


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_date(value: object) -> datetime.date | None:
    """A date cell, a date-looking string, or an Excel day number (only trusted beside a label)."""
    if type(value) in (int, float) and math.isfinite(value):
        low, high = _SERIAL_RANGE
        return _EXCEL_EPOCH + datetime.timedelta(days=int(value)) if low <= value <= high else None
    if isinstance(value, str) and len(value) >= MAX_TEXT:
        return None
    return parse_date(value)


def _render(value: object) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _beside_label(
    rows: list[list[object]], row: int, col: int
) -> tuple[datetime.date, int, int] | None:
    """The date of a label cell and where it is: the next filled cell to its right, or below."""
    cells = rows[row]
    for right in range(col + 1, len(cells)):
        if not _is_empty(cells[right]):
            value = _cell_date(cells[right])
            if value is not None:
                return value, row, right
            break
    below = rows[row + 1] if row + 1 < len(rows) else []
    value = _cell_date(below[col]) if col < len(below) else None
    return (value, row + 1, col) if value is not None else None


def _footer_candidates(rows: list[list[object]]) -> set[str]:
    """The distinct texts of rows that may hold a footer's cut-off label: each text is looked
    at once, then a row without any of them is passed over with one set test."""
    texts = {v for v in set().union(*rows) if isinstance(v, str) and v and len(v) < MAX_TEXT}
    return {t for t in texts if _may_hold_footer_label(t) and _has_label(t)}


def _labelled_dates(sheet: Sheet, max_rows: int) -> Iterator[FoundDate]:
    rows = sheet.rows
    footers = _footer_candidates(rows[max_rows:])
    for r, cells in enumerate(rows):
        anywhere_only = r >= max_rows
        if anywhere_only and footers.isdisjoint(cells):
            continue
        for c, cell in enumerate(cells):
            if not isinstance(cell, str) or not cell or len(cell) >= MAX_TEXT:
                continue
            if anywhere_only and not _may_hold_footer_label(cell):
                continue
            if not _has_label(cell):
                continue
            normalized = _normalize(cell)
            inline = _search_date(normalized)
            if inline is not None:
                value, start, end = inline
                # The label must stand on its own once the date is taken out of the text.
                rest = f"{normalized[:start]} {normalized[end:]}"
                strength = _label_strength(rest, anywhere_only)
                if strength is not None:
                    yield FoundDate(value, sheet.name, cell_ref(r, c), cell.strip(), strength)
                continue
            strength = _label_strength(cell, anywhere_only)
            beside = _beside_label(rows, r, c) if strength is not None else None
            if strength is not None and beside is not None:
                value, date_row, date_col = beside
                shown = _render(rows[date_row][date_col])
                where = cell_ref(date_row, date_col)
                yield FoundDate(value, sheet.name, where, f"{cell.strip()} {shown}", strength)


def _is_title(value: object) -> bool:
    return isinstance(value, str) and any(ch.isalpha() for ch in value)


def _starts_table(cells: list[object]) -> bool:
    """A row with several filled cells, or a comuna header, belongs to a table, not the title."""
    filled = [value for value in cells if not _is_empty(value)]
    if len(filled) >= TABLE_WIDTH:
        return True
    headers = vocabulary().headers
    return any(isinstance(value, str) and headers.exact(value) in _KEY_HEADERS for value in filled)


def _title_dates(sheet: Sheet, max_rows: int) -> Iterator[FoundDate]:
    """Date cells beside or just under a title, above the first table of the sheet."""
    above: list[object] = []
    for r, cells in enumerate(sheet.rows[:max_rows]):
        if _starts_table(cells):
            return
        titled = any(_is_title(v) for v in cells) or any(_is_title(v) for v in above)
        for c, cell in enumerate(cells):
            value = parse_date(cell) if isinstance(cell, datetime.date) else None
            if value is not None and titled:
                yield FoundDate(value, sheet.name, cell_ref(r, c), _render(cell), TITLE_STRENGTH)
        above = cells


def find_as_of(sheets: Sequence[Sheet], max_rows: int = 15) -> list[FoundDate]:
    """Cut-off dates announced in the workbook, strongest first, one per date and sheet."""
    found: list[FoundDate] = []
    for sheet in sheets:
        found.extend(_labelled_dates(sheet, max_rows))
        found.extend(_title_dates(sheet, max_rows))
    # A stable sort keeps the workbook's order among equally strong dates.
    found.sort(key=lambda item: -item.strength)
    seen: set[tuple[datetime.date, str]] = set()
    unique: list[FoundDate] = []
    for item in found:
        if (item.value, item.sheet) not in seen:
            seen.add((item.value, item.sheet))
            unique.append(item)
    return unique


def resolve_as_of(found: list[FoundDate]) -> tuple[datetime.date | None, list[FoundDate]]:
    """The strongest date, or None with the candidates when equally strong ones disagree."""
    if not found:
        return None, []
    strongest = max(item.strength for item in found)
    candidates = [item for item in found if item.strength == strongest]
    if len({item.value for item in candidates}) == 1:
        return candidates[0].value, []
    return None, candidates
