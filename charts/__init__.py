"""Plotly figures of the dashboard: frame in, Figure out; one colour per stage, Spanish throughout."""

from charts.accompaniment import (
    ACTIVITY_COLORS,
    COVERAGE_COLORS,
    coverage_bars,
    coverage_matrix,
    month_label,
    monthly_bars,
)
from charts.comuna import comparison_bars, comuna_timeline
from charts.gaps import gap_bars, priorities_table, stage_shares
from charts.heatmap import ROW_PX, stage_heatmap
from charts.maps import choropleth
from charts.solutions import solution_bars
from charts.style import (
    FONT,
    MEASURE_COLORS,
    PLOTLY_CONFIG,
    REGION_COLORS,
    SEQUENTIAL,
    SPANISH_LOCALE,
    STAGE_COLORS,
    percent_ticks,
    presented,
    region_color,
    region_title,
)
from charts.tables import figure_table
from charts.trends import trend_by_platform, trend_lines

__all__ = [
    "ACTIVITY_COLORS",
    "COVERAGE_COLORS",
    "FONT",
    "MEASURE_COLORS",
    "PLOTLY_CONFIG",
    "REGION_COLORS",
    "ROW_PX",
    "SEQUENTIAL",
    "SPANISH_LOCALE",
    "STAGE_COLORS",
    "choropleth",
    "comparison_bars",
    "comuna_timeline",
    "coverage_bars",
    "coverage_matrix",
    "figure_table",
    "gap_bars",
    "month_label",
    "monthly_bars",
    "percent_ticks",
    "presented",
    "priorities_table",
    "region_color",
    "region_title",
    "solution_bars",
    "stage_heatmap",
    "stage_shares",
    "trend_by_platform",
    "trend_lines",
]
