"""Figures as static images (PNG, SVG), drawn on the server by kaleido with the machine's Chromium."""

import shutil
import threading
import warnings
from functools import cache

import kaleido
import kaleido.errors
import plotly.graph_objects as go

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
SLIDE_SIZE = (1280, 720)  # the presentation size, in CSS pixels; PNGs are drawn at twice that

_lock = threading.Lock()
_server_started = False


UNAVAILABLE = (
    "No se pueden generar imágenes: el servidor no tiene Chromium instalado (paquete Debian "
    "«chromium»). Los gráficos interactivos siguen funcionando."
)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


@cache
def available() -> bool:
    """Whether a Chromium for kaleido is on this machine (checked once per process)."""
    return any(shutil.which(name) for name in CHROMIUM_NAMES)


class ImageUnavailable(Exception):
    """The image could not be drawn; the message says why, in Spanish."""


def _start_server() -> None:
    """One kaleido browser per process, started on first use: later images take ~0.5 s, not ~5 s."""
    global _server_started
    if not _server_started:
        kaleido.start_sync_server(silence_warnings=True)
        _server_started = True


def _stop_server() -> None:
    global _server_started
    if _server_started:
        kaleido.stop_sync_server(silence_warnings=True)
        _server_started = False


def kaleido_render(figure: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
    """The figure drawn by kaleido in this process's browser; ImageUnavailable when Chromium or
    kaleido is missing or fails."""
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts ignored when using a server": expected
        try:
            _start_server()
            return figure.to_image(format=fmt, width=width, height=height, scale=scale)
        except kaleido.errors.ChromeNotFoundError as exc:
            _stop_server()
            raise ImageUnavailable(UNAVAILABLE) from exc
        except (kaleido.errors.KaleidoError, RuntimeError, OSError) as exc:
            # still under the lock: another session's image is never drawn on a browser
            # that this failure is stopping; it starts a fresh one
            _stop_server()
            raise ImageUnavailable(
                f"No se pudo generar la imagen ({type(exc).__name__}). Inténtelo de nuevo."
            ) from exc


# What draws the images: (figure, format, width, height, scale) -> bytes. Tests that do not test
# the image itself swap it for a stub, so that they need no browser.
renderer = kaleido_render


def render(
    figure: go.Figure, fmt: str = "png", *, size: tuple[int, int] = SLIDE_SIZE, scale: float = 2
) -> bytes:
    """The figure as PNG or SVG bytes at size (width, height) × scale; ImageUnavailable when it
    cannot be drawn."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; known: {', '.join(FORMATS)}")
    width, height = size
    return renderer(figure, fmt, width, height, scale)
