"""The informe as a PDF: the pages of reports.layout drawn with fpdf2's core fonts (Latin-1
covers Spanish; the few characters outside it are replaced)."""

import io

from fpdf import FPDF, image_parsing

from reports.layout import PAGE, PARAGRAPH_GAP, Band, Document, Picture, Text, document, rgb
from slides import Deck

FONT = "Helvetica"
LINE = 1.2  # line height as a multiple of the type size
PT = 1 / 72  # one point, in inches
ALIGN = {"left": "L", "right": "R"}
# fpdf2 unpacks each PNG and packs it again: at zlib's level 1 the charts' flat colours pack in half
# the time of its default 6, the file a quarter larger (600 KB for a region's informe, not 470)
image_parsing.SETTINGS.compression_level = 1
# typographic characters outside Latin-1 that headlines or names may carry, and their stand-ins
_LATIN1 = str.maketrans(
    {"—": "-", "–": "-", "‑": "-", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'", "•": "·"}
)


def latin1(text: str) -> str:
    """The text in the core fonts' Latin-1: dashes and quotes as their plain forms, «?» for the rest."""
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def _text(pdf: FPDF, text: Text) -> None:
    box = text.box
    pdf.set_xy(box.left, box.top)
    for index, paragraph in enumerate(text.paragraphs):
        if index:
            pdf.set_y(pdf.get_y() + paragraph.size * PARAGRAPH_GAP * PT)
        pdf.set_font(FONT, "B" if paragraph.bold else "", paragraph.size)
        pdf.set_text_color(*rgb(paragraph.color))
        pdf.set_x(box.left)
        pdf.multi_cell(
            box.width, paragraph.size * LINE * PT, latin1(paragraph.text), align=ALIGN[text.align]
        )


def _picture(pdf: FPDF, picture: Picture) -> None:
    box = picture.box
    pdf.image(
        io.BytesIO(picture.png),
        box.left,
        box.top,
        box.width,
        box.height,
        alt_text=latin1(picture.description),
    )


def _band(pdf: FPDF, band: Band) -> None:
    pdf.set_fill_color(*rgb(band.color))
    pdf.rect(band.box.left, band.box.top, band.box.width, band.box.height, style="F")


_DRAW = {Text: _text, Picture: _picture, Band: _band}


def draw(described: Document) -> bytes:
    """A described informe as 16:9 PDF bytes."""
    pdf = FPDF(orientation="L", unit="in", format=(PAGE[1], PAGE[0]))
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0  # texts start on the chart's left edge, as in the PowerPoint file
    pdf.set_title(described.title)
    pdf.set_subject(described.subject)
    pdf.set_author(described.author)
    pdf.set_lang(described.language)
    for page in described.pages:
        pdf.add_page()
        for element in (page.title, *page.elements):
            _DRAW[type(element)](pdf, element)
    return bytes(pdf.output())


def pdf_report(deck: Deck, *, samples: bool = False) -> bytes:
    """The deck's informe as a PDF, its cover saying when the data are the samples; EmptyReport
    or ChartUnavailable when it cannot be made."""
    return draw(document(deck, samples=samples))
