"""One comuna's platforms: their stage and provenance beside its region's shares."""

import pandas as pd

from analytics.selection import in_order
from analytics.summary import shares
from loaders import COLUMNS

# where each value came from: the contract's columns after the place
PROFILE_COLUMNS = [
    c for c in COLUMNS if c not in ("region_code", "region", "comuna_code", "comuna")
]


def comuna_profile(current: pd.DataFrame, comuna_code: str) -> pd.DataFrame:
    """One row per platform of a comuna: its stage and where it came from, beside the share of
    its region's comunas enabled and in use on the same platform."""
    own = in_order(current[current["comuna_code"] == comuna_code], ["platform"])
    region = shares(current[current["region_code"].isin(own["region_code"].unique())])
    region = region[["region_code", "platform", "pct_enabled", "pct_en_uso"]].rename(
        columns={"pct_enabled": "region_pct_enabled", "pct_en_uso": "region_pct_en_uso"}
    )
    profile = own.merge(region, on=["region_code", "platform"], how="left")
    return profile[[*PROFILE_COLUMNS, "region_pct_enabled", "region_pct_en_uso"]]
