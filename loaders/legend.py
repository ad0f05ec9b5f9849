"""The legend of a semáforo: a block titled «Simbología» or «Leyenda» whose rows pair a filled cell
with a status word, found in a sheet, taken out of it (its cells are no data), and read as
colour -> what that colour means."""

import dataclasses
from dataclasses import dataclass, field

from loaders.fills import MARGIN_COLS, colour_name
from loaders.issues import Issue
from loaders.sheets import Sheet, cell_ref
from loaders.vocabulary import Vocabulary

MAX_LEGEND_ROWS = 24  # far more colours than any semáforo uses; a longer run is no legend


@dataclass(frozen=True)
class Entry:
    """One pair of a legend: a colour, the word beside it (or in it), the word's cell, and what
    the word means as a stage and as a yes/no answer (None where it means nothing)."""

    colour: str
    word: str
    cell: str
    stage: str | None
    answer: str | None

    @property
    def meaning(self) -> tuple[str | None, str | None]:
        """What the entry says, to compare two entries of one colour."""
        return self.stage, self.answer


@dataclass(frozen=True)
class Legend:
    """A sheet's legend: where its title is, and each colour's entries (more than one only when
    the legend gives a colour two meanings, which is an error on the legend)."""

    sheet: str
    cell: str
    entries: dict[str, tuple[Entry, ...]]

    def shown(self) -> str:
        """Its colours and words, as a message lists them."""
        return ", ".join(
            f"{colour_name(colour)} «{found[0].word}»" for colour, found in self.entries.items()
        )


@dataclass
class Legends:
    """The legends of a workbook's sheets, and which one reads the colours of a sheet."""

    by_sheet: dict[str, Legend] = field(default_factory=dict)

    def for_sheet(self, sheet: str) -> Legend | None:
        """The sheet's own legend; else the workbook's, when exactly one sheet carries one (a
        «Simbología» sheet beside monthly ones); else None."""
        own = self.by_sheet.get(sheet)
        if own is None and len(self.by_sheet) == 1:
            return next(iter(self.by_sheet.values()))
        return own


def split_legend(
    sheet: Sheet, vocab: Vocabulary, issues: list[Issue]
) -> tuple[Sheet, Legend | None]:
    """The sheet without its legend blocks (their rows emptied from the title's column on, with
    their fills), and the legend they make; a sheet without fills or without a legend's title
    comes back as it is. A word that means nothing and a colour given two meanings are errors
    on the legend's cells."""
    if not sheet.fills:
        return sheet, None
    titles = _titles(sheet, vocab)
    if not titles:
        return sheet, None
    rows = list(sheet.rows)
    fills = dict(sheet.fills)
    found: list[Entry] = []
    first = ""
    for r, c in titles:
        entries, block = _block(sheet, r, c, vocab)
        if not any(e.stage or e.answer for e in entries):
            continue  # painted cells under a title that only looks like a legend's
        first = first or cell_ref(r, c)
        found += entries
        for row, start in block:
            rows[row] = rows[row][:start] + [""] * max(len(rows[row]) - start, 0)
            for col in [k for (r0, k) in fills if r0 == row and k >= start]:
                del fills[(row, col)]
    if not found:
        return sheet, None
    legend = Legend(sheet.name, first, _by_colour(found, sheet.name, vocab, issues))
    return dataclasses.replace(sheet, rows=rows, fills=fills), legend


