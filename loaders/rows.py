"""Reading the rows of a found table into normalized records, collecting every problem on the way."""

import datetime as dt
from dataclasses import dataclass, field

from loaders.gazetteer import ComunaMatch, Gazetteer
from loaders.issues import Issue
from loaders.layout import Table
from loaders.sheets import Sheet, cell_ref
from loaders.text import fold
from loaders.vocabulary import Vocabulary

UNSAVED_FORMULA = "#¡FÓRMULA SIN VALOR!"  # what loaders.formulas writes in such a cell
EXCEL_ERRORS = frozenset(
    {"#ref!", "#n/a", "#value!", "#div/0!", "#name?", "#null!", "#num!", "#spill!", "#calc!"}
    | {UNSAVED_FORMULA.lower()}
)

Record = tuple[str, str, str, str, str, str, str, str]
"""region_code, comuna_code, comuna, platform, stage, status_raw, sheet, cell."""


@dataclass
class RowReader:
    """Turns table rows into records; caches every lookup by its text, since trackers repeat words."""

    vocab: Vocabulary
    gazetteer: Gazetteer
    issues: list[Issue] = field(default_factory=list)
    _stages: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    _comunas: dict[tuple[str, tuple[str, ...] | None], ComunaMatch | None] = field(
        default_factory=dict
    )
    _warned: set[tuple[str, str]] = field(default_factory=set)

    def read(self, sheet: Sheet, table: Table, region: str | None) -> list[Record]:
        """Records of every data row of the table; problems go to self.issues."""
        records: list[Record] = []
        scope = region
        rows = sheet.rows
        data_cols = self._data_columns(table)
        for r in range(table.first_data_row, len(rows)):
            row = rows[r]
            key = self._key_text(row, table)
            has_data = any(_filled(row[c]) for c in data_cols if c < len(row))
            if (not key and not has_data) or self._is_footer(key):
                continue
            if table.region_col is not None and table.region_col < len(row):
                scope = self.gazetteer.match_region(row[table.region_col]) or scope
            if not has_data and not self._names_a_comuna(row, table, scope):
                # a section row such as "Región de Los Ríos" or "Provincia de Cautín"
                scope = self.gazetteer.match_region(key) or scope
                continue
            match = self._comuna(sheet, table, row, r, scope)
            if match is None:
                continue
            records.extend(self._cells(sheet, table, row, r, match))
        return records

    def _data_columns(self, table: Table) -> list[int]:
        if table.kind == "long":
            return [table.status_col, table.platform_col]
        if table.kind == "yesno":
            return [c for q in table.questions.values() for c in q.values()]
        return list(table.status_cols.values())

    def _key_text(self, row: list, table: Table) -> str:
        for c in table.key_cols:
            if c < len(row) and isinstance(row[c], str) and row[c].strip():
                return row[c].strip()
        return ""

    def _is_footer(self, key: str) -> bool:
        words = fold(key).split()[:3]
        return any(self.vocab.footers.exact(" ".join(words[:n])) for n in range(1, len(words) + 1))

    def _names_a_comuna(self, row: list, table: Table, scope: str | None) -> bool:
        col = table.comuna_col
        if col is None:
            return table.code_col is not None and _filled(row[table.code_col])
        value = row[col] if col < len(row) else ""
        return isinstance(value, str) and self._lookup(value.strip(), scope) is not None

    def _lookup(self, text: str, scope: str | None) -> ComunaMatch | None:
        key = (text, (scope,) if scope else None)
        if key not in self._comunas:
            self._comunas[key] = self.gazetteer.match_comuna(text, [scope] if scope else None)
        return self._comunas[key]

    def _comuna(
        self, sheet: Sheet, table: Table, row: list, r: int, scope: str | None
    ) -> ComunaMatch | None:
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
                self._error(sheet, ref, "la fila tiene estados pero la celda de comuna está vacía")
            return code_match
        match = self._lookup(text, scope)
        if match is None:
            where = f"de la región de {self.gazetteer.region_name(scope)}" if scope else "de Chile"
            self._error(
                sheet,
                ref,
                f"comuna desconocida: «{text}»; se esperaba el nombre de una comuna {where}",
            )
            return None
        if code_match is not None and code_match.code != match.code:
            self._error(
                sheet,
                ref,
                f"el código {code_match.code} es la comuna {code_match.name}, pero el nombre dice "
                f"«{text}»; corrija uno de los dos",
            )
            return None
        self._note_inexact(sheet, ref, text, match, scope)
        return match

    def _by_code(self, sheet: Sheet, value: object, r: int, c: int) -> ComunaMatch | None:
        code = _code_text(value)
        match = self.gazetteer.match_code(code) if code else None
        if match is None and _filled(value):
            self._error(
                sheet,
                cell_ref(r, c),
                f"código de comuna desconocido: «{value}»; se esperaba un código CUT de 5 dígitos",
            )
        return match

    def _note_inexact(
        self, sheet: Sheet, ref: str, text: str, match: ComunaMatch, scope: str | None
    ) -> None:
        if match.is_exact or (sheet.name, text) in self._warned:
            return
        self._warned.add((sheet.name, text))
        became = f"la comuna {match.name} ({match.code})"
        if match.kind == "other_region":
            message = (
                f"«{text}» se leyó como {became}, de la región de {match.region}, "
                f"no de la región de {self.gazetteer.region_name(scope)} de esta hoja; revise"
            )
        elif match.kind == "fuzzy":
            message = f"«{text}» se leyó como {became} por parecido; revise que sea correcto"
        else:
            message = f"«{text}» se leyó como {became}"
        self.issues.append(Issue("warning", sheet.name, ref, message))

    def _cells(
        self, sheet: Sheet, table: Table, row: list, r: int, match: ComunaMatch
    ) -> list[Record]:
        if table.kind == "long":
            return self._long_cell(sheet, table, row, r, match)
        out = []
        if table.kind == "yesno":
            for platform, questions in table.questions.items():
                read = self._answers(sheet, table, row, r, platform, questions)
                if read is not None:
                    stage, raw, c = read
                    out.append(_record(match, platform, stage, raw, sheet, r, c))
            return out
        for platform, c in table.status_cols.items():
            value = row[c] if c < len(row) else ""
            stage, raw = self._stage(value)
            if stage is None:
                self._error(sheet, cell_ref(r, c), self._stage_message(raw, platform))
                continue
            out.append(_record(match, platform, stage, raw, sheet, r, c))
        return out

    def _long_cell(
        self, sheet: Sheet, table: Table, row: list, r: int, match: ComunaMatch
    ) -> list[Record]:
        p_value = row[table.platform_col] if table.platform_col < len(row) else ""
        platform = self.vocab.platforms.one(p_value) if isinstance(p_value, str) else None
        if platform is None:
            labels = ", ".join(self.vocab.platform_labels.values())
            self._error(
                sheet,
                cell_ref(r, table.platform_col),
                f"plataforma desconocida: «{p_value}»; se esperaba una de: {labels}",
            )
            return []
        value = row[table.status_col] if table.status_col < len(row) else ""
        stage, raw = self._stage(value)
        if stage is None:
            self._error(sheet, cell_ref(r, table.status_col), self._stage_message(raw, platform))
            return []
        return [_record(match, platform, stage, raw, sheet, r, table.status_col)]

    def _stage(self, value: object) -> tuple[str | None, str]:
        """The stage of a status cell and its raw text; stage None when it cannot be read."""
        raw = _raw(value)
        if raw in self._stages:
            return self._stages[raw]
        if not isinstance(value, str) and _filled(value):
            result = (None, raw)
        elif not fold(raw):
            result = ("sin_informacion", raw)
        elif raw.lower() in EXCEL_ERRORS:
            result = (None, raw)
        else:
            result = (self.vocab.stages.exact(raw) or self.vocab.stages.one(raw), raw)
        self._stages[raw] = result
        return result

    def _stage_message(self, raw: str, platform: str) -> str:
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

    def _answers(
        self, sheet: Sheet, table: Table, row: list, r: int, platform: str, questions: dict
    ) -> tuple[str, str, int] | None:
        label = self.vocab.platform_labels[platform]
        said: dict[str, str | None] = {}
        raws = []
        for question in ("habilitada", "en_uso"):
            c = questions.get(question)
            if c is None:
                continue
            value = row[c] if c < len(row) else ""
            raw = _raw(value)
            raws.append(raw)
            answer = (
                self.vocab.answers.exact(raw) or self.vocab.answers.one(raw) if fold(raw) else ""
            )
            if answer is None:
                self._error(
                    sheet,
                    cell_ref(r, c),
                    f"{label}: respuesta ilegible «{raw}» en «{table.headers.get(c, '')}»; "
                    "se esperaba Sí o No",
                )
                return None
            said[question] = answer or None
        first = min(questions.values())
        stage = _YESNO.get((said.get("habilitada"), said.get("en_uso")))
        if stage is None:
            self._error(
                sheet,
                cell_ref(r, first),
                f"{label}: respuestas contradictorias o incompletas (habilitada: "
                f"{_ANSWER_LABEL[said.get('habilitada')]}, en uso: "
                f"{_ANSWER_LABEL[said.get('en_uso')]}); se esperaba Sí/Sí, Sí/No o No/No",
            )
            return None
        return stage, " / ".join(raws), first

    def _error(self, sheet: Sheet, ref: str, message: str) -> None:
        self.issues.append(Issue("error", sheet.name, ref, message))


# (habilitada?, en uso?) -> stage; a blank answer is None. Only combinations that do not
# need a guess are here: "no" to habilitada implies not in use, "yes" to in use implies enabled.
_YESNO = {
    ("yes", "yes"): "en_uso",
    ("yes", "no"): "habilitada",
    ("no", "no"): "sin_iniciar",
    ("no", None): "sin_iniciar",
    (None, "yes"): "en_uso",
    (None, None): "sin_informacion",
}
_ANSWER_LABEL = {"yes": "Sí", "no": "No", None: "en blanco"}


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _raw(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _code_text(value: object) -> str:
    raw = _raw(value)
    return raw.zfill(5) if raw.isdigit() and len(raw) <= 5 else raw


def _record(
    match: ComunaMatch, platform: str, stage: str, raw: str, sheet: Sheet, r: int, c: int
) -> Record:
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
