"""The informe as a PowerPoint file: the pages of reports.layout drawn as python-pptx slides."""

import datetime as dt
import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.util import Inches, Pt

from reports.layout import PAGE, PARAGRAPH_GAP, Band, Box, Document, Picture, Text, document, rgb
from slides import Deck

TITLE_ONLY = 5  # layout of python-pptx's default template: one title placeholder, nothing else
ALIGN = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT}


def _emu(box: Box) -> tuple[int, int, int, int]:
    return Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)


def _write(shape: Shape, text: Text) -> None:
    """Put a text's paragraphs in a shape placed on its box, with no inner margins so that texts
    and the chart line up on the same left edge."""
    shape.left, shape.top, shape.width, shape.height = _emu(text.box)
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for index, paragraph in enumerate(text.paragraphs):
        written = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        written.alignment = ALIGN[text.align]
        if index:
            written.space_before = Pt(paragraph.size * PARAGRAPH_GAP)
        run = written.add_run()
        run.text = paragraph.text
        run.font.size = Pt(paragraph.size)
        run.font.bold = paragraph.bold
        run.font.color.rgb = RGBColor(*rgb(paragraph.color))
        run.font.language_id = MSO_LANGUAGE_ID.SPANISH_CHILE


def _text(slide: Slide, text: Text) -> None:
    _write(slide.shapes.add_textbox(*_emu(text.box)), text)


def _picture(slide: Slide, picture: Picture) -> None:
    shape = slide.shapes.add_picture(io.BytesIO(picture.png), *_emu(picture.box))
    # python-pptx has no public alt-text setter; without this a screen reader says «image.png»
    shape._element.nvPicPr.cNvPr.set("descr", picture.description)


def _band(slide: Slide, band: Band) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu(band.box))
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(*rgb(band.color))
    shape.line.fill.background()


_DRAW = {Text: _text, Picture: _picture, Band: _band}


def draw(described: Document) -> bytes:
    """A described informe as 16:9 PowerPoint bytes, each page's title in its slide's title."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(PAGE[0]), Inches(PAGE[1])
    now = dt.datetime.now()
    properties = presentation.core_properties
    properties.title = described.title
    properties.subject = described.subject
    properties.author = properties.last_modified_by = described.author
    properties.comments = ""
    properties.language = described.language
    properties.created = properties.modified = now
    for page in described.pages:
        slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY])
        _write(slide.shapes.title, page.title)
        for element in page.elements:
            _DRAW[type(element)](slide, element)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def pptx_report(deck: Deck) -> bytes:
    """The deck's informe as a PowerPoint file; EmptyReport or ChartUnavailable when it cannot be
    made."""
    return draw(document(deck))
