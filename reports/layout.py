"""The informe's pages, described once (13.333 × 7.5 in, 16:9): texts, pictures, charts and
bands in boxes, built from a deck, for the PDF and PowerPoint drawers to put on paper each its
own way."""

from dataclasses import dataclass
from typing import Literal

import plotly.graph_objects as go

import charts
import exports
import images
from formats import day
from reports.errors import ChartUnavailable, EmptyReport
from reports.native import ChartData, chart_data
from slides import Deck, Slide


@dataclass(frozen=True)
class Box:
    """A rectangle on the page, in inches from its top left corner."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a text: its words, type size in points, "#rrggbb" colour and weight."""

    text: str
    size: int
    color: str
    bold: bool = False


@dataclass(frozen=True)
class Text:
    """Paragraphs written from the top of a box and wrapped to its width, PARAGRAPH_GAP apart."""

    box: Box
    paragraphs: tuple[Paragraph, ...]
    align: Literal["left", "right"] = "left"


@dataclass(frozen=True)
class Picture:
    """A PNG filling its box (drawn at the box's proportions), with words for screen readers."""

    box: Box
    png: bytes
    description: str


@dataclass(frozen=True)
class Chart:
    """A chart the document's program draws from its data (editable there), filling its box,
    with words for screen readers."""

    box: Box
    data: ChartData
    description: str


@dataclass(frozen=True)
class Band:
    """A box filled with one "#rrggbb" colour."""

    box: Box
    color: str


@dataclass(frozen=True)
class Page:
    """One page: its title (the slide's title for PowerPoint's outline and screen readers), then
    the rest, drawn in order, and what the presenter reads in PowerPoint's notes."""

    title: Text
    elements: tuple[Text | Picture | Chart | Band, ...]
    notes: str


@dataclass(frozen=True)
class Document:
    """The whole informe: the file's properties and its pages."""

    title: str
    subject: str
    author: str
    language: str
    pages: tuple[Page, ...]


PAGE = (13.333, 7.5)  # PowerPoint's widescreen slide; the PDF page is the same 338,7 × 190,5 mm
TITLE = Box(0.6, 0.35, 12.133, 0.7)
# two lines of 20 pt: the longest headlines from slides.py take ~130 characters
HEADLINE = Box(0.6, 1.1, 12.133, 0.8)
CHART = Box(0.6, 1.95, 12.133, 4.85)
FOOTER = Box(0.6, 6.95, 12.133, 0.35)
COVER_BAND = Box(0, 0, 0.35, PAGE[1])
COVER_TITLE = Box(1.1, 2.0, 11.6, 1.0)
COVER_LINES = Box(1.1, 3.2, 11.6, 2.4)
PARAGRAPH_GAP = 0.5  # space before a text's second and later paragraphs, in its type size

# 96 CSS pixels per inch: the chart's 20 px type (charts.presented) reads as 15 pt on the page
CHART_SIZE = (round(CHART.width * 96), round(CHART.height * 96))
CHART_SCALE = 2

TITLE_PT, HEADLINE_PT, FOOTER_PT = 34, 20, 12
COVER_TITLE_PT, REGION_PT, SUBTITLE_PT, SOURCE_PT = 44, 32, 22, 18
INK = charts.STAGE_COLORS["en_uso"]
TEXT = "#1b2733"  # the charts' font colour
MUTED = "#52606d"
WARNING = "#9a3412"  # the sample-data notice: dark orange, readable on white

REPORT_TITLE = "Informe para la mesa"
AUTHOR = "Tablero de brechas de adopción digital municipal"  # the files' author property
SOURCE_LINE = "Las cifras provienen de las planillas de seguimiento de cada región."


