"""The Mapa in a real browser: its link reopens the same map, the wheel scrolls the page, a click
opens the ficha at its top and back returns, every comuna is drawn, legend and toolbar apart."""

import contextlib
import re

import pytest

from tests.browser.conftest import screenshot

LOS_LAGOS_BRECHA = "mapa?medida=Brecha+de+uso&region_mapa=Los+Lagos"
# With FirmaGob alone, Temuco (whose FirmaGob is a solución propia) has no index: «Sin datos»
ARAUCANIA_FIRMAGOB = "mapa?plataforma=FirmaGob&region_mapa=La+Araucan%C3%ADa"
SIZES = [(1366, 768), (1920, 1080)]


def open_map(page, url: str) -> None:
    """Open a map URL and wait until its comunas are drawn."""
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=60_000)
    page.wait_for_timeout(1000)


def main_scroll(page) -> float:
    """How far the page's main container is scrolled (Streamlit scrolls it, not the document)."""
    return page.locator('[data-testid="stMain"]').evaluate("e => e.scrollTop")


def chosen_region(page) -> str:
    """The region the map's segmented control shows as chosen."""
    return page.locator('[data-testid="stMain"] [role="radio"][aria-checked="true"]').inner_text()


def measure_shown(page) -> str:
    """The measure the map's selectbox shows."""
    return (
        page.locator('[data-testid="stMain"]').get_by_role("combobox", name="Medida").input_value()
    )


def overlap(a: dict, b: dict) -> bool:
    """Whether two bounding boxes intersect."""
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_a_map_link_reopens_the_same_region_and_measure(server, page):
    open_map(page, f"{server}/{LOS_LAGOS_BRECHA}")
    assert chosen_region(page) == "Los Lagos"
    assert measure_shown(page) == "Brecha de uso"
    assert page.locator(".js-plotly-plot .cbtitle").text_content() == "Brecha de uso"
    assert page.locator(".js-plotly-plot .choroplethlocation").count() == 30  # Los Lagos
    page.get_by_role("radio", name="La Araucanía", exact=True).click()
    page.wait_for_url(re.compile(r"region_mapa=La\+Araucan"), timeout=30_000)
    assert "medida=Brecha+de+uso" in page.url


def test_the_wheel_over_the_map_scrolls_the_page_and_does_not_zoom(server, page):
    open_map(page, f"{server}/{LOS_LAGOS_BRECHA}")
    comuna = page.locator(".js-plotly-plot .choroplethlocation").first
    width = comuna.bounding_box()["width"]
    plot = page.locator(".js-plotly-plot .geo").first.bounding_box()
    page.mouse.move(plot["x"] + plot["width"] / 2, plot["y"] + min(plot["height"] / 2, 200))
    before = main_scroll(page)
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(800)
    assert main_scroll(page) > before
    assert comuna.bounding_box()["width"] == pytest.approx(width, abs=0.5)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_click_opens_the_ficha_at_its_title_and_back_returns_to_the_map(
    server, tabs, width, height
):
    page = tabs.borrow({"width": width, "height": height})
    open_map(page, f"{server}/{LOS_LAGOS_BRECHA}")
    page.locator('[data-testid="stMain"]').evaluate("e => e.scrollTo(0, e.scrollHeight)")
    page.wait_for_timeout(500)
    box = page.locator(".js-plotly-plot .choroplethlocation").nth(3).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/comuna\?cut=10\d{3}"), timeout=30_000)
    title = page.locator('[data-testid="stMain"] h1').first
    title.wait_for(timeout=60_000)
    # the map's page is replaced while the ficha draws: its scroll settles once the map is gone
    on_screen = """h => { const box = document.querySelector('[data-testid=stMain] h1')
        .getBoundingClientRect(); return box.top >= 0 && box.bottom <= h; }"""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):  # the assertion below says where it stayed
        page.wait_for_function(on_screen, arg=height, timeout=15_000)
    top = title.bounding_box()
    assert top["y"] >= 0 and top["y"] + top["height"] <= height, (
        f"the ficha's title is off screen: {top}"
    )
    assert "Los Lagos" in title.inner_text()
    screenshot(page, f"mapa_ficha_{width}x{height}")
    page.go_back()
    page.wait_for_url(re.compile(r"region_mapa=Los\+Lagos"), timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=60_000)
    assert "medida=Brecha+de+uso" in page.url and "cut=" not in page.url
    assert chosen_region(page) == "Los Lagos"
    assert measure_shown(page) == "Brecha de uso"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_comuna_is_drawn_and_legend_colour_bar_and_toolbar_keep_apart(
    server, tabs, width, height
):
    page = tabs.borrow({"width": width, "height": height})
    open_map(page, f"{server}/{ARAUCANIA_FIRMAGOB}&nombres=true")
    plot = page.locator(".js-plotly-plot .geo").first.bounding_box()
    comunas = page.locator(".js-plotly-plot .choroplethlocation")
    assert comunas.count() == 32  # every comuna of La Araucanía, Temuco included
    for box in (comunas.nth(i).bounding_box() for i in range(comunas.count())):
        # a ring wound the wrong way round fills the whole frame instead of the comuna
        assert box["width"] < plot["width"] / 2 and box["height"] < plot["height"] / 2
    fills = comunas.evaluate_all("paths => paths.map(p => getComputedStyle(p).fill)")
    assert "rgb(217, 222, 228)" in fills  # the grey of «Sin datos»
    assert page.locator(".js-plotly-plot .legend").text_content().strip() == "Sin datos"
    # Temuco has no index with FirmaGob alone (a solución propia): its name is written on
    # it, and what lies under its name is Temuco, «sin datos»
    name = page.locator(".js-plotly-plot text").filter(has_text=re.compile("^Temuco$"))
    name.scroll_into_view_if_needed()
    box = name.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(500)
    said = page.locator(".js-plotly-plot .hoverlayer").text_content()
    assert "Temuco" in said and "sin datos" in said
    plot = page.locator(".js-plotly-plot .geo").first.bounding_box()
    page.mouse.move(plot["x"] + plot["width"] / 2, plot["y"] + 10)
    toolbar = page.locator(".js-plotly-plot .modebar").first.bounding_box()
    legend = page.locator(".js-plotly-plot .legend").first.bounding_box()
    colour_bar = page.locator(".js-plotly-plot .colorbar").first.bounding_box()
    assert not overlap(legend, toolbar)
    assert not overlap(colour_bar, toolbar)
    assert not overlap(legend, colour_bar)
    screenshot(page, f"mapa_nombres_{width}x{height}")
