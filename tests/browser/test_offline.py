"""Offline: every browser test runs with the internet cut (tests/browser/conftest.py); here, that
the cut blocks exactly what lies beyond loopback, and that a request beyond it is caught."""

import pytest

from tests.browser.conftest import BEYOND_LOOPBACK
from tests.browser.test_pages_in_browser import open_page


@pytest.fixture
def offline_page(browser):
    """A page of its own whose requests to anywhere but loopback fail, and the list of those it
    tried (the shared tabs would count this test's request against it)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="es-CL")
    tried: list[str] = []

    def guard(route):
        tried.append(route.request.url)
        route.abort("internetdisconnected")

    context.route(BEYOND_LOOPBACK, guard)
    page = context.new_page()
    yield page, tried
    context.close()


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


def test_the_presentation_renders_without_the_internet(server, page):
    open_page(page, f"{server}/?modo=presentacion&diapositiva=3", True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".js-plotly-plot .main-svg").count() >= 1
