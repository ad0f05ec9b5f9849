"""Informes para la mesa: the PowerPoint and PDF files of a region's deck, and `python -m reports`."""

import dataclasses
import datetime as dt
import io

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches
from pypdf import PdfReader

import analytics
import charts
import exports
import images
import reports
import slides
from loaders import empty_activities
from loaders.vocabulary import PLATFORMS, platform_label
from reports.__main__ import main, parse_region
from reports.layout import CHART_SIZE, Text, document
from reports.native import chart_data
from settings import load_settings
from store import Store, seed_samples
from tests.conftest import stub_image
from tests.store.conftest import admin, module_runner, save, tracker

PICTURE_PX = (CHART_SIZE[0] * 2, CHART_SIZE[1] * 2)


@pytest.fixture(scope="module", autouse=True)
def drawn_without_a_browser():
    """The charts are drawn by a stub of the size asked for: these tests are about the reports,
    not the images (tests/test_exports.py draws real ones)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "renderer", stub_image)
        yield


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A folder holding an SQLite store with the fictional sample trackers."""
    path = tmp_path_factory.mktemp("datos")
    store = Store(load_settings({"DATA_DIR": str(path), "SEED_SAMPLES": "0"}))
    seed_samples(store)
    store.engine.dispose()
    return path


@pytest.fixture(scope="module")
def history(data_dir):
    store = Store(load_settings({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}))
    yield store.history()
    store.engine.dispose()


@pytest.fixture(scope="module")
def activities(data_dir):
    store = Store(load_settings({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}))
    yield store.activities()
    store.engine.dispose()


@pytest.fixture(scope="module")
def deck(history, activities):
    """La Araucanía at its newest cut-off (30-09-2025, UFRO), with its accompaniment."""
    return slides.deck(history, activities, "09")


@pytest.fixture(scope="module")
def pptx(deck):
    return Presentation(io.BytesIO(reports.build_report(deck, "pptx")))


@pytest.fixture(scope="module")
def pdf(deck):
    return PdfReader(io.BytesIO(reports.build_report(deck, "pdf")))


@pytest.fixture
def fake_render(monkeypatch):
    """images.renderer replaced by a tiny PNG; the (format, size, scale, figure size) of each
    figure drawn."""
    out = io.BytesIO()
    Image.new("RGB", (8, 3), "white").save(out, format="PNG")
    calls = []

    def render(figure, fmt, width, height, scale):
        calls.append((fmt, (width, height), scale, (figure.layout.width, figure.layout.height)))
        return out.getvalue()

    monkeypatch.setattr(images, "renderer", render)
    return calls


def texts(page) -> list[str]:
    """The non-empty paragraphs of a slide, shape by shape, top to bottom as added."""
    return [
        paragraph.text
        for shape in page.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        if paragraph.text
    ]


def shape_with(page, text: str):
    (found,) = [s for s in page.shapes if s.has_text_frame and s.text_frame.text == text]
    return found


def sizes(shape) -> set[float]:
    return {run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs}


def words(text: str) -> str:
    return " ".join(text.split())


