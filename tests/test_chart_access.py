"""Charts for everyone: every text of every figure readable over what is behind it (WCAG 4.5:1),
stage colour never the only mark, plotly in Spanish as the plotly.js Streamlit ships spells it,
numbers and dates as in Chile, and each chart's numbers as a table."""

import re
from pathlib import Path

import pandas as pd
import pytest
import streamlit
from plotly.colors import make_colorscale, sample_colorscale

import analytics
import charts
import geo
import slides
from charts.style import INK, MIN_CONTRAST, STAGE_COLORS, STAGE_SHORT, contrast, ink_on
from formats import DAY
from loaders.vocabulary import PLATFORMS, STAGES, stage_label
from settings import load_settings
from store import Store, seed_samples
from tests.test_charts import CURRENT

SWATCH = re.compile(r'<span style="color:[^"]+">■</span>')
COLOURED = re.compile(r"<span style=['\"]color:\s*([^;'\"]+)['\"]>([^<]*)</span>")
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    """An SQLite store holding the fictional sample trackers."""
    store = Store(
        load_settings({"DATA_DIR": str(tmp_path_factory.mktemp("datos")), "SEED_SAMPLES": "0"})
    )
    seed_samples(store)
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def figures(sample_store) -> dict[str, object]:
    """Every figure the dashboard draws, on its pages and its slides, from the sample data."""
    history, activities = sample_store.history(), sample_store.activities()
    current = analytics.state_at(history)
    regions = sorted(current["region_code"].unique())
    built = {
        "gap_bars": charts.gap_bars(analytics.shares(current)),
        "stage_shares": charts.stage_shares(current),
        "solution_bars": charts.solution_bars(analytics.solutions(current)),
        "trend_lines": charts.trend_lines(analytics.trend(history), "docdigital"),
        "coverage_matrix": charts.coverage_matrix(analytics.plan_coverage(activities, regions)),
        "monthly_bars": charts.monthly_bars(analytics.monthly_activities(activities)),
        "priorities_table": charts.priorities_table(analytics.priorities(current)),
    }
    for region in regions:
        own = current[current["region_code"] == region]
        built[f"stage_heatmap {region}"] = charts.stage_heatmap(own)
        geojson = geo.comunas_geojson((region,))
        for measure in ("indice", "brecha", "firmagob"):
            values, kind = analytics.map_measure(own, measure)
            built[f"choropleth {region} {measure}"] = charts.choropleth(
                values, geojson, geo.map_view(geojson), measure, kind, names=True
            )
    code = current["comuna_code"].iloc[0]
    built["comuna_timeline"] = charts.comuna_timeline(
        history[history["comuna_code"] == code], activities[activities["comuna_code"] == code]
    )
    built["comparison_bars"] = charts.comparison_bars(analytics.comuna_profile(current, code))
    for slide in slides.deck(history, activities, "14").slides:
        if slide.figure is not None:
            built[f"slide {slide.key}"] = charts.presented(slide.figure, (1280, 720))
    return built


def _band(trace, z: float) -> str:
    """The colour a stepped scale gives a cell of value z (charts.heatmap.stage_grid's bands)."""
    low, high = trace.zmin, trace.zmax
    position = (z - low) / (high - low)
    return [c for v, c in trace.colorscale if v <= position + 1e-9][-1]


def _cell_fills(figure) -> dict[tuple, str]:
    """Each cell of a figure's grid, by its (x, y), and the colour it is filled with."""
    fills = {}
    for grid in (t for t in figure.data if t.type == "heatmap"):
        for row, y in zip(grid.z, grid.y, strict=True):
            for z, x in zip(row, grid.x, strict=True):
                fills[(x, y)] = "#ffffff" if pd.isna(z) else _band(grid, z)
    return fills


