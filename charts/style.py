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
# What a cell of a stage grid writes over its colour: a short form that begins as the stage's name
# in the legend does, so the stage can be read without telling colours apart.
STAGE_SHORT = {
    "sin_iniciar": "No inic.",
    "en_proceso": "En proc.",
    "habilitada": "Habilit.",
    "en_uso": "En uso",
    "alternativa": "Sol. alt.",
    "no_aplica": "No aplica",
    "sin_informacion": "Sin info.",
}
FONT = "Source Sans Pro, Arial, sans-serif"
INK = "#1b2733"
GRID = "#e5e9ef"
WHITE, BLACK = "#ffffff", "#000000"
MIN_CONTRAST = 4.5  # WCAG 2 AA for text of normal size


def _channels(color: str) -> tuple[float, float, float]:
    """The red, green and blue (0-255) of "#rrggbb", "#rgb", "white", "black" or "rgb(r, g, b)"."""
    named = {"white": WHITE, "black": BLACK}
    color = named.get(color.strip().lower(), color.strip())
    if color.startswith("#"):
        digits = color[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))
    inside = color[color.index("(") + 1 : color.index(")")]
    return tuple(float(part) for part in inside.split(",")[:3])


def luminance(color: str) -> float:
    """A colour's relative luminance as WCAG 2 defines it (0 black, 1 white)."""
    linear = []
    for channel in _channels(color):
        c = channel / 255
        linear.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink_on(background: str) -> str:
    """The colour of text written over a background: the house ink where it reads (4.5:1),
    else white or black, whichever contrasts more."""
    if contrast(INK, background) >= MIN_CONTRAST:
        return INK
    return max((WHITE, BLACK), key=lambda text: contrast(text, background))


def _month_names() -> list[str]:
    """January to December in Spanish: the first (full) name of each month in months.csv."""
    names: dict[int, str] = {}
    for row in read_table("months.csv"):
        names.setdefault(int(row["month"]), row["name"])
    return [names[month] for month in range(1, 13)]


_MONTHS = _month_names()
_DAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"]
SPANISH_LOCALE = {
    # every title of plotly's toolbar and every message it can show, spelled as the plotly.js that
    # Streamlit ships spells them (tests/test_chart_access.py checks each key against it)
    "dictionary": {
        "Autoscale": "Ajustar escala",
        "Box Select": "Seleccionar con rectángulo",
        "Cancel": "Cancelar",
        "Click to enter Colorscale title": "Clic para el título de la escala de color",
        "Click to enter Component A title": "Clic para el título del componente A",
        "Click to enter Component B title": "Clic para el título del componente B",
        "Click to enter Component C title": "Clic para el título del componente C",
        "Click to enter Plot subtitle": "Clic para el subtítulo del gráfico",
        "Click to enter Plot title": "Clic para el título del gráfico",
        "Click to enter X axis title": "Clic para el título del eje X",
        "Click to enter Y axis title": "Clic para el título del eje Y",
        "Click to enter radial axis title": "Clic para el título del eje radial",
        "Compare data on hover": "Comparar datos",
        "Double-click on legend to isolate one trace": "Doble clic en la leyenda para aislar una serie",
        "Double-click to zoom back out": "Doble clic para volver",
        "Download plot": "Descargar gráfico",
        "Download plot as a PNG": "Descargar como PNG",
        "Download plot as JSON": "Descargar como JSON",
        "Draw circle": "Dibujar círculo",
        "Draw closed freeform": "Dibujar forma cerrada",
        "Draw line": "Dibujar línea",
        "Draw open freeform": "Dibujar forma abierta",
        "Draw rectangle": "Dibujar rectángulo",
        "Erase active shape": "Borrar la forma elegida",
        "Image download succeeded": "Imagen descargada",
        "JSON download succeeded": "JSON descargado",
        "Lasso Select": "Seleccionar con lazo",
        "Orbital rotation": "Rotación orbital",
        "Pan": "Desplazar",
        "Preparing image - this may take a few seconds": "Preparando la imagen…",
        "Produced with Plotly.js": "Hecho con Plotly.js",
        "Reset": "Restablecer",
        "Reset axes": "Restablecer ejes",
        "Reset camera to default": "Restablecer cámara",
        "Reset camera to last save": "Volver a la última cámara guardada",
        "Reset view": "Restablecer vista",
        "Reset views": "Restablecer vistas",
        "Share": "Compartir",
        "Share chart": "Compartir gráfico",
        "Share chart...": "Compartir gráfico…",
        "Show closest data on hover": "Mostrar el dato más cercano",
        "Sorry, there was a problem downloading your JSON file!": "No se pudo descargar el JSON.",
        "Sorry, there was a problem downloading your image!": "No se pudo descargar la imagen.",
        "Toggle Spike Lines": "Mostrar u ocultar guías",
        "Toggle show closest data on hover": "Mostrar u ocultar el dato más cercano",
        "Turntable rotation": "Rotación en plataforma",
        "Zoom": "Zoom",
        "Zoom in": "Acercar",
        "Zoom out": "Alejar",
        "new text": "texto nuevo",
        "trace": "serie",
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
        # hover boxes in white with ink, not in the colour of their mark: readable on every colour
        hoverlabel={"font_size": 14, "font_color": INK, "bgcolor": WHITE, "bordercolor": INK},
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
