"""The Evolución figures: shares at every cut-off, per region or per platform."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from charts.style import GRID, house_style, percent_ticks, region_color
from charts.tables import describe
from formats import DAY
from loaders.vocabulary import PLATFORMS, platform_label

_LEGEND_RIGHT = {"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top", "xanchor": "left"}


def _time_axes(figure: go.Figure, cutoffs: pd.Series) -> None:
    """Shares on y (0 to 100 %), the cut-off dates on x as people write them."""
    figure.update_yaxes(range=[0, 105], **percent_ticks(), title_text="", gridcolor=GRID)
    figure.update_xaxes(title_text="", tickformat=DAY, tickvals=cutoffs.unique())


def with_gaps(rows: pd.DataFrame, series: str) -> pd.DataFrame:
    """The trend rows of each series (a region, a platform) plus a row without shares at every
    cut-off of the chart, within the series' first and last date, at which it was not measured:
    its line breaks there instead of joining measurements across a date without data."""
    dates = rows["as_of"].drop_duplicates().sort_values()
    parts = []
    for _, own in rows.groupby(series, sort=False):
        span = dates[dates.between(own["as_of"].min(), own["as_of"].max())]
        missing = span[~span.isin(own["as_of"])]
        empty = own.iloc[[0] * len(missing)].assign(
            as_of=missing.to_numpy(), pct_enabled=float("nan"), pct_en_uso=float("nan")
        )
        parts.append(pd.concat([own, empty]).sort_values("as_of", kind="stable"))
    return pd.concat(parts, ignore_index=True) if parts else rows


def trend_lines(trend: pd.DataFrame, platform: str) -> go.Figure:
    """For one platform, % habilitada o más (dotted) and % en uso (solid) at every cut-off each
    region was measured at, in the region's colour; a line breaks where its region was not
    measured."""
    rows = with_gaps(trend[trend["platform"] == platform], "region_code")
    long = pd.concat(
        [
            rows.assign(measure=name, pct=rows[column] * 100)
            for name, column in (("En uso", "pct_en_uso"), ("Habilitada o más", "pct_enabled"))
        ],
        ignore_index=True,
    )
    figure = px.line(
        long,
        x="as_of",
        y="pct",
        color="region",
        line_dash="measure",
        markers=True,
        category_orders={
            "measure": ["En uso", "Habilitada o más"],
            "region": list(rows.sort_values("region_code")["region"].unique()),
        },
        line_dash_map={"En uso": "solid", "Habilitada o más": "dot"},
        color_discrete_map={
            r.region: region_color(r.region_code)
            for r in rows.drop_duplicates("region").itertuples()
        },
        custom_data=["region", "measure"],
    )
    figure.update_traces(
        hovertemplate="<b>%{customdata[0]}</b> · " + platform_label(platform) + "<br>"
        "%{x|" + DAY + "}<br>%{customdata[1]}: %{y:.0f} %<extra></extra>",
        line_width=3,
        marker_size=8,
    )
    figure.for_each_trace(lambda t: t.update(name=t.name.replace(", ", " · ")))
    _time_axes(figure, rows["as_of"])
    house_style(figure, height=460)
    figure.update_layout(legend=_LEGEND_RIGHT)
    return describe(figure, "Fecha de corte")


def trend_by_platform(trend: pd.DataFrame) -> go.Figure:
    """For one region, % en uso of each platform at every cut-off it was measured at, one colour
    per platform; a line breaks where its platform was not measured."""
    rows = with_gaps(trend, "platform")
    rows = rows.assign(
        platform_label=rows["platform"].map(platform_label), pct=rows["pct_en_uso"] * 100
    )
    figure = px.line(
        rows,
        x="as_of",
        y="pct",
        color="platform_label",
        markers=True,
        category_orders={"platform_label": [platform_label(p) for p in PLATFORMS]},
        color_discrete_sequence=px.colors.qualitative.Safe,
        custom_data=["platform_label"],
    )
    figure.update_traces(
        hovertemplate="<b>%{customdata[0]}</b> · %{x|" + DAY + "}<br>"
        "En uso: %{y:.0f} %<extra></extra>",
        line_width=4,
        marker_size=10,
    )
    _time_axes(figure, rows["as_of"])
    house_style(figure, height=420)
    figure.update_layout(legend=_LEGEND_RIGHT)
    return describe(figure, "Fecha de corte")
