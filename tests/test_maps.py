"""The Mapa's figure: every comuna drawn, «Sin datos» in grey, names on request, no base map, the
wheel left to the page."""

import json
import urllib.parse

import pandas as pd
import pytest
import shapely

import analytics
import charts
import geo
import images
from charts.maps import NO_DATA, NO_DATA_COLOR
from loaders.gazetteer import gazetteer
from settings import load_settings
from tests.test_charts import CURRENT, frame

REGIONS = sorted(gazetteer().comunas["region_code"].unique())
IN_SCOPE = load_settings({}).regions


def drawn(figure) -> list[str]:
    """The comunas the figure fills, one entry per polygon drawn (the outline of a highlighted
    comuna is not a fill)."""
    return [
        code
        for trace in figure.data
        if trace.type == "choropleth" and trace.hoverinfo != "skip"
        for code in trace.locations
    ]


def no_data_trace(figure):
    """The «Sin datos» layer of a map."""
    (trace,) = [t for t in figure.data if t.name == NO_DATA]
    return trace


@pytest.mark.parametrize("region", REGIONS)
def test_every_comuna_of_every_region_has_a_polygon_drawn_clockwise(region):
    comunas = set(gazetteer().comunas.query("region_code == @region")["comuna_code"])
    features = geo.comunas_geojson((region,))["features"]
    assert {f["properties"]["comuna_code"] for f in features} == comunas
    shapes = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    assert set(shapely.get_type_id(shapes)) <= {3, 6}  # Polygon, MultiPolygon
    assert (shapely.area(shapes) > 0).all()
    # d3 fills the inside of a clockwise ring; a counter-clockwise one would fill the world
    exteriors = shapely.get_exterior_ring(shapely.get_parts(shapes))
    assert not shapely.is_ccw(exteriors).any()
    labels = shapely.points(
        [(f["properties"]["label_lon"], f["properties"]["label_lat"]) for f in features]
    )
    assert (shapely.distance(shapes, labels) < 1e-3).all()  # each name is written on its comuna
    boxes = [f["bbox"] for f in features]
    assert boxes == [[round(v, 4) for v in shapely.bounds(s)] for s in shapes]


@pytest.mark.parametrize("region", IN_SCOPE)
@pytest.mark.parametrize("kind", ["indice", "stage"])
def test_a_region_without_data_is_drawn_whole_in_sin_datos(region, kind):
    geojson = geo.comunas_geojson((region,))
    empty = pd.DataFrame({"comuna_code": [], "comuna": [], "value": []})
    figure = charts.choropleth(empty, geojson, geo.map_view(geojson), "Medida", kind)
    assert sorted(drawn(figure)) == sorted(
        f["properties"]["comuna_code"] for f in geojson["features"]
    )
    assert len(no_data_trace(figure).locations) == len(geojson["features"])


def test_a_comuna_with_only_an_own_solution_has_no_index_and_is_drawn_sin_datos():
    # Temuco's FirmaGob is a solución propia: off the scale, so with FirmaGob alone it has no
    # index; left out of the figure it showed as a white hole in La Araucanía
    current = frame(
        [
            ("09101", "Temuco", "firmagob", "alternativa", "2025-09-30"),
            ("09112", "Padre Las Casas", "firmagob", "en_uso", "2025-09-30"),
        ]
    )
    current["region_code"], current["region"] = "09", "La Araucanía"
    values, kind = analytics.map_measure(current, "indice")
    assert values.set_index("comuna_code")["value"].isna().to_dict() == {
        "09101": True,
        "09112": False,
    }
    geojson = geo.comunas_geojson(("09",))
    figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Índice", kind)
    assert drawn(figure).count("09101") == 1
    assert "09101" in no_data_trace(figure).locations
    assert "09112" not in no_data_trace(figure).locations


def test_sin_datos_is_a_grey_with_its_own_legend_entry_on_every_kind_of_map():
    geojson = geo.comunas_geojson(("14",))
    rows = CURRENT[CURRENT["region_code"] == "14"]
    for measure in ("indice", "brecha", "docdigital"):
        values, kind = analytics.map_measure(rows, measure)
        figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Medida", kind)
        trace = no_data_trace(figure)
        assert trace.showlegend is True
        assert {colour for _, colour in trace.colorscale} == {NO_DATA_COLOR}
        assert len(trace.locations) == 11  # Los Ríos has 12 comunas; only Valdivia has data
        assert "sin datos" in trace.hovertemplate
    assert NO_DATA_COLOR not in charts.STAGE_COLORS.values()