def _comuna_fills(figure) -> dict[str, str]:
    """Each comuna of a map and the colour its polygon is filled with."""
    fills = {}
    for trace in (t for t in figure.data if t.type == "choropleth" and t.hoverinfo != "skip"):
        scale = make_colorscale([c for _, c in trace.colorscale])
        shades = sample_colorscale(
            scale, [(z - trace.zmin) / (trace.zmax - trace.zmin) for z in trace.z]
        )
        fills |= dict(zip(trace.locations, shades, strict=True))
    return fills


def texts_over_backgrounds(figure) -> list[tuple[str, str, str]]:
    """Every text a figure draws, as (what, its colour, the colour behind it): titles, ticks,
    legend, annotations and hover boxes on the paper, words in the cells of a grid, on a map's
    comunas, inside bars and in a drawn table."""
    layout = figure.layout
    paper = layout.paper_bgcolor
    ink = layout.font.color
    found = [("letra", ink, paper), ("leyenda", layout.legend.font.color or ink, paper)]
    found.append(
        ("cuadro al pasar el cursor", layout.hoverlabel.font.color, layout.hoverlabel.bgcolor)
    )
    axes = [layout[k] for k in layout if k.startswith(("xaxis", "yaxis"))]
    labels = [t for axis in axes for t in (axis.ticktext or ())]
    for axis in axes:
        found.append(("eje", axis.tickfont.color or ink, paper))
    for note in layout.annotations:
        found.append(("anotación", note.font.color or ink, note.bgcolor or paper))
        labels.append(note.text)
    for label in labels:
        for colour, text in COLOURED.findall(SWATCH.sub("", str(label))):
            found.append((text, colour, paper))
    cells, comunas = _cell_fills(figure), _comuna_fills(figure)
    for trace in figure.data:
        if trace.type == "scatter" and trace.mode == "text":  # words written in a grid's cells
            for x, y, colour in zip(trace.x, trace.y, trace.textfont.color, strict=True):
                found.append((f"celda {x}, {y}", colour, cells[(x, y)]))
        if trace.type == "scattergeo" and trace.mode == "text":  # names written on the map
            for code, colour in zip(trace.customdata, trace.textfont.color, strict=True):
                found.append((f"comuna {code}", colour, comunas[code]))
        if trace.type == "heatmap" and trace.texttemplate:
            for row, marks in zip(trace.z, trace.text, strict=True):
                for z, mark in zip(row, marks, strict=True):
                    if mark:
                        found.append((mark, trace.textfont.color, _band(trace, z)))
        if trace.type == "bar" and (trace.text is not None or trace.texttemplate):
            behind = paper if trace.textposition == "outside" else trace.marker.color
            found.append((f"barra {trace.name}", trace.textfont.color or ink, behind))
        if trace.type == "table":
            found.append(("encabezado", trace.header.font.color, trace.header.fill.color))
            for fill in trace.cells.fill.color[0]:
                found.append(("celda de la tabla", trace.cells.font.color, fill))
    return found


def test_black_on_white_contrasts_21_to_1_and_a_colour_with_itself_1_to_1():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("white", "rgb(255, 255, 255)") == pytest.approx(1)
    assert contrast("#2c7fb8", "#ffffff") == pytest.approx(contrast("#ffffff", "#2c7fb8"))


def test_text_on_a_stage_colour_is_whichever_of_ink_white_or_black_reads():
    assert ink_on("#ffffff") == INK
    assert ink_on(STAGE_COLORS["en_uso"]) == "#ffffff"
    # white on habilitada's blue would be 4,2:1, under the minimum: black reads there
    assert contrast("#ffffff", STAGE_COLORS["habilitada"]) < MIN_CONTRAST
    assert ink_on(STAGE_COLORS["habilitada"]) == "#000000"
    for colour in STAGE_COLORS.values():
        assert contrast(ink_on(colour), colour) >= MIN_CONTRAST, colour


def test_every_text_of_every_figure_reads_over_what_is_behind_it(figures):
    for name, figure in figures.items():
        texts = texts_over_backgrounds(figure)
        assert len(texts) > 3, name
        poor = [
            (what, fg, bg, round(contrast(fg, bg), 2))
            for what, fg, bg in texts
            if contrast(fg, bg) < MIN_CONTRAST
        ]
        assert poor == [], name


