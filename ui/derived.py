"""What pages work out from a shared state frame (ui.state's cached frames), once per frame."""

import datetime as dt
from collections.abc import Sequence

import pandas as pd

import analytics
import exports
import views
from charts import headlines
from ui.memo import per_object

freshness = per_object(views.freshness)
comuna_profile = per_object(analytics.comuna_profile)
shares = per_object(analytics.shares)
tile_dates = per_object(views.tile_dates)
trend_headline = per_object(headlines.trend)
timeline_headline = per_object(headlines.timeline)


@per_object
def regions_in(current: pd.DataFrame) -> frozenset[str]:
    """The region codes a frame has rows of."""
    return frozenset(current["region_code"].unique())


@per_object
def platforms_in(current: pd.DataFrame) -> frozenset[str]:
    """The platforms a frame has rows of."""
    return frozenset(current["platform"].unique())


@per_object
def comuna_rows(current: pd.DataFrame, code: str) -> pd.DataFrame:
    """One comuna's rows of a state: the same frame on every rerun, so what is worked out from
    it is too."""
    return current[current["comuna_code"] == code]


@per_object
def headline_scope(current: pd.DataFrame) -> str:
    """The Resumen headline's scope line (analytics.headline_scope) for a state."""
    return analytics.headline_scope(current, shares(current))


@per_object
def region_tiles(current: pd.DataFrame, regions: Sequence[str]) -> pd.DataFrame:
    """Resumen's tiles, one per region and the total (analytics.region_tiles)."""
    return analytics.region_tiles(current, regions, total=True)


@per_object
def priorities_table(current: pd.DataFrame) -> pd.DataFrame:
    """The comunas prioritarias of a state as the page lists them."""
    return exports.priorities_table(analytics.priorities(current))


@per_object
def older_data_caption(current: pd.DataFrame, reference: dt.date) -> str:
    """Which comunas of a state show data older than the cut-off, and how old, in one line."""
    return views.older_data_caption(analytics.comuna_dates(current, reference), reference)