def test_pptx_is_widescreen_with_a_title_slide_and_one_slide_per_chart(pptx, deck):
    assert (pptx.slide_width, pptx.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(deck.slides) == 6
    assert len(pptx.slides) == 7


def test_title_slide_names_the_report_region_cut_off_and_origin(pptx):
    cover = pptx.slides[0]
    assert texts(cover) == [
        "Informe para la mesa",
        "La Araucanía",
        "Datos al 30-09-2025 · UFRO",
        "Total de las regiones elegidas (Tarapacá, La Araucanía, Los Lagos y Los Ríos): 63 % "
        "habilitada o más, 32 % en uso, brecha de uso 30 %; 81 de 81 comunas con datos.",
        "Las cifras provienen de las planillas de seguimiento de cada región.",
    ]
    assert cover.shapes.title.text == "Informe para la mesa"
    assert pptx.core_properties.title == "Informe para la mesa: La Araucanía"


def test_each_chart_slide_has_the_decks_title_headline_and_page_number(pptx, deck):
    for number, (page, slide) in enumerate(zip(list(pptx.slides)[1:], deck.slides, strict=True), 2):
        assert texts(page) == [
            slide.title,
            slide.headline,
            "La Araucanía · Datos al 30-09-2025 · UFRO",
            f"{number} / 7",
        ]
        assert page.shapes.title.text == slide.title
        assert min(sizes(page.shapes.title)) >= 32
        assert min(sizes(shape_with(page, slide.headline))) >= 20


PICTURED = ("mapa", "prioritarias")
"""The slides whose figure PowerPoint cannot draw (a map, a table): pictures in the PPTX."""


def test_each_chart_slide_has_one_chart_or_unstretched_picture_below_the_headline(pptx, deck):
    for page, slide in zip(list(pptx.slides)[1:], deck.slides, strict=True):
        (shown,) = [s for s in page.shapes if s.has_chart or s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert shown.has_chart == (slide.key not in PICTURED), slide.key
        if not shown.has_chart:
            assert shown.image.size == PICTURE_PX
            assert shown.width / shown.height == pytest.approx(PICTURE_PX[0] / PICTURE_PX[1], 0.01)
        headline = shape_with(page, slide.headline)
        footer = shape_with(page, "La Araucanía · Datos al 30-09-2025 · UFRO")
        assert headline.top + headline.height <= shown.top
        assert shown.top + shown.height <= footer.top
        assert shown.left >= 0 and shown.left + shown.width <= pptx.slide_width
        assert shown.height >= Inches(4.5)  # more than half the slide: the chart is the point


def chart_of(pptx, key: str, deck):
    """The PowerPoint chart on the slide of the deck's slide with this key."""
    number = [s.key for s in deck.slides].index(key) + 1
    (frame,) = [s for s in pptx.slides[number].shapes if s.has_chart]
    return frame.chart


def plotted(chart) -> dict[str, list[float | None]]:
    return {
        s.name: [None if v is None else round(v, 6) for v in s.values]
        for s in chart.plots[0].series
    }


def percents(values) -> list[float]:
    return [round(v * 100, 6) for v in values]


@pytest.fixture(scope="module")
def current(history):
    return analytics.state_at(analytics.filter_frame(history, regions=["09"]))


def test_the_gap_is_an_editable_bar_chart_of_en_uso_and_habilitada_per_platform(
    pptx, deck, current
):
    chart = chart_of(pptx, "resumen", deck)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    shares = analytics.shares(current).set_index("platform").reindex(list(PLATFORMS))
    assert list(chart.plots[0].categories) == [platform_label(p) for p in PLATFORMS]
    assert plotted(chart) == {
        "En uso": percents(shares["pct_en_uso"]),
        "Habilitada o más": percents(shares["pct_enabled"]),
    }
    assert chart.value_axis.maximum_scale == 100
    assert chart.category_axis.reverse_order  # DocDigital on top, as on the dashboard


def test_the_stages_per_platform_are_a_stacked_bar_chart_in_the_stage_colours(pptx, deck, current):
    chart = chart_of(pptx, "brechas", deck)
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    series = {s.name: s for s in chart.plots[0].series}
    counts = current[current["platform"] == "docdigital"]["stage"].value_counts()
    en_uso = series["En uso"]
    assert en_uso.values[0] == pytest.approx(counts["en_uso"] / counts.sum() * 100)
    assert str(en_uso.format.fill.fore_color.rgb) == charts.STAGE_COLORS["en_uso"][1:].upper()


def test_the_evolution_is_a_line_chart_over_the_cut_offs(pptx, deck, history):
    chart = chart_of(pptx, "evolucion", deck)
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    trend = analytics.trend(analytics.filter_frame(history, regions=["09"]))
    dates = sorted(trend["as_of"].unique())
    assert list(chart.plots[0].categories) == [pd.Timestamp(d).strftime("%d-%m-%Y") for d in dates]
    firma = trend[trend["platform"] == "firmagob"].set_index("as_of").reindex(dates)
    assert plotted(chart)["FirmaGob"] == percents(firma["pct_en_uso"])


def test_the_accompaniment_is_a_bar_chart_of_the_share_per_step(pptx, deck):
    chart = chart_of(pptx, "acompanamiento", deck)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].categories)[:2] == ["Reunión inicial", "Diagnóstico"]
    (only,) = plotted(chart)
    assert only == "La Araucanía"


def test_every_slide_has_speaker_notes_with_its_headline_and_sources(pptx, deck):
    cover = pptx.slides[0].notes_slide.notes_text_frame.text
    assert "Informe para la mesa: La Araucanía." in cover
    assert "Fuente: UFRO. Datos al 30-09-2025." in cover
    for page, slide in zip(list(pptx.slides)[1:], deck.slides, strict=True):
        assert page.has_notes_slide
        notes = page.notes_slide.notes_text_frame.text
        assert notes == f"{slide.headline}\nFuente: UFRO. Datos al 30-09-2025."


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_an_informe_made_from_the_samples_says_so_on_its_cover(deck, fmt):
    made = reports.build_report(deck, fmt, samples=True)
    if fmt == "pptx":
        written = Presentation(io.BytesIO(made))
        cover = texts(written.slides[0])
        assert written.slides[0].notes_slide.notes_text_frame.text.endswith(exports.SAMPLE_NOTICE)
    else:
        cover = [words(PdfReader(io.BytesIO(made)).pages[0].extract_text())]
    assert any(words(exports.SAMPLE_NOTICE) in words(text) for text in cover)
    assert exports.SAMPLE_NOTICE.startswith("Datos de ejemplo ficticios")


