"""Accompaniment activities, the data contract's second frame: activity logs (one row per
activity) and attendance lists (one row per person) found in any sheet of a workbook."""

import datetime as dt

from loaders.activities.attendance import read_attendance
from loaders.activities.log import read_log
from loaders.activities.record import Activity, Reading, defaults
from loaders.activities.tables import ActivityTable, find_activity_table
from loaders.dates import FoundDate
from loaders.gazetteer import Gazetteer
from loaders.issues import Issue
from loaders.rows.comunas import Aliases, UnknownComuna
from loaders.sheets import Sheet, parse_ref
from loaders.vocabulary import Vocabulary, activity_label

__all__ = ["Activity", "ActivitySheets", "ActivityTable"]


class ActivitySheets:
    """The activity logs and attendance lists of one workbook: found sheet by sheet beside the
    tracker tables, and read once the file's cut-off is known."""

    def __init__(
        self,
        vocab: Vocabulary,
        places: Gazetteer,
        aliases: Aliases | None = None,
        unknown: list[UnknownComuna] | None = None,
    ) -> None:
        self.vocab = vocab
        self.places = places
        self.aliases = aliases or {}  # the comuna names taught for the file's source
        self.unknown = unknown if unknown is not None else []  # where names no comuna go
        self.tables: list[tuple[Sheet, ActivityTable]] = []

    def __bool__(self) -> bool:
        return bool(self.tables)

    def take(self, sheet: Sheet) -> bool:
        """Whether the sheet holds an activity log or an attendance list; if so it is kept, to
        be read with the others."""
        table = find_activity_table(sheet, self.vocab)
        if table is not None:
            self.tables.append((sheet, table))
        return table is not None

    @property
    def titles(self) -> list[str]:
        """The lines above each table, as one text each (they may name the source)."""
        return [table.title.text for _, table in self.tables]

    def owns(self, found: FoundDate) -> bool:
        """Whether a date found as a cut-off is an activity's own: in a log's date column, or
        the date an attendance list's title gives it («Fecha: 12 de septiembre de 2025»)."""
        for sheet, table in self.tables:
            if sheet.name != found.sheet:
                continue
            row, col = parse_ref(found.cell)
            if row > table.header_row and col == table.col("date"):
                return True
            if found.cell in table.title.date_cells:
                return True
        return False

    def read(self, cut_off: dt.date | None, issues: list[Issue]) -> list[Activity]:
        """Every activity of the tables, each once; a date after the cut-off (or before 2020)
        is a warning, and every problem goes to issues with its cell."""
        reading = Reading(self.places, issues, cut_off, self.aliases, self.unknown)
        found: list[Activity] = []
        for sheet, table in self.tables:
            seen = len(issues)
            scope = self.places.find_region_in(sheet.name) or self.places.find_region_in(
                table.title.text
            )
            given = defaults(reading, sheet, table.title)
            if table.kind == "log":
                read = read_log(reading, sheet, table, scope, given, self.vocab)
            else:
                read = read_attendance(reading, sheet, table, scope, given)
            if not read and not any(i.sheet == sheet.name for i in issues[seen:]):
                # a note, not a warning: nothing was left out (an update template's log comes
                # empty), and a file with nothing at all to save is refused by the store
                what = "de actividades" if table.kind == "log" else "de asistencia"
                issues.append(Issue("info", sheet.name, "", f"la tabla {what} no tiene filas"))
            found += read
        return _once(found, issues)


def _once(found: list[Activity], issues: list[Issue]) -> list[Activity]:
    """The same activity (comuna, date, activity, platform) twice in a file counts once: the
    first, with a note on the other; with different headcounts, a warning naming both (the
    loader keeps the first and never picks silently). The platforms of one row share a note."""
    first: dict[tuple, Activity] = {}
    kept: list[Activity] = []
    told: set[Issue] = set()
    for one in found:
        key = (one.comuna_code, one.date, one.activity, one.platform)
        before = first.setdefault(key, one)
        if before is one:
            kept.append(one)
            continue
        what = f"{one.comuna} / {activity_label(one.activity)} del {one.date:%d-%m-%Y}"
        if before.participants == one.participants:
            issue = Issue(
                "info",
                one.sheet,
                one.cell,
                f"{what} aparece de nuevo (ya en {before.sheet}!{before.cell}); se cuenta una vez",
            )
        else:
            counts = [_shown(a.participants) for a in (before, one)]
            issue = Issue(
                "warning",
                one.sheet,
                one.cell,
                f"{what} aparece dos veces con distinta cantidad de participantes: {counts[0]} en "
                f"{before.sheet}!{before.cell} y {counts[1]} en {one.sheet}!{one.cell}; se "
                "conserva la primera",
                fix="corrija o borre la otra",
            )
        if issue not in told:
            told.add(issue)
            issues.append(issue)
    return kept


def _shown(count: int | None) -> str:
    return "sin cantidad" if count is None else str(count)
