"""End to end: a real OpenID Connect provider on loopback, the real server configured against it,
and Chromium logging in as Tarapacá's coordinator, uploading, and logging out."""

import secrets

import pytest

from harness.dashboard import start_server
from harness.ports import free_port
from tests.browser.conftest import screenshot
from tests.store.conftest import tracker

COORDINATOR = "ana@gore-tarapaca.cl"
TARAPACA = [["Iquique", "En uso", "Habilitada"], ["Pica", "En proceso", "No iniciado"]]
ARAUCANIA = [["Temuco", "En uso", "En uso"], ["Lautaro", "Habilitada", "En proceso"]]
DROPZONE = '[data-testid="stFileUploaderDropzoneInput"]'


@pytest.fixture(scope="module")
def provider():
    """The mock OpenID provider on loopback, knowing the coordinator's name and e-mail."""
    from oidc_provider_mock import User, run_server_in_thread

    claims = {"email": COORDINATOR, "name": "Ana Tarapacá"}
    with run_server_in_thread(user_claims=[User(sub=COORDINATOR, claims=claims)]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def secured_server(tmp_path_factory, provider):
    """The dashboard with the provider in its secrets and Ana as coordinator of Tarapacá."""
    folder = tmp_path_factory.mktemp("seguro")
    port = free_port()
    (folder / "secrets.toml").write_text(
        f"""[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(16)}"
client_id = "tablero"
client_secret = "secreto"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""",
        encoding="utf-8",
    )
    (folder / "acceso.toml").write_text(
        f'[[persona]]\ncorreo = "{COORDINATOR}"\nrol = "coordinador"\nregiones = ["01"]\n',
        encoding="utf-8",
    )
    process = start_server(
        folder / "datos",
        port,
        {"ACCESS_FILE": str(folder / "acceso.toml")},
        ["--secrets.files", str(folder / "secrets.toml")],
    )
    yield f"http://127.0.0.1:{port}", folder
    process.terminate()
    process.wait(10)


def upload(page, path) -> str:
    """Drop a file on the upload page, save it, and return what the page then says."""
    page.locator(DROPZONE).set_input_files(str(path))
    page.get_by_role("button", name="Guardar").wait_for(timeout=60_000)
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=60_000)
    return page.locator('[data-testid="stMain"]').inner_text()


def test_coordinator_logs_in_uploads_her_region_is_refused_another_and_logs_out(
    browser, secured_server
):
    url, folder = secured_server
    (folder / "tarapaca.xlsx").write_bytes(tracker(TARAPACA))
    (folder / "mixta.xlsx").write_bytes(tracker([*TARAPACA[:1], *ARAUCANIA], as_of="31/10/2025"))
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="es-CL")
    page = context.new_page()
    page.goto(f"{url}/carga")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    assert "ingrese con su cuenta" in page.locator('[data-testid="stMain"]').inner_text()
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_selector('input[name="sub"]', timeout=30_000)
    page.fill('input[name="sub"]', COORDINATOR)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_selector("text=Sesión: Ana Tarapacá (coordinador: 01)", timeout=60_000)

    page.goto(f"{url}/carga")
    page.wait_for_selector(DROPZONE, state="attached", timeout=60_000)
    said = upload(page, folder / "tarapaca.xlsx")
    assert "Guardada como carga" in said and "4 filas" in said
    screenshot(page, "ingreso_carga_aceptada")

    page.goto(f"{url}/carga")
    page.wait_for_selector(DROPZONE, state="attached", timeout=60_000)
    page.locator(DROPZONE).set_input_files(str(folder / "mixta.xlsx"))
    page.wait_for_selector("text=fila rechazada", timeout=60_000)
    page.wait_for_selector("text=comunas nuevas", timeout=60_000)
    assert "0 comunas nuevas" in page.locator('[data-testid="stMain"]').inner_text()  # only hers
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=60_000)
    said = page.locator('[data-testid="stMain"]').inner_text()
    assert "2 filas" in said  # Iquique's two platforms; Temuco and Lautaro refused
    screenshot(page, "ingreso_filas_rechazadas")

    page.get_by_role("button", name="Salir").click()
    page.get_by_role("button", name="End session").click()  # the provider's own logout page
    page.wait_for_url(f"{url}/**", timeout=60_000)
    page.goto(f"{url}/carga")
    page.wait_for_selector("text=ingrese con su cuenta", timeout=60_000)
    assert "Sesión:" not in page.locator('[data-testid="stSidebar"]').inner_text()
    # the button is drawn after the notice: wait for it (it fails if it never shows)
    page.get_by_role("button", name="Ingresar").wait_for(state="visible", timeout=30_000)
    context.close()
