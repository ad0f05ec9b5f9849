"""An attendance list, one row per person: one activity per comuna whose municipality sent
people, with the number of them. The activity, its date and modality come from the lines above
the list («Fecha: 12 de septiembre de 2025») or from its own columns (then one activity per
date, activity and comuna). A person is counted, never named: no name, RUT, e-mail or phone is
read, and people of other institutions (the regional government, the SGD, a university) are
counted for no comuna, with a note saying how many."""

import datetime as dt
import re
from dataclasses import dataclass, field

from loaders.activities.record import Activity, Defaults, Reading
from loaders.activities.tables import ActivityTable
from loaders.activities.words import MAX_WORDS_TEXT, activity_words, is_municipal, platforms_in
from loaders.gazetteer import ComunaMatch
from loaders.rows.cells import cell, filled, raw_text
from loaders.sheets import Sheet, cell_ref
from loaders.text import fold
from loaders.vocabulary import OTHER_ACTIVITY, activity_label

OTHER_LABEL = activity_label(OTHER_ACTIVITY)
MAX_ROWS_SHOWN = 10  # rows a note lists; the count is always whole
# an institution's parts: «Municipalidad de Iquique - DIDECO», «SECPLAN (Alto Hospicio)»
_PARTS = re.compile(r"\s+[-–—]\s+|[(),;/]")
_LEADING_JOINERS = ("de", "del", "la")


@dataclass
class _Group:
    """The people of one comuna at one activity: how many, and the first one's cell."""

    cell: str
    topic: str
    modality: str
    count: int = 0


@dataclass
class _Left:
    """People counted for no comuna, by why: the rows where they are."""

    outside: list[int] = field(default_factory=list)  # another institution
    unplaced: list[int] = field(default_factory=list)  # no institution written


def read_attendance(
    reading: Reading, sheet: Sheet, table: ActivityTable, scope: str | None, defaults: Defaults
) -> list[Activity]:
    """The activities an attendance list gives; problems go to reading.issues."""
    if table.col("date") is None and defaults.date is None:
        reading.cells.error(
            sheet,
            cell_ref(table.header_row, table.first_col()),
            "la lista de asistencia no dice su fecha",
            "sobre la lista una línea como «Fecha: 12 de septiembre de 2025», o una columna "
            "«Fecha»",
            found="",  # the issue is the list's, placed on its header
        )
        return []
    reader = _Reader(reading, sheet, table, scope, defaults)
    for r in table.people:
        reader.person(r)
    reader.say_left_out()
    return reader.activities()


