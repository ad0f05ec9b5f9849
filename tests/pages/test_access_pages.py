"""Who may do what, as the pages show it: local mode, a shared server, local accounts, the roles file."""

import re

import pytest
from streamlit import config as st_config

from settings import load_settings
from store import Store
from store.accounts import add_user
from tests.pages.conftest import page_text
from ui.session import LOCAL_MODE_NOTICE

PAGES = [
    "pages/resumen.py",
    "pages/brechas.py",
    "pages/mapa.py",
    "pages/comuna.py",
    "pages/evolucion.py",
    "pages/carga.py",
    "pages/historial.py",
]


@pytest.fixture
def address():
    """Set the address the server listens on, for one test."""
    before = st_config.get_option("server.address")

    def listen_on(value: str) -> None:
        st_config.set_option("server.address", value)

    yield listen_on
    st_config.set_option("server.address", before)


@pytest.fixture
def accounts(fresh_store):
    """A function that adds a local account to the store the pages will open."""
    store = Store(load_settings())

    def add(name: str, role: str, regions=None) -> None:
        add_user(store.engine, name, "clave-de-prueba-1", role, regions)

    yield add
    store.engine.dispose()


def captions(at) -> str:
    """Every caption of the page and its sidebar as they read, Markdown escapes resolved."""
    return re.sub(r"\\(.)", r"\1", "\n".join(c.value for c in [*at.caption, *at.sidebar.caption]))


def log_in(at, name: str, password: str = "clave-de-prueba-1"):
    """Fill the sidebar's local login form and submit it."""
    fields = {field.label: field for field in at.sidebar.text_input}
    fields["Usuario"].input(name)
    fields["Clave"].input(password)
    next(b for b in at.sidebar.button if b.label == "Ingresar con cuenta local").click()
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_on_localhost_with_nothing_set_up_every_page_says_local_mode(app, address, page):
    address("localhost")
    at = app(page)
    assert LOCAL_MODE_NOTICE in captions(at)


def test_on_localhost_the_local_user_may_upload(app, address):
    address("127.0.0.1")
    at = app("pages/carga.py")
    assert len(at.get("file_uploader")) == 1


def test_on_a_shared_address_uploading_needs_a_login(app, address):
    address("0.0.0.0")
    at = app("pages/carga.py")
    assert "ingrese con su cuenta" in page_text(at)
    assert len(at.get("file_uploader")) == 0
    assert LOCAL_MODE_NOTICE not in captions(at)
    history = app("pages/historial.py")
    assert "tarea de un administrador" in captions(history)
    assert [b for b in history.button if b.key == "accion"] == []


def test_a_reader_with_a_local_account_sees_no_upload_form(app, accounts, address):
    address("localhost")  # accounts exist: no local mode even on localhost
    accounts("marta", "lector")
    at = app("pages/carga.py")
    assert LOCAL_MODE_NOTICE not in captions(at)
    at = log_in(at, "marta")
    assert "Sesión: marta (lector)" in captions(at)
    assert "no cargar planillas" in page_text(at)
    assert len(at.get("file_uploader")) == 0


def test_a_coordinator_with_a_local_account_gets_the_upload_form(app, accounts, address):
    address("0.0.0.0")
    accounts("ana", "coordinador", ["01"])
    at = log_in(app("pages/carga.py"), "ana")
    assert "Sesión: ana (coordinador: 01)" in captions(at)
    assert len(at.get("file_uploader")) == 1


def test_a_wrong_password_is_refused_and_recorded(app, accounts, address):
    address("0.0.0.0")
    accounts("ana", "coordinador", ["01"])
    at = log_in(app("pages/carga.py"), "ana", "no-es-la-clave")
    assert any("incorrect" in e.value for e in at.sidebar.error), at.sidebar.error
    assert "Sesión:" not in captions(at)
    store = Store(load_settings())
    events = store.events()
    store.engine.dispose()
    assert ("ana", "ingreso fallido") in set(zip(events["who"], events["action"], strict=True))


def test_reading_can_require_a_login(app, fresh_store, address, monkeypatch):
    address("0.0.0.0")
    rules = fresh_store / "acceso.toml"
    rules.write_text("[lectura]\nrequiere_ingreso = true\n", encoding="utf-8")
    monkeypatch.setenv("ACCESS_FILE", str(rules))
    at = app()
    assert "Para ver el tablero, ingrese" in page_text(at)
    assert len(at.metric) == 0


def test_a_broken_roles_file_is_explained_not_a_traceback(app, fresh_store, monkeypatch):
    rules = fresh_store / "acceso.toml"
    rules.write_text('[[persona]]\ncorreo = "ana@x.cl"\nrol = "jefa"\n', encoding="utf-8")
    monkeypatch.setenv("ACCESS_FILE", str(rules))
    at = app()
    assert "No se pudo leer la configuración de acceso" in at.error[0].value
    assert "jefa" in at.error[0].value
