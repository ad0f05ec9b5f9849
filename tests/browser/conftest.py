"""Browser tests: the real server on loopback and Debian's Chromium driven by Playwright."""

import os
from pathlib import Path

import pytest

from harness.dashboard import CHROMIUM, CHROMIUM_ARGS, ROOT, start_server
from harness.ports import free_port

SCREENSHOTS = ROOT / "screenshots"


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


@pytest.fixture
def page(browser):
    """A fresh browser page at a director's screen size."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="es-CL")
    page = context.new_page()
    yield page
    context.close()


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
    page.wait_for_timeout(2000)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def screenshot_path(name: str) -> Path:
    """Where a screenshot of this name goes, for tests that take it themselves."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
