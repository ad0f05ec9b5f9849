"""The informe as a PowerPoint file: the pages of reports.layout drawn as python-pptx slides."""

import datetime as dt
import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.util import Inches, Pt

from charts.style import GRID
from reports.layout import (
    PAGE,
    PARAGRAPH_GAP,
    TEXT,
    Band,
    Box,
    Chart,
    Document,
    Picture,
    Text,
    document,
    rgb,
)
from slides import Deck

TITLE_ONLY = 5  # layout of python-pptx's default template: one title placeholder, nothing else
ALIGN = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT}
CHART_TYPES = {
    ("bar", True): XL_CHART_TYPE.BAR_CLUSTERED,
    ("stacked_bar", True): XL_CHART_TYPE.BAR_STACKED,
    ("bar", False): XL_CHART_TYPE.COLUMN_CLUSTERED,
    ("stacked_bar", False): XL_CHART_TYPE.COLUMN_STACKED,
    ("line", True): XL_CHART_TYPE.LINE_MARKERS,
    ("line", False): XL_CHART_TYPE.LINE_MARKERS,
}
"""The PowerPoint chart for each kind of reports.native chart, lying or standing."""
PERCENT = '0" %"'  # 45 %, as the dashboard writes a share
CHART_PT = 14  # the chart's type: axis labels, legend and values


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


def _chart(slide: Slide, chart: Chart) -> None:
    """A chart PowerPoint draws from its own data (editable in PowerPoint, the numbers in its
    sheet), coloured as on the dashboard."""
    data = chart.data
    values = CategoryChartData(number_format=PERCENT if data.percent else "General")
    values.categories = data.categories
    for series in data.series:
        values.add_series(series.name, series.values)
    frame = slide.shapes.add_chart(
        CHART_TYPES[data.kind, data.horizontal], *_emu(chart.box), values
    )
    frame._element.nvGraphicFramePr.cNvPr.set("descr", chart.description)  # see _picture
    drawn = frame.chart
    drawn.font.size = Pt(CHART_PT)
    drawn.font.color.rgb = RGBColor(*rgb(TEXT))
    drawn.has_legend = len(data.series) > 1
    if drawn.has_legend:
        drawn.legend.position = XL_LEGEND_POSITION.BOTTOM
        drawn.legend.include_in_layout = False
    # lying bars read top to bottom in the figure's order, as on the dashboard
    drawn.category_axis.reverse_order = data.horizontal
    axis = drawn.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor(*rgb(GRID))
    if data.percent:
        axis.minimum_scale, axis.maximum_scale = 0, 100
        axis.tick_labels.number_format = PERCENT
        axis.tick_labels.number_format_is_linked = False
    plot = drawn.plots[0]
    if data.kind == "stacked_bar":
        plot.overlap = 100
    if data.kind != "line":
        plot.gap_width = 60
    if data.kind == "bar":
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format, labels.number_format_is_linked = values.number_format, False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    for series, shown in zip(data.series, plot.series, strict=True):
        if series.color is None:
            continue
        colour = RGBColor(*rgb(series.color))
        if data.kind == "line":
            shown.smooth = False
            shown.format.line.color.rgb = colour
            shown.marker.format.fill.solid()
            shown.marker.format.fill.fore_color.rgb = colour
        else:
            shown.format.fill.solid()
            shown.format.fill.fore_color.rgb = colour


_DRAW = {Text: _text, Picture: _picture, Chart: _chart, Band: _band}


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
        slide.notes_slide.notes_text_frame.text = page.notes
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def pptx_report(deck: Deck, *, samples: bool = False) -> bytes:
    """The deck's informe as a PowerPoint file, its charts drawn by PowerPoint where it can (the
    map and the table as pictures), its cover saying when the data are the samples; EmptyReport
    or ChartUnavailable when it cannot be made."""
    return draw(document(deck, native=True, samples=samples))
