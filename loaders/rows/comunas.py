"""Which comuna a table row is about, from its name or CUT code cell, reporting what is wrong."""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from loaders.gazetteer import ComunaMatch, Gazetteer
from loaders.issues import Issue
from loaders.layout import Table
from loaders.rows.cells import CellReader, cell, filled, raw_text
from loaders.sheets import Sheet, cell_ref
from loaders.text import fold

Aliases = Mapping[str, str | None]
"""Comuna names taught for one source: folded name -> comuna code, or None for «no es una
comuna»."""


class UnknownComuna(NamedTuple):
    """A name no comuna was found for, where it was first seen: what can be taught as an alias."""

    name: str
    region_code: str | None
    sheet: str
    cell: str


@dataclass
class ComunaResolver:
    """Finds each row's comuna in the region in force; caches names, as trackers repeat them.

    The aliases taught for the file's source are consulted before the gazetteer: the store
    teaches one only for a name that is no official name or known variant of another comuna,
    so an alias never hides what the gazetteer would have read, only its guess at a typo."""

    gazetteer: Gazetteer
    cells: CellReader
    aliases: Aliases = field(default_factory=dict)
    unknown: list[UnknownComuna] = field(default_factory=list)
    _matches: dict[tuple[str, str | None], ComunaMatch | None] = field(default_factory=dict)
    _warned: set[tuple[str, str]] = field(default_factory=set)

    def names_a_comuna(self, row: list, table: Table, scope: str | None) -> bool:
        """Whether a row without statuses still names a comuna (else it is a section row)."""
        col = table.comuna_col
        if col is None:
            return table.code_col is not None and filled(row[table.code_col])
        value = cell(row, col)
        if not isinstance(value, str):
            return False
        match = self.lookup(value.strip(), scope)
        # "Los Lagos" alone in a sheet of the Los Lagos region restates the region
        return match is not None and not (
            match.other_region and self.gazetteer.match_region(value) is not None
        )

    def resolve(
        self, sheet: Sheet, table: Table, row: list, r: int, scope: str | None
    ) -> ComunaMatch | None:
        """The row's comuna, or None after reporting why it has none."""
        code_match = None
        if table.code_col is not None and table.code_col < len(row):
            code_match = self._by_code(sheet, row[table.code_col], r, table.code_col)
            if code_match is None:
                return None
        if table.comuna_col is None or table.comuna_col >= len(row):
            return code_match
        value = row[table.comuna_col]
        text = value.strip() if isinstance(value, str) else ("" if value is None else str(value))
        ref = cell_ref(r, table.comuna_col)
        if not text:
            if code_match is None:
                self.cells.error(
                    sheet,
                    ref,
                    "la fila tiene estados pero la celda de comuna está vacía",
                    "el nombre de la comuna",
                )
            return code_match
        match = self.lookup(text, scope)
        if match is None:
            self.report_unknown(sheet, ref, text, scope)
            return None
        if code_match is not None and code_match.code != match.code:
            self.cells.error(
                sheet,
                ref,
                f"el código {code_match.code} es la comuna {code_match.name}, pero el nombre dice "
                f"«{text}»",
                fix="corrija uno de los dos",
            )
            return None
        if match.other_region and scope is not None:
            self.cells.error(sheet, ref, *self._other_region(text, match, scope))
            return None
        self._note_inexact(sheet, ref, text, match)
        return match

    def name(self, sheet: Sheet, ref: str, text: str, scope: str | None) -> ComunaMatch | None:
        """The comuna a name means in the region in force, or None after an error on its cell
        (unknown, or of another region); a name that is not the official one is a warning."""
        match = self.lookup(text, scope)
        if match is None:
            if not self.skips(sheet, ref, text):
                self.report_unknown(sheet, ref, text, scope)
            return None
        if match.other_region and scope is not None:
            self.cells.error(sheet, ref, *self._other_region(text, match, scope))
            return None
        self._note_inexact(sheet, ref, text, match)
        return match

    def lookup(self, text: str, scope: str | None) -> ComunaMatch | None:
        """The comuna a name means, searched first in the region in force, without a word said;
        a name taught for the source means its comuna (None: taught as no comuna)."""
        key = (text, scope)
        if key not in self._matches:
            folded = fold(text)
            if folded in self.aliases:
                self._matches[key] = self._taught(self.aliases[folded], scope)
            else:
                self._matches[key] = self.gazetteer.match_comuna(text, [scope] if scope else None)
        return self._matches[key]

    def skips(self, sheet: Sheet, ref: str, text: str) -> bool:
        """Whether a name was taught as no comuna for the source: then its row is not read,
        which a note says once per sheet and name."""
        folded = fold(text)
        if folded not in self.aliases or self.aliases[folded] is not None:
            return False
        if (sheet.name, text) not in self._warned:
            self._warned.add((sheet.name, text))
            message = (
                f"«{text}» se marcó como «no es una comuna» para esta fuente; la fila se omite"
            )
            self.cells.issues.append(Issue("info", sheet.name, ref, message))
        return True

    def skips_row(self, sheet: Sheet, table: Table, row: list, r: int) -> bool:
        """Whether a row's comuna cell holds a name taught as no comuna (see skips)."""
        col = table.comuna_col
        value = cell(row, col) if col is not None else None
        return isinstance(value, str) and self.skips(sheet, cell_ref(r, col), value.strip())

    def report_unknown(
        self,
        sheet: Sheet,
        ref: str,
        text: str,
        scope: str | None,
        problem: str = "",
        expected: str = "",
    ) -> None:
        """An error on a cell naming no comuna (the problem and expected given, else the usual
        ones); the name is listed once among the unknown ones, where it was first seen."""
        said = (problem, expected) if problem else self._unknown(text, scope)
        self.cells.error(sheet, ref, *said)
        folded = fold(text)
        # the list is shared with the other readers of the file (trackers, activities)
        if folded and all(fold(u.name) != folded for u in self.unknown):
            self.unknown.append(UnknownComuna(text, scope, sheet.name, ref))

    def _by_code(self, sheet: Sheet, value: object, r: int, c: int) -> ComunaMatch | None:
        code = _code_text(value)
        match = self.gazetteer.match_code(code) if code else None
        if match is None and filled(value):
            self.cells.error(
                sheet,
                cell_ref(r, c),
                f"código de comuna desconocido: «{value}»",
                "un código CUT de 5 dígitos",
            )
        return match

    def _taught(self, code: str | None, scope: str | None) -> ComunaMatch | None:
        match = self.gazetteer.match_code(code) if code is not None else None
        if match is None:
            return None
        outside = scope is not None and match.region_code != scope
        return dataclasses.replace(match, kind="taught", other_region=outside)

    def _unknown(self, text: str, scope: str | None) -> tuple[str, str]:
        """The problem and expected of an unknown comuna's error."""
        where = f"de la región de {self.gazetteer.region_name(scope)}" if scope else "de Chile"
        return f"comuna desconocida: «{text}»", f"el nombre de una comuna {where}"

    def _other_region(self, text: str, match: ComunaMatch, scope: str) -> tuple[str, str, str]:
        """The problem, expected and fix of the error on a comuna of another region."""
        found = f"la comuna {match.name} ({match.code}), de la región de {match.region}"
        said = f"la región de {self.gazetteer.region_name(scope)}"
        if match.kind == "fuzzy":
            return (
                f"«{text}» se parece a {found}, pero la hoja indica {said} y no se adivina una "
                "comuna de otra región",
                "",
                "escriba el nombre de la comuna o corrija la región",
            )
        return (
            f"«{text}» es {found}, pero la hoja indica {said}",
            "",
            "corrija la comuna o la región",
        )

    def _note_inexact(self, sheet: Sheet, ref: str, text: str, match: ComunaMatch) -> None:
        if match.is_exact or (sheet.name, text) in self._warned:
            return
        self._warned.add((sheet.name, text))
        became = f"la comuna {match.name} ({match.code})"
        if match.kind == "taught":
            message = f"«{text}» se leyó como {became} por el alias enseñado para esta fuente"
            self.cells.issues.append(Issue("info", sheet.name, ref, message))
            return
        if match.kind == "fuzzy":
            self.cells.warn(
                sheet,
                ref,
                f"«{text}» se leyó como {became} por parecido",
                fix="revise que sea correcto",
            )
        else:
            self.cells.warn(sheet, ref, f"«{text}» se leyó como {became}")


def _code_text(value: object) -> str:
    raw = raw_text(value)
    return raw.zfill(5) if raw.isdigit() and len(raw) <= 5 else raw
