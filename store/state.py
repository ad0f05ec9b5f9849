"""The state at a cut-off, the one rule for it: per comuna and platform, the newest row."""

import datetime as dt

import pandas as pd

PAIR = ["comuna_code", "platform"]


def latest(history: pd.DataFrame, as_of: dt.date | None = None) -> pd.DataFrame:
    """Per comuna and platform, the row with the newest cut-off on or before as_of (None: the
    newest of all); on a tie, the row of the later upload (or, without upload numbers, the later
    row)."""
    rows = history if as_of is None else history[history["as_of"] <= pd.Timestamp(as_of)]
    order = ["as_of", "upload_id"] if "upload_id" in rows else ["as_of"]
    return rows.sort_values(order, kind="stable").drop_duplicates(PAIR, keep="last")