def test_a_stage_map_colours_each_comuna_by_its_stage_and_the_brecha_as_a_percentage():
    geojson = geo.comunas_geojson(("14",))
    rows = CURRENT[CURRENT["region_code"] == "14"]
    values, kind = analytics.map_measure(rows, "docdigital")
    stage = charts.choropleth(values, geojson, geo.map_view(geojson), "Etapa", kind)
    (valdivia,) = [t for t in stage.data if t.name == "No iniciado"]
    assert list(valdivia.locations) == ["14101"]
    assert {c for _, c in valdivia.colorscale} == {charts.STAGE_COLORS["sin_iniciar"]}
    values, kind = analytics.map_measure(rows, "brecha")
    brecha = charts.choropleth(values, geojson, geo.map_view(geojson), "Brecha", kind)
    scale = brecha.data[0]
    assert list(scale.locations) == ["14101"] and list(scale.z) == [0.0]
    assert (scale.zmin, scale.zmax, scale.colorbar.ticksuffix) == (0, 100, " %")


def test_names_are_written_on_the_map_only_when_asked_for():
    geojson = geo.comunas_geojson(("14",))
    values, kind = analytics.map_measure(CURRENT, "indice")
    view = geo.map_view(geojson)
    plain = charts.choropleth(values, geojson, view, "Índice", kind)
    named = charts.choropleth(values, geojson, view, "Índice", kind, names=True)
    assert not [t for t in plain.data if t.type == "scattergeo"]
    (labels,) = [t for t in named.data if t.type == "scattergeo"]
    assert labels.mode == "text" and labels.hoverinfo == "skip"
    assert sorted(labels.text) == sorted(f["properties"]["comuna"] for f in geojson["features"])
    assert "Valdivia" in labels.text and "Panguipulli" in labels.text


def test_a_comuna_looked_for_is_outlined_and_brought_into_view():
    geojson = geo.comunas_geojson(("14",))
    values, kind = analytics.map_measure(CURRENT, "indice")
    whole = geo.map_view(geojson)
    focused = geo.map_view(geojson, "14101")
    figure = charts.choropleth(values, geojson, focused, "Índice", kind, highlight="14101")
    (outline,) = [t for t in figure.data if t.hoverinfo == "skip" and t.type == "choropleth"]
    assert list(outline.locations) == ["14101"] and outline.marker.line.width > 1
    west, south, east, north = shapely.geometry.shape(geojson["features"][0]["geometry"]).bounds
    assert focused["lon_range"][0] < west and east < focused["lon_range"][1]
    assert focused["lat_range"][0] < south and north < focused["lat_range"][1]
    assert (
        focused["lon_range"][1] - focused["lon_range"][0]
        < whole["lon_range"][1] - whole["lon_range"][0]
    )
    assert list(figure.layout.geo.lonaxis.range) == focused["lon_range"]
    assert drawn(figure).count("14101") == 1  # the outline is drawn over it, not as a second fill


def test_the_map_fetches_nothing_and_leaves_the_wheel_to_the_page():
    geojson = geo.comunas_geojson(("14",))
    values, kind = analytics.map_measure(CURRENT, "indice")
    figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Índice", kind, names=True)
    assert "http" not in figure.to_json()  # no tiles, glyphs nor base map
    assert figure.layout.geo.visible is False
    config = charts.PLOTLY_CONFIG
    assert config["scrollZoom"] is False
    assert config["topojsonURL"].startswith("data:application/json,")
    topology = json.loads(urllib.parse.unquote(config["topojsonURL"].split(",", 1)[1].rstrip("#")))
    assert topology == {"type": "Topology", "objects": {}, "arcs": []}


def test_the_legend_sits_under_the_map_and_the_colour_bar_below_the_toolbar():
    geojson = geo.comunas_geojson(("14",))
    values, kind = analytics.map_measure(CURRENT, "indice")
    figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Índice", kind)
    legend = figure.layout.legend
    assert (legend.orientation, legend.y, legend.yanchor) == ("h", 0, "top")
    bar = figure.data[0].colorbar
    assert bar.len < 1  # centred beside the map, clear of the toolbar in the top margin
    assert figure.layout.margin.t >= 40


@pytest.mark.skipif(not images.available(), reason="Chromium no está instalado")
def test_the_map_is_drawn_as_an_image_without_the_internet(monkeypatch):
    monkeypatch.setattr(images, "renderer", images.kaleido_render)
    geojson = geo.comunas_geojson(("14",))
    values, kind = analytics.map_measure(CURRENT, "indice")
    figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Índice", kind, names=True)
    png = images.render(figure, "png", size=(640, 480), scale=1)
    assert png.startswith(b"\x89PNG")
