"""A chart's numbers as a table people read: the text alternative of every figure, from its traces."""

import html
import math
import re
import unicodedata

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from formats import DAY, day, number, percent

NO_VALUE = "—"
_TAG = re.compile(r"<[^>]+>")
_SWATCH = "■"  # the square of a region's colour before its name (charts.style.region_title)


def describe(
    figure: go.Figure,
    rows: str,
    *,
    panels: str | None = None,
    value: str | None = None,
    cells: str = "text",
) -> go.Figure:
    """Name what a figure's table holds: the header of its rows (a platform, a comuna, a date),
    of its panels (one per region), of a map's value, and which of a grid's arrays says each
    cell in words ("text" or "customdata")."""
    meta = {"rows": rows, "cells": cells}
    meta |= {"panels": panels} if panels else {}
    meta |= {"value": value} if value else {}
    figure.update_layout(meta=meta)
    return figure


def plain(text: object) -> str:
    """A label of a chart as plain text: no markup, no colour swatch, line breaks as « · »."""
    text = re.sub(r"<br\s*/?>", " · ", str(text))
    text = html.unescape(_TAG.sub("", text)).replace(_SWATCH, "")
    return " ".join(text.split())


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def _category(value: object) -> str:
    """An axis value as people read it: a date as 30-09-2025, a label as plain text."""
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return day(pd.Timestamp(value).date())
    return plain(value)


def _amount(value: object, share: bool) -> str:
    """A number as people in Chile write it, as a percentage (0 to 100) when the axis says so;
    a decimal only where the number has one."""
    if _missing(value):
        return NO_VALUE
    value = float(value)
    decimals = 0 if value == round(value) else 1
    return percent(value / 100, decimals) if share else number(value, decimals)


def _is_share_axis(axis) -> bool:
    """Whether an axis is written in percentages (its ticks or its suffix say «%»)."""
    ticks = list(axis.ticktext or [])
    return bool(ticks) and all(str(t).strip().endswith("%") for t in ticks)


def _axis(figure: go.Figure, ref: str | None, letter: str):
    """The layout axis a trace's x or y refers to ("x2" -> layout.xaxis2)."""
    ref = ref or letter
    return figure.layout[f"{letter}axis{ref[1:]}"]


def _panel_titles(figure: go.Figure) -> dict[str, str]:
    """Per x axis of a figure of panels, the panel's title: the annotation over its domain."""
    titles = {}
    for key in figure.layout:
        if not key.startswith("xaxis"):
            continue
        low, high = figure.layout[key].domain or (0, 1)
        for note in figure.layout.annotations:
            if note.xref == "paper" and low <= note.x <= high and note.yref == "paper":
                titles["x" + key[5:]] = plain(note.text)
                break
    return titles


def _labels(axis, values) -> list[str]:
    """A grid's positions as the axis names them (positions 0, 1, … with tick texts), else as they
    are."""
    named = dict(zip(axis.tickvals or (), axis.ticktext or (), strict=False))
    return [_category(named.get(v, v)) for v in values]


def _grid_table(figure: go.Figure, grid: go.Heatmap, meta: dict) -> pd.DataFrame:
    """A grid: a row per row of cells, a column per column, each cell in words."""
    words = grid.customdata if meta.get("cells") == "customdata" else grid.text
    columns = _labels(_axis(figure, grid.xaxis, "x"), grid.x)
    table = pd.DataFrame(
        [[NO_VALUE if _missing(w) or w == "" else plain(w) for w in row] for row in words],
        columns=columns,
    )
    table.insert(0, meta.get("rows", ""), _labels(_axis(figure, grid.yaxis, "y"), grid.y))
    return table


def _map_table(traces: list[go.Choropleth], meta: dict) -> pd.DataFrame:
    """A map: a row per comuna, in alphabetical order, with its value or its stage in words."""
    records = []
    for trace in traces:
        share = (trace.colorbar.ticksuffix or "").strip() == "%"
        flat = trace.showlegend and trace.name
        for i, place in enumerate(trace.customdata):
            shown = trace.name if flat else _amount(trace.z[i], share)
            records.append((plain(place[0]), shown))
    records.sort(key=lambda r: unicodedata.normalize("NFKD", r[0]).encode("ascii", "ignore"))
    return pd.DataFrame(records, columns=[meta.get("rows", ""), meta.get("value", "")])


def _series_table(figure: go.Figure, traces: list, meta: dict) -> pd.DataFrame:
    """Bars and lines: a row per category (and panel), a column per series, in drawing order."""
    panels = _panel_titles(figure) if meta.get("panels") else {}
    records = []
    for trace in traces:
        along_y = (trace.type == "bar" and trace.orientation == "h") or (
            trace.type == "scatter" and len(trace.y) and isinstance(trace.y[0], str)
        )
        categories, values = (trace.y, trace.x) if along_y else (trace.x, trace.y)
        value_axis = _axis(figure, trace.xaxis if along_y else trace.yaxis, "x" if along_y else "y")
        share = _is_share_axis(value_axis)
        panel = panels.get(trace.xaxis or "x", "")
        for category, value in zip(categories, values, strict=True):
            if _missing(category):
                continue
            records.append((panel, _category(category), plain(trace.name), _amount(value, share)))
    long = pd.DataFrame(records, columns=["panel", "row", "series", "value"])
    keys = ["panel", "row"]
    wide = long.pivot_table(
        index=keys, columns="series", values="value", aggfunc="first", sort=False
    )
    wide = wide.reindex(columns=list(dict.fromkeys(long["series"]))).fillna(NO_VALUE)
    wide = wide.reset_index()
    dated = pd.to_datetime(wide["row"], format=DAY, errors="coerce")
    if dated.notna().all():  # series measured at different dates: the dates in their order
        wide = wide.iloc[dated.argsort(kind="stable")].reset_index(drop=True)
    wide = wide.rename(columns={"row": meta.get("rows", "")})
    wide.columns.name = None
    if meta.get("panels"):
        return wide.rename(columns={"panel": meta["panels"]})
    return wide.drop(columns="panel")


def figure_table(figure: go.Figure) -> pd.DataFrame:
    """The numbers a figure draws, as a table with Spanish headers, numbers and percentages with
    a decimal comma and dates as 30-09-2025: a grid's cells in words, a map's comunas with their
    value or stage, bars and lines by category and series, a drawn table as it is."""
    meta = dict(figure.layout.meta or {})
    shown = [t for t in figure.data if t.hoverinfo != "skip"]
    for trace in shown:
        if trace.type == "table":
            headers = [plain(h) for h in trace.header.values]
            return pd.DataFrame(dict(zip(headers, trace.cells.values, strict=True))).astype(str)
        if trace.type == "heatmap":
            return _grid_table(figure, trace, meta)
    maps = [t for t in shown if t.type == "choropleth"]
    if maps:
        return _map_table(maps, meta)
    return _series_table(figure, [t for t in shown if t.type in ("bar", "scatter")], meta)
