"""Presentation mode and the download controls, driven with AppTest on the sample data."""

import re

from tests.pages.conftest import page_text


def test_a_link_opens_straight_into_the_region_s_first_slide(app):
    at = app(modo="presentacion", region="La Araucanía")
    assert at.title[0].value == "Resumen de La Araucanía"
    assert at.subheader[0].value.startswith("En La Araucanía, ")
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
        at.subheader[0].value,
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
    assert "Todavía no hay datos de Tarapacá" in at.subheader[0].value


def test_every_chart_and_the_sidebar_offer_their_downloads(app):
    keys = {b.key for b in app().get("download_button")}
    assert {"brecha-png", "brecha-svg"} <= keys  # the Resumen chart
    assert {"datos-xlsx", "datos-csv", "informe-pptx", "informe-pdf"} <= keys
