"""The Mapa page's choropleth: comunas coloured by a measure, drawn as SVG without a base map."""

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import make_colorscale, sample_colorscale

from charts.style import INK, SEQUENTIAL, STAGE_COLORS, house_style, ink_on
from charts.tables import describe
from loaders.vocabulary import STAGES, stage_label

NO_DATA = "Sin datos"
# Off the stage ramp and lighter than the greys of alternativa and no aplica, so a comuna
# without a value reads as "nothing to show", never as a stage.
NO_DATA_COLOR = "#d9dee4"
MAP_HEIGHT = 620
OUTLINE = {"width": 0.6, "color": "#5a6470"}


def _features(geojson: dict, codes: list[str]) -> dict:
    """The features of these comunas only: each trace carries its own polygons, so the figure
    holds each outline once."""
    wanted = set(codes)
    return {
        "type": "FeatureCollection",
        "features": [f for f in geojson["features"] if f["properties"]["comuna_code"] in wanted],
    }


def _flat(
    geojson: dict, codes: list[str], names: list[str], name: str, color: str, hover: str
) -> go.Choropleth:
    """Comunas filled with one colour, under one legend entry."""
    return go.Choropleth(
        geojson=_features(geojson, codes),
        featureidkey="properties.comuna_code",
        locations=codes,
        z=[0] * len(codes),
        zmin=0,
        zmax=1,
        colorscale=[[0, color], [1, color]],
        showscale=False,
        showlegend=True,
        name=name,
        customdata=[[n, name] for n in names],
        hovertemplate="<b>%{customdata[0]}</b><br>" + hover + "<extra></extra>",
        marker_line=OUTLINE,
    )


def choropleth(
    values: pd.DataFrame,
    geojson: dict,
    view: dict,
    label: str,
    kind: str,
    *,
    names: bool = False,
    highlight: str | None = None,
) -> go.Figure:
    """Every comuna of the geojson as a polygon coloured by a measure, on a blank background (no
    tiles nor base map are fetched): kind "indice" (0-100), "brecha" (a share) or "stage" (one
    platform's stage). Comunas without a value are drawn in grey as «Sin datos»; names writes
    each comuna's name on it; highlight outlines one comuna."""
    comunas = {f["properties"]["comuna_code"]: f["properties"] for f in geojson["features"]}
    rows = values[values["comuna_code"].isin(comunas)].dropna(subset=["value"])
    rows = rows.drop_duplicates("comuna_code").set_index("comuna_code")["value"]
    if kind == "stage":
        rows = rows[rows.isin(STAGES)]
    figure = go.Figure()
    fills = dict.fromkeys(comunas, NO_DATA_COLOR)  # what each comuna's name is written over
    if kind == "stage":
        for stage in STAGES:
            codes = [c for c in comunas if rows.get(c) == stage]
            if codes:
                fills |= dict.fromkeys(codes, STAGE_COLORS[stage])
                shown = stage_label(stage)
                figure.add_trace(
                    _flat(
                        geojson,
                        codes,
                        [comunas[c]["comuna"] for c in codes],
                        shown,
                        STAGE_COLORS[stage],
                        f"{label}: {shown}",
                    )
                )
    elif not rows.empty:
        scale, suffix = (100, " %") if kind == "brecha" else (1, "")
        codes = [c for c in comunas if c in rows.index]
        z = [float(rows[c]) * scale for c in codes]
        shades = sample_colorscale(make_colorscale(SEQUENTIAL), [v / 100 for v in z])
        fills |= dict(zip(codes, shades, strict=True))
        figure.add_trace(
            go.Choropleth(
                geojson=_features(geojson, codes),
                featureidkey="properties.comuna_code",
                locations=codes,
                z=z,
                zmin=0,
                zmax=100,
                colorscale=SEQUENTIAL,
                colorbar={"title": {"text": label}, "ticksuffix": suffix, "len": 0.6},
                showlegend=False,
                customdata=[[comunas[c]["comuna"]] for c in codes],
                hovertemplate="<b>%{customdata[0]}</b><br>"
                + f"{label}: %{{z:.0f}}{suffix}<extra></extra>",
                marker_line=OUTLINE,
            )
        )
    missing = [c for c in comunas if c not in rows.index]
    if missing:
        figure.add_trace(
            _flat(
                geojson,
                missing,
                [comunas[c]["comuna"] for c in missing],
                NO_DATA,
                NO_DATA_COLOR,
                f"{label}: sin datos",
            )
        )
    if highlight in comunas:
        figure.add_trace(
            go.Choropleth(
                geojson=_features(geojson, [highlight]),
                featureidkey="properties.comuna_code",
                locations=[highlight],
                z=[0],
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                showlegend=False,
                hoverinfo="skip",
                marker_line={"width": 3.5, "color": INK},
            )
        )
    if names:
        figure.add_trace(
            go.Scattergeo(
                lon=[p["label_lon"] for p in comunas.values()],
                lat=[p["label_lat"] for p in comunas.values()],
                text=[p["comuna"] for p in comunas.values()],
                customdata=list(comunas),
                mode="text",
                textfont={
                    "size": 12,
                    "color": [ink_on(fills[c]) for c in comunas],
                    "shadow": "auto",
                },
                hoverinfo="skip",
                showlegend=False,
            )
        )
    figure.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=view["lon_range"],
        lataxis_range=view["lat_range"],
        bgcolor="white",
    )
    house_style(figure, height=MAP_HEIGHT)
    # the legend under the map and the colour bar beside it: the toolbar, top right, above both
    figure.update_layout(
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top"},
        margin={"l": 10, "r": 10, "t": 50, "b": 50},
    )
    return describe(figure, "Comuna", value=label)
