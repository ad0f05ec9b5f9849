"""Plotly figures of the dashboard: frame in, Figure out; one colour per stage, Spanish throughout."""

import math

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from geo import VIEWPORT
from loaders.gazetteer import gazetteer
from loaders.vocabulary import PLATFORMS, STAGES, read_table, vocabulary
from views import platform_label, stage_label

# The ordered stages on one sequential ramp (ColorBrewer YlGnBu: lightness rises with the stage,
# so it reads for every kind of colour vision and in greyscale); the states off the scale in greys.
STAGE_COLORS = {
    "sin_iniciar": "#f3f9b9",
    "en_proceso": "#7fcdbb",
    "habilitada": "#2c7fb8",
    "en_uso": "#253494",
    "alternativa": "#7f7f7f",
    "no_aplica": "#b4b4b4",
    "sin_informacion": "#e4e4e4",
}
MEASURE_COLORS = {"Habilitada o más": STAGE_COLORS["habilitada"], "En uso": STAGE_COLORS["en_uso"]}
SEQUENTIAL = [STAGE_COLORS[s] for s in ("sin_iniciar", "en_proceso", "habilitada", "en_uso")]
FONT = "Source Sans Pro, Arial, sans-serif"
ROW_PX = 22  # height of one comuna in the heatmap
COLORBAR_PX = 160  # room the colour bar of a map takes beside it, with its title


def _month_names() -> list[str]:
    """January to December in Spanish: the first (full) name of each month in months.csv."""
    names: dict[int, str] = {}
    for row in read_table("months.csv"):
        names.setdefault(int(row["month"]), row["name"])
    return [names[month] for month in range(1, 13)]


