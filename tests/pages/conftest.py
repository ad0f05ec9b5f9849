"""Page tests run the real dashboard with AppTest on a fresh SQLite store per test."""

import os
import re
import sqlite3
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from harness.apptest import RoutedPagesManager
from settings import load_settings
from store import open_store

DASHBOARD = str(Path(__file__).parents[2] / "dashboard.py")
WRITTEN = ("title", "header", "caption", "markdown", "info", "warning", "success", "error")


def page_text(at: AppTest) -> str:
    """Everything written on the page and its sidebar, as it reads: titles, captions, messages,
    markdown (its escapes resolved) and metrics."""
    parts = [str(e.value) for kind in WRITTEN for e in getattr(at, kind)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


@pytest.fixture(autouse=True)
def routed_pages(monkeypatch):
    """Every page test runs its page through dashboard.py, as the server does."""
    monkeypatch.setattr("streamlit.testing.v1.app_test.PagesManager", RoutedPagesManager)


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    """An empty data directory for the store, and no store or cached reads left from other tests."""
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def empty_store(fresh_store, monkeypatch):
    """A store that stays empty: the samples are not loaded."""
    monkeypatch.setenv("SEED_SAMPLES", "0")
    return fresh_store


def _database(data_dir: Path) -> Path:
    return Path(load_settings({"DATA_DIR": str(data_dir)}).database_url.removeprefix("sqlite:///"))


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory) -> Path:
    """A store the dashboard filled with the samples on its first start, once per test process:
    each test gets a copy of it (loading the samples takes a second; a copy, a hundredth)."""
    data_dir = tmp_path_factory.mktemp("muestras")
    open_store(load_settings({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "1"})).engine.dispose()
    return _database(data_dir)


@pytest.fixture
def app(fresh_store, seeded_database):
    """A function that opens a page of the dashboard (seeded with the samples) and runs it."""

    def open_page(page: str | None = None, **query) -> AppTest:
        target = _database(fresh_store)
        if os.environ.get("SEED_SAMPLES", "1") != "0" and not target.exists():
            # the store the dashboard would seed on this first start, copied whole
            source, copy = sqlite3.connect(seeded_database), sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                source.close()
                copy.close()
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return open_page


@pytest.fixture
def downloads(monkeypatch) -> dict[str, tuple[str | None, object]]:
    """What the pages offer for download, as they hand it to Streamlit: the button's url (or
    deferred file id) -> (file name, bytes or the function that makes them)."""
    offered: dict[str, tuple[str | None, object]] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record_add(self, data, mimetype, coordinates, file_name=None, **kwargs):
        url = add(self, data, mimetype, coordinates, file_name, **kwargs)
        offered[url] = (file_name, data)
        return url

    def record_deferred(self, make, mimetype, coordinates, file_name=None, **kwargs):
        file_id = add_deferred(self, make, mimetype, coordinates, file_name, **kwargs)
        offered[file_id] = (file_name, make)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add", record_add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return offered


def downloaded(at: AppTest, offered: dict, key: str) -> tuple[str | None, bytes]:
    """The file name and bytes a person gets from the download button with this key."""
    (button,) = [b for b in at.get("download_button") if b.key == key]
    name, data = offered[button.proto.deferred_file_id or button.proto.url]
    return name, data() if callable(data) else data
