"""Adoption gaps, rankings and trends: pure pandas, normalized frame in, summary frame out."""

from analytics.index import adoption_index, map_measure
from analytics.profile import PROFILE_COLUMNS, comuna_profile
from analytics.ranking import priorities
from analytics.selection import PAIR, cutoffs, filter_frame, state_at
from analytics.solutions import (
    ALTERNATIVE_COLUMNS,
    SOLUTION_COLUMNS,
    alternative_rows,
    solution_label,
    solutions,
)
from analytics.summary import COUNT_COLUMNS, SHARE_COLUMNS, headline, region_tiles, shares
from analytics.trends import MOVEMENT_COLUMNS, TREND_COLUMNS, movements, trend
from loaders.vocabulary import BELOW, ENABLED, ON_SCALE

__all__ = [
    "ALTERNATIVE_COLUMNS",
    "BELOW",
    "COUNT_COLUMNS",
    "ENABLED",
    "MOVEMENT_COLUMNS",
    "ON_SCALE",
    "PAIR",
    "PROFILE_COLUMNS",
    "SHARE_COLUMNS",
    "SOLUTION_COLUMNS",
    "TREND_COLUMNS",
    "adoption_index",
    "alternative_rows",
    "comuna_profile",
    "cutoffs",
    "filter_frame",
    "headline",
    "map_measure",
    "movements",
    "priorities",
    "region_tiles",
    "shares",
    "solution_label",
    "solutions",
    "state_at",
    "trend",
]
