"""The comunas prioritarias: where work is needed next, and on which platforms."""

import pandas as pd

from analytics.index import adoption_index
from analytics.selection import in_order
from loaders.vocabulary import platform_label

PRIORITY_COLUMNS = [
    "region",
    "province",
    "comuna_code",
    "comuna",
    "habilitada_sin_uso",
    "sin_iniciar",
    "n_habilitada_sin_uso",
    "n_sin_iniciar",
    "index",
]


def _platform_lists(current: pd.DataFrame, stage: str) -> pd.Series:
    """Per comuna, the labels of its platforms at a stage, in the contract's order."""
    rows = in_order(current[current["stage"] == stage], ["platform"])
    return rows["platform"].map(platform_label).groupby(rows["comuna_code"]).agg(", ".join)


def priorities(current: pd.DataFrame) -> pd.DataFrame:
    """Comunas that need work next: those with platforms enabled without use first (most first),
    then those with platforms not started (most first), then by region and comuna."""
    index = adoption_index(current)
    index = index[(index["habilitada_sin_uso"] > 0) | (index["sin_iniciar"] > 0)]
    index = index.rename(
        columns={"habilitada_sin_uso": "n_habilitada_sin_uso", "sin_iniciar": "n_sin_iniciar"}
    )
    for stage, column in (("habilitada", "habilitada_sin_uso"), ("sin_iniciar", "sin_iniciar")):
        lists = _platform_lists(current, stage)
        index[column] = index["comuna_code"].map(lists).astype("object").fillna("").astype("str")
    ranked = in_order(
        index,
        ["n_habilitada_sin_uso", "n_sin_iniciar", "region_code", "comuna"],
        ascending=[False, False, True, True],
    )
    return ranked[PRIORITY_COLUMNS]
