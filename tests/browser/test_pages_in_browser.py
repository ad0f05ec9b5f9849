"""Every page opened in Chromium against the real server: charts drawn, no errors, screenshots saved."""

import re

import pytest

from tests.browser.conftest import screenshot

PAGES = [
    ("", "resumen", True),
    ("brechas", "brechas", True),
    ("mapa", "mapa", True),
    ("comuna?cut=09112", "comuna", True),
    ("evolucion", "evolucion", True),
    ("acompanamiento", "acompanamiento", True),
    ("carga", "carga", False),
    ("historial", "historial", False),
    ("definiciones", "definiciones", False),
]


def open_page(page, url: str, chart: bool) -> None:
    """Open a dashboard URL and wait until its title (and its first chart, if any) is drawn and
    its script has finished: on a busy machine the tables below the chart come later, and a key
    pressed meanwhile lands on a table still being drawn."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    if chart:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_timeout(500)


@pytest.mark.parametrize(("path", "name", "chart"), PAGES, ids=[p[1] for p in PAGES])
def test_every_page_renders_completely(server, page, path, name, chart):
    open_page(page, f"{server}/{path}", chart)
    assert page.locator('[data-testid="stException"]').count() == 0
    if chart:
        assert page.locator(".js-plotly-plot .main-svg").count() >= 1
    screenshot(page, name)


def test_filters_live_in_the_url(server, page):
    open_page(page, f"{server}/?region=Los+R%C3%ADos&plataforma=FirmaGob", chart=True)
    assert "Los Ríos" in page.locator('[data-testid="stMain"]').inner_text()
    assert "Tarapacá" not in page.locator('[data-testid="stMain"]').inner_text()


def test_clicking_a_comuna_on_the_map_opens_its_ficha(server, page):
    open_page(page, f"{server}/mapa?region=Los+R%C3%ADos", chart=True)
    area = page.locator(".js-plotly-plot .geo").first  # the map's SVG, its comunas as paths
    area.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)  # let the map draw its polygons
    area.scroll_into_view_if_needed()
    box = area.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/comuna\?cut=14\d{3}"), timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "mapa_clic_ficha")


BROKEN_WORDS = """() => [...document.querySelectorAll('[class*="st-key-etapa-"] h2')].flatMap((h) => {
  const broken = [];
  const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
})"""
"""The words of the ficha's stage cards that are split over two lines."""


@pytest.mark.parametrize("width", [1280, 1366, 1440])
def test_the_fichas_stage_cards_keep_each_word_whole(server, tabs, width):
    page = tabs.borrow({"width": width, "height": 800})
    open_page(page, f"{server}/comuna?cut=10104", chart=True)
    assert page.locator('[class*="st-key-etapa-"] h2').count() == 5
    assert page.evaluate(BROKEN_WORDS) == []
    if width == 1280:
        screenshot(page, "ficha_tarjetas_1280")
