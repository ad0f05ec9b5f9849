"""The kaleido browser shared by every session: started before the first image, several figures
drawn in one call, maps drawn without the internet, and one session's failed image never breaks
another's."""

import threading

import pandas as pd
import plotly.graph_objects as go
import pytest

import charts
import geo
import images

WAIT_S = 30  # a guard against a hang, never reached when the test passes


class FakeBrowser:
    """The kaleido browser's start, drawing and close, recording what happened in order."""

    def __init__(self) -> None:
        self.running = False
        self.order: list[str] = []
        self.stop_called = threading.Event()
        self.b_drawing = threading.Event()

    def open(self, _tabs: int) -> "FakeBrowser":
        self.running = True
        self.order.append("start")
        return self

    def calc_fig(self, figure, _opts, _topojson) -> bytes:
        """kaleido's drawing: a recording Figure draws itself; any other is the warm-up's."""
        if isinstance(figure, Figure):
            return figure.draw()
        self.order.append("draw warm-up")
        return b""

    def write_fig_from_object(self, jobs) -> None:
        for job in jobs:
            job["path"].write_bytes(job["fig"].draw())

    def close(self) -> None:
        self.running = False
        self.order.append("stop")
        self.stop_called.set()
        if not images._lock.locked():
            # stopped outside the lock: let the other session draw meanwhile, as it could
            self.b_drawing.wait(WAIT_S)


class Figure:
    """A figure whose drawing records itself, and fails when asked to."""

    def __init__(self, name: str, browser: FakeBrowser, on_draw=None) -> None:
        self.name, self.browser, self.on_draw = name, browser, on_draw

    def draw(self) -> bytes:
        if self.on_draw:
            self.on_draw()
        if not self.browser.running:
            self.browser.order.append(f"{self.name} on a stopped browser")
            raise RuntimeError("the browser was stopped")
        self.browser.order.append(f"draw {self.name}")
        return self.name.encode()


@pytest.fixture
def browser(monkeypatch) -> FakeBrowser:
    """A fake kaleido browser, not yet started."""
    fake = FakeBrowser()
    monkeypatch.setattr(images, "Browser", fake.open)
    monkeypatch.setattr(images, "_browser_running", None)
    monkeypatch.setattr(images, "renderer", images.kaleido_render)
    return fake


def test_a_failed_image_stops_the_browser_before_another_session_draws(browser):
    outcomes: dict[str, object] = {}

    def session_b() -> None:
        try:
            outcomes["b"] = images.render(Figure("b", browser, b_draws), "png")
        except images.ImageUnavailable as exc:
            outcomes["b"] = exc

    def b_draws() -> None:
        browser.b_drawing.set()
        browser.stop_called.wait(WAIT_S)  # a stop of A's, if it can come now, comes now

    other = threading.Thread(target=session_b)

    def a_fails() -> None:
        browser.order.append("a fails")
        other.start()  # B asks for its image while A's drawing is failing
        raise RuntimeError("the browser crashed")

    with pytest.raises(images.ImageUnavailable, match="Inténtelo de nuevo"):
        images.render(Figure("a", browser, a_fails), "png")
    other.join(WAIT_S)
    assert not other.is_alive()
    assert outcomes["b"] == b"b"
    assert browser.order == ["start", "a fails", "stop", "start", "draw b"]


@pytest.fixture
def chromium_here(monkeypatch):
    """This machine has a Chromium, as far as images can tell."""
    monkeypatch.setattr(images, "available", lambda: True)


def test_warming_starts_the_browser_so_the_first_image_does_not(browser, chromium_here):
    images.warm()
    assert browser.order == ["start", "draw warm-up"] and browser.running
    images.render(Figure("chart", browser), "png")
    assert browser.order.count("start") == 1
    assert browser.order[-1] == "draw chart"


def test_warming_without_chromium_leaves_the_browser_alone(browser, monkeypatch):
    monkeypatch.setattr(images, "available", lambda: False)
    images.warm()
    assert browser.order == []


