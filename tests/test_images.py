"""The kaleido browser shared by every session: one session's failed image never breaks another's."""

import threading

import kaleido
import pytest

import images

WAIT_S = 30  # a guard against a hang, never reached when the test passes


class FakeBrowser:
    """kaleido's server start and stop, recording what happened in order."""

    def __init__(self) -> None:
        self.running = False
        self.order: list[str] = []
        self.stop_called = threading.Event()
        self.b_drawing = threading.Event()

    def start(self, **_options) -> None:
        self.running = True
        self.order.append("start")

    def stop(self, **_options) -> None:
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
    """A fake kaleido server, not yet started."""
    fake = FakeBrowser()
    monkeypatch.setattr(kaleido, "start_sync_server", fake.start)
    monkeypatch.setattr(kaleido, "stop_sync_server", fake.stop)
    monkeypatch.setattr(kaleido, "calc_fig_sync", lambda figure, **_options: figure.draw())
    monkeypatch.setattr(images, "_server_started", False)
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