def test_the_heatmap_writes_each_stage_in_its_cell_and_says_it_on_hover():
    figure = charts.stage_heatmap(CURRENT)
    (words,) = [t for t in figure.data if t.type == "scatter" and t.mode == "text"]
    written = dict(zip(zip(words.x, words.y, strict=True), words.text, strict=True))
    assert written[("DocDigital", "Iquique (Iquique)")] == STAGE_SHORT["en_uso"]
    assert written[("FirmaGob", "Valdivia (Valdivia)")] == STAGE_SHORT["no_aplica"]
    grid = figure.data[0]
    assert "%{text}" in grid.hovertemplate  # the stage's name, in the hover
    # each short form begins the way its stage's name in the legend does
    for stage in STAGES:
        first = STAGE_SHORT[stage].split()[0].rstrip(".").lower()
        assert stage_label(stage).lower().startswith(first), stage


def test_the_map_of_a_platform_says_each_comunas_stage_on_hover():
    geojson = geo.comunas_geojson(("14",))
    values, kind = analytics.map_measure(CURRENT, "docdigital")
    figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Etapa de DocDigital", kind)
    (valdivia,) = [t for t in figure.data if "14101" in t.locations]
    assert "Etapa de DocDigital: No iniciado" in valdivia.hovertemplate


def test_the_stage_bars_write_the_stage_on_each_part():
    figure = charts.stage_shares(CURRENT)
    for bar in figure.data:
        stage = next(s for s in STAGES if stage_label(s) == bar.name)
        assert bar.texttemplate.startswith(STAGE_SHORT[stage])


def _bundle() -> str:
    """The plotly.js that Streamlit ships to the browser."""
    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    (bundle,) = folder.glob("PlotlyChart*.js")
    return bundle.read_text(encoding="utf-8")


def test_every_spanish_word_for_plotly_replaces_a_text_plotly_js_really_shows():
    bundle = _bundle()
    missing = [
        key
        for key in charts.SPANISH_LOCALE["dictionary"]
        if not any(f"{q}{key}{q}" in bundle for q in "`'\"")
    ]
    assert missing == []  # a renamed text in a newer plotly.js: its override no longer applies


def test_every_toolbar_button_plotly_js_can_show_has_a_spanish_title():
    bundle = _bundle()
    titles = set(re.findall(r"title:function\(\w\)\{return \w+\(\w,`([^`]+)`\)", bundle))
    titles |= set(re.findall(r"\?\w+\(\w,`(Download plot[^`]*)`\):\w+\(\w,`([^`]+)`\)", bundle)[0])
    assert {"Zoom in", "Reset axes", "Download plot as a PNG", "Toggle Spike Lines"} <= titles
    dictionary = charts.SPANISH_LOCALE["dictionary"]
    assert sorted(titles - set(dictionary)) == []
    assert all((dictionary[t] and dictionary[t] != t) or t == "Zoom" for t in titles)


def test_every_figure_writes_decimal_commas_and_dates_as_in_chile(figures):
    for name, figure in figures.items():
        assert figure.layout.separators == ",.", name
        shown = str(figure.to_plotly_json())
        assert not ENGLISH_MONTHS.search(shown), name
        for axis in (figure.layout[k] for k in figure.layout if k.startswith("xaxis")):
            if axis.type == "date" or any(
                t.type == "scatter" and len(t.x) and isinstance(t.x[0], pd.Timestamp)
                for t in figure.data
            ):
                assert axis.tickformat == DAY, name
        for trace in figure.data:
            hover = getattr(trace, "hovertemplate", None) or ""
            if "%{x" in hover and axis.type == "date":
                assert f"%{{x|{DAY}}}" in hover, name


def test_a_grids_table_says_each_cell_in_words_with_the_rows_named():
    table = charts.figure_table(charts.stage_heatmap(CURRENT))
    assert list(table.columns) == ["Comuna", "DocDigital", "FirmaGob"]
    assert table.iloc[1].tolist() == ["Iquique (Iquique)", "En uso", "Habilitada"]