def test_an_informe_of_real_data_says_nothing_about_samples(pptx, pdf):
    assert "ejemplo" not in " ".join(texts(pptx.slides[0]))
    assert "ejemplo" not in pdf.pages[0].extract_text()


def test_pdf_has_a_16_9_title_page_and_one_chart_picture_per_page(pdf):
    assert len(pdf.pages) == 7
    for page in pdf.pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx((960, 540), abs=0.1)
    assert len(pdf.pages[0].images) == 0
    for page in pdf.pages[1:]:
        (picture,) = page.images
        assert picture.image.size == PICTURE_PX


def test_pdf_text_has_region_cut_off_titles_and_every_headline(pdf, deck):
    cover = words(pdf.pages[0].extract_text())
    assert "Informe para la mesa" in cover
    assert "La Araucanía" in cover
    assert "Datos al 30-09-2025 · UFRO" in cover
    for number, (page, slide) in enumerate(zip(pdf.pages[1:], deck.slides, strict=True), 2):
        text = words(page.extract_text())
        assert slide.title in text
        assert words(slide.headline) in text
        assert f"{number} / 7" in text


def test_the_informe_ends_with_the_accompaniment_and_its_headline(pptx, pdf, deck):
    last = deck.slides[-1]
    assert (last.key, last.title) == ("acompanamiento", "Acompañamiento")
    assert last.headline.startswith("En La Araucanía, ")
    assert "capacitación técnica" in last.headline and "aún no la us" in last.headline
    assert pptx.slides[6].shapes.title.text == "Acompañamiento"
    assert last.headline in texts(pptx.slides[6])
    assert words(last.headline) in words(pdf.pages[6].extract_text())


def test_a_region_without_activities_has_no_accompaniment_page(history):
    without = slides.deck(history, empty_activities(), "09")
    assert [s.key for s in without.slides][-1] == "evolucion"


def test_pdf_and_pptx_carry_the_described_texts_in_the_same_order(deck, fake_render):
    described = document(deck)
    pptx = Presentation(io.BytesIO(reports.pptx_report(deck)))
    pdf = PdfReader(io.BytesIO(reports.pdf_report(deck)))
    assert len(described.pages) == len(pptx.slides) == len(pdf.pages) == 7
    for page, slide, sheet in zip(described.pages, pptx.slides, pdf.pages, strict=True):
        expected = [
            paragraph.text
            for text in (page.title, *page.elements)
            if isinstance(text, Text)
            for paragraph in text.paragraphs
        ]
        assert slide.shapes.title.text == page.title.paragraphs[0].text
        assert texts(slide) == expected
        extracted, at = words(sheet.extract_text()), 0
        for text in expected:
            found = extracted.find(words(text), at)
            assert found >= 0, f"«{text}» falta o está fuera de orden en el PDF"
            at = found + len(words(text))
    assert described.pages[1].title.paragraphs[0].text == deck.slides[0].title
    assert texts(pptx.slides[1])[-1] == "2 / 7"


@pytest.mark.parametrize(("fmt", "pictures"), [("pptx", len(PICTURED)), ("pdf", 6)])
def test_each_chart_pictured_is_drawn_once_at_the_chart_size(deck, fake_render, fmt, pictures):
    reports.build_report(deck, fmt)
    assert fake_render == [("png", CHART_SIZE, 2, CHART_SIZE)] * pictures


@pytest.mark.parametrize(("fmt", "pictures"), [("pptx", len(PICTURED)), ("pdf", 6)])
def test_an_informes_pictures_are_drawn_in_one_call_to_the_browser(
    deck, monkeypatch, fmt, pictures
):
    calls = []

    class Browser:
        """kaleido's browser, already started, writing stand-in images."""

        def write_fig_from_object(self, jobs) -> None:
            calls.append([(job["opts"]["width"], job["opts"]["height"]) for job in jobs])
            for job in jobs:
                opts = job["opts"]
                job["path"].write_bytes(stub_image(None, "png", opts["width"], opts["height"], 2))

    monkeypatch.setattr(images, "renderer", images.kaleido_render)
    monkeypatch.setattr(images, "_browser_running", Browser())  # no Chromium: kaleido is faked
    reports.build_report(deck, fmt)
    assert calls == [[CHART_SIZE] * pictures]


