"""The house look: one colour per stage, type, Spanish locale and numbers, the copy for a room."""

import json
import urllib.parse

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from formats import DAY, percent
from loaders.vocabulary import ON_SCALE, PLATFORMS, platform_label, read_table

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
# The SGD's platform against the alternatives: a blue off the stage ramp; own and private
# solutions in the grey of the stage alternativa, told apart by a pattern that survives greyscale.
SOLUTION_STYLES = {
    "sgd": {"color": "#88ccee"},
    "propia": {"color": STAGE_COLORS["alternativa"]},
    "privada": {
        "color": STAGE_COLORS["alternativa"],
        "pattern": {"shape": "/", "fgcolor": "white"},
    },
    "sin_detalle": {
        "color": STAGE_COLORS["alternativa"],
        "pattern": {"shape": ".", "fgcolor": "white"},
    },
}
MEASURE_COLORS = {"Habilitada o más": STAGE_COLORS["habilitada"], "En uso": STAGE_COLORS["en_uso"]}
SEQUENTIAL = [STAGE_COLORS[s] for s in ON_SCALE]
# One colour per region wherever a chart tells regions apart, fixed by its code so that a region
# keeps its colour whatever else is chosen: the four regions in scope get Paul Tol's colour-blind
# safe «bright» red, green, blue and purple; any other region one of his «muted» set.
REGION_COLORS = {"01": "#ee6677", "09": "#228833", "14": "#4477aa", "10": "#aa3377"}
_OTHER_REGION_COLORS = ["#ccbb44", "#66ccee", "#882255", "#44aa99", "#999933", "#332288"]
FONT = "Source Sans Pro, Arial, sans-serif"
INK = "#1b2733"
GRID = "#e5e9ef"


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
        "date": DAY,
        "decimal": ",",
        "thousands": ".",
    },
}
# The map draws the comunas' own polygons and no base map; plotly still loads its world topojson
# (from the internet) before drawing any geo chart, so it is handed an empty one in the URL itself
# ("…#/world_110m.json": the fragment plotly appends is ignored). Kaleido's images use it too.
EMPTY_TOPOJSON = (
    "data:application/json,"
    + urllib.parse.quote(json.dumps({"type": "Topology", "objects": {}, "arcs": []}), safe="")
    + "#"
)
pio.defaults.topojson = EMPTY_TOPOJSON
PLOTLY_CONFIG = {
    "locale": "es-cl",
    "locales": {"es-cl": SPANISH_LOCALE},
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
    # the wheel scrolls the page, never zooms a chart: zooming is on purpose, with the toolbar
    "scrollZoom": False,
    "topojsonURL": EMPTY_TOPOJSON,
}


def region_color(region_code: str) -> str:
    """The colour of a region (by its CUT code) on every chart, slide and report."""
    if region_code in REGION_COLORS:
        return REGION_COLORS[region_code]
    return _OTHER_REGION_COLORS[int(region_code) % len(_OTHER_REGION_COLORS)]


def region_title(region_code: str, region: str) -> str:
    """A region's name for a chart's text, after a square of its colour (the name stays in ink,
    readable whatever the colour)."""
    return f'<span style="color:{region_color(region_code)}">■</span> {region}'


def percent_ticks(*values: int) -> dict:
    """Axis ticks (0 to 100) written as people read shares: "0 %", "50 %", "100 %"."""
    values = values or (0, 25, 50, 75, 100)
    return {"tickvals": list(values), "ticktext": [percent(v / 100) for v in values]}


def house_style(figure: go.Figure, *, height: int | None = None) -> go.Figure:
    """The house look: Spanish number format, readable type, room for the legend on top."""
    figure.update_layout(
        separators=",.",
        font={"family": FONT, "size": 14, "color": INK},
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
    if any(note.yref == "paper" and note.y <= 0 for note in big.layout.annotations):
        big.update_layout(margin_b=60)  # a footnote under the plot: room for its 24 px line
    big.for_each_trace(
        lambda t: (
            t.update(header_font_size=22, cells_font_size=20, cells_height=38)
            if t.type == "table"
            else None
        )
    )
    return big


def region_panels(
    frame: pd.DataFrame,
) -> tuple[go.Figure, list[str], list[tuple[int, str, pd.DataFrame]]]:
    """A figure with a panel per region sharing one platform axis, the platform labels of that
    axis in the contract's order, and each panel's column, region and rows indexed by those
    labels (absent platforms as empty rows)."""
    rows = frame.assign(platform_label=frame["platform"].map(platform_label))
    regions = list(dict.fromkeys(rows["region"]))
    codes = dict(zip(rows["region"], rows["region_code"], strict=True))
    order = [platform_label(p) for p in PLATFORMS if p in set(rows["platform"])]
    figure = make_subplots(
        rows=1,
        cols=max(len(regions), 1),
        shared_yaxes=True,
        subplot_titles=[region_title(codes[r], r) for r in regions],
        # room between panels for the 100 % and 0 % ticks; many regions share what plotly allows
        horizontal_spacing=min(0.08, 0.5 / max(len(regions) - 1, 1)),
    )
    panels = [
        (col, region, rows[rows["region"] == region].set_index("platform_label").reindex(order))
        for col, region in enumerate(regions, start=1)
    ]
    return figure, order, panels
