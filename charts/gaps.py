"""Gap figures: en uso beside habilitada o más, stages per platform, the comunas prioritarias."""

import pandas as pd
import plotly.graph_objects as go

from charts.style import (
    GRID,
    INK,
    MEASURE_COLORS,
    STAGE_COLORS,
    STAGE_SHORT,
    house_style,
    ink_on,
    percent_ticks,
    region_panels,
)
from charts.tables import describe
from formats import percent
from loaders.vocabulary import PLATFORMS, STAGES, platform_label, stage_label

# The x axis runs past 0 % and 100 % by this much, so a dot at either end is drawn whole and
# a dot at 0 % stays clear of the platform names beside the axis.
AXIS_PAD = 12
# Habilitada o más as a large circle and en uso as a smaller diamond drawn over it: where the two
# shares are equal both marks stay visible (a diamond inside a circle), never one hiding the other.
GAP_MARKERS = {
    "Habilitada o más": {"symbol": "circle", "size": 20},
    "En uso": {"symbol": "diamond", "size": 12, "line": {"width": 1.5, "color": "white"}},
}


def _gap_hover(region: str, own: pd.DataFrame) -> list[str]:
    """Per platform row of a region, both shares with their counts and the gap between them,
    so either mark tells the whole row (they may sit on the same spot)."""
    texts = []
    for label, row in own.iterrows():
        if pd.isna(row["on_scale"]) or not row["on_scale"]:
            texts.append("")
            continue
        whole = f"{int(row['on_scale'])} {'comuna' if row['on_scale'] == 1 else 'comunas'}"
        texts.append(
            f"<b>{region} · {label}</b><br>"
            f"Habilitada o más: {percent(row['pct_enabled'])} ({int(row['enabled'])} de {whole})"
            f"<br>En uso: {percent(row['pct_en_uso'])} ({int(row['en_uso'])} de {whole})<br>"
            f"Brecha de uso: {percent(row['brecha_uso'])}"
        )
    return texts


def gap_bars(shares: pd.DataFrame) -> go.Figure:
    """Per region (a panel each) and platform (a row each), % habilitada o más (a circle) and
    % en uso (a diamond over it) joined by a bar: the length of the bar is the brecha de uso."""
    figure, order, panels = region_panels(shares)
    for col, region, own in panels:
        used, enabled = own["pct_en_uso"] * 100, own["pct_enabled"] * 100
        figure.add_trace(
            go.Scatter(
                x=[v for u, e in zip(used, enabled, strict=True) for v in (u, e, None)],
                y=[v for p in order for v in (p, p, None)],
                mode="lines",
                line={"color": "#c9d6e3", "width": 8},
                hoverinfo="skip",
                showlegend=False,
            ),
            row=1,
            col=col,
        )
        hover = _gap_hover(region, own)
        for name, pct in (("Habilitada o más", enabled), ("En uso", used)):
            figure.add_trace(
                go.Scatter(
                    x=pct,
                    y=order,
                    mode="markers",
                    name=name,
                    legendgroup=name,
                    showlegend=col == 1,
                    marker={"color": MEASURE_COLORS[name], "line_width": 0, **GAP_MARKERS[name]},
                    cliponaxis=False,
                    text=hover,
                    hovertemplate="%{text}<extra></extra>",
                ),
                row=1,
                col=col,
            )
    figure.update_xaxes(
        range=[-AXIS_PAD, 100 + AXIS_PAD],
        **percent_ticks(0, 50, 100),
        gridcolor=GRID,
        zeroline=False,
    )
    figure.update_yaxes(
        categoryorder="array", categoryarray=order[::-1], showgrid=False, ticklabelstandoff=6
    )
    figure.update_annotations(font_size=17)
    house_style(figure, height=150 + 56 * len(order))
    figure.update_layout(margin={"t": 40}, legend={"y": -0.12, "yanchor": "top"})
    return describe(figure, "Plataforma", panels="Región")


def stage_shares(current: pd.DataFrame) -> go.Figure:
    """Per platform, the share of comunas at each stage, as one bar split by stage (100 %)."""
    platforms = [p for p in PLATFORMS if p in set(current["platform"])]
    counts = current.groupby(["platform", "stage"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=platforms, columns=list(STAGES), fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0) * 100
    labels = [platform_label(p) for p in platforms]
    figure = go.Figure()
    for stage in STAGES:
        if counts[stage].sum() == 0:
            continue
        figure.add_trace(
            go.Bar(
                x=shares[stage],
                y=labels,
                orientation="h",
                name=stage_label(stage),
                marker_color=STAGE_COLORS[stage],
                customdata=counts[stage],
                # the stage written on its part where it fits, so colour is not its only mark
                texttemplate=f"{STAGE_SHORT[stage]} " + "%{x:.0f} %",
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": ink_on(STAGE_COLORS[stage])},
                hovertemplate="%{y} · " + stage_label(stage) + ": %{customdata} comunas "
                "(%{x:.0f} %)<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack", uniformtext={"minsize": 11, "mode": "hide"})
    figure.update_traces(marker_line={"width": 1, "color": "white"})
    figure.update_xaxes(range=[0, 101], **percent_ticks(), title_text="", gridcolor=GRID)
    figure.update_yaxes(autorange="reversed", title_text="")
    house_style(figure, height=140 + 60 * len(platforms))
    figure.update_layout(legend_traceorder="normal")
    return describe(figure, "Plataforma")


def priorities_table(priorities: pd.DataFrame, limit: int = 8) -> go.Figure:
    """The first comunas prioritarias as a table drawn like a chart (for slides and reports)."""
    top = priorities.head(limit)
    figure = go.Figure(
        go.Table(
            columnwidth=[2, 4, 3],
            header={
                "values": ["<b>Comuna</b>", "<b>Habilitadas sin uso</b>", "<b>Sin iniciar</b>"],
                "fill_color": STAGE_COLORS["en_uso"],
                "font": {"color": ink_on(STAGE_COLORS["en_uso"]), "size": 16},
                "align": "left",
                "height": 36,
            },
            cells={
                "values": [
                    top["comuna"],
                    top["habilitada_sin_uso"].replace("", "—"),
                    top["sin_iniciar"].replace("", "—"),
                ],
                "fill_color": [["#f3f6fa", "white"] * (limit // 2 + 1)],
                "font": {"size": 15, "color": INK},
                "align": "left",
                "height": 32,
            },
        )
    )
    if len(priorities) > len(top):
        figure.add_annotation(
            text=f"Primeras {len(top)} de {len(priorities)} comunas prioritarias",
            x=0,
            xref="paper",
            xanchor="left",
            y=0,
            yref="paper",
            yanchor="top",
            showarrow=False,
            font={"size": 14, "color": "#5a6470"},
        )
    return house_style(figure, height=110 + 36 * len(top))
