"""The presentation's deck: the slides a presenter chooses, the platforms kept, a single cut-off."""

import datetime as dt

import pytest

import charts
import images
import slides
from reports.layout import CHART_SIZE, Picture, document
from settings import load_settings
from store import Store, seed_samples
from tests.conftest import stub_image

FIRST_CUT_OFF = dt.date(2025, 3, 31)  # the samples' oldest cut-off of Los Ríos


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
def history(sample_store):
    return sample_store.history()


@pytest.fixture(scope="module")
def activities(sample_store):
    return sample_store.activities()


def test_the_chosen_slides_come_in_the_order_chosen_without_repeats(history, activities):
    deck = slides.deck(history, activities, "14")
    chosen = deck.chosen(["mapa", "resumen", "mapa", "evolucion"])
    assert [s.key for s in chosen] == ["mapa", "resumen", "evolucion"]


def test_a_chosen_slide_the_deck_lacks_is_left_out(history, activities):
    deck = slides.deck(history, activities.iloc[0:0], "14")  # no activities: no Acompañamiento
    assert [s.key for s in deck.chosen(["acompanamiento", "brechas"])] == ["brechas"]


def test_every_slide_name_a_presenter_chooses_by_is_a_slide_of_the_full_deck(history, activities):
    deck = slides.deck(history, activities, "14")
    assert [s.key for s in deck.slides] == list(slides.SLIDES)
    assert [s.title for s in deck.slides[1:]] == list(slides.SLIDES.values())[1:]


def test_the_slides_keep_to_the_chosen_platforms(history, activities):
    deck = slides.deck(history, activities, "14", platforms=("docdigital", "claveunica"))
    gaps = next(s for s in deck.slides if s.key == "brechas")
    assert {y for trace in gaps.figure.data for y in trace.y} == {"DocDigital", "ClaveÚnica"}
    accompaniment = next(s for s in deck.slides if s.key == "acompanamiento")
    steps = {y for trace in accompaniment.figure.data for y in trace.y}
    assert "Capacitación técnica DocDigital" in steps
    assert not {"Capacitación técnica FirmaGob", "Capacitación técnica CPAT"} & steps
    summary = deck.slides[0].headline
    assert not {"FirmaGob", "CPAT", "PISEE"} & set(summary.replace(",", " ").split())


def test_evolution_at_a_single_cut_off_says_so_instead_of_drawing(history, activities):
    deck = slides.deck(history, activities, "14", FIRST_CUT_OFF)
    evolution = next(s for s in deck.slides if s.key == "evolucion")
    assert evolution.figure is None
    assert evolution.headline == (
        "Hasta el 31-03-2025, Los Ríos tiene una sola fecha de corte: la evolución del uso se "
        "verá con la segunda."
    )


def test_evolution_over_several_cut_offs_draws_them(history, activities):
    evolution = next(
        s for s in slides.deck(history, activities, "14").slides if s.key == "evolucion"
    )
    assert evolution.figure is not None
    assert evolution.headline.startswith("Entre el 31-03-2025 y el 30-09-2025")


def test_the_informe_page_of_a_slide_without_chart_has_its_headline_and_no_picture(
    history, activities, monkeypatch
):
    monkeypatch.setattr(images, "renderer", stub_image)
    deck = slides.deck(history, activities, "14", FIRST_CUT_OFF)
    pages = {page.title.paragraphs[0].text: page for page in document(deck).pages[1:]}
    evolution = pages["Evolución del uso"]
    assert not [e for e in evolution.elements if isinstance(e, Picture)]
    assert any(
        p.text.startswith("Hasta el 31-03-2025") for e in evolution.elements for p in e.paragraphs
    )
    assert all(
        any(isinstance(e, Picture) for e in page.elements)
        for title, page in pages.items()
        if title != "Evolución del uso"
    )


def test_a_slide_s_footnote_under_its_chart_gets_room_for_its_line(history, activities):
    deck = slides.deck(history, activities, "14")
    priorities = next(s for s in deck.slides if s.key == "prioritarias")
    big = charts.presented(priorities.figure, CHART_SIZE)
    (note,) = big.layout.annotations
    assert note.text.startswith("Primeras 8 de")
    assert big.layout.margin.b >= 1.5 * note.font.size, "the picture's edge cuts the footnote"
