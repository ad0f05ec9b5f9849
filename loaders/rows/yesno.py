"""The yes/no layout: per platform, a "¿habilitada?" and an "¿en uso?" column, read together."""

from loaders.gazetteer import ComunaMatch
from loaders.layout import Table
from loaders.rows.cells import CellReader, Record, record
from loaders.sheets import Sheet, cell_ref

# (habilitada?, en uso?) -> stage; a blank answer is None. Only combinations that do not
# need a guess are here: "no" to habilitada implies not in use, "yes" to in use implies enabled.
_STAGES = {
    ("yes", "yes"): "en_uso",
    ("yes", "no"): "habilitada",
    ("no", "no"): "sin_iniciar",
    ("no", None): "sin_iniciar",
    (None, "yes"): "en_uso",
    (None, None): "sin_informacion",
}
_ANSWER_LABEL = {"yes": "Sí", "no": "No", None: "en blanco"}


def data_columns(table: Table) -> list[int]:
    """The columns whose cells hold answers."""
    return [c for q in table.questions.values() for c in q.values()]


def records(
    cells: CellReader, sheet: Sheet, table: Table, row: list, r: int, match: ComunaMatch
) -> list[Record]:
    """A record per platform whose answers combine into a stage, placed on its first answer."""
    out = []
    for platform, questions in table.questions.items():
        read = _answers(cells, sheet, table, row, r, platform, questions)
        if read is not None:
            stage, raw, c = read
            out.append(record(match, platform, stage, raw, sheet, r, c))
    return out


def _answers(
    cells: CellReader,
    sheet: Sheet,
    table: Table,
    row: list,
    r: int,
    platform: str,
    questions: dict[str, int],
) -> tuple[str, str, int] | None:
    label = cells.vocab.platform_labels[platform]
    said: dict[str, str | None] = {}
    raws = []
    for question in ("habilitada", "en_uso"):
        c = questions.get(question)
        if c is None:
            continue
        read = cells.answer(sheet, table, row, r, c, label)
        if read is None:
            return None
        said[question], raw = read
        raws.append(raw)
    first = min(questions.values())
    stage = _STAGES.get((said.get("habilitada"), said.get("en_uso")))
    if stage is None:
        cells.error(
            sheet,
            cell_ref(r, first),
            f"{label}: respuestas contradictorias o incompletas (habilitada: "
            f"{_ANSWER_LABEL[said.get('habilitada')]}, en uso: "
            f"{_ANSWER_LABEL[said.get('en_uso')]})",
            "Sí/Sí, Sí/No o No/No",
            found=" / ".join(raw or "(vacía)" for raw in raws),
        )
        return None
    return stage, " / ".join(raws), first
