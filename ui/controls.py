"""Controls shared by the pages: charts with their downloads, the sidebar's tools and presentation
mode (?modo=presentacion)."""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import charts
import exports
import images
import reports
import views
from loaders.vocabulary import PLATFORMS
from ui import derived
from ui.memo import per_object
from ui.state import (
    Selection,
    filtered_state,
    get_settings,
    region_name,
    selection,
    showing_samples,
    store_or_stop,
)
from ui.state import deck as cached_deck

CHART_FILES = {
    "brecha": ("brecha_uso", "Habilitada frente a en uso, por región y plataforma"),
    "mapa-calor": ("etapas_por_comuna", "Etapa de cada comuna y plataforma"),
    "soluciones": ("soluciones", "Plataforma SGD, solución propia o proveedor privado"),
    "mapa": ("mapa_adopcion", "Mapa de adopción"),
    "tendencia": ("evolucion", "Evolución de habilitada y en uso"),
    "cobertura": ("cobertura_plan", "Cobertura del plan de acompañamiento por comuna"),
    "actividades-mes": ("actividades_por_mes", "Actividades de acompañamiento por mes"),
    "historia": ("historia_comuna", "Etapa en cada fecha de corte"),
    "comparacion": ("comparacion_region", "La comuna comparada con su región"),
}
"""Each chart's file name stem and the title drawn into its image, by the chart's key."""


def _image_caption(title: str) -> tuple[images.Caption, tuple[str, ...], dt.date | None]:
    """What a chart's image carries (the selection's regions, sources and cut-offs) and the
    regions and newest cut-off its file name says."""
    _, rev = store_or_stop()
    rows = filtered_state(rev, selection())
    newest = rows.groupby("region_code")["as_of"].max().sort_index()
    places = tuple(region_name(code) for code in newest.index)
    cutoffs = {region_name(code): when.date() for code, when in newest.items()}
    sources = sorted(rows["source"].unique())
    caption = images.Caption(
        title, " · ".join(places), images.footer(sources, cutoffs, showing_samples(rev))
    )
    return caption, places, max(cutoffs.values(), default=None)


@per_object
def chart_table(figure: go.Figure) -> pd.DataFrame:
    """A chart's numbers as a table, worked out once per figure: figures are shared between
    sessions and reruns and never changed once built, so their tables are too."""
    return charts.figure_table(figure)


def chart(
    figure: go.Figure,
    key: str,
    *,
    title: str | None = None,
    headline: str | None = None,
    **options,
):
    """Draw a figure with the house look (not Streamlit's theme) and the Spanish locale, after its
    headline (the sentence that says what it shows), with its numbers as a table under it (its
    text alternative), and offer it as PNG (presentation size, 2×) and SVG, drawn only when asked
    for, with its title, regions, source and cut-off drawn in and a file name that says so."""
    stem, named = CHART_FILES.get(key, (key, "Gráfico del tablero"))
    if headline:
        st.markdown(f"**{views.escape_markdown(headline)}**")
    event = st.plotly_chart(
        figure,
        config=charts.PLOTLY_CONFIG,
        theme=None,
        key=key,
        alt=headline or title or named,  # what a screen reader names the chart by
        **options,
    )
    if presenting():
        return event
    with st.expander("Ver como tabla", icon=":material/table_rows:"):
        # a static HTML table: a screen reader reads it (the interactive grid is a canvas), and the
        # page loads no grid code for it
        st.table(chart_table(figure), hide_index=True, alt=title or named)
    caption, places, newest = _image_caption(title or named)
    with st.popover("Descargar gráfico", icon=":material/download:"):
        if not images.available():
            st.caption(images.UNAVAILABLE)
        for fmt in images.FORMATS:
            st.download_button(
                fmt.upper(),
                lambda fmt=fmt: images.export(figure, fmt, caption),
                images.file_name(stem, places, newest, fmt),
                images.FORMATS[fmt],
                key=f"{key}-{fmt}",
                on_click="ignore",
                disabled=not images.available(),
            )
    return event


def table_downloads(table, stem: str, sheet: str, key: str) -> None:
    """Offer a table as CSV (as Excel for Chile opens it: «;» and decimal comma) and as Excel
    (one sheet), built only when asked for."""
    csv_col, xlsx_col, _ = st.columns([1, 1, 4])
    csv_col.download_button(
        "Descargar CSV",
        lambda: exports.to_csv(table),
        f"{stem}.csv",
        "text/csv",
        key=f"{key}-csv",
        on_click="ignore",
    )
    xlsx_col.download_button(
        "Descargar Excel",
        lambda: exports.to_xlsx({sheet: table}),
        f"{stem}.xlsx",
        exports.XLSX_MIME,
        key=f"{key}-xlsx",
        on_click="ignore",
    )


# the slide is a column as tall as the screen: title and headline on top, the chart taking what
# is left, the bar of buttons at the bottom; nothing scrolls
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer
{ display: none !important; }
[data-testid="stMain"] { overflow: hidden; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 2rem 0.75rem 2rem !important;
  max-width: 100%; height: 100vh; box-sizing: border-box; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: 100%;
  flex-wrap: nowrap; }
[data-testid="stLayoutWrapper"]:has(> .st-key-lamina) { flex: 1 1 0; min-height: 0; }
.st-key-lamina { flex: 1 1 0; min-height: 0; overflow: hidden; flex-wrap: nowrap; }
.st-key-botonera { flex: 0 0 auto; }
[data-testid="stMain"] h1 { font-size: 40px !important; padding: 0 !important; }
[data-testid="stMain"] h2 { font-size: 26px !important; font-weight: 500; padding: 0 !important; }
[data-testid="stMain"] p, [data-testid="stMain"] button p { font-size: 20px !important; }
.st-key-botonera [data-testid="stMarkdownContainer"] p { font-size: 18px !important; margin: 0;
  line-height: 1.35; }
