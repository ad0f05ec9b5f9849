"""The server prepares the first visitor's page before anyone arrives: the same figure, from the
same cache, and a store that cannot open does not stop the server from starting."""

import logging

from streamlit.testing.v1 import AppTest

import charts
from tests.pages.conftest import DASHBOARD
from ui import warm
from ui.warm import warm_up


def test_the_first_visitor_gets_the_chart_the_warm_up_drew(fresh_store, monkeypatch):
    drawn = []
    gap_bars = charts.gap_bars
    monkeypatch.setattr(charts, "gap_bars", lambda *a, **k: drawn.append(1) or gap_bars(*a, **k))
    warm_up()
    assert drawn == [1]
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert not at.exception
    assert drawn == [1], "Resumen volvió a dibujar su gráfico: la selección por omisión no coincide"


def test_a_store_that_cannot_open_is_logged_and_left_to_the_pages(fresh_store, monkeypatch, caplog):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nadie@127.0.0.1:1/nada")
    with caplog.at_level(logging.ERROR, logger="ui.warm"):
        warm_up()
    assert "no se pudo preparar el tablero al arrancar" in caplog.text


def test_a_page_that_ran_lets_the_image_browser_start(fresh_store):
    warm._first_page.clear()
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert not at.exception
    assert warm._first_page.is_set()


def test_the_image_browser_waits_for_the_first_page_then_for_a_quiet_server(monkeypatch):
    waited, slept, started = [], [], []
    monkeypatch.setattr(warm._first_page, "wait", waited.append)
    monkeypatch.setattr(warm.time, "sleep", slept.append)
    # processor seconds used: a busy window (0.0 -> 1.0), then a quiet one (1.0 -> 1.1)
    readings = iter([0.0, 1.0, 1.1])
    monkeypatch.setattr(warm.time, "process_time", lambda: next(readings))
    monkeypatch.setattr(warm.images, "warm", lambda: started.append(len(slept)))
    warm.images_when_quiet()
    assert waited == [warm.FIRST_PAGE_WAIT_S]
    assert slept == [warm.QUIET_S, warm.QUIET_S]
    assert started == [2], "el navegador de imágenes arrancó con el servidor ocupado"
