"""Offline: with every request beyond loopback blocked, every page still renders completely."""

from urllib.parse import urlparse

import pytest

from tests.browser.test_pages_in_browser import PAGES, open_page

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture
def offline_page(browser):
    """A page whose requests to anywhere but loopback fail, and the list of those it tried."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="es-CL")
    tried: list[str] = []

    def guard(route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            tried.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", guard)
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
