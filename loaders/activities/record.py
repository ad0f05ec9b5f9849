"""An activity read from a sheet, and what the readers of logs and attendance lists share: the
comunas, the activity, its platforms, its modality, its date, and every problem with its cell."""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from loaders.activities.tables import Title
from loaders.activities.words import (
    MAX_NAME_TEXT,
    MAX_NAMES,
    activity_choices,
    activity_of,
    modality_of,
    names_in,
    platforms_in,
)
from loaders.dates import ROW_DATE_FORMS, parse_date, row_date
from loaders.gazetteer import ComunaMatch, Gazetteer
from loaders.issues import Issue
from loaders.rows.cells import CellReader, raw_text
from loaders.rows.comunas import Aliases, ComunaResolver, UnknownComuna
from loaders.sheets import Sheet
from loaders.vocabulary import OTHER_ACTIVITY, activity_label, vocabulary

MIN_DATE = dt.date(2020, 1, 1)  # before the platforms and the plan: a typo in the year


class Activity(NamedTuple):
    """One activity × comuna × platform, as the activities frame holds it (without the file's
    source and name)."""

    region_code: str
    comuna_code: str
    comuna: str
    date: dt.date
    activity: str
    platform: str
    topic: str
    participants: int | None
    modality: str
    sheet: str
    cell: str


@dataclass
class Reading:
    """What reading the activities of one workbook shares: the gazetteer, the cut-off to check
    dates against, the list every problem goes to, the comuna names taught for the file's
    source and the list of names no comuna was found for."""

    places: Gazetteer
    issues: list[Issue]
    cut_off: dt.date | None = None
    aliases: Aliases = field(default_factory=dict)
    unknown: list[UnknownComuna] = field(default_factory=list)
    cells: CellReader = field(init=False)
    comunas: ComunaResolver = field(init=False)

    def __post_init__(self) -> None:
        self.cells = CellReader(vocabulary(), self.issues)
        self.comunas = ComunaResolver(self.places, self.cells, self.aliases, self.unknown)

    def note(self, sheet: Sheet, ref: str, message: str) -> None:
        """An info issue on a cell: read as it is, said so that nobody wonders."""
        self.issues.append(Issue("info", sheet.name, ref, message))

    def comunas_named(
        self, sheet: Sheet, ref: str, text: str, scope: str | None
    ) -> tuple[list[ComunaMatch], int]:
        """The comunas a cell names, one or several («Temuco, Padre Las Casas y Vilcún»), and
        how many names it holds; a name of no comuna, or of one of another region, is an error
        on the cell and is left out."""
        whole = self.comunas.lookup(text, scope)
        parts = names_in(text) if whole is None and len(text) <= MAX_NAME_TEXT else [text]
        if len(parts) > MAX_NAMES:
            self.cells.error(
                sheet,
                ref,
                f"la celda nombra {len(parts)} comunas",
                f"a lo más {MAX_NAMES}, separadas por comas",
            )
            return [], len(parts)
        parts = list(dict.fromkeys(parts))
        found = (self.comunas.name(sheet, ref, part, scope) for part in parts)
        return list({m.code: m for m in found if m is not None}.values()), len(parts)

    def activity(self, sheet: Sheet, ref: str, text: str) -> str:
        """The activity a cell names; words that name none are «otra», with a warning."""
        found = activity_of(text) if text else None
        if found is not None:
            return found
        other = f"se cuenta como «{activity_label(OTHER_ACTIVITY)}»"
        if text:
            problem = f"actividad desconocida «{text}»; {other}"
        else:
            problem = f"la fila no dice qué actividad fue; {other}"
        self.cells.warn(sheet, ref, problem, f"una de: {activity_choices()}")
        return OTHER_ACTIVITY

    def platforms(self, sheet: Sheet, ref: str, value: object) -> list[str]:
        """The platforms a platform cell names; «No aplica», a dash or a blank name none, and
        words naming no platform are a warning."""
        text = raw_text(value)
        word = self.cells.word(text)
        if not word or vocabulary().stages.exact(word) == "no_aplica":
            return []
        found = platforms_in(text)
        if not found:
            labels = ", ".join(vocabulary().platform_labels.values())
            self.cells.warn(
                sheet,
                ref,
                f"plataforma desconocida «{text}»; la actividad queda sin plataforma",
                f"una o más de: {labels}",
            )
        return found

    def modality(self, sheet: Sheet, ref: str, value: object) -> str:
        """presencial, remota, or "" (blank, or unknown words: a warning)."""
        text = raw_text(value)
        found = modality_of(text)
        if found is None:
            self.cells.warn(
                sheet,
                ref,
                f"modalidad desconocida «{text}»; queda sin modalidad",
                "Presencial o Remota (Online, En línea, Virtual, Videoconferencia, Zoom, Teams)",
            )
            return ""
        return found

    def date(self, sheet: Sheet, ref: str, value: object, header: str) -> dt.date | None:
        """The day a date cell gives, or None after an error on it (unreadable); a day after
        the file's cut-off or before 2020 is kept, with a warning."""
        when = row_date(value)
        if when is None:
            self.cells.error(
                sheet,
                ref,
                f"fecha ilegible «{raw_text(value)}» en «{header}»",
                f"el día de la actividad, como {ROW_DATE_FORMS}",
            )
            return None
        if self.cut_off is not None and when > self.cut_off:
            self.cells.warn(
                sheet,
                ref,
                f"la actividad es del {when:%d-%m-%Y}, después de la fecha de corte del archivo "
                f"({self.cut_off:%d-%m-%Y}); se carga igual",
                fix="revise el año o la fecha de corte",
            )
        elif when < MIN_DATE:
            self.cells.warn(
                sheet,
                ref,
                f"la actividad es del {when:%d-%m-%Y}, antes de 2020; se carga igual",
                fix="revise el año",
            )
        return when


