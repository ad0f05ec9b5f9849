"""The dashboard's charts, built once per store revision and selection and shared by sessions.

Kept as objects (st.cache_resource), not copies: nothing draws on a figure once built, and
charts.presented copies one before enlarging it."""

import datetime as dt

import plotly.graph_objects as go
import streamlit as st

import analytics
import charts
import geo
from ui import derived
from ui.state import (
    Selection,
    accompaniment_activities,
    activities,
    comuna_history,
    filtered_state,
    plan_coverage,
    state_at,
    trend,
)


@st.cache_resource(max_entries=32, show_spinner=False)
def gap_bars(rev: int, chosen: Selection) -> go.Figure:
    """Enabled against in use, by region and platform."""
    return charts.gap_bars(analytics.shares(filtered_state(rev, chosen)))


@st.cache_resource(max_entries=32, show_spinner=False)
def stage_heatmap(rev: int, chosen: Selection, order: str, region: str) -> go.Figure:
    """Every comuna of one region × platform by stage, in the chosen order."""
    current = filtered_state(rev, chosen)
    return charts.stage_heatmap(current[current["region_code"] == region], order=order)


@st.cache_resource(max_entries=32, show_spinner=False)
def solution_bars(rev: int, chosen: Selection) -> go.Figure:
    """The SGD's platform against own and private solutions, by region and platform."""
    return charts.solution_bars(analytics.solutions(filtered_state(rev, chosen)))


@st.cache_resource(max_entries=32, show_spinner=False)
def trend_lines(rev: int, chosen: Selection, platform: str) -> go.Figure:
    """One platform's shares over the cut-offs."""
    return charts.trend_lines(trend(rev, chosen.regions, chosen.platforms), platform)


@st.cache_resource(max_entries=64, show_spinner=False)
def choropleth(
    rev: int,
    chosen: Selection,
    region: str,
    measure: str,
    label: str,
    names: bool = False,
    focus: str | None = None,
) -> go.Figure:
    """One region's comunas coloured by a measure, with their names if asked for, and one comuna
    outlined and brought into view when focused."""
    current = filtered_state(rev, chosen)
    values, kind = analytics.map_measure(current[current["region_code"] == region], measure)
    geojson = geo.comunas_geojson((region,))
    view = geo.map_view(geojson, focus)
    return charts.choropleth(values, geojson, view, label, kind, names=names, highlight=focus)


@st.cache_resource(max_entries=32, show_spinner=False)
def coverage_matrix(rev: int, chosen: Selection) -> go.Figure:
    """Every comuna × step of the plan de acompañamiento, a check where it had it."""
    return charts.coverage_matrix(plan_coverage(rev, chosen))


@st.cache_resource(max_entries=32, show_spinner=False)
def monthly_bars(rev: int, chosen: Selection) -> go.Figure:
    """The activities of the selection per month, by kind."""
    kept, _, _ = accompaniment_activities(rev, chosen)
    return charts.monthly_bars(analytics.monthly_activities(kept))


@st.cache_resource(max_entries=32, show_spinner=False)
def comuna_timeline(rev: int, code: str) -> go.Figure:
    """One comuna's stage of each platform at every cut-off, its activities marked on it: drawn
    once per revision, not on every rerun of the ficha (a cell per platform and cut-off)."""
    every = activities(rev)
    return charts.comuna_timeline(comuna_history(rev, code), every[every["comuna_code"] == code])


@st.cache_resource(max_entries=32, show_spinner=False)
def comparison_bars(rev: int, as_of: dt.date | None, code: str) -> go.Figure:
    """One comuna's platforms beside its region's shares, at a cut-off."""
    return charts.comparison_bars(derived.comuna_profile(state_at(rev, as_of), code))
