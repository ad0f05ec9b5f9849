"""The page both documents share (13.333 × 7.5 in, 16:9): where each text and chart goes, what
the title page says, and the charts drawn once as PNG."""

from dataclasses import dataclass

import charts
import images
from reports.errors import ChartUnavailable, EmptyReport
from slides import Deck


@dataclass(frozen=True)
class Box:
    """A rectangle on the page, in inches from its top left corner."""

    left: float
    top: float
    width: float
    height: float


PAGE = (13.333, 7.5)  # PowerPoint's widescreen slide; the PDF page is the same 338,7 × 190,5 mm
TITLE = Box(0.6, 0.35, 12.133, 0.7)
# two lines of 20 pt: the longest headlines from slides.py take ~130 characters
HEADLINE = Box(0.6, 1.1, 12.133, 0.8)
CHART = Box(0.6, 1.95, 12.133, 4.85)
FOOTER = Box(0.6, 6.95, 12.133, 0.35)
COVER_BAND = Box(0, 0, 0.35, PAGE[1])
COVER_TITLE = Box(1.1, 2.0, 11.6, 1.0)
COVER_LINES = Box(1.1, 3.2, 11.6, 2.4)

# 96 CSS pixels per inch: the chart's 20 px type (charts.presented) reads as 15 pt on the page
CHART_SIZE = (round(CHART.width * 96), round(CHART.height * 96))
CHART_SCALE = 2

TITLE_PT, HEADLINE_PT, FOOTER_PT = 34, 20, 12
COVER_TITLE_PT, REGION_PT, SUBTITLE_PT, SOURCE_PT = 44, 32, 22, 18
INK = charts.STAGE_COLORS["en_uso"]
TEXT = "#1b2733"  # the charts' font colour
MUTED = "#52606d"

REPORT_TITLE = "Informe para la mesa"
AUTHOR = "Tablero de brechas de adopción digital municipal"  # the files' author property
SOURCE_LINE = "Las cifras provienen de las planillas de seguimiento de cada región."


def cover_lines(deck: Deck) -> tuple[str, str, str]:
    """What the title page says under its title: the region, the cut-off and sources, the origin."""
    return deck.region, deck.subtitle, SOURCE_LINE


def footer(deck: Deck, number: int, total: int) -> tuple[str, str]:
    """The footer of a chart page: the region and cut-off on the left, "n / total" on the right."""
    return f"{deck.region} · {deck.subtitle}", f"{number} / {total}"


def rgb(color: str) -> tuple[int, int, int]:
    """A "#rrggbb" colour as its red, green and blue values."""
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def chart_pictures(deck: Deck) -> tuple[bytes, ...]:
    """Each slide's chart as a PNG at CHART_SIZE × CHART_SCALE, each drawn once; EmptyReport for
    a region without data, ChartUnavailable when the images cannot be drawn."""
    if not deck.slides:
        raise EmptyReport(deck.region)
    try:
        return tuple(
            images.render(
                charts.presented(slide.figure, CHART_SIZE),
                "png",
                size=CHART_SIZE,
                scale=CHART_SCALE,
            )
            for slide in deck.slides
        )
    except images.ImageUnavailable as exc:
        raise ChartUnavailable(str(exc)) from exc
