"""Text from an upload (its file name, its cells, its source) and from the URL is shown as text,
never as HTML, Markdown or a link made of an address."""

import pytest

from harness.dashboard import start_server
from harness.ports import free_port
from tests.browser.conftest import screenshot
from tests.conftest import xlsx_bytes

NAME = "[clic aquí](http://x.example) <b>negrita</b> <img src=x onerror=alert(1)>.xlsx"
SOURCE = "[UFRO](http://x.example) <b>fuente</b> www.x.example ana@x.example"
DROPZONE = '[data-testid="stFileUploaderDropzoneInput"]'
JOINER = "\u2060"  # invisible; what keeps an address from becoming a link (views.escape_markdown)


def shown(locator) -> str:
    """The text a person reads in this part of the page."""
    return locator.inner_text().replace(JOINER, "")


def no_markup(locator) -> None:
    """Nothing from the hostile texts became a link, bold text, an image or a dialog."""
    assert locator.locator("a[href*='x.example'], a[href^='mailto']").count() == 0
    assert locator.locator("b:has-text('negrita'), b:has-text('fuente'), img[src='x']").count() == 0


@pytest.fixture
def own_server(tmp_path):
    """A server of its own: this test saves an upload, which retires the sample data."""
    port = free_port()
    process = start_server(tmp_path / "datos", port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


def test_hostile_file_name_cells_and_source_show_as_literal_text(own_server, page, tmp_path):
    rows = [
        ["Fecha de corte: 30/09/2025"],
        ["Comuna", "DocDigital", "Observaciones"],
        ["Iquique", "<script>alert(1)</script>", "[ver acta](http://x.example) <b>negrita</b>"],
        ["[Pica](http://x.example)", "En uso", "<script>alert(2)</script>"],
        ["Alto Hospicio", "En uso", ""],
    ]
    dialogs: list[str] = []

    def seen(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", seen)
    try:
        _show_hostile_texts(own_server, page, rows)
    finally:
        page.remove_listener("dialog", seen)
    assert dialogs == []


def _show_hostile_texts(own_server, page, rows) -> None:
    """Upload the rows under the hostile name, save them with the hostile source, and read each
    place they show up in."""
    page.goto(f"{own_server}/carga")
    page.wait_for_selector(DROPZONE, state="attached", timeout=60_000)
    page.locator(DROPZONE).set_input_files(
        files=[
            {
                "name": NAME,
                "mimeType": "application/octet-stream",
                "buffer": xlsx_bytes({"Seguimiento": rows}),
            }
        ]
    )
    page.wait_for_selector('[data-testid="stMain"] h2', timeout=60_000)
    main = page.locator('[data-testid="stMain"]')
    assert NAME[:-5] in shown(main)  # the name as written, brackets and tags included
    no_markup(main)
    screenshot(page, "texto_hostil")

    page.get_by_role("textbox", name="Fuente").fill(SOURCE)
    page.get_by_text("Guardar solo las filas válidas").click()
    page.get_by_role("button", name="Guardar", exact=True).click()
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=60_000)

    page.goto(f"{own_server}/?region=Tarapac%C3%A1")
    page.wait_for_selector('[data-testid="stCaptionContainer"]', timeout=60_000)
    page.wait_for_selector("text=Datos al 30-09-2025", timeout=60_000)
    assert SOURCE in shown(main)
    no_markup(main)
    page.goto(f"{own_server}/comuna?cut=%5Bx%5D(http://x.example)")
    page.wait_for_selector("text=No existe una comuna", timeout=60_000)
    assert "«[x](http://x.example)»" in shown(main)
    no_markup(main)