_MONTHS = _month_names()
_DAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"]
SPANISH_LOCALE = {
    "dictionary": {
        "Autoscale": "Ajustar escala",
        "Box Select": "Seleccionar con rectángulo",
        "Click to enter Colorscale title": "Clic para el título de la escala de color",
        "Click to enter Plot title": "Clic para el título del gráfico",
        "Double-click to zoom back out": "Doble clic para volver",
        "Download plot": "Descargar gráfico",
        "Download plot as a png": "Descargar como PNG",
        "Lasso Select": "Seleccionar con lazo",
        "Orbital rotation": "Rotación orbital",
        "Pan": "Desplazar",
        "Produced with Plotly.js": "Hecho con Plotly.js",
        "Reset": "Restablecer",
        "Reset axes": "Restablecer ejes",
        "Reset view": "Restablecer vista",
        "Reset camera to default": "Restablecer cámara",
        "Show closest data on hover": "Mostrar el dato más cercano",
        "Compare data on hover": "Comparar datos",
        "Toggle Spike Lines": "Mostrar u ocultar guías",
        "Zoom": "Zoom",
        "Zoom in": "Acercar",
        "Zoom out": "Alejar",
        "Toggle show closest data on hover": "Mostrar u ocultar el dato más cercano",
        "Snapshot succeeded": "Imagen descargada",
        "Taking snapshot - this may take a few seconds": "Preparando la imagen…",
    },
    "format": {
        "days": [d.capitalize() for d in _DAYS],
        "shortDays": [d[:3].capitalize() for d in _DAYS],
        "months": [m.capitalize() for m in _MONTHS],
        "shortMonths": [m[:3].capitalize() for m in _MONTHS],
        "date": "%d-%m-%Y",
        "decimal": ",",
        "thousands": ".",
    },
}
PLOTLY_CONFIG = {
    "locale": "es-cl",
    "locales": {"es-cl": SPANISH_LOCALE},
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def percent_ticks(*values: int) -> dict:
    """Axis ticks written as people read shares: "0 %", "50 %", "100 %"."""
    values = values or (0, 25, 50, 75, 100)
    return {"tickvals": list(values), "ticktext": [f"{v} %" for v in values]}


def _layout(figure: go.Figure, *, height: int | None = None) -> go.Figure:
    """The house look: Spanish number format, readable type, room for the legend on top."""
    figure.update_layout(
        separators=",.",
        font={"family": FONT, "size": 14, "color": "#1b2733"},
        hoverlabel={"font_size": 14},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title_text": ""},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    if height:
        figure.update_layout(height=height)
    return figure


def gap_bars(shares: pd.DataFrame) -> go.Figure:
    """Per region (a panel each) and platform (a row each), % en uso and % habilitada o más as
    two dots joined by a bar: the length of the bar is the brecha de uso."""
    rows = shares.assign(platform_label=shares["platform"].map(platform_label))
    regions = list(dict.fromkeys(rows["region"]))
    order = [platform_label(p) for p in PLATFORMS if p in set(rows["platform"])]
    figure = make_subplots(
        rows=1,
        cols=max(len(regions), 1),
        shared_yaxes=True,
        subplot_titles=regions,
        horizontal_spacing=0.05,
    )
    for col, region in enumerate(regions, start=1):
        own = rows[rows["region"] == region].set_index("platform_label").reindex(order)
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
        for name, pct, count in (
            ("En uso", used, own["en_uso"]),
            ("Habilitada o más", enabled, own["enabled"]),
        ):
            figure.add_trace(
                go.Scatter(
                    x=pct,
                    y=order,
                    mode="markers",
                    name=name,
                    legendgroup=name,
                    showlegend=col == 1,
                    marker={"size": 16, "color": MEASURE_COLORS[name], "line_width": 0},
                    customdata=list(zip(count, own["on_scale"], strict=True)),
                    hovertemplate=f"<b>{region} · " + "%{y}</b><br>" + name + ": %{x:.0f} % "
                    "(%{customdata[0]} de %{customdata[1]} comunas)<extra></extra>",
                ),
                row=1,
                col=col,
            )
    figure.update_xaxes(
        range=[-4, 104],
        **percent_ticks(0, 50, 100),
        gridcolor="#e5e9ef",
        zeroline=False,
    )
    figure.update_yaxes(categoryorder="array", categoryarray=order[::-1], showgrid=False)
    figure.update_annotations(font_size=17)
    _layout(figure, height=150 + 56 * len(order))
    figure.update_layout(margin={"t": 40}, legend={"y": -0.12, "yanchor": "top"})
    return figure


def _facet_titles(figure: go.Figure) -> None:
    """Facet titles as the bare value ("Los Ríos", not "region=Los Ríos"), in larger type."""
    figure.for_each_annotation(lambda a: a.update(text=a.text.split("=", 1)[-1], font_size=17))


def _stage_grid(
    stages: pd.DataFrame, raw: pd.DataFrame, *, row_px: int, show_text: bool = False
) -> go.Figure:
    """A grid of cells coloured by stage: rows and columns as in the frames (stage ids and the
    words written in the tracker), a legend entry for each stage present."""
    rank = {stage: i for i, stage in enumerate(STAGES)}
    z = stages.apply(lambda col: col.map(rank)).to_numpy(dtype="float64")
    labels = (
        stages.apply(lambda col: col.map(vocabulary().stage_labels)).fillna("Sin dato").to_numpy()
    )
    n = len(STAGES)
    scale = []  # a stepped scale: each stage's index is one flat band of its colour
    for i, stage in enumerate(STAGES):
        scale += [[i / n, STAGE_COLORS[stage]], [(i + 1) / n, STAGE_COLORS[stage]]]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=list(stages.columns),
            y=list(stages.index),
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2,
            text=labels,
            customdata=raw.fillna("").to_numpy(),
            texttemplate="%{text}" if show_text else None,
            textfont={"size": 13},
            hovertemplate="<b>%{y}</b> · %{x}<br>%{text}<br>En la planilla: «%{customdata}»"
            "<extra></extra>",
        )
    )
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
    _layout(figure, height=max(260, 130 + row_px * len(stages)))
    figure.update_layout(margin={"t": 40, "b": 10}, legend={"y": -0.01, "yanchor": "top"})
    return figure


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
    how many platforms they have enabled without use), a line and a title between regions."""
    comunas = _heatmap_order(current, order)
    platforms = [p for p in PLATFORMS if p in set(current["platform"])]
    cells = current.set_index(["comuna_code", "platform"])
    names = [f"{c.comuna} ({c.province})" for c in comunas.itertuples()]
    stages = cells["stage"].unstack().reindex(index=comunas["comuna_code"], columns=platforms)
    raw = cells["status_raw"].unstack().reindex_like(stages)
    shown_as = {"index": dict(zip(comunas["comuna_code"], names, strict=True))}
    shown_as["columns"] = {p: platform_label(p) for p in platforms}
    figure = _stage_grid(stages.rename(**shown_as), raw.rename(**shown_as), row_px=ROW_PX)
    if order == "region":
        starts = comunas.index[comunas["region_code"].ne(comunas["region_code"].shift())]
        for start in starts:
            region = comunas.at[start, "region"]
            if start > 0:
                figure.add_hline(y=start - 0.5, line_width=3, line_color="#1b2733")
            figure.add_annotation(
                x=1.005,
                xref="paper",
                xanchor="left",
                y=start - 0.4,
                yanchor="top",
                text=f"<b>{region}</b>",
                showarrow=False,
                font={"size": 14},
                textangle=0,
            )
        figure.update_layout(margin={"r": 120})
    return figure


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
        rows["shown"] = rows["value"].map(stage_label).fillna("Sin dato")
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
    return _layout(figure, height=620)


def comuna_timeline(history: pd.DataFrame) -> go.Figure:
    """A comuna's stage on every platform (rows) at every cut-off (columns), written in the cells."""
    rows = history.sort_values("as_of")
    rows = rows.assign(day=rows["as_of"].dt.strftime("%d-%m-%Y"))
    days = list(dict.fromkeys(rows["day"]))
    platforms = [p for p in PLATFORMS if p in set(rows["platform"])]
    table = rows.drop_duplicates(["platform", "day"], keep="last").set_index(["platform", "day"])
    stages = table["stage"].unstack().reindex(index=platforms, columns=days)
    raw = table["status_raw"].unstack().reindex_like(stages)
    labels = {p: platform_label(p) for p in platforms}
    return _stage_grid(
        stages.rename(index=labels), raw.rename(index=labels), row_px=48, show_text=True
    )


