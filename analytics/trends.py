"""How the state moved over time: the shares at every cut-off, and who moved between two."""

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analytics.selection import state_at
from analytics.summary import shares
from loaders.frame import PAIR, tie_order
from loaders.vocabulary import stage_direction

TREND_COLUMNS = ["on_scale", "enabled", "en_uso", "pct_enabled", "pct_en_uso", "brecha_uso"]
MOVEMENT_COLUMNS = [
    "region_code",
    "region",
    "comuna_code",
    "comuna",
    "platform",
    "before",
    "after",
    "direction",
]


def trend(history: pd.DataFrame, by: Sequence[str] = ("region_code", "platform")) -> pd.DataFrame:
    """For every cut-off at which a group was measured (it has rows of that date), the state on
    that date summarised like shares(by); a group is left out of the cut-offs it was not
    measured at, so no share is carried forward across dates without data."""
    by = list(by)
    names = ["region"] if "region_code" in by else []
    order = [*PAIR, *tie_order(history)]
    # only the columns used: sorting copies every column it carries, the whole history at once
    rows = history[list(dict.fromkeys([*order, *by, *names, "stage"]))].dropna(subset=["as_of"])
    # one row per comuna, platform and date: the tie on a date goes to the later upload
    rows = rows.sort_values(order, kind="stable")
    rows = rows.drop_duplicates([*PAIR, "as_of"], keep="last").reset_index(drop=True)
    dates = np.unique(rows["as_of"].to_numpy())
    pairs = rows.groupby(PAIR, sort=False)
    # grid[pair, date] = position of the pair's row on that date; rows run in date order within
    # a pair, so a running maximum carries each pair's last row forward to later cut-offs
    grid = np.full((pairs.ngroups, len(dates)), -1)
    grid[pairs.ngroup().to_numpy(), np.searchsorted(dates, rows["as_of"].to_numpy())] = np.arange(
        len(rows)
    )
    grid = np.maximum.accumulate(grid, axis=1)
    pair_at, date_at = np.nonzero(grid >= 0)
    states = rows[[*by, *names, "stage"]].take(grid[pair_at, date_at]).reset_index(drop=True)
    states.insert(0, "as_of", pd.Series(dates[date_at]).astype("datetime64[s]"))
    summary = shares(states, by=["as_of", *by])
    # within a measured group, comunas not reported that day still count at their last value
    measured = rows[["as_of", *by]].drop_duplicates()
    measured["as_of"] = measured["as_of"].astype("datetime64[s]")
    summary = summary.merge(measured, on=["as_of", *by], how="inner")
    return summary[["as_of", *by, *names, *TREND_COLUMNS]].reset_index(drop=True)


def movements(history: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Per comuna and platform present at end, its stage at start and at end, and whether it
    advanced, went back, stayed, changed off the scale or is new."""
    before = state_at(history, start)[[*PAIR, "stage"]].rename(columns={"stage": "before"})
    moved = state_at(history, end).rename(columns={"stage": "after"})
    moved = moved.merge(before, on=PAIR, how="left")
    moved["direction"] = stage_direction(moved["before"], moved["after"])
    return moved[MOVEMENT_COLUMNS]