@dataclass(frozen=True)
class Defaults:
    """What the lines above a table say of all its rows: the date, modality, activity, its
    platforms and topic; and the cells the date was read from."""

    date: dt.date | None = None
    date_cells: tuple[str, ...] = ()
    modality: str = ""
    activity: str = ""  # the words naming it
    activity_cell: str = ""
    platforms: tuple[str, ...] = ()
    topic: str = ""


def defaults(reading: Reading, sheet: Sheet, title: Title) -> Defaults:
    """The title's labels («Fecha: …», «Modalidad: …», «Actividad: …», «Tema: …») or, for the
    date, a date alone in its row; for the activity, the last line of the title that names one
    (the lines under a mesa's name say what was done at it)."""
    labels = title.labels
    date, cells = None, ()
    if "date" in labels:
        found = labels["date"]
        # a label's value may say more than the day («Fecha: 12/09/2025, 10:00 horas, sala 2»)
        value = parse_date(found.value) or found.value
        date = reading.date(sheet, found.cell, value, found.label)
        cells = (found.cell, found.label_cell)
    elif title.dates:
        where, value = title.dates[0]
        date, cells = reading.date(sheet, where, value, "título"), (where,)
    modality = ""
    if "modality" in labels:
        found = labels["modality"]
        modality = reading.modality(sheet, found.cell, found.value)
    words, where = "", ""
    if "activity" in labels:
        words, where = raw_text(labels["activity"].value), labels["activity"].cell
    else:
        named = [(ref, text) for ref, text in title.lines if activity_of(text)]
        if named:
            where, words = named[-1]
    platforms = platforms_in(words)
    if "platform" in labels:
        found = labels["platform"]
        platforms = reading.platforms(sheet, found.cell, found.value) or platforms
    topic = raw_text(labels["topic"].value) if "topic" in labels else ""
    return Defaults(date, cells, modality, words, where, tuple(platforms), topic)
