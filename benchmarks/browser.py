"""Browser and memory: cold start to the first chart in Chromium, what a fresh browser downloads
for it, the server's peak memory, and the size of the map figure the browser receives."""

import statistics
import time
from pathlib import Path

import analytics
import charts
import geo
from benchmarks.timing import peak_rss_mb
from harness.dashboard import CHROMIUM, CHROMIUM_ARGS, start_server
from harness.ports import free_port
from settings import load_settings
from store import Store

FIRST_CHART = '[data-testid="stPlotlyChart"] .main-svg'
VISITED = ["", "brechas", "mapa", "comuna?cut=09112", "evolucion", "historial"]
TRANSFERRED = """() => [...performance.getEntriesByType('navigation'),
  ...performance.getEntriesByType('resource')].reduce((sum, entry) => sum + entry.transferSize, 0)"""
"""Bytes the browser itself counts as received (headers and compressed bodies) for the page."""


def first_chart_and_memory(
    env: dict[str, str], pages: int = len(VISITED), starts: int = 5
) -> dict[str, float]:
    """Median seconds from launching the server to the first chart drawn, over `starts` fresh
    starts (each with a fresh browser), of them the seconds until the server answered, and the KB
    the browser received for it; then the server's peak RSS after the first `pages` pages (all
    of them by default) were opened once."""
    from playwright.sync_api import sync_playwright

    seconds, ready, received, rss = [], [], [], 0.0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for start_number in range(starts):
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            port = free_port()
            start = time.perf_counter()
            server = start_server(Path(env["DATA_DIR"]), port, env)
            ready.append(time.perf_counter() - start)
            try:
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector(FIRST_CHART, timeout=120_000)
                seconds.append(time.perf_counter() - start)
                received.append(page.evaluate(TRANSFERRED) / 1024)
                if start_number == starts - 1:
                    for path in VISITED[1:pages]:
                        page.goto(f"http://127.0.0.1:{port}/{path}")
                        page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
                        page.wait_for_timeout(1500)
                    rss = peak_rss_mb(server.pid)
            finally:
                server.terminate()
                server.wait(10)
                context.close()
        browser.close()
    return {
        "first_chart_s": statistics.median(seconds),
        "first_chart_starts": starts,
        "server_ready_s": statistics.median(ready),
        "first_load_kb": statistics.median(received),
        "server_rss_mb": rss,
    }


def map_payload_kb(env: dict[str, str]) -> dict[str, float]:
    """The map figure's JSON for each of the four regions, as the Mapa page builds it, in KB."""
    store = Store(load_settings(env))
    current = analytics.state_at(store.history(), None)
    store.engine.dispose()
    sizes = {}
    for region in ("01", "09", "10", "14"):
        values, kind = analytics.map_measure(current[current["region_code"] == region], "indice")
        geojson = geo.comunas_geojson((region,))
        figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Índice", kind)
        sizes[region] = len(figure.to_json().encode()) / 1024
    return sizes
