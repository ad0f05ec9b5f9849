"""How fresh the state is: each region's newest cut-off, and each comuna's last data against the
cut-off it is shown at."""

import datetime as dt

import pandas as pd

from analytics.selection import in_order

REGION_DATE_COLUMNS = ["region_code", "region", "as_of", "comunas", "older"]
COMUNA_DATE_COLUMNS = ["region_code", "region", "comuna_code", "comuna", "as_of", "days_behind"]


def region_dates(current: pd.DataFrame) -> pd.DataFrame:
    """Per region of a state, its newest cut-off, how many comunas it has and how many of them
    have their last data before that cut-off (the state is each comuna's last data)."""
    if current.empty:
        return pd.DataFrame(columns=REGION_DATE_COLUMNS)
    comunas = current.groupby(["region_code", "region", "comuna_code"], as_index=False)[
        "as_of"
    ].max()
    regions = comunas.groupby(["region_code", "region"], as_index=False).agg(
        as_of=("as_of", "max"), comunas=("comuna_code", "size")
    )
    newest = comunas["region_code"].map(regions.set_index("region_code")["as_of"])
    older = comunas[comunas["as_of"] < newest].groupby("region_code").size()
    regions["older"] = regions["region_code"].map(older).fillna(0).astype("int64")
    return in_order(regions, ["region_code"])[REGION_DATE_COLUMNS]


def comuna_dates(current: pd.DataFrame, reference: dt.date) -> pd.DataFrame:
    """Per comuna of a state, the date of its last data (its newest platform) and how many days
    before the reference cut-off that is; comunas in region and name order."""
    comunas = current.groupby(["region_code", "region", "comuna_code", "comuna"], as_index=False)[
        "as_of"
    ].max()
    comunas["days_behind"] = (pd.Timestamp(reference) - comunas["as_of"]).dt.days.astype("int64")
    return in_order(comunas, ["region_code", "comuna"])[COMUNA_DATE_COLUMNS]
