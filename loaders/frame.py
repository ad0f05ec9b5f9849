"""The one rule of time over the normalized frame: which row is a comuna's state at a cut-off."""

import datetime as dt

import pandas as pd

PAIR = ["comuna_code", "platform"]


def tie_order(frame: pd.DataFrame) -> list[str]:
    """The columns that order rows in time: the cut-off, then the upload number when there is one
    (frames read by the loaders have none: then the row order breaks ties)."""
    return ["as_of", "upload_id"] if "upload_id" in frame else ["as_of"]


def latest(history: pd.DataFrame, as_of: dt.date | None = None) -> pd.DataFrame:
    """Per comuna and platform, the row with the newest cut-off on or before as_of (None: the
    newest of all); on a tie, the row of the later upload."""
    rows = history if as_of is None else history[history["as_of"] <= pd.Timestamp(as_of)]
    return rows.sort_values(tie_order(rows), kind="stable").drop_duplicates(PAIR, keep="last")
