"""What every layout shares: reading a status cell (its words, marks or fill colour), building a
record, reporting a problem."""

import datetime as dt
from dataclasses import dataclass, field

from loaders.fills import colour_name
from loaders.gazetteer import ComunaMatch
from loaders.issues import Issue
from loaders.layout import Table
from loaders.legend import Entry, Legend, Legends
from loaders.personal import personal_kind, withheld
from loaders.sheets import Sheet, cell_ref, parse_ref
from loaders.vocabulary import Vocabulary

UNSAVED_FORMULA = "#¡FÓRMULA SIN VALOR!"  # what loaders.unread_cells writes in such a cell
EXCEL_ERRORS = frozenset(
    {"#ref!", "#n/a", "#value!", "#div/0!", "#name?", "#null!", "#num!", "#spill!", "#calc!"}
    | {UNSAVED_FORMULA.lower()}
)

Record = tuple[str, str, str, str, str, str, str, str]
"""region_code, comuna_code, comuna, platform, stage, status_raw, sheet, cell."""

COLOURED = "{word} (color)"
"""status_raw of a cell read from its fill colour: the legend's word for that colour."""
_VARIATION_SELECTORS = str.maketrans("", "", "\ufe0e\ufe0f")  # ✔️ is ✔ drawn as an emoji