def comparison_bars(profile: pd.DataFrame) -> go.Figure:
    """Per platform, the share of the region's comunas enabled and in use, with the comuna's own
    stage beside the platform's name."""
    rows = profile.assign(
        shown=[
            f"{platform_label(p)}<br><i>comuna: {stage_label(s).lower()}</i>"
            for p, s in zip(profile["platform"], profile["stage"], strict=True)
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
    figure.update_xaxes(range=[0, 103], **percent_ticks(), title_text="", gridcolor="#e5e9ef")
    figure.update_yaxes(autorange="reversed", title_text="")
    return _layout(figure, height=140 + 64 * len(rows))


def trend_lines(trend: pd.DataFrame, platform: str) -> go.Figure:
    """For one platform, % habilitada o más (dashed) and % en uso (solid) at every cut-off, one
    colour per region."""
    rows = trend[trend["platform"] == platform]
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
        category_orders={"measure": ["En uso", "Habilitada o más"]},
        line_dash_map={"En uso": "solid", "Habilitada o más": "dot"},
        color_discrete_sequence=px.colors.qualitative.Safe,
        custom_data=["region", "measure"],
    )
    figure.update_traces(
        hovertemplate="<b>%{customdata[0]}</b> · " + platform_label(platform) + "<br>"
        "%{x|%d-%m-%Y}<br>%{customdata[1]}: %{y:.0f} %<extra></extra>",
        line_width=3,
        marker_size=8,
    )
    figure.for_each_trace(lambda t: t.update(name=t.name.replace(", ", " · ")))
    figure.update_yaxes(range=[0, 105], **percent_ticks(), title_text="", gridcolor="#e5e9ef")
    figure.update_xaxes(title_text="", tickformat="%d-%m-%Y", tickvals=rows["as_of"].unique())
    _layout(figure, height=460)
    figure.update_layout(
        legend={"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top", "xanchor": "left"}
    )
    return figure


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
                hovertemplate="%{y} · " + stage_label(stage) + ": %{customdata} comunas "
                "(%{x:.0f} %)<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_traces(marker_line={"width": 1, "color": "white"})
    figure.update_xaxes(range=[0, 101], **percent_ticks(), title_text="", gridcolor="#e5e9ef")
    figure.update_yaxes(autorange="reversed", title_text="")
    _layout(figure, height=140 + 60 * len(platforms))
    figure.update_layout(legend_traceorder="normal")
    return figure


def priorities_table(priorities: pd.DataFrame, limit: int = 8) -> go.Figure:
    """The first comunas prioritarias as a table drawn like a chart (for slides and reports)."""
    top = priorities.head(limit)
    figure = go.Figure(
        go.Table(
            columnwidth=[2, 4, 3],
            header={
                "values": ["<b>Comuna</b>", "<b>Habilitadas sin uso</b>", "<b>Sin iniciar</b>"],
                "fill_color": STAGE_COLORS["en_uso"],
                "font": {"color": "white", "size": 16},
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
                "font": {"size": 15, "color": "#1b2733"},
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
    return _layout(figure, height=110 + 36 * len(top))


def trend_by_platform(trend: pd.DataFrame) -> go.Figure:
    """For one region, % en uso of each platform at every cut-off, one colour per platform."""
    rows = trend.assign(
        platform_label=trend["platform"].map(platform_label), pct=trend["pct_en_uso"] * 100
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
        hovertemplate="<b>%{customdata[0]}</b> · %{x|%d-%m-%Y}<br>En uso: %{y:.0f} %<extra></extra>",
        line_width=4,
        marker_size=10,
    )
    figure.update_yaxes(range=[0, 105], **percent_ticks(), title_text="", gridcolor="#e5e9ef")
    figure.update_xaxes(title_text="", tickformat="%d-%m-%Y", tickvals=rows["as_of"].unique())
    _layout(figure, height=420)
    figure.update_layout(
        legend={"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top", "xanchor": "left"}
    )
    return figure


def presented(figure: go.Figure, size: tuple[int, int]) -> go.Figure:
    """A copy of a figure for a screen shared in a room: large type, fixed size (width, height)."""
    big = go.Figure(figure)
    width, height = size
    big.update_layout(
        width=width,
        height=height,
        font_size=20,
        legend_font_size=20,
        hoverlabel_font_size=20,
        margin={"l": 20, "r": 20, "t": 60, "b": 20},
    )
    big.update_annotations(font_size=24)
    if big.layout.map.zoom is not None:  # the map's zoom fitted geo.VIEWPORT: fit the new plot
        plot_width = width - 40 - COLORBAR_PX  # margins and the colour bar beside the map
        plot_height = height - 80  # the margins set above
        fit = min(plot_width / VIEWPORT[0], plot_height / VIEWPORT[1])
        big.update_layout(map_zoom=big.layout.map.zoom + math.log2(fit))
    big.for_each_trace(
        lambda t: (
            t.update(header_font_size=22, cells_font_size=20, cells_height=38)
            if t.type == "table"
            else None
        )
    )
    return big
