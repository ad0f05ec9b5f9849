"""Presentation mode and the download controls, driven with AppTest on the sample data."""

import json
import re

import pytest

from tests.pages.conftest import page_text
from ui import controls, remote


def test_a_link_opens_straight_into_the_region_s_first_slide(app):
    at = app(modo="presentacion", region="La Araucanía")
    assert at.title[0].value == "Resumen de La Araucanía"
    assert at.header[0].value.startswith("En La Araucanía, ")
    assert "**1 / 6** · La Araucanía · Datos al 30-09-2025" in page_text(at)
    assert not at.info, "no banner in the way of the slide"


def test_next_and_previous_move_through_the_six_slides(app):
    at = app(modo="presentacion", region="Los Ríos")
    titles = [at.title[0].value]
    for _ in range(5):
        at.button(key="siguiente").click().run()
        titles.append(at.title[0].value)
    assert titles == [
        "Resumen de Los Ríos",
        "Brechas por plataforma",
        "Mapa de adopción",
        "Comunas prioritarias",
        "Evolución del uso",
        "Acompañamiento",
    ]
    assert at.query_params["diapositiva"] == "6"
    assert at.button(key="siguiente").disabled
    at.button(key="anterior").click().run()
    assert at.title[0].value == "Evolución del uso"


def test_the_accompaniment_slide_says_where_trainings_are_not_yet_used(app):
    at = app(modo="presentacion", region="Los Ríos", diapositiva="6")
    assert at.title[0].value == "Acompañamiento"
    assert re.match(
        r"^(En Los Ríos, \d+ comunas? recibi(ó|eron) capacitación técnica en \S+ hace al menos "
        r"60 días y aún no la usan?\.|Ninguna comuna de la región recibió)",
        at.header[0].value,
    )


def test_a_slide_number_out_of_range_shows_the_nearest_slide(app):
    assert app(modo="presentacion", diapositiva="9").title[0].value == "Acompañamiento"
    assert app(modo="presentacion", diapositiva="x").title[0].value.startswith("Resumen de")


def test_leaving_presentation_mode_clears_it_from_the_url(app):
    at = app(modo="presentacion", diapositiva="3", pantalla="1920x1080")
    at.button(key="salir").click().run()
    # AppTest keeps handing later runs the parameters it started with, so the dashboard coming
    # back is checked in the browser (tests/browser/test_presentation.py)
    assert not {"modo", "diapositiva", "pantalla"} & set(at.query_params)


def test_presentation_of_an_empty_store_says_there_is_no_data(empty_store, app):
    at = app(modo="presentacion")
    assert not at.exception
    assert "Todavía no hay datos de Tarapacá" in at.header[0].value


def test_every_chart_and_the_sidebar_offer_their_downloads(app):
    keys = {b.key for b in app().get("download_button")}
    assert {"brecha-png", "brecha-svg"} <= keys  # the Resumen chart
    assert {"datos-xlsx", "datos-csv", "informe-pptx", "informe-pdf"} <= keys


def test_the_region_to_present_is_read_from_the_url(app):
    at = app(modo="presentacion", region_presentacion="Los Ríos")
    assert at.selectbox(key="region_presentacion").value == "14"
    assert at.title[0].value == "Resumen de Los Ríos"


def test_every_slide_keeps_to_the_platforms_chosen_in_the_url(app):
    at = app(modo="presentacion", region="Los Ríos", plataforma="DocDigital", diapositiva="2")
    assert at.title[0].value == "Brechas por plataforma"
    (chart,) = at.get("plotly_chart")
    drawn = {y for trace in json.loads(chart.proto.spec)["data"] for y in trace["y"]}
    assert drawn == {"DocDigital"}
    assert "· DocDigital · datos de ejemplo" in page_text(at)
    at.button(key="anterior").click().run()
    assert "DocDigital" in at.header[0].value
    assert not {"FirmaGob", "ClaveÚnica", "CPAT", "PISEE"} & set(at.header[0].value.split())


def test_the_presenter_chooses_the_slides_and_their_order_in_the_url(app):
    at = app(
        modo="presentacion",
        region="Los Ríos",
        diapositivas=["Mapa de adopción", "Resumen", "Evolución del uso"],
    )
    titles = [at.title[0].value]
    for _ in range(2):
        at.button(key="siguiente").click().run()
        titles.append(at.title[0].value)
    assert titles == ["Mapa de adopción", "Resumen de Los Ríos", "Evolución del uso"]
    assert "**3 / 3**" in page_text(at)
    assert at.button(key="siguiente").disabled


def test_choosing_other_slides_starts_again_from_the_first(app):
    at = app(modo="presentacion", region="Los Ríos", diapositiva="4")
    at.multiselect(key="diapositivas").set_value(["evolucion", "brechas"]).run()
    assert at.title[0].value == "Evolución del uso"
    assert at.query_params["diapositiva"] == "1"
    assert "**1 / 2**" in page_text(at)


def test_with_no_slide_chosen_the_presenter_is_told_to_choose_one(app):
    at = app(modo="presentacion", region="Los Ríos")
    at.multiselect(key="diapositivas").set_value([]).run()
    assert not at.exception
    assert at.header[0].value == "Elija al menos una diapositiva en «Diapositivas»."


def test_evolution_at_a_single_cut_off_is_a_sentence_not_a_chart(app):
    at = app(modo="presentacion", region="Los Ríos", corte="31-03-2025", diapositiva="5")
    assert at.title[0].value == "Evolución del uso"
    assert at.header[0].value == (
        "Hasta el 31-03-2025, Los Ríos tiene una sola fecha de corte: la evolución del uso se "
        "verá con la segunda."
    )
    assert not at.get("plotly_chart")


@pytest.mark.parametrize(
    ("move", "number", "expected"),
    [
        ("siguiente", 2, 3),
        ("siguiente", 6, 6),
        ("anterior", 2, 1),
        ("anterior", 1, 1),
        ("primera", 4, 1),
        ("ultima", 2, 6),
        (None, 4, 4),
    ],
)
def test_a_key_of_the_remote_moves_within_the_slides(move, number, expected):
    assert controls.moved(number, move, 6) == expected


def test_every_key_a_clicker_sends_moves_the_slides():
    assert remote.KEYS == {
        "ArrowRight": "siguiente",
        "PageDown": "siguiente",
        " ": "siguiente",
        "ArrowLeft": "anterior",
        "PageUp": "anterior",
        "Home": "primera",
        "End": "ultima",
    }
    assert set(remote.KEYS.values()) <= {"siguiente", "anterior", "primera", "ultima"}
