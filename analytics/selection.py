"""Which rows count: the selection's regions and platforms, the cut-offs, the state on a date."""

import datetime as dt
from collections.abc import Collection

import numpy as np
import pandas as pd

from loaders.frame import PAIR, latest
from loaders.text import fold
from loaders.vocabulary import PLATFORMS, STAGES

_RANKS = {
    "platform": {platform: rank for rank, platform in enumerate(PLATFORMS)},
    "stage": {stage: rank for rank, stage in enumerate(STAGES)},
}


def _sort_key(column: pd.Series) -> pd.Series:
    # platforms and stages in the contract's order, comunas alphabetically ignoring accents
    if column.name in _RANKS:
        return column.map(_RANKS[column.name])
    if column.name == "comuna":
        return column.map(fold)
    return column


def in_order(
    frame: pd.DataFrame, columns: list[str], ascending: bool | list[bool] = True
) -> pd.DataFrame:
    """The rows sorted by these columns: platforms and stages in the contract's order, comunas
    alphabetically ignoring accents, ties kept in their order."""
    return frame.sort_values(
        columns, ascending=ascending, key=_sort_key, kind="stable", ignore_index=True
    )


def filter_frame(
    frame: pd.DataFrame,
    regions: Collection[str] | None = None,
    platforms: Collection[str] | None = None,
) -> pd.DataFrame:
    """The rows of the given regions and platforms (None: all of them; empty: none)."""
    keep = np.ones(len(frame), dtype=bool)
    if regions is not None:
        keep &= frame["region_code"].isin(list(regions)).to_numpy()
    if platforms is not None:
        keep &= frame["platform"].isin(list(platforms)).to_numpy()
    if keep.all():  # every region and platform chosen: no copy of the whole history
        return frame.reset_index(drop=True)
    return frame[keep].reset_index(drop=True)


def cutoffs(history: pd.DataFrame) -> list[dt.date]:
    """The cut-off dates present in the history, oldest first."""
    return list(pd.DatetimeIndex(history["as_of"].dropna().unique()).sort_values().date)


def state_at(history: pd.DataFrame, as_of: dt.date | None = None) -> pd.DataFrame:
    """Per comuna and platform, the row with the newest cut-off on or before as_of (None: the
    newest of all); on a tie, the row of the later upload."""
    if as_of is None:
        within = np.arange(len(history))
    else:  # positions, not a filtered copy: the history at an earlier cut-off is nearly all of it
        within = np.flatnonzero((history["as_of"] <= pd.Timestamp(as_of)).to_numpy())
    if "upload_id" not in history or len(within) == 0:
        return in_order(latest(history.take(within)), PAIR)
    # latest()'s rule by positions: sort only the date and upload number (stably, as latest()
    # does), keep each pair's last, and take those few rows, not the whole sorted history
    order = np.lexsort(
        (history["upload_id"].to_numpy()[within], history["as_of"].to_numpy()[within])
    )
    pairs = history.groupby(PAIR, sort=False).ngroup().to_numpy()[within][order]
    _, from_the_end = np.unique(pairs[::-1], return_index=True)  # each pair's last in the order
    return in_order(history.take(within[np.sort(order[::-1][from_the_end])]), PAIR)
