"""The Mapa page keeps its view in the URL and brings it back after a visit to a ficha."""

import json

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import page_text


def map_figure(at: AppTest) -> dict:
    """The map as the page handed it to the browser."""
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_a_link_with_region_and_measure_opens_that_map(app):
    at = app("pages/mapa.py", medida="Brecha de uso", region_mapa="Los Lagos", nombres="true")
    assert at.selectbox(key="medida").value == "brecha"
    assert at.get("button_group")[0].value == "10"
    assert at.toggle(key="nombres").value is True
    drawn = {c for t in map_figure(at)["data"] if t["type"] == "choropleth" for c in t["locations"]}
    assert drawn and {c[:2] for c in drawn} == {"10"}


def test_a_comuna_looked_for_is_outlined_and_linked_to_its_ficha(app):
    at = app("pages/mapa.py", region_mapa="La Araucanía")
    at.selectbox(key="comuna").set_value("09101").run()
    assert not at.exception
    outline = [
        t
        for t in map_figure(at)["data"]
        if t.get("hoverinfo") == "skip" and t["type"] == "choropleth"
    ]
    assert [t["locations"] for t in outline] == [["09101"]]
    (link,) = at.get("page_link")
    assert link.proto.label == "Abrir la ficha de Temuco"
    assert (link.proto.page, link.proto.query_string) == ("comuna", "cut=09101")


def test_back_from_a_ficha_returns_to_the_map_that_was_left(app):
    at = app("pages/mapa.py", medida="Brecha de uso", region_mapa="Los Lagos")
    at.session_state["mapa_dejado"] = {"medida": "brecha", "region_mapa": "10"}
    # the URL the browser's back button returns to after a click on a comuna
    at.query_params.clear()
    at.query_params["cut"] = "10101"
    at.selectbox(key="medida").set_value("indice")
    at.run()
    assert not at.exception
    assert "cut" not in at.query_params
    assert at.selectbox(key="medida").value == "brecha"
    assert at.get("button_group")[0].value == "10"
    assert "Mapa de adopción" in page_text(at)
