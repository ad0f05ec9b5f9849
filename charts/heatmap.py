"""Grids of cells coloured by stage: comuna × platform, and the grid the ficha comunal reuses."""

import pandas as pd
import plotly.graph_objects as go

from charts.style import INK, STAGE_COLORS, STAGE_SHORT, WHITE, house_style, ink_on, region_title
from charts.tables import describe
from loaders.gazetteer import gazetteer
from loaders.vocabulary import PLATFORMS, STAGES, platform_label, stage_label, vocabulary

ROW_PX = 22  # height of one comuna in the grids that show few rows
# One region's comunas (up to 32 in La Araucanía) in rows this tall, with the platform names and
# the legend above them, fit a 1366×768 screen without scrolling the chart.
HEATMAP_ROW_PX = 18
HEATMAP_TOP_PX = 90  # the legend (two lines on a narrow screen), and under it the platform names


def stage_grid(
    stages: pd.DataFrame,
    alternatives: pd.DataFrame,
    raw: pd.DataFrame,
    *,
    row_px: int,
    full_words: bool = False,
    x: list | None = None,
    y: list | None = None,
) -> go.Figure:
    """A grid of cells coloured by stage: rows and columns as in the frames (stage ids, the
    alternative of each and the words written in the tracker), drawn at positions x and y (the
    frames' labels unless given), a legend entry for each stage present. Every cell writes its
    stage over its colour, in full or as a short form, in black or white as its colour asks; a
    cell names its alternative («Solución propia») where it is known."""
    x = list(stages.columns) if x is None else list(x)
    y = list(stages.index) if y is None else list(y)
    rank = {stage: i for i, stage in enumerate(STAGES)}
    z = stages.apply(lambda col: col.map(rank)).to_numpy(dtype="float64")
    labels = stages.apply(lambda col: col.map(vocabulary().stage_labels)).fillna("Sin dato")
    named = alternatives.apply(lambda col: col.map(vocabulary().alternative_labels))
    labels = labels.mask((stages == "alternativa") & named.notna(), named)
    n = len(STAGES)
    scale = []  # a stepped scale: each stage's index is one flat band of its colour
    for i, stage in enumerate(STAGES):
        scale += [[i / n, STAGE_COLORS[stage]], [(i + 1) / n, STAGE_COLORS[stage]]]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2,
            text=labels.to_numpy(),
            customdata=raw.fillna("").to_numpy(),
            hovertemplate="<b>%{y}</b> · %{x}<br>%{text}<br>En la planilla: «%{customdata}»"
            "<extra></extra>",
        )
    )
    figure.add_trace(_cell_words(stages, labels if full_words else None, x, y))
    present = set(stages.stack())
    for stage in STAGES:  # a legend entry per stage present, in the scale's order
        if stage in present:
            figure.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    marker={"size": 14, "symbol": "square", "color": STAGE_COLORS[stage]},
                    name=stage_label(stage),
                    hoverinfo="skip",
                )
            )
    figure.update_yaxes(autorange="reversed", title_text="", showgrid=False)
    figure.update_xaxes(side="top", title_text="", showgrid=False)
    house_style(figure, height=max(260, 130 + row_px * len(stages)))
    figure.update_layout(margin={"t": 40, "b": 10}, legend={"y": -0.01, "yanchor": "top"})
    return figure


def _cell_words(stages: pd.DataFrame, labels: pd.DataFrame | None, x: list, y: list) -> go.Scatter:
    """The words written in a grid's cells (labels, or each stage's short form without them), each
    in the ink its cell's colour asks for; a heatmap's text has one colour for every cell."""
    cells = stages.stack(future_stack=True)
    short = cells.map(STAGE_SHORT).fillna("")
    words = short if labels is None else labels.stack(future_stack=True)
    fills = cells.map(STAGE_COLORS).fillna(WHITE)  # a cell without data shows the paper
    rows, cols = cells.index.codes
    return go.Scatter(
        x=[x[c] for c in cols],
        y=[y[r] for r in rows],
        text=list(words),
        mode="text",
        name="",
        textfont={"size": 13 if labels is not None else 11, "color": [ink_on(f) for f in fills]},
        hoverinfo="skip",
        showlegend=False,
    )


