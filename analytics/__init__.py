"""Adoption gaps, rankings, trends and the accompaniment: pure pandas, normalized frame in, summary frame out."""

from analytics.accompaniment import (
    ADVANCE_DAYS,
    NOT_CAUSE,
    accompaniment_tiles,
    coverage_shares,
    filter_activities,
    monthly_activities,
    one_per_activity,
    plan_coverage,
    plan_steps,
    reference_date,
    step_label,
    training_to_use,
    training_without_use,
    without_use_headline,
)
from analytics.index import adoption_index, map_measure, stage_points
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
from analytics.summary import (
    COUNT_COLUMNS,
    SHARE_COLUMNS,
    headline,
    headline_scope,
    region_tiles,
    shares,
)
from analytics.trends import MOVEMENT_COLUMNS, TREND_COLUMNS, movements, trend
from loaders.vocabulary import BELOW, ENABLED, ON_SCALE

__all__ = [
    "ADVANCE_DAYS",
    "ALTERNATIVE_COLUMNS",
    "BELOW",
    "COUNT_COLUMNS",
    "ENABLED",
    "MOVEMENT_COLUMNS",
    "NOT_CAUSE",
    "ON_SCALE",
    "PAIR",
    "PROFILE_COLUMNS",
    "SHARE_COLUMNS",
    "SOLUTION_COLUMNS",
    "TREND_COLUMNS",
    "accompaniment_tiles",
    "adoption_index",
    "alternative_rows",
    "comuna_profile",
    "coverage_shares",
    "cutoffs",
    "filter_activities",
    "filter_frame",
    "headline",
    "headline_scope",
    "map_measure",
    "monthly_activities",
    "movements",
    "one_per_activity",
    "plan_coverage",
    "plan_steps",
    "priorities",
    "reference_date",
    "region_tiles",
    "shares",
    "solution_label",
    "solutions",
    "stage_points",
    "state_at",
    "step_label",
    "training_to_use",
    "training_without_use",
    "trend",
    "without_use_headline",
]
