"""The accompaniment's figures: which comunas had each step of the plan, the coverage of a region
and the activities per month."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from charts.heatmap import ROW_PX, mark_regions
from charts.style import (
    GRID,
    SPANISH_LOCALE,
    STAGE_COLORS,
    house_style,
    ink_on,
    percent_ticks,
    region_color,
)
from charts.tables import describe
from formats import DAY
from loaders.vocabulary import ACTIVITIES, OTHER_ACTIVITY, activity_label

# A step the comuna had, in a green off the stage ramp (Paul Tol's colour-blind safe set), so a
# ✓ of the plan is never read as a stage; not yet in the pale fill of the tables, and the mesa
# where a region holds none in the grey of «No aplica».
COVERAGE_COLORS = {
    "done": "#117733",
    "pending": "#f3f6fa",
    "not_applicable": STAGE_COLORS["no_aplica"],
}
COVERAGE_LABELS = {
    "done": "Realizado",
    "pending": "Sin registro",
    "not_applicable": "No aplica en la región",
}
# one colour-blind safe colour per kind of activity in the plan's order, leaving out the set's
# green (the coverage's «Realizado», on the same page) and its grey; «otra» in grey
_SAFE = [
    c for c in px.colors.qualitative.Safe if c not in ("rgb(17, 119, 51)", "rgb(136, 136, 136)")
]
ACTIVITY_COLORS = dict(zip(ACTIVITIES, _SAFE, strict=False)) | {OTHER_ACTIVITY: "#888888"}
_SHORT_MONTHS = [m.lower() for m in SPANISH_LOCALE["format"]["shortMonths"]]


def month_label(month: pd.Timestamp) -> str:
    """A month as people write it on an axis or in a table: «mar 2025»."""
    return f"{_SHORT_MONTHS[month.month - 1]} {month.year}"


def coverage_matrix(grid: pd.DataFrame) -> go.Figure:
    """Comuna × step of the plan (analytics.plan_coverage): a ✓ in green where the comuna had
    the step, with the step and its first date in the hover; comunas grouped by region and
    province as in the Brechas heatmap, a line and a title between regions."""
    comunas = grid.drop_duplicates("comuna_code").reset_index(drop=True)
    names = [f"{c.comuna} ({c.province})" for c in comunas.itertuples()]
    steps = list(dict.fromkeys(grid["step"]))
    state = pd.Series("pending", index=grid.index)
    state[grid["first_date"].notna()] = "done"
    state[~grid["applies"]] = "not_applicable"
    hover = [
        f"{step}: realizado el {date:{DAY}}"
        if kind == "done"
        else f"{step}: {COVERAGE_LABELS[kind].lower()}"
        for step, date, kind in zip(grid["step"], grid["first_date"], state, strict=True)
    ]
    cells = grid.assign(state=state, hover=hover).set_index(["comuna_code", "step"])
    kinds = list(COVERAGE_COLORS)
    shape = {"index": comunas["comuna_code"], "columns": steps}
    z = cells["state"].map(kinds.index).unstack().reindex(**shape)
    marks = cells["state"].map({"done": "✓"}).fillna("").unstack().reindex(**shape)
    texts = cells["hover"].unstack().reindex(**shape)
    scale = []  # a stepped scale: each kind one flat band of its colour
    for i, kind in enumerate(kinds):
        scale += [
            [i / len(kinds), COVERAGE_COLORS[kind]],
            [(i + 1) / len(kinds), COVERAGE_COLORS[kind]],
        ]
    figure = go.Figure(
        go.Heatmap(
            z=z.to_numpy(dtype="float64"),
            x=steps,
            y=names,
            zmin=-0.5,
            zmax=len(kinds) - 0.5,
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2,
            text=marks.to_numpy(),
            texttemplate="%{text}",
            textfont={"size": 14, "color": ink_on(COVERAGE_COLORS["done"])},
            customdata=texts.to_numpy(),
            hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
        )
    )
    present = set(state)
    for kind in kinds:  # a legend entry per kind present
        if kind in present:
            figure.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    marker={"size": 14, "symbol": "square", "color": COVERAGE_COLORS[kind]},
                    name=COVERAGE_LABELS[kind],
                    hoverinfo="skip",
                )
            )
    figure.update_yaxes(autorange="reversed", title_text="", showgrid=False)
    # the steps' names, longer than their narrow columns, slant over them
    figure.update_xaxes(side="top", title_text="", showgrid=False, tickangle=-40)
    house_style(figure, height=max(300, 190 + ROW_PX * len(names)))
    figure.update_layout(margin={"t": 40, "b": 10}, legend={"y": -0.01, "yanchor": "top"})
    mark_regions(figure, comunas)
    return describe(figure, "Comuna", cells="customdata")


def coverage_bars(shares: pd.DataFrame) -> go.Figure:
    """Per step of the plan (a row each), the share of the region's comunas that had it, one bar
    per region in the region's colour, saying how many of how many; steps that do not apply are
    left out."""
    rows = shares.dropna(subset=["share"])
    order = list(dict.fromkeys(rows["step"]))
    figure = go.Figure()
    regions = list(dict.fromkeys(rows["region"]))
    for region in regions:
        own = rows[rows["region"] == region]
        figure.add_trace(
            go.Bar(
                x=own["share"] * 100,
                y=own["step"],
                orientation="h",
                name=region,
                marker_color=region_color(own["region_code"].iloc[0]),
                text=[f"{r} de {c}" for r, c in zip(own["reached"], own["comunas"], strict=True)],
                textposition="outside",
                cliponaxis=False,
                customdata=own[["reached", "comunas"]].to_numpy(),
                hovertemplate=f"<b>{region}</b> · " + "%{y}<br>%{x:.0f} % de las comunas "
                "(%{customdata[0]} de %{customdata[1]})<extra></extra>",
            )
        )
    figure.update_layout(barmode="group", showlegend=len(regions) > 1)
    figure.update_xaxes(range=[0, 112], **percent_ticks(), title_text="", gridcolor=GRID)
    figure.update_yaxes(categoryorder="array", categoryarray=order[::-1], title_text="")
    figure = house_style(figure, height=140 + 44 * len(order) * max(len(regions), 1))
    return describe(figure, "Paso del plan")


def monthly_bars(monthly: pd.DataFrame) -> go.Figure:
    """Activities per month (analytics.monthly_activities), one stacked bar per month split by
    kind of activity, every month between the first and the last shown; participants in the
    hover."""
    totals = monthly.groupby(["month", "activity"], as_index=False)[
        ["activities", "participants", "without_headcount"]
    ].sum()
    months = pd.date_range(totals["month"].min(), totals["month"].max(), freq="MS")
    labels = [month_label(m) for m in months]
    figure = go.Figure()
    for activity in ACTIVITIES:
        own = totals[totals["activity"] == activity]
        if own.empty:
            continue
        name = activity_label(activity)
        figure.add_trace(
            go.Bar(
                x=own["month"].map(month_label),
                y=own["activities"],
                name=name,
                marker_color=ACTIVITY_COLORS[activity],
                customdata=own[["participants", "without_headcount"]].to_numpy(),
                hovertemplate=f"<b>{name}</b> · " + "%{x}<br>%{y} actividades · "
                "%{customdata[0]} participantes (%{customdata[1]} sin registro de asistentes)"
                "<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_traces(marker_line={"width": 1, "color": "white"})
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=labels, title_text="")
    figure.update_yaxes(title_text="actividades", gridcolor=GRID, rangemode="tozero")
    house_style(figure, height=420)
    figure.update_layout(legend_traceorder="normal")
    return describe(figure, "Mes")