class _Reader:
    """Counts the people of a list by activity and comuna, saying each distinct problem once."""

    def __init__(
        self,
        reading: Reading,
        sheet: Sheet,
        table: ActivityTable,
        scope: str | None,
        defaults: Defaults,
    ) -> None:
        self.reading, self.sheet, self.table = reading, sheet, table
        self.scope, self.defaults = scope, defaults
        self.groups: dict[tuple, _Group] = {}
        self.left = _Left()
        self._activities: dict[str, str] = {}
        self._modalities: dict[str, str] = {}
        self._platforms: dict[str, list[str]] = {}
        self._places: dict[str, str | None] = {}
        self._dates: dict[object, dt.date | None] = {}

    def value(self, row: list, role: str) -> object:
        """A row's cell of a role ("" when the list has no such column)."""
        col = self.table.col(role)
        return cell(row, col) if col is not None else ""

    def ref(self, r: int, role: str) -> str:
        """The A1 reference of row r's cell of a role."""
        return cell_ref(r, self.table.col(role))

    def person(self, r: int) -> None:
        """Count the person of row r for their comuna and activity."""
        row = self.sheet.rows[r]
        when = self._date(row, r)
        place = self._place(row, r)
        activity, platforms = self._activity(row, r)
        if when is None or not isinstance(place, ComunaMatch):
            return
        modality = self.defaults.modality
        if filled(self.value(row, "modality")):
            modality = self._modality(row, r)
        topic = raw_text(self.value(row, "topic")) or self.defaults.topic
        for platform in platforms or [""]:
            key = (when, activity, platform, place)
            group = self.groups.setdefault(key, _Group(self._where(r), topic, modality))
            group.count += 1

    def _where(self, r: int) -> str:
        """The cell that names a person's comuna: their institution, else their comuna."""
        return cell_ref(r, self._where_col())

    def _date(self, row: list, r: int) -> dt.date | None:
        """The person's day: their date cell's, else the list's."""
        value = self.value(row, "date")
        if not filled(value):
            if self.defaults.date is None:
                self.reading.cells.error(
                    self.sheet,
                    self.ref(r, "date"),
                    "la persona no tiene fecha: la celda está vacía y la lista no dice su fecha "
                    "sobre la tabla; no se cuenta",
                    "la fecha en esa celda, o una línea como «Fecha: 12 de septiembre de 2025» "
                    "sobre la lista",
                )
            return self.defaults.date
        if value not in self._dates:  # a list repeats its day on every row: said once
            header = self.table.headers[self.table.col("date")]
            self._dates[value] = self.reading.date(self.sheet, self.ref(r, "date"), value, header)
        return self._dates[value]

    def _activity(self, row: list, r: int) -> tuple[str, list[str]]:
        """The person's activity and its platforms: their own cells, else the title's."""
        words = raw_text(self.value(row, "activity"))
        where = self.ref(r, "activity") if words else self.defaults.activity_cell
        words = words or self.defaults.activity
        if words not in self._activities and not words:
            self.reading.cells.warn(
                self.sheet,
                cell_ref(self.table.header_row, self.table.first_col()),
                f"la lista de asistencia no dice qué actividad fue; se cuenta como «{OTHER_LABEL}»",
                "sobre ella un título como «Mesa de Transformación Digital» o «Actividad: "
                "Capacitación técnica FirmaGob», o una columna «Actividad»",
                found="",  # the issue is the list's, placed on its header
            )
            self._activities[words] = OTHER_ACTIVITY
        if words not in self._activities:
            self._activities[words] = self.reading.activity(self.sheet, where, words)
        own = self.value(row, "platform")
        if filled(own):
            text = raw_text(own)
            if text not in self._platforms:
                ref = self.ref(r, "platform")
                self._platforms[text] = self.reading.platforms(self.sheet, ref, own)
            return self._activities[words], self._platforms[text]
        return self._activities[words], platforms_in(words) or list(self.defaults.platforms)

    def _modality(self, row: list, r: int) -> str:
        """The modality of a person's own cell, each distinct text read (and warned of) once."""
        text = raw_text(self.value(row, "modality"))
        if text not in self._modalities:
            ref = self.ref(r, "modality")
            self._modalities[text] = self.reading.modality(self.sheet, ref, text)
        return self._modalities[text]

    def _place(self, row: list, r: int) -> ComunaMatch | None:
        """The comuna whose municipality the person came from, by their institution (or their
        comuna column); None for another institution or none written (counted for the note),
        or after an error naming a municipality that does not exist or is of another region."""
        institution = raw_text(self.value(row, "institution"))
        comuna = raw_text(self.value(row, "comuna"))
        if institution:
            named = self._comuna_in(institution)
            if named is not None:
                return self._resolved(named, r, "institution")
            where = self.ref(r, "institution")
            taught_none = self.reading.comunas.skips(self.sheet, where, institution)
            if taught_none or not is_municipal(institution):
                self.left.outside.append(r)
                return None
            if not comuna:
                self.reading.comunas.report_unknown(
                    self.sheet,
                    where,
                    institution,
                    self.scope,
                    f"municipalidad desconocida: «{institution}»",
                    f"el nombre de una comuna {self._region()}",
                )
                return None
        if comuna:
            named = self._comuna_in(comuna)
            if named is not None:
                return self._resolved(named, r, "comuna")
            self.left.outside.append(r)
            return None
        self.left.unplaced.append(r)
        return None

    def _resolved(self, named: str, r: int, role: str) -> ComunaMatch | None:
        """The comuna of a name found in a cell, or None after an error on it (another region);
        a name that is not the official one is a warning, once per sheet."""
        return self.reading.comunas.name(self.sheet, self.ref(r, role), named, self.scope)

    def _comuna_in(self, text: str) -> str | None:
        """The part of a text that names a comuna (in the list's region first), or None."""
        if text not in self._places:
            lookup = self.reading.comunas.lookup
            found = (c for c in _candidates(text) if lookup(c, self.scope) is not None)
            self._places[text] = next(found, None)
        return self._places[text]

    def _region(self) -> str:
        """The region names are looked up in, as a message says it."""
        places = self.reading.places
        return f"de la región de {places.region_name(self.scope)}" if self.scope else "de Chile"

    def say_left_out(self) -> None:
        """Say how many people were counted for no comuna, and in which rows (never who)."""
        header = self.table.headers[self._where_col()]
        for rows, severity, singular, plural in (
            (
                self.left.outside,
                "info",
                "1 persona de una institución que no es una municipalidad no se cuenta",
                "{n} personas de instituciones que no son municipalidades no se cuentan",
            ),
            (
                self.left.unplaced,
                "warning",
                f"1 persona sin institución («{header}» vacía) no se cuenta",
                f"{{n}} personas sin institución («{header}» vacía) no se cuentan",
            ),
        ):
            if not rows:
                continue
            shown = ", ".join(str(r + 1) for r in rows[:MAX_ROWS_SHOWN])
            shown += ", …" if len(rows) > MAX_ROWS_SHOWN else ""
            told = singular if len(rows) == 1 else plural.format(n=len(rows))
            where = "fila" if len(rows) == 1 else "filas"
            message = f"{told} en ninguna comuna ({where} {shown})"
            ref = cell_ref(rows[0], self._where_col())
            if severity == "info":
                self.reading.note(self.sheet, ref, message)
            else:
                self.reading.cells.warn(self.sheet, ref, message)

    def _where_col(self) -> int:
        """The column naming each person's municipality: the institution's, else the comuna's."""
        col = self.table.col("institution")
        return col if col is not None else self.table.col("comuna")

    def activities(self) -> list[Activity]:
        """One activity per date, activity, platform and comuna, with its number of people."""
        return [
            Activity(
                place.region_code,
                place.code,
                place.name,
                when,
                activity,
                platform,
                group.topic,
                group.count,
                group.modality,
                self.sheet.name,
                group.cell,
            )
            for (when, activity, platform, place), group in self.groups.items()
        ]


def _candidates(text: str) -> list[str]:
    """The texts that may name an institution's comuna: the whole, each part, and each part
    after the words naming a municipal office («SECPLAN Iquique»)."""
    if len(text) > MAX_WORDS_TEXT:
        return [text]
    parts = [p.strip() for p in _PARTS.split(text) if p.strip()]
    found = [text, *parts]
    municipal = activity_words().municipal
    for part in parts:
        words = fold(part).split()
        spans = municipal.scan(part)
        if not spans:
            continue
        start, size, _ = spans[-1]
        rest = words[start + size :]
        while rest and rest[0] in _LEADING_JOINERS:
            rest = rest[1:]
        if rest:
            found.append(" ".join(rest))
    return list(dict.fromkeys(found))
