"""What pages work out from a shared state frame (ui.state's cached frames), once per frame."""

import datetime as dt
from collections.abc import Sequence

import pandas as pd

import analytics
import exports
import views
from ui.memo import per_object

freshness = per_object(views.freshness)
comuna_dates = per_object(analytics.comuna_dates)
comuna_profile = per_object(analytics.comuna_profile)
shares = per_object(analytics.shares)
tile_dates = per_object(views.tile_dates)


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
    return views.older_data_caption(comuna_dates(current, reference), reference)