def test_pdf_replaces_what_latin1_cannot_write(deck, fake_render):
    first = dataclasses.replace(deck.slides[0], headline="Brecha — alta… en «Ñuble» 😀")
    pdf = PdfReader(io.BytesIO(reports.pdf_report(dataclasses.replace(deck, slides=(first,)))))
    assert "Brecha - alta... en «Ñuble» ?" in pdf.pages[1].extract_text()


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_images_that_cannot_be_drawn_are_a_report_error_with_their_message(deck, monkeypatch, fmt):
    def render(*args, **kwargs):
        raise images.ImageUnavailable("No se pueden generar imágenes: falta Chromium.")

    monkeypatch.setattr(images, "renderer", render)
    with pytest.raises(
        reports.ReportError, match=r"^No se pueden generar imágenes: falta Chromium"
    ):
        reports.build_report(deck, fmt)


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_region_without_data_is_an_empty_report(history, activities, fake_render, fmt):
    empty = slides.deck(history, activities, "13")
    with pytest.raises(reports.EmptyReport) as raised:
        reports.build_report(empty, fmt)
    assert str(raised.value) == "No hay datos de Metropolitana de Santiago para el informe."
    assert isinstance(raised.value, reports.ReportError)
    assert fake_render == []


def test_unknown_format_names_the_known_ones(deck, fake_render):
    with pytest.raises(reports.UnknownFormat, match=r"«docx»; use \.pptx o \.pdf"):
        reports.build_report(deck, "docx")
    assert fake_render == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("09", "09"),
        ("9", "09"),
        (" 14 ", "14"),
        ("La Araucanía", "09"),
        ("los rios", "14"),
        ("Región de Los Lagos", "10"),
        ("17", None),
        ("0", None),
        ("Narnia", None),
    ],
)
def test_region_is_a_cut_code_or_a_name(text, code):
    assert parse_region(text) == code


@pytest.fixture
def cli(command, data_dir):
    """`python -m reports ARGS` on the sample store, run in this process."""
    return lambda *args: command(
        "reports", *args, env={"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}
    )


@pytest.mark.parametrize(
    ("region", "name", "unit"),
    [("14", "informe.pptx", "diapositivas"), ("Los Ríos", "informe.pdf", "páginas")],
)
def test_command_writes_the_informe_in_the_format_of_its_suffix(cli, tmp_path, region, name, unit):
    out = tmp_path / name
    done = cli("--region", region, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Informe de Los Ríos guardado en {out} (7 {unit}).\n"
    if out.suffix == ".pptx":
        written = Presentation(str(out))
        assert len(written.slides) == 7
        assert texts(written.slides[0])[1] == "Los Ríos"
        assert written.slides[6].shapes.title.text == "Acompañamiento"
    else:
        written = PdfReader(str(out))
        assert len(written.pages) == 7
        assert "Acompañamiento" in written.pages[6].extract_text()
        assert "Los Ríos" in written.pages[0].extract_text()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--region", "09", "--out", "informe.docx"), 2, "se guarda como .pptx o .pdf"),
        (("--region", "Narnia", "--out", "informe.pptx"), 2, "no se reconoce la región «Narnia»"),
        (("--region", "09", "--as-of", "30-09-2025", "--out", "i.pdf"), 2, "use AAAA-MM-DD"),
        (
            ("--region", "13", "--out", "informe.pdf"),
            1,
            "No hay datos de Metropolitana de Santiago para el informe.",
        ),
    ],
)
def test_command_refuses_in_spanish_without_traceback(cli, tmp_path, args, code, message):
    *rest, name = args
    done = cli(*rest, str(tmp_path / name))
    assert done.returncode == code
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / name).exists()


