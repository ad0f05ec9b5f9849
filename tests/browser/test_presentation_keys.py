"""The presentation driven as a presenter does, in Chromium: a clicker's keys, full screen, the
slides chosen in the URL, the footnote clear of the buttons."""

import pytest

from tests.browser.conftest import screenshot_path

SCREENS = [(1280, 720), (1920, 1080)]
REGION = "Los+R%C3%ADos"


def open_slides(tabs, server, width: int, height: int, query: str = "", shown: str = "1 / "):
    """A page at a projector's size showing the presentation, once the slide whose counter reads
    `shown` is drawn."""
    page = tabs.borrow({"width": width, "height": height})
    page.goto(f"{server}/?modo=presentacion&region={REGION}{query}")
    settled(page, shown)
    return page


def settled(page, shown: str) -> None:
    """Wait until the slide counter reads `shown` and the script has finished."""
    page.wait_for_function(
        "text => [...document.querySelectorAll('[data-testid=stMarkdownContainer]')]"
        ".some(e => e.innerText.includes(text))",
        arg=shown,
        timeout=60_000,
    )
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=60_000)
    page.locator(".stBidiComponent button").wait_for(timeout=60_000)


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=["720p", "1080p"])
def test_a_clicker_s_keys_move_through_the_slides(tabs, server, width, height):
    page = open_slides(tabs, server, width, height)
    for key, shown in [
        ("ArrowRight", "2 / 6"),
        ("PageDown", "3 / 6"),
        (" ", "4 / 6"),
        ("ArrowLeft", "3 / 6"),
        ("End", "6 / 6"),
        ("PageDown", "6 / 6"),
        ("Home", "1 / 6"),
        ("PageUp", "1 / 6"),
    ]:
        page.keyboard.press("Space" if key == " " else key)
        settled(page, shown)
        page.wait_for_timeout(300)  # a key that moved too far would have shown by now
        assert shown in page.locator(".st-key-botonera").inner_text()
    assert "diapositiva=1" in page.url
    page.screenshot(path=str(screenshot_path(f"presentacion_teclas_{height}p")))


def test_space_on_a_focused_button_moves_one_slide_not_two(tabs, server):
    page = open_slides(tabs, server, 1280, 720)
    page.get_by_role("button", name="Siguiente").click()
    settled(page, "2 / 6")
    page.keyboard.press("Space")
    settled(page, "3 / 6")
    page.wait_for_timeout(1500)
    assert "3 / 6" in page.locator(".st-key-botonera").inner_text()


def test_keys_typed_into_the_slide_chooser_stay_there(tabs, server):
    page = open_slides(tabs, server, 1280, 720, "&diapositiva=2", "2 / 6")
    page.get_by_role("button", name="Diapositivas").click()
    field = page.get_by_role("combobox").last
    field.click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    page.wait_for_timeout(1500)
    assert "2 / 6" in page.locator(".st-key-botonera").inner_text()


def test_the_full_screen_button_fills_the_screen_and_leaves_it(tabs, server):
    page = open_slides(tabs, server, 1280, 720)
    button = page.get_by_role("button", name="Pantalla completa")
    button.click()
    page.wait_for_function("() => document.fullscreenElement === document.documentElement")
    assert page.get_by_role("button", name="Salir de pantalla completa").is_visible()
    page.get_by_role("button", name="Salir de pantalla completa").click()
    page.wait_for_function("() => document.fullscreenElement === null")


def test_the_slides_chosen_and_their_order_are_in_the_url(tabs, server):
    query = "&diapositivas=Comunas+prioritarias&diapositivas=Resumen"
    page = open_slides(tabs, server, 1280, 720, query)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h1").first.inner_text() == "Comunas prioritarias"
    assert "1 / 2" in page.locator(".st-key-botonera").inner_text()
    page.keyboard.press("ArrowRight")
    settled(page, "2 / 2")
    assert main.locator("h1").first.inner_text() == "Resumen de Los Ríos"
    assert "diapositivas=Comunas+prioritarias&diapositivas=Resumen" in page.url


def settled_boxes(*locators) -> list[dict]:
    """The boxes of elements once the slide has settled: the page draws once more when the
    browser reports its screen, and an element caught between the two draws has no box or the
    other draw's."""
    last = None
    for _ in range(40):
        for locator in locators:
            locator.wait_for(timeout=30_000)
        boxes = [locator.bounding_box() for locator in locators]
        if all(boxes) and boxes == last:  # the same twice: one draw, measured whole
            return boxes
        last = boxes
        locators[0].page.wait_for_timeout(250)
    raise AssertionError("the slide kept redrawing: its elements never all had a box")


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=["720p", "1080p"])
def test_the_priorities_footnote_is_whole_and_clear_of_the_buttons(tabs, server, width, height):
    page = open_slides(tabs, server, width, height, "&diapositiva=4", "4 / 6")
    note = page.locator(
        ".js-plotly-plot .annotation-text", has_text="Primeras 8 de"
    ).first  # the slide draws twice as it settles
    text, chart, bar = settled_boxes(
        note, page.locator(".js-plotly-plot").first, page.locator(".st-key-botonera")
    )
    assert text["y"] >= 0 and text["y"] + text["height"] <= height, "the footnote leaves the screen"
    assert text["y"] + text["height"] <= chart["y"] + chart["height"], "the chart cuts it"
    assert text["y"] + text["height"] <= bar["y"], "the buttons cover the footnote"
    page.screenshot(path=str(screenshot_path(f"presentacion_nota_{height}p")))
