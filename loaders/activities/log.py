"""An activity log, one row per activity: each row becomes one activity per comuna it names and
per platform it is about.

A row without a date or a comuna is an error on that cell and is left out. A headcount that
cannot be read («doce», «varios», -3) is an error on its cell, and the row is kept without a
headcount: the activity happened, only its number is wrong. A headcount given for several
comunas is their total, which cannot be split: each comuna's row is left without one, and a
note on the cell gives the total."""

import datetime as dt
from dataclasses import dataclass

from loaders.activities.record import Activity, Defaults, Reading
from loaders.activities.tables import ActivityTable
from loaders.activities.words import headcount, platforms_in, says_more
from loaders.gazetteer import ComunaMatch
from loaders.rows.cells import cell, filled, raw_text
from loaders.sheets import Sheet, cell_ref
from loaders.vocabulary import Vocabulary

ROW_ROLES = ("date", "comuna", "activity", "topic", "platform", "participants", "modality")
"""The columns whose cells make a row an activity (a numbered row left blank is none)."""


@dataclass(frozen=True)
class _Row:
    """One row of a log being read: where it is and what the title says of all rows."""

    reading: Reading
    sheet: Sheet
    table: ActivityTable
    row: list
    r: int
    defaults: Defaults

    def value(self, role: str) -> object:
        """The row's cell of a role ("" when the table has no such column)."""
        col = self.table.col(role)
        return cell(self.row, col) if col is not None else ""

    def ref(self, role: str) -> str:
        """The A1 reference of the row's cell of a role (its first cell without the column)."""
        col = self.table.col(role)
        return cell_ref(self.r, col if col is not None else self.table.first_col())

    def header(self, role: str) -> str:
        """The header of a role's column, as messages quote it."""
        return self.table.headers[self.table.col(role)]


def read_log(
    reading: Reading,
    sheet: Sheet,
    table: ActivityTable,
    scope: str | None,
    defaults: Defaults,
    vocab: Vocabulary,
) -> list[Activity]:
    """The activities of every row of a log; problems go to reading.issues."""
    if table.col("date") is None and defaults.date is None:
        reading.cells.error(
            sheet,
            cell_ref(table.header_row, table.first_col()),
            "la tabla de actividades no tiene columna «Fecha» ni una fecha sobre ella",
            "la fecha de cada actividad",
            found="",  # the issue is the table's, placed on its header
        )
        return []
    data_cols = [c for role in ROW_ROLES if (c := table.col(role)) is not None]
    found: list[Activity] = []
    for r in range(table.first_data_row, len(sheet.rows)):
        row = sheet.rows[r]
        if not any(filled(cell(row, c)) for c in data_cols):
            continue
        if vocab.footers.leads(next((raw_text(v) for v in row if filled(v)), "")):
            continue
        here = _Row(reading, sheet, table, row, r, defaults)
        region = reading.places.match_region(here.value("region"))
        found += _activities(here, region or scope)
    return found


def _activities(row: _Row, scope: str | None) -> list[Activity]:
    """The activities of one row: one per comuna named and platform; none when the row has no
    date or no comuna (an error on that cell). Every cell is read, so that all of a row's
    problems are reported at once."""
    reading, sheet = row.reading, row.sheet
    if reading.comunas.skips(sheet, row.ref("comuna"), raw_text(row.value("comuna"))):
        return []  # taught as no comuna for this source: the row is not read
    when = _date(row)
    comunas, named = _comunas(row, scope)
    words = raw_text(row.value("activity"))
    activity = reading.activity(sheet, row.ref("activity"), words)
    platforms = _platforms(row, words)
    modality = row.defaults.modality
    if filled(row.value("modality")):
        modality = reading.modality(sheet, row.ref("modality"), row.value("modality"))
    if row.table.col("topic") is not None:
        topic = raw_text(row.value("topic"))
    else:
        topic = words if says_more(words) else ""
    participants = _participants(row, comunas, named)
    if when is None or not comunas:
        return []
    ref = cell_ref(row.r, row.table.first_col())
    return [
        Activity(
            match.region_code,
            match.code,
            match.name,
            when,
            activity,
            platform,
            topic,
            participants,
            modality,
            sheet.name,
            ref,
        )
        for match in comunas
        for platform in platforms or [""]
    ]


def _date(row: _Row) -> dt.date | None:
    """The row's date, else the title's when the log has no date column."""
    if row.table.col("date") is None:
        return row.defaults.date
    value, ref, header = row.value("date"), row.ref("date"), row.header("date")
    if not filled(value):
        row.reading.cells.error(
            row.sheet,
            ref,
            f"la fila no tiene fecha: la celda «{header}» está vacía (la fila no se carga)",
            "el día de la actividad",
        )
        return None
    return row.reading.date(row.sheet, ref, value, header)


def _comunas(row: _Row, scope: str | None) -> tuple[list[ComunaMatch], int]:
    """The comunas the row names and how many names it holds; an empty cell is an error."""
    text = raw_text(row.value("comuna"))
    if not text:
        row.reading.cells.error(
            row.sheet,
            row.ref("comuna"),
            f"la fila no tiene comuna: la celda «{row.header('comuna')}» está vacía (la fila no "
            "se carga)",
            "el nombre de una o más comunas",
        )
        return [], 0
    return row.reading.comunas_named(row.sheet, row.ref("comuna"), text, scope)


def _platforms(row: _Row, words: str) -> list[str]:
    """The platforms of the platform cell, else those the activity's words name."""
    if filled(row.value("platform")):
        return row.reading.platforms(row.sheet, row.ref("platform"), row.value("platform"))
    return platforms_in(words)


def _participants(row: _Row, comunas: list[ComunaMatch], named: int) -> int | None:
    """The row's headcount; a total for several comunas is said in a note, not given to each."""
    if row.table.col("participants") is None:
        return None
    value, ref = row.value("participants"), row.ref("participants")
    count, readable = headcount(value)
    if not readable:
        row.reading.cells.error(
            row.sheet,
            ref,
            f"cantidad de participantes ilegible «{raw_text(value)}» en "
            f"«{row.header('participants')}»; la actividad se carga sin cantidad",
            "un número entero (12 o «12 personas») o la celda vacía",
        )
        return None
    if count is None or named < 2:
        return count
    shown = ", ".join(m.name for m in comunas)
    row.reading.note(
        row.sheet,
        ref,
        f"{count} participantes en total para {named} comunas ({shown}): la cifra no se reparte "
        "entre ellas y cada comuna queda sin cantidad",
    )
    return None
