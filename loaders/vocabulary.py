"""The words trackers use for headers, platforms, stages and answers, loaded from layouts/*.csv."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.text import PhraseTable

LAYOUTS = Path(__file__).parent / "layouts"


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of one vocabulary table under layouts/ as dictionaries."""
    with (LAYOUTS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Vocabulary:
    """Every vocabulary the layout detection needs, as phrase tables and labels."""

    headers: PhraseTable
    platforms: PhraseTable
    stages: PhraseTable
    answers: PhraseTable
    questions: PhraseTable
    skip_sheets: PhraseTable
    footers: PhraseTable
    sources: PhraseTable
    platform_labels: dict[str, str]
    stage_labels: dict[str, str]
    stage_order: dict[str, int]


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary tables, read once."""
    platforms = read_table("platforms.csv")
    stages = read_table("stages.csv")
    return Vocabulary(
        headers=PhraseTable((r["phrase"], r["role"]) for r in read_table("headers.csv")),
        platforms=PhraseTable((r["phrase"], r["platform"]) for r in platforms),
        stages=PhraseTable((r["phrase"], r["stage"]) for r in stages),
        answers=PhraseTable((r["phrase"], r["answer"]) for r in read_table("yes_no.csv")),
        questions=PhraseTable((r["phrase"], r["question"]) for r in read_table("questions.csv")),
        skip_sheets=PhraseTable((r["phrase"], r["kind"]) for r in read_table("skip_sheets.csv")),
        footers=PhraseTable((r["phrase"], "footer") for r in read_table("footer_words.csv")),
        sources=PhraseTable((r["phrase"], r["source"]) for r in read_table("sources.csv")),
        platform_labels={r["platform"]: r["label"] for r in platforms},
        stage_labels={r["stage"]: r["label"] for r in stages},
        stage_order={r["stage"]: int(r["order"]) for r in stages if r["order"]},
    )


PLATFORMS = ("docdigital", "firmagob", "claveunica", "cpat", "pisee")
STAGES = (
    "sin_iniciar",
    "en_proceso",
    "habilitada",
    "en_uso",
    "alternativa",
    "no_aplica",
    "sin_informacion",
)
