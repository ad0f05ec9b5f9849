"""The Mapa page's choropleth: comunas coloured by a measure, drawn without map tiles."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from charts.style import SEQUENTIAL, STAGE_COLORS, house_style
from loaders.vocabulary import STAGES, stage_label


def choropleth(values: pd.DataFrame, geojson: dict, view: dict, label: str, kind: str) -> go.Figure:
    """The comunas as polygons coloured by a measure, on a blank background (no map tiles are
    fetched): kind "indice" (0-100), "brecha" (a share) or "stage" (one platform's stage)."""
    known = {f["properties"]["comuna_code"] for f in geojson["features"]}
    names = {f["properties"]["comuna_code"]: f["properties"]["comuna"] for f in geojson["features"]}
    rows = values[values["comuna_code"].isin(known)].copy()
    missing = sorted(known - set(rows["comuna_code"]))
    rows = pd.concat(
        [rows, pd.DataFrame({"comuna_code": missing, "comuna": [names[c] for c in missing]})],
        ignore_index=True,
    )
    common = {
        "geojson": geojson,
        "locations": "comuna_code",
        "featureidkey": "properties.comuna_code",
        "map_style": "white-bg",
        "center": view["center"],
        "zoom": view["zoom"],
        "opacity": 0.9,
    }
    if kind == "stage":
        rows["shown"] = rows["value"].map(stage_label, na_action="ignore").fillna("Sin dato")
        colors = {stage_label(s): c for s, c in STAGE_COLORS.items()} | {"Sin dato": "#ffffff"}
        order = [stage_label(s) for s in STAGES] + ["Sin dato"]
        figure = px.choropleth_map(
            rows,
            color="shown",
            color_discrete_map=colors,
            category_orders={"shown": [o for o in order if o in set(rows["shown"])]},
            custom_data=["comuna", "shown"],
            **common,
        )
        hover = "<b>%{customdata[0]}</b><br>" + label + ": %{customdata[1]}<extra></extra>"
    else:
        scale = 100 if kind == "brecha" else 1
        rows["shown"] = pd.to_numeric(rows["value"], errors="coerce") * scale
        figure = px.choropleth_map(
            rows,
            color="shown",
            color_continuous_scale=SEQUENTIAL,
            range_color=(0, 100),
            custom_data=["comuna", "shown"],
            **common,
        )
        suffix = " %" if kind == "brecha" else ""
        hover = "<b>%{customdata[0]}</b><br>" + label + ": %{customdata[1]:.0f}" + suffix
        hover += "<extra></extra>"
        figure.update_layout(
            coloraxis_colorbar={"title": {"text": label}, "ticksuffix": suffix, "len": 0.6}
        )
    figure.update_traces(hovertemplate=hover, marker_line_width=0.6, marker_line_color="#5a6470")
    return house_style(figure, height=620)