def test_a_panels_table_names_the_region_and_writes_shares_with_a_decimal_comma():
    figure = charts.stage_shares(CURRENT)
    table = charts.figure_table(figure)
    assert list(table.columns) == ["Plataforma", "No iniciado", "Habilitada", "En uso", "No aplica"]
    assert table.iloc[0].tolist() == ["DocDigital", "33,3 %", "33,3 %", "33,3 %", "0 %"]
    gaps = charts.figure_table(charts.gap_bars(analytics.shares(CURRENT)))
    assert list(gaps.columns) == ["Región", "Plataforma", "Habilitada o más", "En uso"]
    assert gaps.iloc[0].tolist() == ["Tarapacá", "DocDigital", "100 %", "50 %"]


def test_a_trends_table_has_a_row_per_cut_off_written_day_month_year():
    history = pd.concat(
        [CURRENT, CURRENT.assign(as_of=pd.Timestamp("2025-06-30"), stage="sin_iniciar")]
    )
    table = charts.figure_table(charts.trend_lines(analytics.trend(history), "docdigital"))
    assert table["Fecha de corte"].tolist() == ["30-06-2025", "30-09-2025"]
    assert table["Tarapacá · En uso"].tolist() == ["0 %", "50 %"]


def test_a_maps_table_lists_every_comuna_in_order_with_its_stage_in_words():
    geojson = geo.comunas_geojson(("14",))
    values, kind = analytics.map_measure(CURRENT, "docdigital")
    figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Etapa de DocDigital", kind)
    table = charts.figure_table(figure)
    assert list(table.columns) == ["Comuna", "Etapa de DocDigital"]
    assert table["Comuna"].tolist()[:2] == ["Corral", "Futrono"]
    assert table.set_index("Comuna").at["Valdivia", "Etapa de DocDigital"] == "No iniciado"
    assert table.set_index("Comuna").at["Corral", "Etapa de DocDigital"] == "Sin datos"


def test_every_figure_has_a_table_with_named_columns_and_no_english(figures):
    for name, figure in figures.items():
        table = charts.figure_table(figure)
        assert not table.empty, name
        assert all(isinstance(c, str) and c for c in table.columns), name
        words = " ".join(map(str, table.columns)) + " " + " ".join(table.astype(str).stack())
        assert not re.search(r"\b(nan|None|NaT|trace|series)\b", words), (name, words[:200])
        assert "<" not in words, name


def test_the_headlines_say_what_the_charts_show_in_spanish():
    from charts import headlines

    assert headlines.enabled_without_use(CURRENT[CURRENT["region_code"] == "01"], "Tarapacá") == (
        "2 de 2 comunas de Tarapacá tienen al menos una plataforma habilitada sin uso."
    )
    values, kind = analytics.map_measure(CURRENT, "docdigital")
    assert headlines.map_measure(values, kind, "Etapa de DocDigital", "Chile") == (
        "Etapa de DocDigital en Chile: no iniciado, 1 comuna; habilitada, 1 comuna; en uso, 1 comuna."
    )
    history = pd.concat(
        [CURRENT, CURRENT.assign(as_of=pd.Timestamp("2025-06-30"), stage="sin_iniciar")]
    )
    assert headlines.trend(analytics.trend(history), "docdigital") == (
        "Comunas con DocDigital en uso: en Tarapacá subió de 0 % a 50 % entre el 30-06-2025 y "
        "el 30-09-2025; en Los Ríos se mantuvo en 0 % entre el 30-06-2025 y el 30-09-2025."
    )
    iquique = history[history["comuna_code"] == "01101"]
    assert headlines.timeline(iquique) == (
        "Entre el 30-06-2025 y el 30-09-2025: DocDigital pasó de no iniciado a en uso; "
        "FirmaGob pasó de no iniciado a habilitada."
    )
    assert PLATFORMS  # the platforms are named in the contract's order
