"""A hostile upload is refused with its reason while the dashboard keeps serving another user."""

import pytest

from tests.browser.conftest import screenshot
from tests.loaders.test_bad_input import HOSTILE_FOR_BOTH_COMMANDS
from tests.loaders.test_hostile_files import GOOD, rebuilt

DROPZONE = '[data-testid="stFileUploaderDropzoneInput"]'
CHART = '[data-testid="stPlotlyChart"] .main-svg'


HOSTILE = {
    # a compression bomb, and one cell at XFD1048576 (calamine would ask for 512 GB and abort)
    "bomba.xlsx": (
        rebuilt(GOOD, {}, {"xl/media/relleno.bin": b"\0" * (20 * 1024 * 1024)}),
        "bomba de compresión",
    ),
    "xfd.xlsx": (HOSTILE_FOR_BOTH_COMMANDS["xfd.xlsx"], "filas ×"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_is_refused_and_another_user_is_served_meanwhile(
    server, browser, page, name
):
    bomb, reason = HOSTILE[name]
    # the coordinator in a browser of her own; the director in the tab the tests share
    uploader = browser.new_context(viewport={"width": 1440, "height": 900}, locale="es-CL")
    coordinator, director = uploader.new_page(), page
    coordinator.goto(f"{server}/carga")
    coordinator.wait_for_selector(DROPZONE, state="attached", timeout=60_000)
    coordinator.locator(DROPZONE).set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": bomb}]
    )
    director.goto(f"{server}/")
    director.wait_for_selector(CHART, timeout=60_000)
    coordinator.wait_for_selector(f"text={reason}", timeout=60_000)
    assert "No se pudo leer" in coordinator.locator('[data-testid="stMain"]').inner_text()
    # the server that refused the bomb still serves everyone: a fresh visit draws its chart
    director.goto(f"{server}/brechas")
    director.wait_for_selector(CHART, timeout=60_000)
    assert director.locator('[data-testid="stException"]').count() == 0
    screenshot(coordinator, f"carga_rechazada_{name.split('.')[0]}")
    uploader.close()
