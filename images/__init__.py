"""Figures as static images (PNG, SVG), drawn on the server by kaleido with the machine's Chromium."""

import atexit
import datetime as dt
import html
import json
import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import kaleido.errors
import plotly.graph_objects as go

import charts
from formats import day
from images.browser import Browser

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
SLIDE_SIZE = (1280, 720)  # the presentation size, in CSS pixels; PNGs are drawn at twice that
TABS = 2  # the browser's tabs: the images of one informe are drawn two at a time, one per core
# plotly.js fetches a world map for every geo subplot, even one drawing only the comunas' own
# polygons with its base map hidden; without the internet that fetch fails the image. kaleido
# hands plotly this address instead: an empty map written into the address itself (the «#» keeps
# the file name plotly appends out of it)
NO_BASE_MAP = (
    "data:application/json,"
    + json.dumps({"type": "Topology", "objects": {}, "arcs": []}, separators=(",", ":"))
    + "#"
)

_lock = threading.Lock()
_browser_running: Browser | None = None


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


def _start_browser() -> Browser:
    """One kaleido browser per process, started on first use (or by warm): later images take
    a fraction of a second, not the ~5 s of a start."""
    global _browser_running
    if _browser_running is None:
        _browser_running = Browser(TABS)
    return _browser_running


def _stop_browser() -> None:
    global _browser_running
    if _browser_running is not None:
        running, _browser_running = _browser_running, None
        running.close()


atexit.register(_stop_browser)  # no Chromium outlives the process


@contextmanager
def _browser() -> Iterator[Browser]:
    """This process's kaleido browser, to one caller at a time; ImageUnavailable when Chromium
    or kaleido is missing or fails."""
    with _lock:
        try:
            yield _start_browser()
        except kaleido.errors.ChromeNotFoundError as exc:
            _stop_browser()
            raise ImageUnavailable(UNAVAILABLE) from exc
        except (kaleido.errors.KaleidoError, RuntimeError, OSError) as exc:
            # still under the lock: another session's image is never drawn on a browser
            # that this failure is stopping; it starts a fresh one (a timeout is an OSError)
            _stop_browser()
            raise ImageUnavailable(
                f"No se pudo generar la imagen ({type(exc).__name__}). Inténtelo de nuevo."
            ) from exc


def warm() -> None:
    """Start this process's browser and draw a first image, so that the first person to download
    one does not wait for Chromium to start; nothing when it cannot (the download says why)."""
    if available():
        with suppress(ImageUnavailable):  # the first download says why, in Spanish
            # a bar with words: the fonts a chart uses are loaded before anyone asks for one
            renderer(go.Figure(go.Bar(x=[1], y=["Habilitada"])), "png", 64, 32, 1)


def _job(figure: go.Figure, fmt: str, width: int, height: int, scale: float) -> dict:
    """What kaleido draws: the figure, its format and size, and the map it needs (none)."""
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    return {"fig": figure, "opts": opts, "topojson": NO_BASE_MAP}


