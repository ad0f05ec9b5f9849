"""Offline: with every request beyond loopback blocked, every page still renders completely."""

import re

import pytest

from tests.browser.test_pages_in_browser import PAGES, open_page

BEYOND_LOOPBACK = re.compile(
    r"^(?!(?:data|blob):)(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/]|$))"
)
"""Any address but loopback's (and those written into the page itself). Matched by Playwright itself: only these requests reach the test,
not the hundreds of scripts each page loads from the dashboard."""


@pytest.fixture
def offline_page(browser):
    """A page whose requests to anywhere but loopback fail, and the list of those it tried."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="es-CL")
    tried: list[str] = []

    def guard(route):
        tried.append(route.request.url)
        route.abort("internetdisconnected")

    context.route(BEYOND_LOOPBACK, guard)
    page = context.new_page()
    yield page, tried
    context.close()


def test_every_page_renders_without_the_internet_and_asks_nothing_of_it(server, offline_page):
    page, tried = offline_page
    for path, _, chart in [*PAGES, ("?modo=presentacion&diapositiva=3", "presentacion", True)]:
        open_page(page, f"{server}/{path}", chart)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        if chart:
            assert page.locator(".js-plotly-plot .main-svg").count() >= 1, path
    assert tried == [], f"pages asked for outside resources: {tried}"


@pytest.mark.parametrize(
    ("url", "outside"),
    [
        ("http://127.0.0.1:8501/static/js/index.js", False),
        ("ws://localhost:8501/_stcore/stream", False),
        ("http://[::1]:8501/", False),
        ("data:application/json,{}", False),
        ("blob:http://127.0.0.1:8501/5f1c", False),
        ("https://cdn.plot.ly/world_110m.json", True),
        ("https://fonts.gstatic.com/s/sourcesans.woff2", True),
        ("http://127.0.0.1.example.com/", True),
        ("http://localhost.example.com/", True),
    ],
)
def test_only_addresses_beyond_loopback_are_blocked(url, outside):
    assert bool(BEYOND_LOOPBACK.match(url)) is outside


def test_a_request_beyond_loopback_is_caught(server, offline_page):
    page, tried = offline_page
    open_page(page, f"{server}/definiciones", False)
    page.evaluate("() => fetch('https://ejemplo.invalid/mapa.json').catch(() => null)")
    assert tried == ["https://ejemplo.invalid/mapa.json"]