</style>
"""


def sidebar_tools(rev: int) -> None:
    """Under the filters: presentation mode, and the filtered data as Excel or CSV."""
    chosen = selection()
    if st.sidebar.toggle("Modo presentación", help="Pantalla completa, letra grande, diapositivas"):
        st.query_params["modo"] = "presentacion"
        st.rerun()
    with st.sidebar.popover("Descargar datos", icon=":material/table_view:"):
        st.caption(
            "Las filas de la selección, con su resumen por región y plataforma. El CSV se abre "
            "en columnas en Excel configurado para Chile."
        )
        rows = lambda: filtered_state(rev, chosen)  # noqa: E731  (read only when asked for)
        st.download_button(
            "Excel",
            lambda: exports.data_workbook(rows(), samples=showing_samples(rev)),
            "datos_tablero.xlsx",
            exports.XLSX_MIME,
            key="datos-xlsx",
            on_click="ignore",
        )
        st.download_button(
            "CSV",
            lambda: exports.to_csv(exports.data_table(rows())),
            "datos_tablero.csv",
            "text/csv",
            key="datos-csv",
            on_click="ignore",
        )


def report_downloads(rev: int) -> None:
    """The informe para la mesa of one region, as PPTX or PDF, built only when asked for."""
    chosen = selection()
    with st.sidebar.popover("Informe para la mesa", icon=":material/slideshow:"):
        regions = chosen.regions or get_settings().regions
        region = st.selectbox("Región del informe", regions, format_func=region_name)
        rows = filtered_state(rev, Selection((region,), PLATFORMS, chosen.as_of))
        if rows.empty:
            st.caption(f"No hay datos de {region_name(region)} para el informe.")
        elif not images.available():
            st.caption(images.UNAVAILABLE)
        else:
            st.caption(f"{region_name(region)} · {derived.freshness(rows)}: portada y láminas.")
        newest = rows["as_of"].max() if not rows.empty else None
        stem = f"informe_mesa_{region}_{newest.date() if newest is not None else 'sin_datos'}"
        samples = showing_samples(rev)
        for fmt, mime in reports.FORMATS.items():
            st.download_button(  # the slides are built only when someone asks for the file
                fmt.upper(),
                lambda fmt=fmt: reports.build_report(
                    cached_deck(rev, region, chosen.as_of, chosen.regions), fmt, samples=samples
                ),
                f"{stem}.{fmt}",
                mime,
                key=f"informe-{fmt}",
                on_click="ignore",
                disabled=rows.empty or not images.available(),
            )


def presenting() -> bool:
    """Whether the URL asks for presentation mode (?modo=presentacion)."""
    return st.query_params.get("modo") == "presentacion"


SCREEN = (1280, 720)  # until the browser says its size: the smallest projector's, fits every screen
SLIDE_CHROME_PX = 230  # title, headline and the bar of buttons above and below the chart
NO_PLATFORMS = (
    "No hay plataformas elegidas: salga de la presentación y elija al menos una en el panel "
    "lateral."
)


def screen(reported: str | None) -> tuple[int, int]:
    """The screen's size: as the browser reported it ("1920x1080"), else as the URL gives it
    (?pantalla=1920x1080), else SCREEN."""
    for size in (reported, st.query_params.get("pantalla")):
        width, _, height = (size or "").partition("x")
        if width.isdigit() and height.isdigit():
            return int(width), int(height)
    return SCREEN


def chart_size(size: tuple[int, int]) -> tuple[int, int]:
    """The room a slide's chart has on a screen of this size, in px (width, height)."""
    return size[0] - 64, max(size[1] - SLIDE_CHROME_PX, 200)


def slide_chart(figure: go.Figure, key: str, size: tuple[int, int], alt: str | None = None) -> None:
    """Draw a slide's chart, in large type, filling what the title, headline and bar leave of a
    screen of this size; a table as tall as its rows, its footnote right under them; alt (the
    slide's headline) names it for screen readers."""
    big = charts.presented(figure, chart_size(size))
    table = next((t for t in big.data if t.type == "table"), None)
    if table is None:  # the browser fits the chart to the room left, whatever the headline takes
        big.update_layout(width=None, height=None, autosize=True)
    else:
        rows = table.header.height + table.cells.height * len(table.cells.values[0])
        big.update_layout(height=rows + big.layout.margin.t + big.layout.margin.b)
    st.plotly_chart(
        big,
        height="stretch" if table is None else "content",
        config={**charts.PLOTLY_CONFIG, "displayModeBar": False, "responsive": True},
        theme=None,
        key=key,
        alt=alt,
    )


def moved(number: int, move: str | None, total: int) -> int:
    """The slide a move of the presenter's remote leads to from slide `number` of `total`."""
    target = {"siguiente": number + 1, "anterior": number - 1, "primera": 1, "ultima": total}
    return min(max(target.get(move, number), 1), max(total, 1))


def slide_number(total: int) -> int:
    """The slide the URL asks for (?diapositiva=2), kept between 1 and total."""
    asked = st.query_params.get("diapositiva", "1")
    number = int(asked) if asked.isdigit() else 1
    return min(max(number, 1), max(total, 1))


def go_to_slide(number: int) -> None:
    """Move to a slide; the URL follows so a copied link opens it."""
    st.query_params["diapositiva"] = str(number)


def leave_presentation() -> None:
    """Back to the dashboard, with the same filters."""
    for key in ("modo", "diapositiva", "pantalla"):
        st.query_params.pop(key, None)


def presentation_style() -> None:
    """Presentation mode's look: no sidebar nor Streamlit's chrome, large type, no scrolling."""
    st.html(PRESENTATION_CSS)
