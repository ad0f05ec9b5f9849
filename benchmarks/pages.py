"""Pages: the warm rerun time of every page with AppTest, the national history in the store."""

import os
import tempfile
from pathlib import Path
from unittest import mock

import streamlit as st
from streamlit.testing.v1 import AppTest

from access.identity import SYSTEM
from benchmarks.synthetic import SOURCE, Trackers
from benchmarks.timing import median_s
from harness.apptest import RoutedPagesManager
from loaders.gazetteer import gazetteer
from settings import ROOT, load_settings
from store import Store

PAGES = {
    "resumen": (None, {}),
    "brechas": ("pages/brechas.py", {}),
    "mapa": ("pages/mapa.py", {}),
    "comuna": ("pages/comuna.py", {"cut": "09112"}),
    "evolucion": ("pages/evolucion.py", {}),
    "acompanamiento": ("pages/acompanamiento.py", {}),
    "carga": ("pages/carga.py", {}),
    "historial": ("pages/historial.py", {}),
    "definiciones": ("pages/definiciones.py", {}),
    "presentacion": (None, {"modo": "presentacion"}),
}


def national_store(trackers: Trackers) -> dict[str, str]:
    """The environment of an SQLite store holding the national history, every region in scope."""
    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    regions = ",".join(gazetteer().regions["region_code"])
    env = {"DATA_DIR": str(folder), "SEED_SAMPLES": "0", "REGIONS": regions}
    store = Store(load_settings(env))
    store.save(
        store.prepare(trackers.wide.read_bytes(), trackers.wide.name, source=SOURCE), user=SYSTEM
    )
    store.engine.dispose()
    return env


def _opened(page: str | None, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    if at.exception:
        raise RuntimeError(f"{page or 'dashboard.py'}: {at.exception[0].value}")
    return at


def measure(env: dict[str, str], runs: int) -> dict[str, float]:
    """Milliseconds of a warm rerun of each page (the median of `runs`)."""
    results = {}
    with (
        mock.patch.dict(os.environ, env),
        mock.patch("streamlit.testing.v1.app_test.PagesManager", RoutedPagesManager),
    ):
        st.cache_resource.clear()
        st.cache_data.clear()
        for name, (page, query) in PAGES.items():
            at = _opened(page, query)
            results[f"{name}_ms"] = 1000 * median_s(at.run, runs)
        st.cache_resource.clear()
        st.cache_data.clear()
    return results
