"""A coordinator drops four files at once in a real browser: each gets its report, the undated one
is saved once its date is given, and the same tab shows the new cut-off without a reload."""

import pytest

from harness.dashboard import start_server
from harness.ports import free_port
from tests.browser.conftest import screenshot
from tests.conftest import xlsx_bytes
from tests.pages.test_upload_pages import FIXTURES, NO_TABLE, UNDATED

DROPZONE = '[data-testid="stFileUploaderDropzoneInput"]'
LONG_NAME = "Comuna de San Juan Bautista de la Frontera Oriental del Sur"
BATCH = {
    "sin_fecha.xlsx": xlsx_bytes({"Los Ríos": [*UNDATED, [LONG_NAME, "En uso", "En uso"]]}),
    "sin_tabla.xlsx": xlsx_bytes({"Notas": NO_TABLE}),
    "roto.xlsx": b"PK\x03\x04 not really a zip",
    "wide_simple.xlsx": (FIXTURES / "wide_simple.xlsx").read_bytes(),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server with its own store: saving here retires the samples of no other test."""
    port = free_port()
    process = start_server(tmp_path_factory.mktemp("lote"), port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


def test_four_files_at_once_each_get_their_answer_and_the_save_shows_in_the_same_tab(
    own_server, tabs
):
    page = tabs.borrow({"width": 1366, "height": 768})
    page.goto(f"{own_server}/carga")
    page.wait_for_selector(DROPZONE, state="attached", timeout=60_000)
    assert "datos de ejemplo ficticios" in page.locator('[data-testid="stMain"]').inner_text()
    page.locator(DROPZONE).set_input_files(
        files=[{"name": n, "mimeType": XLSX, "buffer": b} for n, b in BATCH.items()]
    )
    page.wait_for_selector("text=No se pudo leer roto.xlsx", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stForm]').length >= 3", timeout=60_000
    )
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    for name in BATCH:
        assert name in text
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "carga_lote_1366")
    # the undated file's date, given above its report: the file is read again with it
    main.locator('[data-testid="stDateInput"] [role="spinbutton"][data-type="day"]').first.click()
    page.keyboard.type("31102025")
    page.get_by_role("heading", name="Cargar planillas").click()  # the field commits on leaving
    # read again with its date, the file keeps one error (the long unknown name) of its two
    page.wait_for_function(
        "() => { const text = document.querySelector('[data-testid=stMain]').innerText;"
        " return !text.includes('no se encontró la fecha de corte')"
        " && !text.includes('los 2 errores'); }",
        timeout=60_000,
    )
    # the rerun over: until then the form's old elements may stand beside the new ones
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=60_000)
    save = page.get_by_role("button", name="Guardar", exact=True)
    form = page.locator('[data-testid="stForm"]').filter(has=save).first
    form.get_by_role("textbox", name="Fuente").fill("UACh")  # the file names no source
    form.get_by_text("Guardar solo las filas válidas").click()  # the long unknown name stays out
    form.get_by_role("button", name="Guardar", exact=True).click()
    page.wait_for_selector("text=Guardada como carga", timeout=60_000)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=60_000)
    cut_off = page.locator('[data-testid="stSidebar"] input[aria-label="Fecha de corte"]')
    # the new cut-off, in the tab that saved it, without a reload
    assert cut_off.input_value() == "31-10-2025"
    assert "datos de ejemplo ficticios" not in main.inner_text()
    assert page.get_by_text("Ver en el tablero").count() == 1
    screenshot(page, "carga_lote_guardada_1366")