@pytest.fixture
def first_start(monkeypatch, tmp_path):
    """`python -m reports`'s environment on a store that does not exist yet; its folder."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SEED_SAMPLES", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "datos"))
    return tmp_path / "datos"


def test_command_on_a_fresh_install_loads_the_samples_as_the_dashboard_does(
    first_start, tmp_path, fake_render, capsys
):
    out = tmp_path / "informe.pdf"
    assert main(["--region", "9", "--out", str(out)]) == 0
    said = capsys.readouterr()
    assert said.out == f"Informe de La Araucanía guardado en {out} (7 páginas).\n"
    assert "el informe usa los datos de ejemplo, que son ficticios" in said.err
    assert "python -m store load ARCHIVO" in said.err
    written = PdfReader(str(out))
    assert len(written.pages) == 7
    assert words(exports.SAMPLE_NOTICE) in words(written.pages[0].extract_text())
    store = Store(load_settings({"DATA_DIR": str(first_start)}))
    assert store.uploads()["is_sample"].all()
    store.engine.dispose()


def test_command_without_samples_says_how_to_load_data(
    first_start, monkeypatch, tmp_path, fake_render, capsys
):
    monkeypatch.setenv("SEED_SAMPLES", "0")
    out = tmp_path / "informe.pptx"
    assert main(["--region", "09", "--out", str(out)]) == 1
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err == (
        "La base no tiene datos: cargue una planilla con «python -m store load ARCHIVO» (con "
        "SEED_SAMPLES=1, una base vacía recibe los datos de ejemplo).\n"
    )
    assert not out.exists()
    assert fake_render == []


def test_command_with_every_upload_retired_says_how_to_restore_one(
    first_start, tmp_path, fake_render, capsys
):
    store = Store(load_settings({"DATA_DIR": str(first_start)}))
    upload = save(store, tracker([["Temuco", "En uso"]]), "seguimiento.xlsx")
    store.set_active(upload, False, admin("ana"))
    store.engine.dispose()
    out = tmp_path / "informe.pdf"
    assert main(["--region", "09", "--out", str(out)]) == 1
    said = capsys.readouterr()
    assert "No hay cargas activas: restaure una con «python -m store restore N»" in said.err
    assert said.out == ""
    assert not out.exists()


def test_command_on_real_data_does_not_warn_about_samples(
    first_start, tmp_path, fake_render, capsys
):
    store = Store(load_settings({"DATA_DIR": str(first_start)}))
    save(store, tracker([["Temuco", "En uso"]]), "seguimiento.xlsx")
    store.engine.dispose()
    out = tmp_path / "informe.pptx"
    assert main(["--region", "La Araucanía", "--out", str(out)]) == 0
    said = capsys.readouterr()
    assert said.out == f"Informe de La Araucanía guardado en {out} (6 diapositivas).\n"
    assert said.err == ""


def test_python_m_reports_runs_the_command(data_dir, tmp_path):
    out = tmp_path / "informe.pdf"
    done = module_runner("reports", data_dir)("--region", "13", "--out", str(out))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "No hay datos de Metropolitana de Santiago para el informe.\n"
    assert not out.exists()


def test_a_line_missing_a_cut_off_has_a_gap_there_not_a_value():
    trend = pd.DataFrame(
        {
            "platform": ["firmagob", "firmagob", "pisee"],
            "as_of": pd.to_datetime(["2025-09-30", "2025-03-31", "2025-09-30"]),
            "pct_en_uso": [0.5, 0.25, 0.1],
        }
    )
    data = chart_data(charts.trend_by_platform(trend))
    assert (data.kind, data.horizontal, data.percent) == ("line", False, True)
    assert data.categories == ("31-03-2025", "30-09-2025")
    assert {s.name: s.values for s in data.series} == {
        "FirmaGob": (25.0, 50.0),
        "PISEE": (None, 10.0),
    }


def test_figures_powerpoint_cannot_draw_stay_pictures(deck):
    from tests.test_charts import CURRENT

    assert chart_data(charts.stage_heatmap(CURRENT)) is None
    assert chart_data(charts.gap_bars(analytics.shares(CURRENT))) is None  # a panel per region
    by_key = {slide.key: chart_data(slide.figure) for slide in deck.slides}
    assert by_key["mapa"] is None and by_key["prioritarias"] is None
    drawn = by_key["resumen"].series
    assert {s.name for s in drawn} == set(charts.MEASURE_COLORS)
    assert all(s.color == charts.MEASURE_COLORS[s.name] for s in drawn)  # the dashboard's colours


def test_a_line_drawn_in_pieces_is_one_series():
    figure = go.Figure(
        [
            go.Scatter(x=[dt.date(2025, 3, 31), dt.date(2025, 4, 30)], y=[10, 20], name="CPAT"),
            go.Scatter(x=[dt.date(2025, 9, 30)], y=[40], name="CPAT", mode="lines+markers"),
        ]
    )
    data = chart_data(figure)
    assert data.categories == ("31-03-2025", "30-04-2025", "30-09-2025")
    assert [(s.name, s.values) for s in data.series] == [("CPAT", (10.0, 20.0, 40.0))]
