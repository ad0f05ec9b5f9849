"""What the pages keep and show about the store's state: the sample banner, the session's files,
the original file read only when asked for, a mistyped setting."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access.identity import Identity
from loaders import UnreadableFile, load
from settings import load_settings
from store import Store
from tests.loaders.test_bad_input import HOSTILE_FOR_BOTH_COMMANDS
from tests.pages.conftest import DASHBOARD, page_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "trackers"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BANNER = "datos de ejemplo ficticios"
ADMIN = Identity("admin", "admin", None, "cli")


def banner_shown(at) -> bool:
    """Whether the sample-data banner is on the page."""
    return any(BANNER in str(box.value) for box in at.info)


def test_the_banner_shows_while_the_samples_are_active(app):
    assert banner_shown(app())


def test_an_empty_store_shows_no_sample_banner(app, monkeypatch):
    monkeypatch.setenv("SEED_SAMPLES", "0")
    assert not banner_shown(app())


def test_with_every_upload_retired_the_banner_is_gone(app, fresh_store):
    store = Store(load_settings())
    at = app()  # seeds the samples
    assert banner_shown(at)
    for upload_id in store.uploads()["id"]:
        store.set_active(int(upload_id), False, ADMIN)
    assert not banner_shown(app())


def test_the_upload_page_keeps_only_the_files_on_the_page(app):
    at = app("pages/carga.py")
    first = (FIXTURES / "wide_simple.xlsx").read_bytes()
    second = (FIXTURES / "long.xlsx").read_bytes()
    at.file_uploader(key="planillas").set_value(("a.xlsx", first, XLSX)).run()
    assert len(at.session_state["preparadas"]) == 1
    at.file_uploader(key="planillas").set_value(("b.xlsx", second, XLSX)).run()
    kept = at.session_state["preparadas"]
    assert [key[1] for key in kept] == ["b.xlsx"]
    at.file_uploader(key="planillas").set_value(None).run()
    assert at.session_state["preparadas"] == {}


def test_the_history_page_reads_the_original_file_only_on_download(app, monkeypatch):
    read = []
    original = Store.original

    def counted(self, upload_id):
        read.append(upload_id)
        return original(self, upload_id)

    monkeypatch.setattr(Store, "original", counted)
    at = app("pages/historial.py")
    at.run()
    assert "Descargar archivo original" in [b.label for b in at.get("download_button")]
    assert read == []


@pytest.mark.parametrize(
    ("variable", "value"), [("UPLOAD_MAX_MB", "20MB"), ("STORE_BUSY_TIMEOUT", "15s")]
)
def test_a_mistyped_setting_is_named_in_spanish_on_the_page(
    fresh_store, monkeypatch, variable, value
):
    monkeypatch.setenv(variable, value)
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert not at.exception
    shown = page_text(at)
    assert variable in shown and value in shown and "se esperaba" in shown


@pytest.mark.parametrize("name", ["xfd.xlsx", "clave.xls", "ancha.csv"])
def test_the_upload_page_gives_a_hostile_file_the_commands_reason(app, name):
    data = HOSTILE_FOR_BOTH_COMMANDS[name]
    with pytest.raises(UnreadableFile) as caught:
        load(data, name=name)
    at = app("pages/carga.py")
    at.file_uploader(key="planillas").set_value((name, data, XLSX)).run()
    assert not at.exception
    shown = page_text(at)
    assert f"No se pudo leer {name}: {caught.value.reason}" in shown
    assert "No se guardó nada" in shown
