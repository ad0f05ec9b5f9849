"""The words trackers use and the platform and stage scales, read from layouts/*.csv."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

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
    sections: PhraseTable
    sources: PhraseTable
    marks: dict[str, str]  # a mark (✓, ✗, -) -> the word it stands for ("" for none)
    legend_titles: PhraseTable  # the title of a legend of colours («Simbología»)
    platform_labels: dict[str, str]
    stage_labels: dict[str, str]
    stage_order: dict[str, int]
    alternatives: PhraseTable  # words naming an own or a private solution -> which one
    alternative_labels: dict[str, str]  # «Solución propia», where a stage label would go
    alternative_short_labels: dict[str, str]  # «Propia», in a column of its own

    def header_role(self, text: str) -> str | None:
        """The role of headers.csv a column header names; a header naming a person beside
        something else («Encargado comuna», «Correo municipio») is personal, never that thing."""
        role = self.headers.exact(text) or self.headers.one(text)
        if role is None and "personal" in self.headers.find(text):
            return "personal"
        return role


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary tables, read once."""
    platforms = read_table("platforms.csv")
    stages = read_table("stages.csv")
    alternatives = read_table("alternatives.csv")
    # an own or a private solution is, by its words, the stage alternativa
    stage_words = [(r["phrase"], r["stage"]) for r in stages]
    stage_words += [(r["phrase"], "alternativa") for r in alternatives]
    return Vocabulary(
        headers=PhraseTable((r["phrase"], r["role"]) for r in read_table("headers.csv")),
        platforms=PhraseTable((r["phrase"], r["platform"]) for r in platforms),
        stages=PhraseTable(stage_words),
        answers=PhraseTable((r["phrase"], r["answer"]) for r in read_table("yes_no.csv")),
        questions=PhraseTable((r["phrase"], r["question"]) for r in read_table("questions.csv")),
        skip_sheets=PhraseTable((r["phrase"], r["kind"]) for r in read_table("skip_sheets.csv")),
        footers=PhraseTable((r["phrase"], "footer") for r in read_table("footer_words.csv")),
        sections=PhraseTable((r["phrase"], "section") for r in read_table("section_titles.csv")),
        sources=PhraseTable((r["phrase"], r["source"]) for r in read_table("sources.csv")),
        marks={r["mark"]: r["word"] for r in read_table("marks.csv")},
        legend_titles=PhraseTable((r["phrase"], "legend") for r in read_table("legend_titles.csv")),
        platform_labels={r["platform"]: r["label"] for r in platforms},
        stage_labels={r["stage"]: r["label"] for r in stages},
        stage_order={stage: rank for rank, stage in enumerate(ON_SCALE)},
        alternatives=PhraseTable((r["phrase"], r["alternative"]) for r in alternatives),
        alternative_labels={r["alternative"]: r["label"] for r in alternatives},
        alternative_short_labels={r["alternative"]: r["short_label"] for r in alternatives},
    )


def _scales() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The platforms in the tables' order, the stages with an order (the scale, lowest first),
    and the stages without one, in the table's order."""
    platforms = tuple(dict.fromkeys(r["platform"] for r in read_table("platforms.csv")))
    stages = read_table("stages.csv")
    order = {r["stage"]: int(r["order"]) for r in stages if r["order"]}
    off_scale = tuple(dict.fromkeys(r["stage"] for r in stages if not r["order"]))
    return platforms, tuple(sorted(order, key=order.__getitem__)), off_scale


PLATFORMS, ON_SCALE, OFF_SCALE = _scales()
STAGES = (*ON_SCALE, *OFF_SCALE)
ALTERNATIVES = tuple(dict.fromkeys(r["alternative"] for r in read_table("alternatives.csv")))
# "habilitada o más": the scale from habilitada up counts as enabled, the rest as below it
ENABLED = ON_SCALE[ON_SCALE.index("habilitada") :]
BELOW = ON_SCALE[: ON_SCALE.index("habilitada")]


def _activities() -> tuple[tuple[str, ...], dict[str, str]]:
    """The activities of the Plan de Acompañamiento in the plan's order, and their labels."""
    rows = sorted(read_table("activities.csv"), key=lambda r: int(r["step"]))
    labels = {r["activity"]: r["label"] for r in rows}
    return tuple(labels), labels


ACTIVITIES, ACTIVITY_LABELS = _activities()
OTHER_ACTIVITY = "otra"  # an activity whose words name none of the others (kept, with a warning)


def activity_label(activity: str) -> str:
    """The activity as people read it (Capacitación técnica, not capacitacion_tecnica)."""
    return ACTIVITY_LABELS.get(activity, activity)


def platform_label(platform: str) -> str:
    """The platform as people write it (ClaveÚnica, not claveunica)."""
    return vocabulary().platform_labels.get(platform, platform)


def stage_label(stage: object, alternative: object = "") -> str:
    """The stage as people read it («Solución propia» when the alternative is known), or a dash
    when there is none."""
    if stage == "alternativa" and alternative in vocabulary().alternative_labels:
        return vocabulary().alternative_labels[alternative]
    return vocabulary().stage_labels.get(stage, "—") if isinstance(stage, str) else "—"


def alternative_label(alternative: object) -> str:
    """«Propia» or «Privada», or empty text when the alternative is not known."""
    return vocabulary().alternative_short_labels.get(alternative, "")


def alternative_of(status: str) -> str | None:
    """Which alternative a status written for the stage alternativa names: "propia", "privada",
    "" when it names neither (plain «Solución alternativa»), None when it names both."""
    found = vocabulary().alternatives.find(status)
    if len(found) > 1:
        return None
    return found[0] if found else ""


def stage_direction(before: pd.Series, after: pd.Series) -> pd.Series:
    """Which way each stage went from before to after: "nuevo" (none before), "igual",
    "avanza" or "retrocede" along the scale, or "cambia" (to or from a stage off the scale)."""
    order = vocabulary().stage_order
    rank_before, rank_after = before.map(order), after.map(order)
    direction = pd.Series("cambia", index=after.index, dtype="str")
    direction[before == after] = "igual"
    direction[rank_after > rank_before] = "avanza"
    direction[rank_after < rank_before] = "retrocede"
    direction[before.isna()] = "nuevo"
    return direction
