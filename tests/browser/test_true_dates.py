"""Regions at different cut-offs in Chromium at 1366×768: each region's own date on Resumen, the
chosen regions together, and Evolución's lines in the regions' colours breaking where a region
was not measured; screenshots saved."""

import pytest

from access.identity import SYSTEM
from harness.dashboard import start_server
from harness.ports import free_port
from settings import load_settings
from store import open_store
from tests.browser.conftest import screenshot
from tests.pages.test_true_dates_pages import tracker

SCREEN = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def uneven_server(tmp_path_factory):
    """A server whose store holds the samples (every region at 30-09-2025), Iquique at
    31-10-2025 and Valdivia at 14-11-2025."""
    data_dir = tmp_path_factory.mktemp("uneven-store")
    store = open_store(load_settings({"DATA_DIR": str(data_dir)}))
    for name, data in (
        ("tarapaca_octubre.xlsx", tracker("Tarapacá", "31/10/2025", "Iquique")),
        ("los_rios_noviembre.xlsx", tracker("Los Ríos", "14/11/2025", "Valdivia")),
    ):
        store.save(store.prepare(data, name), user=SYSTEM, is_sample=True)
    store.engine.dispose()
    process = start_server(data_dir, port := free_port())
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.fixture
def laptop(tabs):
    """A page at a laptop's 1366×768."""
    return tabs.borrow(SCREEN)


def opened(page, url: str):
    """Open a dashboard URL and wait for its title and first chart."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_timeout(1000)
    assert page.locator('[data-testid="stException"]').count() == 0
    return page.locator('[data-testid="stMain"]')


def test_resumen_gives_each_region_its_date_and_the_regions_together(uneven_server, laptop):
    main = opened(laptop, f"{uneven_server}/")
    text = main.inner_text()
    assert "La Araucanía al 30-09-2025" in text
    assert "Los Ríos al 14-11-2025" in text
    assert "Total de las regiones elegidas" in text
    assert "Datos al 30-09-2025, al 31-10-2025 y al 14-11-2025" in text
    screenshot(laptop, "fechas_resumen_1366")


def test_evolucion_draws_each_region_in_its_colour_only_where_it_was_measured(
    uneven_server, laptop
):
    main = opened(laptop, f"{uneven_server}/evolucion")
    assert "la línea se corta donde no los tuvo" in main.inner_text()
    strokes = laptop.eval_on_selector_all(
        ".js-plotly-plot .scatterlayer path.js-line", "paths => paths.map(p => p.style.stroke)"
    )
    assert "rgb(68, 119, 170)" in strokes  # Los Ríos' colour, #4477aa
    assert "rgb(34, 136, 51)" in strokes  # La Araucanía's, #228833
    # Los Ríos, not measured on 31-10, has each of its two lines in two pieces; La Araucanía's
    # two lines end at 30-09 in one piece each
    assert strokes.count("rgb(68, 119, 170)") == 4
    assert strokes.count("rgb(34, 136, 51)") == 2
    screenshot(laptop, "fechas_evolucion_1366")