def _heatmap_order(current: pd.DataFrame, order: str) -> pd.DataFrame:
    """One row per comuna in the order the heatmap shows them, top first."""
    places = gazetteer().comunas.set_index("comuna_code")
    comunas = current.drop_duplicates("comuna_code")[["comuna_code", "comuna", "region_code"]]
    comunas = comunas.assign(
        region=comunas["comuna_code"].map(places["region"]),
        province=comunas["comuna_code"].map(places["province"]),
        gap=comunas["comuna_code"].map(
            current[current["stage"] == "habilitada"].groupby("comuna_code").size()
        ),
    ).fillna({"gap": 0})
    keys = ["region_code", "province", "comuna"]
    ascending = [True, True, True]
    if order == "brecha":
        keys, ascending = ["gap", *keys], [False, *ascending]
    return comunas.sort_values(keys, ascending=ascending, kind="stable", ignore_index=True)


def stage_heatmap(current: pd.DataFrame, order: str = "region") -> go.Figure:
    """Comuna × platform coloured by stage, comunas grouped by region and province (or sorted by
    how many platforms they have enabled without use), a line and a title between regions when
    there are several; compact rows, the legend at the top beside the platform names."""
    comunas = _heatmap_order(current, order)
    platforms = [p for p in PLATFORMS if p in set(current["platform"])]
    cells = current.set_index(["comuna_code", "platform"])
    names = [f"{c.comuna} ({c.province})" for c in comunas.itertuples()]
    stages = cells["stage"].unstack().reindex(index=comunas["comuna_code"], columns=platforms)
    alternatives = cells["alternative"].unstack().reindex_like(stages)
    raw = cells["status_raw"].unstack().reindex_like(stages)
    shown_as = {"index": dict(zip(comunas["comuna_code"], names, strict=True))}
    shown_as["columns"] = {p: platform_label(p) for p in platforms}
    figure = stage_grid(
        stages.rename(**shown_as),
        alternatives.rename(**shown_as),
        raw.rename(**shown_as),
        row_px=HEATMAP_ROW_PX,
    )
    # every comuna named: on rows this low plotly would otherwise skip every other name
    figure.update_yaxes(tickfont_size=12, tickmode="array", tickvals=names, ticktext=names)
    figure.update_layout(
        height=HEATMAP_TOP_PX + 10 + HEATMAP_ROW_PX * len(comunas),
        margin={"t": HEATMAP_TOP_PX, "b": 10},
        legend={"yref": "container", "y": 1, "yanchor": "top"},
    )
    if order == "region" and comunas["region_code"].nunique() > 1:
        mark_regions(figure, comunas)
    return describe(figure, "Comuna")


def mark_regions(figure: go.Figure, comunas: pd.DataFrame) -> None:
    """Between the rows of two regions (comunas in the grid's order, with region_code and
    region), a line; beside the first row of each, the region's name."""
    comunas = comunas.reset_index(drop=True)
    starts = comunas.index[comunas["region_code"].ne(comunas["region_code"].shift())]
    for start in starts:
        region = comunas.at[start, "region"]
        if start > 0:
            figure.add_hline(y=start - 0.5, line_width=3, line_color=INK)
        figure.add_annotation(
            x=1.005,
            xref="paper",
            xanchor="left",
            y=start - 0.4,
            yanchor="top",
            text=f"<b>{region_title(comunas.at[start, 'region_code'], region)}</b>",
            showarrow=False,
            font={"size": 14},
            textangle=0,
        )
    figure.update_layout(margin={"r": 120})
