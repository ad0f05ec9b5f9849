"""What every layout shares: reading a status cell, building a record, reporting a problem."""

import datetime as dt
from dataclasses import dataclass, field

from loaders.gazetteer import ComunaMatch
from loaders.issues import Issue
from loaders.sheets import Sheet, cell_ref
from loaders.text import fold
from loaders.vocabulary import Vocabulary

UNSAVED_FORMULA = "#¡FÓRMULA SIN VALOR!"  # what loaders.unread_cells writes in such a cell
EXCEL_ERRORS = frozenset(
    {"#ref!", "#n/a", "#value!", "#div/0!", "#name?", "#null!", "#num!", "#spill!", "#calc!"}
    | {UNSAVED_FORMULA.lower()}
)

Record = tuple[str, str, str, str, str, str, str, str]
"""region_code, comuna_code, comuna, platform, stage, status_raw, sheet, cell."""


@dataclass
class CellReader:
    """Reads status cells against the vocabulary and collects every problem, with its cell."""

    vocab: Vocabulary
    issues: list[Issue]
    _stages: dict[str, tuple[str | None, str]] = field(default_factory=dict)

    def stage(self, value: object) -> tuple[str | None, str]:
        """The stage of a status cell and its raw text; stage None when it cannot be read."""
        raw = raw_text(value)
        # trackers repeat a handful of words thousands of times
        if raw in self._stages:
            return self._stages[raw]
        if not isinstance(value, str) and filled(value):
            result = (None, raw)
        elif not fold(raw):
            result = ("sin_informacion", raw)
        elif raw.lower() in EXCEL_ERRORS:
            result = (None, raw)
        else:
            result = (self.vocab.stages.exact(raw) or self.vocab.stages.one(raw), raw)
        self._stages[raw] = result
        return result

    def stage_message(self, raw: str, platform: str) -> str:
        """Why a status cell of a platform could not be read, and what was expected."""
        label = self.vocab.platform_labels[platform]
        if raw == UNSAVED_FORMULA:
            return (
                f"{label}: la celda tiene una fórmula guardada sin su valor (así escriben algunas "
                "herramientas); ábrala en Excel o LibreOffice y guárdela de nuevo para que se calcule"
            )
        if raw.lower() in EXCEL_ERRORS:
            return f"{label}: la celda tiene un error de fórmula ({raw}); se esperaba un estado"
        found = self.vocab.stages.find(raw)
        expected = ", ".join(
            v for k, v in self.vocab.stage_labels.items() if k != "sin_informacion"
        )
        if len(found) > 1:
            names = " y ".join(f"«{self.vocab.stage_labels[s]}»" for s in found)
            return f"{label}: estado ambiguo «{raw}», reúne {names}; escriba uno solo"
        return (
            f"{label}: estado ilegible «{raw}»; se esperaba uno de: {expected} (o la celda vacía)"
        )

    def error(self, sheet: Sheet, ref: str, message: str) -> None:
        """Report an error on a cell: the cell gives no record."""
        self.issues.append(Issue("error", sheet.name, ref, message))

    def warn(self, sheet: Sheet, ref: str, message: str) -> None:
        """Report a warning on a cell: the cell was read, but someone should look at it."""
        self.issues.append(Issue("warning", sheet.name, ref, message))


def filled(value: object) -> bool:
    """Whether a cell holds anything but blanks."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def raw_text(value: object) -> str:
    """A cell's value as the text a person sees in it."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def cell(row: list, c: int) -> object:
    """The value of column c of a row, or "" past the row's last cell."""
    return row[c] if c < len(row) else ""


def record(
    match: ComunaMatch, platform: str, stage: str, raw: str, sheet: Sheet, r: int, c: int
) -> Record:
    """The record of one status cell read for a comuna."""
    return (
        match.region_code,
        match.code,
        match.name,
        platform,
        stage,
        raw,
        sheet.name,
        cell_ref(r, c),
    )
