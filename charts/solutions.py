"""The SGD's platform, an own solution or a private provider: per region and platform, how many
comunas take each road."""

import pandas as pd
import plotly.graph_objects as go

from analytics import SOLUTION_COLUMNS, solution_label
from charts.style import GRID, SOLUTION_STYLES, house_style, ink_on, region_panels
from charts.tables import describe


def solution_bars(counts: pd.DataFrame) -> go.Figure:
    """Per region (a panel each) and platform (a row each), one bar of comunas split into those on
    the SGD platform's scale, with their own solution, with a private provider and with an
    alternative the tracker does not name; each part says how many."""
    figure, order, panels = region_panels(counts)
    for col, region, own in panels:
        own = own.fillna({kind: 0 for kind in SOLUTION_COLUMNS})
        for kind in SOLUTION_COLUMNS:
            if not counts[kind].any():
                continue  # a part no region has would only crowd the legend
            style = SOLUTION_STYLES[kind]
            name = solution_label(kind)
            figure.add_trace(
                go.Bar(
                    x=own[kind],
                    y=order,
                    orientation="h",
                    name=name,
                    legendgroup=kind,
                    showlegend=col == 1,
                    marker={"color": style["color"], "pattern": style.get("pattern", {})},
                    text=[f"{int(n)}" if n else "" for n in own[kind]],
                    textposition="inside",
                    insidetextanchor="middle",
                    textfont={"color": ink_on(style["color"])},
                    hovertemplate=f"<b>{region} · " + "%{y}</b><br>" + name + ": %{x} comunas"
                    "<extra></extra>",
                ),
                row=1,
                col=col,
            )
    figure.update_layout(barmode="stack")
    figure.update_traces(marker_line={"width": 1, "color": "white"})
    figure.update_xaxes(title_text="comunas", gridcolor=GRID, rangemode="tozero")
    figure.update_yaxes(categoryorder="array", categoryarray=order[::-1], showgrid=False)
    figure.update_annotations(font_size=17)
    house_style(figure, height=150 + 56 * len(order))
    # the legend goes below the axis title, which it would otherwise cover
    figure.update_layout(margin={"t": 40}, legend={"y": -0.24, "yanchor": "top"})
    return describe(figure, "Plataforma", panels="Región")
