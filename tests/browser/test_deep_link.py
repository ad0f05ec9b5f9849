"""A link to a page, opened first on a freshly started server, goes through the entry script."""

from harness.dashboard import start_server
from harness.ports import free_port


def test_first_request_for_a_page_gets_the_dashboard_around_it(tabs, tmp_path):
    port = free_port()
    process = start_server(tmp_path / "datos", port)
    try:
        page = tabs.borrow({"width": 1280, "height": 720})
        page.goto(f"http://127.0.0.1:{port}/mapa?region=Los+R%C3%ADos")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        page.wait_for_selector("text=Fecha de corte", timeout=60_000)
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "Ficha comunal" in sidebar and "Historial de cargas" in sidebar
        assert "controls" not in sidebar and "session" not in sidebar  # no bare module names
        assert page.locator('[data-testid="stMain"] h1').first.inner_text() == "Mapa de adopción"
        assert "region=Los+R" in page.url
    finally:
        process.terminate()
        process.wait(60)
