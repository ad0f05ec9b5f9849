"""The informe as a PowerPoint file: a title slide, then one slide per chart of the deck."""

import datetime as dt
import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide as PptxSlide
from pptx.util import Inches, Pt

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

TITLE_SLIDE, TITLE_ONLY = 0, 5  # layouts of python-pptx's default template


def _emu(box: Box) -> tuple[int, int, int, int]:
    return Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)


def _write(
    shape: Shape,
    box: Box,
    lines: list[tuple[str, int, bool, str]],
    align: PP_ALIGN = PP_ALIGN.LEFT,
) -> None:
    """Put (text, size in pt, bold, colour) paragraphs in a shape placed on box, with no inner
    margins so that texts and the chart line up on the same left edge."""
    shape.left, shape.top, shape.width, shape.height = _emu(box)
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for index, (text, size, bold, color) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        if index:
            paragraph.space_before = Pt(size // 2)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = RGBColor(*rgb(color))
        run.font.language_id = MSO_LANGUAGE_ID.SPANISH_CHILE


def _cover(page: PptxSlide, deck: Deck) -> None:
    band = page.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu(COVER_BAND))
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor(*rgb(INK))
    band.line.fill.background()
    _write(page.shapes.title, COVER_TITLE, [(REPORT_TITLE, COVER_TITLE_PT, True, INK)])
    region, subtitle, source = cover_lines(deck)
    _write(
        page.placeholders[1],
        COVER_LINES,
        [
            (region, REGION_PT, True, TEXT),
            (subtitle, SUBTITLE_PT, False, TEXT),
            (source, SOURCE_PT, False, MUTED),
        ],
    )


def _chart_page(page: PptxSlide, slide: Slide, picture: bytes, footers: tuple[str, str]) -> None:
    _write(page.shapes.title, TITLE, [(slide.title, TITLE_PT, True, INK)])
    _write(
        page.shapes.add_textbox(*_emu(HEADLINE)),
        HEADLINE,
        [(slide.headline, HEADLINE_PT, False, TEXT)],
    )
    chart = page.shapes.add_picture(io.BytesIO(picture), *_emu(CHART))
    # python-pptx has no public alt-text setter; without this a screen reader says «image.png»
    chart._element.nvPicPr.cNvPr.set("descr", f"{slide.title}. {slide.headline}")
    where, count = footers
    _write(page.shapes.add_textbox(*_emu(FOOTER)), FOOTER, [(where, FOOTER_PT, False, MUTED)])
    _write(
        page.shapes.add_textbox(*_emu(FOOTER)),
        FOOTER,
        [(count, FOOTER_PT, False, MUTED)],
        align=PP_ALIGN.RIGHT,
    )


def pptx_report(deck: Deck) -> bytes:
    """The deck as a 16:9 PowerPoint file: a title slide, then a slide per chart with its title,
    headline, chart and "n / total"; EmptyReport or ChartUnavailable when it cannot be made."""
    pictures = chart_pictures(deck)
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(PAGE[0]), Inches(PAGE[1])
    now = dt.datetime.now()
    properties = presentation.core_properties
    properties.title = f"{REPORT_TITLE}: {deck.region}"
    properties.subject = deck.subtitle
    properties.author = properties.last_modified_by = AUTHOR
    properties.comments = ""
    properties.language = "es-CL"
    properties.created = properties.modified = now
    total = len(pictures) + 1
    _cover(presentation.slides.add_slide(presentation.slide_layouts[TITLE_SLIDE]), deck)
    for number, (slide, picture) in enumerate(zip(deck.slides, pictures, strict=True), start=2):
        page = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY])
        _chart_page(page, slide, picture, footer(deck, number, total))
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
