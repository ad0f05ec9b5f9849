"""A hostile upload is refused with its reason while the dashboard keeps serving another user."""

from tests.browser.conftest import screenshot
from tests.loaders.test_hostile_files import GOOD, rebuilt

DROPZONE = '[data-testid="stFileUploaderDropzoneInput"]'
CHART = '[data-testid="stPlotlyChart"] .main-svg'


def test_a_bomb_is_refused_and_another_user_is_served_meanwhile(server, browser):
    bomb = rebuilt(GOOD, {}, {"xl/media/relleno.bin": b"\0" * (20 * 1024 * 1024)})
    uploader = browser.new_context(viewport={"width": 1440, "height": 900}, locale="es-CL")
    reader = browser.new_context(viewport={"width": 1440, "height": 900}, locale="es-CL")
    coordinator, director = uploader.new_page(), reader.new_page()
    coordinator.goto(f"{server}/carga")
    coordinator.wait_for_selector(DROPZONE, state="attached", timeout=60_000)
    coordinator.locator(DROPZONE).set_input_files(
        files=[{"name": "bomba.xlsx", "mimeType": "application/octet-stream", "buffer": bomb}]
    )
    director.goto(f"{server}/")
    director.wait_for_selector(CHART, timeout=60_000)
    coordinator.wait_for_selector("text=bomba de compresión", timeout=60_000)
    assert "No se pudo leer" in coordinator.locator('[data-testid="stMain"]').inner_text()
    # the server that refused the bomb still serves everyone: a fresh visit draws its chart
    director.goto(f"{server}/brechas")
    director.wait_for_selector(CHART, timeout=60_000)
    assert director.locator('[data-testid="stException"]').count() == 0
    screenshot(coordinator, "carga_bomba_rechazada")
    uploader.close()
    reader.close()
