"""The accompaniment activities of each upload: written with it, read back as the contract's frame."""

import pandas as pd
import sqlalchemy as sa

from loaders import ACTIVITY_COLUMNS, empty_activities
from loaders.gazetteer import gazetteer
from store.schema import activities, uploads

KEY = ["comuna_code", "date", "activity", "platform"]
"""What makes two rows the same activity: a monthly log repeats the earlier months' rows."""

_ROW_COLUMNS = [c for c in ACTIVITY_COLUMNS if c not in ("region", "source", "file")]
_TEXTS = ["platform", "topic", "modality"]  # may be empty; stored as ""


def _stored(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows as the table holds them: plain dates, "" for an empty text, None for no headcount."""
    rows = frame[_ROW_COLUMNS].copy()
    rows[_TEXTS] = rows[_TEXTS].fillna("")
    rows = rows.astype(object)
    rows = rows.where(rows.notna(), None)  # a missing value is NULL, never the text "nan"
    rows["date"] = frame["date"].dt.date
    headcounts = [None if pd.isna(n) else int(n) for n in frame["participants"]]
    rows["participants"] = pd.Series(headcounts, index=rows.index, dtype=object)
    return rows


def keys(frame: pd.DataFrame) -> set[tuple]:
    """Each row's (comuna_code, date, activity, platform), as the store compares them."""
    return set(_stored(frame)[KEY].itertuples(index=False, name=None))


def insert(conn: sa.Connection, upload_id: int, frame: pd.DataFrame) -> None:
    """Write an upload's activities, inside the transaction that saves the upload."""
    if frame.empty:
        return
    rows = _stored(frame).assign(upload_id=upload_id)
    conn.execute(sa.insert(activities), rows.to_dict("records"))


def active(conn: sa.Connection) -> pd.DataFrame:
    """The activities of the active uploads as the contract's frame plus the upload's number; an
    activity found in several active uploads is the latest upload's."""
    query = (
        sa.select(activities, uploads.c.source, uploads.c.file_name.label("file"))
        .join(uploads, uploads.c.id == activities.c.upload_id)
        .where(uploads.c.active)
    )
    result = conn.execute(query)
    names, fetched = list(result.keys()), result.fetchall()
    if not fetched:
        return empty_activities().assign(upload_id=pd.Series(dtype="int64"))
    frame = pd.DataFrame(fetched, columns=names)
    newest = frame.groupby(KEY, sort=False)["upload_id"].transform("max")
    frame = frame[frame["upload_id"] == newest]
    places = gazetteer().regions
    frame["region"] = frame["region_code"].map(
        dict(zip(places.region_code, places.region, strict=True))
    )
    typed = empty_activities().columns
    out = pd.DataFrame(
        {c: frame[c].astype("str") for c in typed if c not in ("date", "participants")}
    )
    out["date"] = pd.to_datetime(frame["date"]).astype("datetime64[s]")
    out["participants"] = pd.array(frame["participants"].tolist(), dtype="Int64")
    out["upload_id"] = frame["upload_id"].astype("int64")
    order = ["date", "region_code", "comuna_code", "activity", "platform", "upload_id", "cell"]
    return out[[*ACTIVITY_COLUMNS, "upload_id"]].sort_values(order, ignore_index=True)