def _titles(sheet: Sheet, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Where the cells that are exactly a legend's title are; the sheet's distinct texts are
    looked at once, as a long sheet repeats its words."""
    texts = {v for v in set().union(*sheet.rows) if isinstance(v, str)}
    titles = {t for t in texts if vocab.legend_titles.exact(t)}
    if not titles:
        return []
    return [(r, c) for r, row in enumerate(sheet.rows) for c, v in enumerate(row) if v in titles]


def _block(
    sheet: Sheet, r: int, c: int, vocab: Vocabulary
) -> tuple[list[Entry], list[tuple[int, int]]]:
    """The entries of the legend titled at (r, c), and the rows it takes with the column each
    starts at: its title's row (with colours right of the title) and the rows below whose cells
    from the title's column on pair colours with words (from the column left of it when the
    swatches stand left of the title), one blank row allowed right under the title."""
    entries = _pairs(sheet, r, c + 1, vocab)
    block, blank = [(r, c)], False
    for below in range(r + 1, min(r + 1 + MAX_LEGEND_ROWS, len(sheet.rows))):
        start = c
        pairs = _pairs(sheet, below, c, vocab)
        if not pairs and c > 0:
            start = c - 1
            pairs = _pairs(sheet, below, start, vocab)
        if pairs:
            entries += pairs
            block.append((below, start))
        elif not entries and not blank and not _text(sheet, below, c):
            blank = True
        else:
            break
    return entries, block


def _pairs(sheet: Sheet, r: int, start: int, vocab: Vocabulary) -> list[Entry]:
    """The colour-word pairs of row r from column start rightwards: a filled empty cell and the
    word right of it, a word and the filled empty cell right of it, or a filled cell holding its
    word (the word cells may have a fill of their own, a shaded legend box); other text, or two
    empty cells in a row, end them."""
    fills, width = sheet.fills, max(map(len, sheet.rows), default=0) + MARGIN_COLS
    out: list[Entry] = []
    k, empty = start, 0
    while k < width and empty < 2:
        colour, text = fills.get((r, k)), _text(sheet, r, k)
        right, right_text = fills.get((r, k + 1)), _text(sheet, r, k + 1)
        if colour and not text and right_text:
            out.append(_entry(colour, right_text, cell_ref(r, k + 1), vocab))
            k, empty = k + 2, 0
        elif text and right and not right_text:
            out.append(_entry(right, text, cell_ref(r, k), vocab))
            k, empty = k + 2, 0
        elif colour and text:
            out.append(_entry(colour, text, cell_ref(r, k), vocab))
            k, empty = k + 1, 0
        elif text:
            break
        else:
            k, empty = k + 1, empty + 1
    return out


def _text(sheet: Sheet, r: int, c: int) -> str:
    row = sheet.rows[r] if r < len(sheet.rows) else []
    value = row[c] if c < len(row) else ""
    return value.strip() if isinstance(value, str) else ""


def _entry(colour: str, word: str, cell: str, vocab: Vocabulary) -> Entry:
    said = vocab.marks.get(word, word)
    return Entry(
        colour,
        word,
        cell,
        vocab.stages.exact(said) or vocab.stages.one(said),
        vocab.answers.exact(said) or vocab.answers.one(said),
    )


def _by_colour(
    found: list[Entry], sheet: str, vocab: Vocabulary, issues: list[Issue]
) -> dict[str, tuple[Entry, ...]]:
    """Each colour's entries, one per meaning; a word that means nothing, and a colour given two
    meanings, are errors on the legend's cells."""
    by_colour: dict[str, list[Entry]] = {}
    meaningless: dict[str, Entry] = {}
    for entry in found:
        if entry.stage is None and entry.answer is None:
            expected = ", ".join(v for k, v in vocab.stage_labels.items() if k != "sin_informacion")
            issues.append(
                Issue(
                    "error",
                    sheet,
                    entry.cell,
                    f"leyenda: «{entry.word}», junto al color {colour_name(entry.colour)}, no es "
                    "un estado",
                    f"uno de: {expected} (o Sí / No)",
                    entry.word,
                )
            )
            meaningless.setdefault(entry.colour, entry)
            continue
        same = by_colour.setdefault(entry.colour, [])
        if all(other.meaning != entry.meaning for other in same):
            same.append(entry)
    for colour, entries in by_colour.items():
        if len(entries) > 1:
            words = " y ".join(f"«{e.word}» ({e.cell})" for e in entries)
            issues.append(
                Issue(
                    "error",
                    sheet,
                    entries[1].cell,
                    f"leyenda: el color {colour_name(colour)} está para estados distintos: {words} "
                    "(las celdas con ese color no se leen)",
                    "un color por estado",
                    entries[1].word,
                )
            )
    # a colour whose only word means nothing stays, so that its cells say which word that was
    for colour, entry in meaningless.items():
        by_colour.setdefault(colour, [entry])
    return {colour: tuple(entries) for colour, entries in by_colour.items()}