@dataclass
class CellReader:
    """Reads status cells against the vocabulary and collects every problem, with its cell."""

    vocab: Vocabulary
    issues: list[Issue]
    legends: Legends = field(default_factory=Legends)
    _stages: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    _borrowed: set[str] = field(default_factory=set)

    def stage(self, value: object) -> tuple[str | None, str]:
        """The stage of a status cell's value and its raw text; stage None when it cannot be
        read. Only an empty cell is sin_informacion (or a mark saying so, such as «-»)."""
        raw = raw_text(value)
        # trackers repeat a handful of words thousands of times
        if raw in self._stages:
            return self._stages[raw]
        word = self.word(raw)
        if not isinstance(value, str) and filled(value):
            result = (None, raw)
        elif not word:
            result = ("sin_informacion", raw)
        elif raw.lower() in EXCEL_ERRORS:
            result = (None, raw)
        else:
            result = (self.vocab.stages.exact(word) or self.vocab.stages.one(word), raw)
        self._stages[raw] = result
        return result

    def word(self, raw: str) -> str:
        """The word a cell's text stands for: a mark's word (layouts/marks.csv), else the text."""
        return self.vocab.marks.get(raw.translate(_VARIATION_SELECTORS).strip(), raw)

    def status(
        self, sheet: Sheet, table: Table, row: list, r: int, c: int, platform: str
    ) -> tuple[str, str] | None:
        """The stage and status_raw of a status cell: its text, else its fill colour through the
        legend; None after reporting why it cannot be read. Text wins over a colour, with a
        warning when the legend gives that colour another stage."""
        stage, raw = self.stage(cell(row, c))
        if stage is None:
            self.error(sheet, cell_ref(r, c), *self.unreadable(raw, platform))
            return None
        if raw:
            # only a legend makes a written cell's colour worth a look (most sheets have none)
            colour = sheet.fills.get((r, c)) if self.legends.by_sheet and sheet.fills else None
            entry = None if colour is None else self._entry(sheet, colour)
            if entry is not None and entry.stage not in (None, stage):
                label = self.vocab.platform_labels[platform]
                self.warn(sheet, cell_ref(r, c), _disagree(label, raw, entry))
            return stage, raw
        colour = self.colour(sheet, table, r, c)
        if colour is None:
            return stage, raw
        label = self.vocab.platform_labels[platform]
        entry = self.coloured(sheet, r, c, colour, label, "stage")
        return None if entry is None else (entry.stage, COLOURED.format(word=entry.word))

    def answer(
        self, sheet: Sheet, table: Table, row: list, r: int, c: int, label: str
    ) -> tuple[str | None, str] | None:
        """A yes/no cell's answer ("yes", "no", None when blank) and raw text: its words or mark
        (layouts/yes_no.csv, marks.csv), else its fill colour through the legend; None after
        reporting why it cannot be read. Text wins over a colour, as in status cells."""
        raw = raw_text(cell(row, c))
        if not raw:
            colour = self.colour(sheet, table, r, c)
            if colour is None:
                return None, raw
            entry = self.coloured(sheet, r, c, colour, label, "answer")
            return None if entry is None else (entry.answer, COLOURED.format(word=entry.word))
        word = self.word(raw)
        answers = self.vocab.answers
        answer = (answers.exact(word) or answers.one(word)) if word else ""
        if answer is None:
            self.error(
                sheet,
                cell_ref(r, c),
                f"{label}: respuesta ilegible «{raw}» en «{table.headers.get(c, '')}»",
                f"{self._expected_answers()} o la celda vacía",
            )
            return None
        entry = self._entry(sheet, sheet.fills.get((r, c))) if answer else None
        if entry is not None and entry.answer not in (None, answer):
            self.warn(sheet, cell_ref(r, c), _disagree(label, raw, entry))
        return answer or None, raw

    def _expected_answers(self) -> str:
        """Sí or No and the marks for each, as a message lists them."""
        marks: dict[str, list[str]] = {"yes": [], "no": []}
        for mark, word in self.vocab.marks.items():
            answer = self.vocab.answers.exact(word) if word else None
            if answer in marks:
                marks[answer].append(mark)
        return f"Sí ({' '.join(marks['yes'])}) o No ({' '.join(marks['no'])})"

    def colour(self, sheet: Sheet, table: Table, r: int, c: int) -> str | None:
        """The fill colour of a data cell that may mean something: one of the legend's, or any
        other but the row's or the column's decoration (a colour its comuna cell or its header
        shares: banded rows, a painted column)."""
        colour = sheet.fills.get((r, c))
        if colour is None or self._entry(sheet, colour) is not None:
            return colour
        top, last = table.header_rows
        decoration = {sheet.fills.get((r, k)) for k in table.key_cols}
        decoration |= {sheet.fills.get((h, c)) for h in range(top, last + 1)}
        return None if colour in decoration else colour

    def coloured(
        self, sheet: Sheet, r: int, c: int, colour: str, label: str, kind: str
    ) -> Entry | None:
        """The legend's entry for an empty cell's colour, read as a stage or as an answer (kind);
        None after an error naming the colour: no legend, a colour it lacks or gives two
        meanings, or a word that means nothing here."""
        legend = self.legends.for_sheet(sheet.name)
        ref, name = cell_ref(r, c), colour_name(colour)
        found = legend.entries.get(colour, ()) if legend else ()
        what = "un estado" if kind == "stage" else "una respuesta (Sí o No)"
        held = f"(sin texto, color {name})"
        if legend is None:
            self.error(
                sheet,
                ref,
                f"{label}: color de relleno {name} sin leyenda: la celda no tiene texto y la hoja "
                "no tiene un bloque «Simbología» o «Leyenda» que diga qué significa cada color",
                f"{what} en la celda o esa leyenda junto a la tabla",
                found=held,
            )
            return None
        where = f"la leyenda ({legend.sheet}!{legend.cell})"
        if not found:
            self.error(
                sheet,
                ref,
                f"{label}: color de relleno {name} sin leyenda: {where} no tiene ese color, solo "
                f"{legend.shown()}",
                f"{what} en la celda o un color de la leyenda",
                found=held,
            )
            return None
        if len(found) > 1:
            words = " y ".join(f"«{e.word}»" for e in found)
            self.error(
                sheet,
                ref,
                f"{label}: color de relleno {name}: {where} le da más de un significado ({words}) "
                "y no se adivina cuál",
                fix="deje un solo estado por color",
                found=held,
            )
            return None
        entry = found[0]
        if (entry.stage if kind == "stage" else entry.answer) is None:
            self.error(
                sheet,
                ref,
                f"{label}: color de relleno {name}: {where} lo llama «{entry.word}» "
                f"({entry.cell}), que no es {what}",
                fix=f"escriba en la leyenda {what} junto a ese color, o {what} en la celda",
                found=held,
            )
            return None
        self._note_borrowed(sheet, legend)
        return entry

    def _entry(self, sheet: Sheet, colour: str | None) -> Entry | None:
        """The legend's one entry for a colour, or None (no colour, no legend, no such colour in
        it, or two)."""
        if colour is None:
            return None
        legend = self.legends.for_sheet(sheet.name)
        found = legend.entries.get(colour, ()) if legend else ()
        return found[0] if len(found) == 1 else None

    def _note_borrowed(self, sheet: Sheet, legend: Legend) -> None:
        """Say once per sheet that its colours were read with another sheet's legend."""
        if legend.sheet == sheet.name or sheet.name in self._borrowed:
            return
        self._borrowed.add(sheet.name)
        self.issues.append(
            Issue(
                "info",
                sheet.name,
                "",
                f"la hoja no tiene leyenda de colores; sus colores se leen con la de la hoja "
                f"«{legend.sheet}» ({legend.cell})",
            )
        )

    def unreadable(self, raw: str, platform: str) -> tuple[str, str, str]:
        """Why a status cell of a platform could not be read, what was expected and what to do
        (the problem, expected and fix of its error)."""
        label = self.vocab.platform_labels[platform]
        if raw == UNSAVED_FORMULA:
            return (
                f"{label}: la celda tiene una fórmula guardada sin su valor (así escriben algunas "
                "herramientas)",
                "",
                "ábrala en Excel o LibreOffice y guárdela de nuevo para que se calcule",
            )
        if raw.lower() in EXCEL_ERRORS:
            return f"{label}: la celda tiene un error de fórmula ({raw})", "un estado", ""
        found = self.vocab.stages.find(raw)
        if len(found) > 1:
            names = " y ".join(f"«{self.vocab.stage_labels[s]}»" for s in found)
            return f"{label}: estado ambiguo «{raw}», reúne {names}", "", "escriba uno solo"
        expected = ", ".join(
            v for k, v in self.vocab.stage_labels.items() if k != "sin_informacion"
        )
        return f"{label}: estado ilegible «{raw}»", f"uno de: {expected} (o la celda vacía)", ""

    def error(
        self,
        sheet: Sheet,
        ref: str,
        problem: str,
        expected: str = "",
        fix: str = "",
        found: str | None = None,
    ) -> None:
        """Report an error on a cell: the cell gives no record. What the cell holds is quoted as
        found, unless found is given ("" for an issue about its row or table, not its value)."""
        self._add("error", sheet, ref, problem, expected, fix, found)

    def warn(
        self,
        sheet: Sheet,
        ref: str,
        problem: str,
        expected: str = "",
        fix: str = "",
        found: str | None = None,
    ) -> None:
        """Report a warning on a cell: the cell was read, but someone should look at it; found
        as in error."""
        self._add("warning", sheet, ref, problem, expected, fix, found)

    def _add(
        self,
        severity: str,
        sheet: Sheet,
        ref: str,
        problem: str,
        expected: str,
        fix: str,
        found: str | None,
    ) -> None:
        held = self.held(sheet, ref) if found is None else found
        self.issues.append(Issue(severity, sheet.name, ref, problem, expected, held, fix))

    @staticmethod
    def held(sheet: Sheet, ref: str) -> str:
        """What a cell holds, as the text a person sees in it. The personal-data rule has
        emptied or replaced personal cells before any is read; a value shaped like one is
        still never quoted, whichever cell it comes from."""
        r, c = parse_ref(ref)
        text = raw_text(cell(sheet.rows[r], c)) if r < len(sheet.rows) else ""
        kind = personal_kind(text)
        return text if kind is None else withheld(kind)


def _disagree(label: str, raw: str, entry: Entry) -> str:
    """The warning on a cell whose text and colour say different things."""
    return (
        f"{label}: la celda dice «{raw}» pero su color {colour_name(entry.colour)} es "
        f"«{entry.word}» en la leyenda ({entry.cell}); se usa el texto"
    )


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
