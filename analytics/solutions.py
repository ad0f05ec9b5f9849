"""The SGD's platform or another solution: per region and platform, how many comunas are on the
platform's scale, use their own solution or a private provider; and which comunas do."""

from collections.abc import Sequence

import pandas as pd

from analytics.selection import in_order
from loaders.vocabulary import ALTERNATIVES, ON_SCALE, vocabulary

SOLUTION_COLUMNS = ["sgd", *ALTERNATIVES, "sin_detalle"]
"""On the SGD platform's scale, each alternative, and an alternative the tracker does not name."""
SOLUTION_LABELS = {
    "sgd": "Plataforma SGD",
    **vocabulary().alternative_labels,
    "sin_detalle": "Alternativa sin detalle",
}
ALTERNATIVE_COLUMNS = ["region", "comuna_code", "comuna", "platform", "alternative", "status_raw"]


def solutions(
    current: pd.DataFrame, by: Sequence[str] = ("region_code", "platform")
) -> pd.DataFrame:
    """Per group, how many comunas are on the SGD platform's scale (from not started to in use),
    use their own solution, a private provider, or an alternative the tracker does not name;
    groups with none of these are left out."""
    by = list(by)
    kind = pd.Series(pd.NA, index=current.index, dtype="object")
    kind[current["stage"].isin(ON_SCALE)] = "sgd"
    other = current["stage"] == "alternativa"
    named = current["alternative"].where(current["alternative"].isin(ALTERNATIVES), "sin_detalle")
    kind[other] = named[other]
    onehot = pd.get_dummies(pd.Categorical(kind, categories=SOLUTION_COLUMNS), dtype="int64")
    onehot = onehot.set_axis(current.index)
    counts = onehot.groupby([current[c] for c in by]).sum().reset_index()
    counts = in_order(counts[counts[SOLUTION_COLUMNS].sum(axis=1) > 0], by)
    if "region_code" in by:
        names = current.drop_duplicates("region_code").set_index("region_code")["region"]
        counts.insert(len(by), "region", counts["region_code"].map(names))
    return counts


def solution_label(kind: str) -> str:
    """How people read a column of solutions: «Plataforma SGD», «Solución propia», …"""
    return SOLUTION_LABELS[kind]


def alternative_rows(current: pd.DataFrame) -> pd.DataFrame:
    """The comunas and platforms at an alternative solution, by region, comuna and platform."""
    rows = current[current["stage"] == "alternativa"]
    return in_order(rows, ["region_code", "comuna", "platform"])[ALTERNATIVE_COLUMNS]