def test_a_failed_warm_up_is_left_for_the_first_image_to_explain(
    browser, chromium_here, monkeypatch
):
    def fails(*_args) -> bytes:
        raise images.ImageUnavailable("No se pudo generar la imagen (KaleidoError).")

    monkeypatch.setattr(images, "renderer", fails)
    images.warm()  # no exception: the server keeps starting


def test_several_figures_are_drawn_in_one_call_to_the_browser_in_their_order(browser, monkeypatch):
    calls = []
    write_all = browser.write_fig_from_object

    def recorded(jobs) -> None:
        calls.append([(job["opts"]["format"], job["topojson"]) for job in jobs])
        write_all(jobs)

    monkeypatch.setattr(browser, "write_fig_from_object", recorded)
    figures = [Figure(name, browser) for name in ("resumen", "mapa", "tabla")]
    assert images.render_all(figures, "png") == [b"resumen", b"mapa", b"tabla"]
    assert calls == [[("png", images.NO_BASE_MAP)] * 3]


def test_a_stand_in_renderer_draws_several_figures_one_by_one(monkeypatch):
    drawn = []
    monkeypatch.setattr(images, "renderer", lambda figure, *size: drawn.append(size) or b"png")
    assert images.render_all([go.Figure(), go.Figure()], "svg", size=(800, 600), scale=1) == [
        b"png",
        b"png",
    ]
    assert drawn == [("svg", 800, 600, 1)] * 2


@pytest.mark.skipif(not images.available(), reason="Chromium no está instalado")
@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_a_map_exports_with_its_caption_without_the_internet(fmt, monkeypatch):
    """plotly.js asks the internet for a world map for any geo figure; the export must not."""
    monkeypatch.setattr(images, "renderer", images.kaleido_render)
    monkeypatch.setattr(images, "measurer", images.kaleido_bottom)
    geojson = geo.comunas_geojson(("14",))
    codes = [f["properties"]["comuna_code"] for f in geojson["features"]]
    values = pd.DataFrame({"comuna_code": codes, "value": [50.0] * len(codes)})
    figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Índice", "indice")
    caption = images.Caption("Mapa de adopción", "Los Ríos", "Fuente: UFRO · Datos al 30-09-2025")
    drawn = images.export(figure, fmt, caption)
    if fmt == "png":
        assert drawn.startswith(b"\x89PNG")
    else:
        assert ">Fuente: UFRO · Datos al 30-09-2025<" in drawn.decode()


@pytest.mark.skipif(not images.available(), reason="Chromium no está instalado")
def test_figures_drawn_together_come_back_each_in_its_place_and_size(monkeypatch):
    monkeypatch.setattr(images, "renderer", images.kaleido_render)
    figures = [go.Figure(layout_title_text=name) for name in ("Primera", "Segunda", "Tercera")]
    svgs = [svg.decode() for svg in images.render_all(figures, "svg", size=(400, 300), scale=1)]
    for svg, name in zip(svgs, ("Primera", "Segunda", "Tercera"), strict=True):
        assert f">{name}<" in svg
        assert 'width="400" height="300"' in svg


@pytest.mark.skipif(not images.available(), reason="Chromium no está instalado")
@pytest.mark.parametrize("reload_every", [2, 1000])
def test_a_page_kept_warm_draws_what_a_fresh_page_draws(monkeypatch, reload_every):
    """Tabs are reloaded only now and then (images.browser.RELOAD_EVERY): whatever one image leaves
    in the page, the next draws as on a fresh page, reloaded or not."""
    monkeypatch.setattr(images.browser, "RELOAD_EVERY", reload_every)
    browser = images.browser.Browser(tabs=1)
    try:

        def draw(figure: go.Figure) -> bytes:
            opts = {"format": "png", "width": 300, "height": 200, "scale": 1}
            return browser.calc_fig(figure, opts, images.NO_BASE_MAP)

        bars = go.Figure(go.Bar(x=[1, 2], y=["Habilitada", "En uso"], orientation="h"))
        first = draw(bars)
        draw(go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2], name="otra"), layout_title_text="B"))
        draw(go.Figure(go.Heatmap(z=[[1, 2], [3, 4]]), layout_font_family="serif"))
        assert draw(bars) == first
        assert browser.drawn == 4
    finally:
        browser.close()
