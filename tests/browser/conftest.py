"""Browser tests: the real server on loopback and Debian's Chromium driven by Playwright."""

import os
from pathlib import Path

import pytest

from harness.dashboard import CHROMIUM, CHROMIUM_ARGS, ROOT, start_server
from harness.ports import free_port

SCREENSHOTS = ROOT / "screenshots"
DIRECTOR = {"width": 1440, "height": 900}
DEFAULT_TIMEOUT_MS = 30_000  # Playwright's own default, given back to each test

FORGET = """() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }"""
"""Forget what the dashboard's origin keeps in the browser (Streamlit keeps its theme there)."""

SETTLED = """async () => {
  const sizes = () => JSON.stringify([...document.querySelectorAll(
      '[data-testid=stMain], [data-testid=stAppViewContainer], .js-plotly-plot .main-svg')]
    .map((e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }));
  let last = sizes();
  for (let still = 0, tries = 0; still < 4 && tries < 60; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = sizes();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}"""
"""Wait until the page and its charts keep their size for 0.4 s (at most 6 s): plotly redraws a
chart for a new screen a moment after the resize."""


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: in CI the browser tests must run")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The base URL of a dashboard server seeded with the sample trackers."""
    port = free_port()
    process = start_server(tmp_path_factory.mktemp("browser-store"), port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        _missing("Chromium no está instalado (paquete Debian chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("falta el paquete playwright")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tabs:
    """One browser tab per language, kept open from test to test: a page loaded again in the same
    tab takes a fraction of a first load in a fresh context (Streamlit's and plotly's scripts stay
    compiled). Each test that borrows it gets it with cookies and stored data forgotten, at the
    screen size it asks for; a test that needs a browser of its own (a login, two people at once,
    the network cut) still opens its own context."""

    def __init__(self, browser):
        self.browser = browser
        self.pages = {}

    def borrow(self, viewport: dict, locale: str = "es-CL"):
        """The tab for this language at this screen size, as a new visitor would find it."""
        page = self.pages.get(locale)
        if page is None or page.is_closed():
            context = self.browser.new_context(viewport=viewport, locale=locale)
            page = self.pages[locale] = context.new_page()
        else:
            if page.url.startswith("http"):
                page.evaluate(FORGET)
            page.context.clear_cookies()
            page.set_viewport_size(viewport)
        page.set_default_timeout(DEFAULT_TIMEOUT_MS)
        return page

    def close(self) -> None:
        """Close every tab's context."""
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="session")
def tabs(browser):
    """The tabs this test session's browser keeps open, one per language."""
    kept = Tabs(browser)
    yield kept
    kept.close()


@pytest.fixture
def page(tabs):
    """A page at a director's screen size, as a new visitor finds it."""
    return tabs.borrow(DIRECTOR)


def screenshot(page, name: str) -> Path:
    """Save a screenshot of the whole page under screenshots/ and return its path.

    Streamlit scrolls inside its main container, not the document, so the viewport is first
    stretched to the container's height (and set back afterwards)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stAppViewContainer]')].map(e => e.scrollHeight), window.innerHeight)"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height), 8000)})
    page.evaluate(SETTLED)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def screenshot_path(name: str) -> Path:
    """Where a screenshot of this name goes, for tests that take it themselves."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
