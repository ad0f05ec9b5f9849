"""The Ficha comunal's figures: a comuna's stages and activities over time, and beside its region."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.accompaniment import month_label
from charts.heatmap import stage_grid
from charts.style import GRID, INK, MEASURE_COLORS, house_style, percent_ticks
from charts.tables import describe
from formats import DAY
from loaders.vocabulary import PLATFORMS, activity_label, platform_label, stage_label

MUTED = "#5a6470"


ACTIVITY_ROW = "Acompañamiento"
# how far, in columns, an activity before the first or after the last cut-off may sit: months of
# field work before the first tracker show as such, a year of it does not squeeze the grid
_OUTSIDE = 6.0


def _positions(dates: pd.Series, cutoffs: pd.DatetimeIndex) -> np.ndarray:
    """Where each date falls on the timeline whose columns 0, 1, … are the cut-offs: between two
    columns in proportion to the days, up to _OUTSIDE columns before the first or after the last."""
    days = dates.to_numpy("datetime64[D]").astype("float64")
    knots = cutoffs.to_numpy("datetime64[D]").astype("float64")
    step = float(np.median(np.diff(knots))) if len(knots) > 1 else 30.0
    position = np.interp(days, knots, np.arange(len(knots), dtype="float64"))
    position = np.where(days < knots[0], np.maximum((days - knots[0]) / step, -_OUTSIDE), position)
    last = len(knots) - 1
    after = np.minimum(last + (days - knots[-1]) / step, last + _OUTSIDE)
    return np.where(days > knots[-1], after, position)


def _month_ticks(dates: pd.Series, cutoffs: pd.DatetimeIndex) -> list[tuple[float, str]]:
    """Where activities run before the first or after the last cut-off, the first days of the
    months there as muted ticks («abr 2025»), at least a column apart from each other and from
    the cut-offs, so those marks can be read against a date."""
    months = pd.Series(
        pd.date_range(dates.min().to_period("M").to_timestamp(), dates.max(), freq="MS")
    )
    positions = _positions(months, cutoffs)
    last = len(cutoffs) - 1
    ticks = []
    # outwards from the grid on each side, each month kept a column away from the one before
    for side, anchor in ((positions < 0, 0.0), (positions > last, float(last))):
        kept = anchor
        order = np.argsort(np.abs(positions - anchor))
        for i in order[side[order]]:
            x = float(positions[i])
            if abs(x - kept) >= 0.9 and abs(x - anchor) < _OUTSIDE:
                ticks.append((x, f"<span style='color:{MUTED}'>{month_label(months[i])}</span>"))
                kept = x
    return ticks


def _activity_marks(
    figure: go.Figure, activities: pd.DataFrame, cutoffs: pd.DatetimeIndex
) -> np.ndarray:
    """A dotted line down the timeline at each activity's date, and a diamond on the top row
    whose hover says what was done that day; the positions of the days marked."""
    rows = activities.assign(platform=activities["platform"].fillna(""))
    said = []
    for date, group in rows.groupby("date", sort=True):
        parts = []
        for activity, same in group.groupby("activity", sort=False):
            platforms = ", ".join(platform_label(p) for p in dict.fromkeys(same["platform"]) if p)
            people = same["participants"].max()
            parts.append(
                activity_label(activity)
                + (f" · {platforms}" if platforms else "")
                + ("" if pd.isna(people) else f" · {int(people)} participantes")
            )
        said.append((date, f"<b>{date:{DAY}}</b><br>" + "<br>".join(parts)))
    dates = pd.Series([d for d, _ in said])
    x = _positions(dates, cutoffs)
    for position in x:
        figure.add_vline(x=position, line_dash="dot", line_width=1, line_color=MUTED)
    figure.add_trace(
        go.Scatter(
            x=x,
            y=[0] * len(x),
            mode="markers",
            name="Actividad de acompañamiento",
            marker={"symbol": "diamond", "size": 14, "color": INK},
            text=[text for _, text in said],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    return x


def comuna_timeline(history: pd.DataFrame, activities: pd.DataFrame | None = None) -> go.Figure:
    """A comuna's stage on every platform (rows) at every cut-off (columns), written in the
    cells; with its activities, a row above marks each one at its date between the cut-offs."""
    rows = history.sort_values("as_of")
    rows = rows.assign(day=rows["as_of"].dt.strftime(DAY))
    days = list(dict.fromkeys(rows["day"]))
    cutoffs = pd.DatetimeIndex(rows["as_of"].drop_duplicates())
    platforms = [p for p in PLATFORMS if p in set(rows["platform"])]
    table = rows.drop_duplicates(["platform", "day"], keep="last").set_index(["platform", "day"])
    stages = table["stage"].unstack().reindex(index=platforms, columns=days)
    alternatives = table["alternative"].unstack().reindex_like(stages)
    raw = table["status_raw"].unstack().reindex_like(stages)
    labels = {p: platform_label(p) for p in platforms}
    # rows and columns at 0, 1, … named by their platforms and dates, so that activities can sit
    # between two cut-offs, in a row of their own above the platforms
    marking = activities is not None and not activities.empty
    figure = stage_grid(
        stages.rename(index=labels),
        alternatives.rename(index=labels),
        raw.rename(index=labels),
        row_px=48,
        full_words=True,
        x=range(len(days)),
        y=range(int(marking), int(marking) + len(platforms)),
    )
    names = [labels[p] for p in platforms]
    said = np.dstack(
        [
            raw.fillna("").to_numpy(dtype="object"),
            np.tile(days, (len(platforms), 1)),
            np.tile(np.array(names, dtype="object")[:, None], (1, len(days))),
        ]
    )
    figure.update_traces(
        customdata=said,
        hovertemplate="<b>%{customdata[2]}</b> · %{customdata[1]}<br>%{text}<br>"
        "En la planilla: «%{customdata[0]}»<extra></extra>",
        selector={"type": "heatmap"},
    )
    extent, ticks = [-0.5, len(days) - 0.5], list(enumerate(days))
    if marking:
        marked = _activity_marks(figure, activities, cutoffs)
        names = [ACTIVITY_ROW, *names]
        extent = [min(extent[0], marked.min() - 0.3), max(extent[1], marked.max() + 0.3)]
        ticks += _month_ticks(activities["date"], cutoffs)
        figure.update_layout(height=figure.layout.height + 48)
    figure.update_xaxes(
        tickvals=[x for x, _ in ticks], ticktext=[t for _, t in ticks], range=extent, zeroline=False
    )
    figure.update_yaxes(tickvals=list(range(len(names))), ticktext=names, zeroline=False)
    return describe(figure, "Plataforma")


def comparison_bars(profile: pd.DataFrame) -> go.Figure:
    """Per platform, the share of the region's comunas enabled and in use, with the comuna's own
    stage beside the platform's name."""
    rows = profile.assign(
        shown=[
            f"{platform_label(p)}<br><i>comuna: {stage_label(s, a).lower()}</i>"
            for p, s, a in zip(
                profile["platform"], profile["stage"], profile["alternative"], strict=True
            )
        ]
    )
    figure = go.Figure()
    for name, column in (
        ("Habilitada o más", "region_pct_enabled"),
        ("En uso", "region_pct_en_uso"),
    ):
        figure.add_trace(
            go.Bar(
                x=rows[column] * 100,
                y=rows["shown"],
                orientation="h",
                name=f"Región: {name.lower()}",
                marker_color=MEASURE_COLORS[name],
                hovertemplate=f"Región, {name.lower()}" + ": %{x:.0f} %<extra></extra>",
            )
        )
    figure.update_layout(barmode="group")
    figure.update_xaxes(range=[0, 103], **percent_ticks(), title_text="", gridcolor=GRID)
    figure.update_yaxes(autorange="reversed", title_text="")
    return describe(house_style(figure, height=140 + 64 * len(rows)), "Plataforma")
