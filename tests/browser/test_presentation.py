"""Presentation mode in Chromium at a projector's sizes: every slide fills the screen by itself,
with its headline, and nothing scrolls."""

import pytest

from tests.browser.conftest import screenshot_path

SCREENS = [(1280, 720), (1920, 1080)]
REGION = "La+Araucan%C3%ADa"


def overflow(page) -> dict:
    """How far the document and Streamlit's scrolling main area run past the screen, in px."""
    return page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const doc = document.scrollingElement;
            return {document: doc.scrollHeight - doc.clientHeight,
                    documentWidth: doc.scrollWidth - doc.clientWidth,
                    main: main.scrollHeight - main.clientHeight};
        }"""
    )


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=["720p", "1080p"])
def test_every_slide_fits_the_screen_with_its_headline_and_chart(tabs, server, width, height):
    page = tabs.borrow({"width": width, "height": height})
    for number in range(1, 7):  # five slides and the accompaniment's
        url = f"{server}/?modo=presentacion&region={REGION}&diapositiva={number}"
        page.goto(url)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        main = page.locator('[data-testid="stMain"]')
        # drawn once its page number (under the chart) is there and the script has finished,
        # however long a busy machine takes
        main.get_by_text(f"{number} / 6").wait_for(timeout=60_000)
        page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=60_000)
        assert page.locator('[data-testid="stSidebar"]').is_hidden()
        assert f"{number} / 6" in main.inner_text()
        headline = main.locator("h2").first
        assert headline.is_visible() and len(headline.inner_text()) > 20
        box = headline.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height
        chart = main.locator(".js-plotly-plot").first.bounding_box()
        assert chart["y"] + chart["height"] <= height, "the chart runs below the screen"
        if number != 4:  # the priorities' table is as tall as its rows
            assert chart["height"] > 0.7 * height, "the chart leaves most of the screen empty"
        buttons = main.get_by_role("button", name="Siguiente").bounding_box()
        assert buttons["y"] + buttons["height"] <= height, "the buttons run below the screen"
        assert overflow(page) == {"document": 0, "documentWidth": 0, "main": 0}
        title = main.locator("h1").first
        assert float(title.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 32
        page.screenshot(path=str(screenshot_path(f"presentacion_{height}p_{number}")))


def test_next_and_previous_walk_the_slides_and_the_url_follows(tabs, server):
    page = tabs.borrow({"width": 1280, "height": 720})
    page.goto(f"{server}/?modo=presentacion&region={REGION}")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.get_by_role("button", name="Siguiente").click()
    page.wait_for_function("() => document.body.innerText.includes('2 / 6')", timeout=30_000)
    assert "diapositiva=2" in page.url
    page.get_by_role("button", name="Anterior").click()
    page.wait_for_function("() => document.body.innerText.includes('1 / 6')", timeout=30_000)
    page.get_by_role("button", name="Salir").click()
    page.wait_for_selector('[data-testid="stSidebar"]', state="visible", timeout=30_000)
    assert "modo=" not in page.url
