"""The informe as a PDF: a title page, then one page per chart of the deck, in fpdf2's core
fonts (Latin-1 covers Spanish; the few characters outside it are replaced)."""

import io

from fpdf import FPDF

from reports.layout import (
    AUTHOR,
    CHART,
    COVER_BAND,
    COVER_LINES,
    COVER_TITLE,
    COVER_TITLE_PT,
    FOOTER,
    FOOTER_PT,
    HEADLINE,
    HEADLINE_PT,
    INK,
    MUTED,
    PAGE,
    REGION_PT,
    REPORT_TITLE,
    SOURCE_PT,
    SUBTITLE_PT,
    TEXT,
    TITLE,
    TITLE_PT,
    Box,
    chart_pictures,
    cover_lines,
    footer,
    rgb,
)
from slides import Deck, Slide

FONT = "Helvetica"
LINE = 1.2  # line height as a multiple of the type size
PT = 1 / 72  # one point, in inches
# typographic characters outside Latin-1 that headlines or names may carry, and their stand-ins
_LATIN1 = str.maketrans(
    {"—": "-", "–": "-", "‑": "-", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'", "•": "·"}
)


def latin1(text: str) -> str:
    """The text in the core fonts' Latin-1: dashes and quotes as their plain forms, «?» for the rest."""
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def _write(
    pdf: FPDF,
    box: Box,
    lines: list[tuple[str, int, bool, str]],
    align: str = "L",
) -> None:
    """Write (text, size in pt, bold, colour) paragraphs from the top of box, wrapped to its width."""
    pdf.set_xy(box.left, box.top)
    for index, (text, size, bold, color) in enumerate(lines):
        if index:
            pdf.set_y(pdf.get_y() + size / 2 * PT)
        pdf.set_font(FONT, "B" if bold else "", size)
        pdf.set_text_color(*rgb(color))
        pdf.set_x(box.left)
        pdf.multi_cell(box.width, size * LINE * PT, latin1(text), align=align)


def _cover(pdf: FPDF, deck: Deck) -> None:
    pdf.add_page()
    pdf.set_fill_color(*rgb(INK))
    pdf.rect(COVER_BAND.left, COVER_BAND.top, COVER_BAND.width, COVER_BAND.height, style="F")
    _write(pdf, COVER_TITLE, [(REPORT_TITLE, COVER_TITLE_PT, True, INK)])
    region, subtitle, source = cover_lines(deck)
    _write(
        pdf,
        COVER_LINES,
        [
            (region, REGION_PT, True, TEXT),
            (subtitle, SUBTITLE_PT, False, TEXT),
            (source, SOURCE_PT, False, MUTED),
        ],
    )


def _chart_page(pdf: FPDF, slide: Slide, picture: bytes, footers: tuple[str, str]) -> None:
    pdf.add_page()
    _write(pdf, TITLE, [(slide.title, TITLE_PT, True, INK)])
    _write(pdf, HEADLINE, [(slide.headline, HEADLINE_PT, False, TEXT)])
    pdf.image(
        io.BytesIO(picture),
        CHART.left,
        CHART.top,
        CHART.width,
        CHART.height,
        alt_text=latin1(f"{slide.title}. {slide.headline}"),
    )
    where, count = footers
    _write(pdf, FOOTER, [(where, FOOTER_PT, False, MUTED)])
    _write(pdf, FOOTER, [(count, FOOTER_PT, False, MUTED)], align="R")


def pdf_report(deck: Deck) -> bytes:
    """The deck as a 16:9 PDF: a title page, then a page per chart with its title, headline,
    chart and "n / total"; EmptyReport or ChartUnavailable when it cannot be made."""
    pictures = chart_pictures(deck)
    pdf = FPDF(orientation="L", unit="in", format=(PAGE[1], PAGE[0]))
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0  # texts start on the chart's left edge, as in the PowerPoint file
    pdf.set_title(f"{REPORT_TITLE}: {deck.region}")
    pdf.set_subject(deck.subtitle)
    pdf.set_author(AUTHOR)
    pdf.set_lang("es-CL")
    total = len(pictures) + 1
    _cover(pdf, deck)
    for number, (slide, picture) in enumerate(zip(deck.slides, pictures, strict=True), start=2):
        _chart_page(pdf, slide, picture, footer(deck, number, total))
    return bytes(pdf.output())