def rgb(color: str) -> tuple[int, int, int]:
    """A "#rrggbb" colour as its red, green and blue values."""
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def chart_pictures(deck: Deck, native: bool = False) -> tuple[bytes | ChartData | None, ...]:
    """Each slide's chart: with native, the data of a chart the document draws itself where the
    figure allows it; else a PNG at CHART_SIZE × CHART_SCALE, each drawn once, all of them in one
    call to the browser; None for a slide whose headline says all. EmptyReport for a region
    without data, ChartUnavailable when the images cannot be drawn."""
    if not deck.slides:
        raise EmptyReport(deck.region)
    drawn = [
        (native and chart_data(slide.figure)) or slide.figure if slide.figure is not None else None
        for slide in deck.slides
    ]
    pictured = [n for n, chart in enumerate(drawn) if isinstance(chart, go.Figure)]
    try:
        pngs = images.render_all(
            [charts.presented(drawn[n], CHART_SIZE) for n in pictured],
            "png",
            size=CHART_SIZE,
            scale=CHART_SCALE,
        )
    except images.ImageUnavailable as exc:
        raise ChartUnavailable(str(exc)) from exc
    for n, png in zip(pictured, pngs, strict=True):
        drawn[n] = png
    return tuple(drawn)


def origin(deck: Deck) -> str:
    """Where a deck's figures come from and how fresh they are, as the speaker notes say it."""
    return f"Fuente: {', '.join(deck.sources)}. Datos al {day(deck.as_of)}."


def _cover(deck: Deck, samples: bool) -> Page:
    """The title page: a band of the region's colour, the report's name, the region, the cut-off
    and sources, the total of the chosen regions, where the figures come from, and whether they
    are the fictional samples."""
    notice = (Paragraph(exports.SAMPLE_NOTICE, SOURCE_PT, WARNING, bold=True),) if samples else ()
    return Page(
        title=Text(COVER_TITLE, (Paragraph(REPORT_TITLE, COVER_TITLE_PT, INK, bold=True),)),
        elements=(
            Band(COVER_BAND, charts.region_color(deck.region_code)),
            Text(
                COVER_LINES,
                (
                    Paragraph(deck.region, REGION_PT, TEXT, bold=True),
                    Paragraph(deck.subtitle, SUBTITLE_PT, TEXT),
                    *([Paragraph(deck.total, SOURCE_PT, TEXT)] if deck.total else []),
                    Paragraph(SOURCE_LINE, SOURCE_PT, MUTED),
                    *notice,
                ),
            ),
        ),
        notes="\n".join(
            [f"{REPORT_TITLE}: {deck.region}.", origin(deck), SOURCE_LINE]
            + ([exports.SAMPLE_NOTICE] if samples else [])
        ),
    )


def _chart(slide: Slide, drawn: bytes | ChartData) -> Picture | Chart:
    description = f"{slide.title}. {slide.headline}"
    if isinstance(drawn, ChartData):
        return Chart(CHART, drawn, description)
    return Picture(CHART, drawn, description)


def document(deck: Deck, *, native: bool = False, samples: bool = False) -> Document:
    """The deck as an informe: a title page (saying so when the data are the samples), then a
    page per chart with its title, headline, chart (with native, drawn by the document's program
    where it can) and a footer with the region, cut-off and "n / total", the headline and
    sources in its notes; EmptyReport or ChartUnavailable when it cannot be made."""
    drawn = chart_pictures(deck, native)
    total = len(drawn) + 1
    where = Paragraph(f"{deck.region} · {deck.subtitle}", FOOTER_PT, MUTED)
    chart_pages = tuple(
        Page(
            title=Text(TITLE, (Paragraph(slide.title, TITLE_PT, INK, bold=True),)),
            elements=(
                Text(HEADLINE, (Paragraph(slide.headline, HEADLINE_PT, TEXT),)),
                *([_chart(slide, chart)] if chart is not None else []),
                Text(FOOTER, (where,)),
                Text(FOOTER, (Paragraph(f"{number} / {total}", FOOTER_PT, MUTED),), "right"),
            ),
            notes=f"{slide.headline}\n{origin(deck)}",
        )
        for number, (slide, chart) in enumerate(zip(deck.slides, drawn, strict=True), 2)
    )
    return Document(
        title=f"{REPORT_TITLE}: {deck.region}",
        subject=deck.subtitle,
        author=AUTHOR,
        language="es-CL",
        pages=(_cover(deck, samples), *chart_pages),
    )
