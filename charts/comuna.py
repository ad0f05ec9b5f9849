"""The Ficha comunal's figures: a comuna's stages over time and beside its region."""

import pandas as pd
import plotly.graph_objects as go

from charts.heatmap import stage_grid
from charts.style import GRID, MEASURE_COLORS, house_style, percent_ticks
from formats import DAY
from loaders.vocabulary import PLATFORMS, platform_label, stage_label


def comuna_timeline(history: pd.DataFrame) -> go.Figure:
    """A comuna's stage on every platform (rows) at every cut-off (columns), written in the cells."""
    rows = history.sort_values("as_of")
    rows = rows.assign(day=rows["as_of"].dt.strftime(DAY))
    days = list(dict.fromkeys(rows["day"]))
    platforms = [p for p in PLATFORMS if p in set(rows["platform"])]
    table = rows.drop_duplicates(["platform", "day"], keep="last").set_index(["platform", "day"])
    stages = table["stage"].unstack().reindex(index=platforms, columns=days)
    alternatives = table["alternative"].unstack().reindex_like(stages)
    raw = table["status_raw"].unstack().reindex_like(stages)
    labels = {p: platform_label(p) for p in platforms}
    return stage_grid(
        stages.rename(index=labels),
        alternatives.rename(index=labels),
        raw.rename(index=labels),
        row_px=48,
        show_text=True,
    )


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
    return house_style(figure, height=140 + 64 * len(rows))