def kaleido_render(figure: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
    """The figure drawn by kaleido in this process's browser; ImageUnavailable when Chromium or
    kaleido is missing or fails."""
    job = _job(figure, fmt, width, height, scale)
    with _browser() as browser:
        return browser.calc_fig(job["fig"], job["opts"], job["topojson"])


def kaleido_render_all(
    figures: Sequence[go.Figure], fmt: str, width: int, height: int, scale: float
) -> list[bytes]:
    """The figures drawn by kaleido in one call, on the browser's tabs at once, in their order;
    ImageUnavailable when Chromium or kaleido is missing or fails."""
    with _browser() as browser, tempfile.TemporaryDirectory(prefix="imagenes-") as folder:
        jobs = [
            _job(figure, fmt, width, height, scale) | {"path": Path(folder) / f"{n}.{fmt}"}
            for n, figure in enumerate(figures)
        ]
        browser.write_fig_from_object(jobs)
        return [job["path"].read_bytes() for job in jobs]


def kaleido_bottom(figure: go.Figure) -> int:
    """The bottom margin, in pixels, that plotly gives the figure once its axes and legend have
    pushed it; ImageUnavailable when it cannot be measured."""
    layout = figure.layout
    job = _job(figure, "json", layout.width, layout.height, 1)
    with _browser() as browser:
        drawn = browser.calc_fig(job["fig"], job["opts"], job["topojson"])
    # read from plotly's JSON as it comes: a go.Figure of it would validate every attribute of
    # every axis, 0.4 s on the national gap chart
    return int(json.loads(drawn)["layout"]["computed"]["margin"]["b"])


# What draws the images: (figure, format, width, height, scale) -> bytes. Tests that do not test
# the image itself swap it for a stub, so that they need no browser.
renderer = kaleido_render
measurer = kaleido_bottom


def _known(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; known: {', '.join(FORMATS)}")


def render(
    figure: go.Figure, fmt: str = "png", *, size: tuple[int, int] = SLIDE_SIZE, scale: float = 2
) -> bytes:
    """The figure as PNG or SVG bytes at size (width, height) × scale; ImageUnavailable when it
    cannot be drawn."""
    _known(fmt)
    width, height = size
    return renderer(figure, fmt, width, height, scale)


def render_all(
    figures: Sequence[go.Figure],
    fmt: str = "png",
    *,
    size: tuple[int, int] = SLIDE_SIZE,
    scale: float = 2,
) -> list[bytes]:
    """The figures as PNG or SVG bytes, each at size × scale, in their order: drawn in one call,
    on the browser's tabs at once (a stand-in renderer draws them one by one); ImageUnavailable
    when they cannot be drawn."""
    _known(fmt)
    width, height = size
    if renderer is kaleido_render and len(figures) > 1:
        return kaleido_render_all(figures, fmt, width, height, scale)
    return [renderer(figure, fmt, width, height, scale) for figure in figures]


SAMPLE_DATA = "Datos de ejemplo ficticios"
"""How an image, a report or an export made from the sample data says so."""
FOOTER_PX = 44  # room under the chart's own axes and legend for the footer line
TITLE_PX, SUBTITLE_PX, FOOTER_FONT_PX = 30, 20, 18
ANNOTATION_PX = 40  # a line of charts.presented's 24 px annotations
MUTED = "#52606d"


@dataclass(frozen=True)
class Caption:
    """What a chart's file carries so it can travel alone: a title, the regions under it, and a
    footer with the source and cut-off."""

    title: str
    subtitle: str
    footer: str


def footer(sources: list[str], cutoffs: dict[str, dt.date], samples: bool = False) -> str:
    """The line under an exported chart: «Fuente: UFRO · Datos al 30-09-2025», each region with
    its own date when they differ, and a mark when the data are the fictional samples."""
    dates = set(cutoffs.values())
    if len(dates) == 1:
        when = f"Datos al {day(dates.pop())}"
    else:
        when = " · ".join(f"{region} al {day(date)}" for region, date in cutoffs.items())
    parts = [f"Fuente: {', '.join(sources)}" if sources else "", when if cutoffs else ""]
    return " · ".join(p for p in (*parts, SAMPLE_DATA if samples else "") if p)


def _plain(text: str) -> str:
    """Text plotly draws as written: its markup (<b>, <br>) and entities shown, not applied."""
    return html.escape(text, quote=False)


def add_title(figure: go.Figure, caption: Caption) -> None:
    """Draw the caption's title and subtitle above a presented figure's chart (in place: a copy
    of a figure validates all of it again, a fifth of a second for the national chart)."""
    # the title's automargin leaves room for axes and legends, not for annotations above the
    # plot (the region of each panel in charts.gap_bars): those get a line of their own
    above = any(a.yref == "paper" and (a.y or 0) >= 1 for a in figure.layout.annotations)
    figure.update_layout(
        title={
            "text": _plain(caption.title),
            "subtitle": {"text": _plain(caption.subtitle), "font_size": SUBTITLE_PX},
            "font_size": TITLE_PX,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 16, "b": ANNOTATION_PX if above else 0},
            "automargin": True,
        }
    )


def add_footer(figure: go.Figure, text: str, bottom: int) -> None:
    """Draw a footer line below the `bottom` pixels a figure's axes and legend take (the bottom
    margin plotly gave it), the margin grown to hold it (in place)."""
    figure.update_layout(margin_b=bottom + FOOTER_PX)
    figure.add_annotation(
        text=_plain(text),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-(bottom + 8),
        showarrow=False,
        font={"size": FOOTER_FONT_PX, "color": MUTED},
    )


def export(figure: go.Figure, fmt: str, caption: Caption) -> bytes:
    """A chart as a file that travels alone: at the presentation size, with its title, regions,
    source and cut-off drawn in; ImageUnavailable when it cannot be drawn."""
    _known(fmt)
    framed = charts.presented(figure, SLIDE_SIZE)
    add_title(framed, caption)
    add_footer(framed, caption.footer, measurer(framed))
    return render(framed, fmt)


def slug(text: str) -> str:
    """Text as a file name's part: ASCII lower case, words joined by «-» (La Araucanía:
    la-araucania)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def file_name(stem: str, places: tuple[str, ...], as_of: dt.date | None, fmt: str) -> str:
    """A chart's file name that says what it holds: brecha_uso_la-araucania_30-09-2025.png; two
    regions by name, more by how many."""
    where = "_".join(slug(p) for p in places) if len(places) <= 2 else f"{len(places)}-regiones"
    return f"{stem}_{where or 'sin-region'}_{day(as_of) if as_of else 'sin-fecha'}.{fmt}"
