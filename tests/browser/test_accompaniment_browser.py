"""The Acompañamiento page in Chromium on the sample data: drawn without errors, its list of
trainings without use sorted by a click on a column's header, screenshots saved."""

from tests.browser.conftest import screenshot
from tests.browser.test_pages_in_browser import open_page

DAYS = "Días desde la capacitación"
HEADERS = "grid => [...grid.querySelectorAll('thead th')].map(th => th.textContent)"
# the grid draws on a canvas; the table inside it, for screen readers, holds the rows shown
COLUMN = """(grid, index) => [...grid.querySelectorAll('tbody tr')]
    .map(row => row.querySelectorAll('td')[index]?.textContent)
    .filter(text => text !== undefined)"""


def sort_by(page, grid, header: str) -> str:
    """Click along the grid's header row until the column named header is the sorted one; its
    header as the grid writes it then («↑ Días …» or «↓ Días …»)."""
    canvas = grid.locator("canvas").first.bounding_box()
    for x in range(30, int(canvas["width"]), 40):
        page.mouse.click(canvas["x"] + x, canvas["y"] + 17)
        page.wait_for_timeout(300)
        sorted_header = next(h for h in grid.evaluate(HEADERS) if header in h)
        if sorted_header != header:
            return sorted_header
    raise AssertionError(f"no se pudo ordenar por «{header}»")


def test_the_page_draws_and_its_list_sorts_by_a_clicked_column(server, page):
    open_page(page, f"{server}/acompanamiento", chart=True)
    main = page.locator('[data-testid="stMain"]')
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".js-plotly-plot .main-svg").count() >= 2  # coverage, months
    for text in ("Cobertura del plan por comuna", "Capacitación técnica sin uso", "no una causa"):
        assert text in main.inner_text()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    # the grid writes its table for screen readers once its canvas has drawn
    grid.element_handle().wait_for_element_state("stable")
    page.wait_for_function(f"grid => ({HEADERS})(grid).length > 0", arg=grid.element_handle())
    headers = grid.evaluate(HEADERS)
    assert DAYS in headers
    index = headers.index(DAYS)
    shown = [int(d) for d in grid.evaluate(COLUMN, index)]
    assert len(shown) >= 2
    assert shown != sorted(shown), "the list starts by region and platform, not by days"

    first = sort_by(page, grid, DAYS)
    days = [int(d) for d in grid.evaluate(COLUMN, index)]
    ascending = first.startswith("↑")
    assert days == sorted(days, reverse=not ascending)
    screenshot(page, "acompanamiento")


def test_the_ficha_marks_the_comunas_activities_on_its_timeline(server, page):
    open_page(page, f"{server}/comuna?cut=09112", chart=True)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    timeline = page.locator(".js-plotly-plot").first
    assert "Acompañamiento" in timeline.inner_text()
    assert timeline.locator("path.point").count() >= 1  # the activities' diamonds
    assert "Actividades de acompañamiento" in page.locator('[data-testid="stMain"]').inner_text()
    screenshot(page, "comuna_actividades")
