"""A plotly figure's data as a chart PowerPoint draws itself (bars or lines over categories), so
that whoever gets the informe can edit it; None for figures PowerPoint cannot draw (maps,
heatmaps, tables)."""

import base64
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from formats import day


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name, a value (or None) per category, its "#rrggbb" colour."""

    name: str
    values: tuple[float | None, ...]
    color: str | None


@dataclass(frozen=True)
class ChartData:
    """What a native chart draws: its kind, whether its bars lie (categories down the side),
    the categories in reading order, its series and whether the values are percentages."""

    kind: Literal["bar", "stacked_bar", "line"]
    horizontal: bool
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    percent: bool


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date | np.datetime64)


def _label(value: object) -> str:
    """A category as people read it: a date as dd-mm-aaaa, anything else as written."""
    return day(pd.Timestamp(value).date()) if _is_date(value) else str(value)


def _array(values: object) -> list:
    """A trace's coordinates as a list, also when plotly holds them base64-encoded (as it does
    once a figure has been copied through its dict)."""
    if isinstance(values, dict) and "bdata" in values:
        raw = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        return raw.tolist()
    return list(values)


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _hex(colour: object) -> str | None:
    """A plotly colour ("#rrggbb" or "rgb(r, g, b)") as "#rrggbb"; None for any other."""
    if not isinstance(colour, str):
        return None
    if re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return colour.lower()
    found = re.fullmatch(r"rgb\((\d+),\s*(\d+),\s*(\d+)\)", colour)
    return "#" + "".join(f"{int(v):02x}" for v in found.groups()) if found else None


def _colour(trace: go.Bar | go.Scatter) -> str | None:
    """The trace's colour: its markers', else its line's."""
    line = trace.line.color if trace.type == "scatter" else None
    return _hex(trace.marker.color) or _hex(line)


def chart_data(figure: go.Figure) -> ChartData | None:
    """The figure's named bar or scatter traces, on one pair of axes, as the data of a native
    chart: stacked bars when the figure stacks them, lines when its traces are lines, bars side
    by side otherwise (the dots of charts.gap_bars); None when it holds anything else."""
    traces = [t for t in figure.data if t.name]  # unnamed: decoration (gap_bars' connectors)
    if not traces or any(t.type not in ("bar", "scatter") for t in figure.data):
        return None
    if any((t.xaxis or "x") != "x" or (t.yaxis or "y") != "y" for t in figure.data):
        return None  # several panels: one chart per panel would be needed
    horizontal = all(isinstance(v, str) for t in traces for v in _array(t.y) if v is not None)
    pairs = [
        (_array(t.y), _array(t.x)) if horizontal else (_array(t.x), _array(t.y)) for t in traces
    ]
    keys = list(dict.fromkeys(k for found, _ in pairs for k in found if k is not None))
    if keys and all(_is_date(k) for k in keys):
        keys.sort(key=pd.Timestamp)  # cut-offs in time order, whichever trace has each
    # a name drawn as several traces (a line split where it was not measured) is one series
    merged: dict[str, dict] = {}
    colours: dict[str, str | None] = {}
    for trace, (found, values) in zip(traces, pairs, strict=True):
        points = merged.setdefault(trace.name, {})
        for key, value in zip(found, values, strict=True):
            if key is not None and _number(value) is not None:
                points.setdefault(key, _number(value))
        colours.setdefault(trace.name, _colour(trace))
    series = tuple(
        Series(name, tuple(points.get(k) for k in keys), colours[name])
        for name, points in merged.items()
    )
    if all(t.type == "bar" for t in traces):
        kind = "stacked_bar" if figure.layout.barmode == "stack" else "bar"
    elif all(t.type == "scatter" and "lines" in (t.mode or "lines") for t in traces):
        kind = "line"
    else:
        kind = "bar"
    value_axis = figure.layout.xaxis if horizontal else figure.layout.yaxis
    percent = any("%" in str(text) for text in value_axis.ticktext or ())
    return ChartData(kind, horizontal, tuple(_label(k) for k in keys), series, percent)
