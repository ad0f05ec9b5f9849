"""What leaves the dashboard: Excel and CSV keep a coordinator's text as text; images have size."""

import csv
import datetime as dt
import io
import re
import struct
from xml.etree import ElementTree

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

import analytics
import charts
import exports
import images
from loaders import Issue
from tests.test_accompaniment import CUT, make_activities, make_history
from tests.test_charts import CURRENT

HOSTILE = ['=HYPERLINK("http://x","y")', "+56 9 1234", "-1+2", "@SUM(A1)", "\tpestaña", "\rretorno"]


def hostile_rows() -> pd.DataFrame:
    """The current state with what coordinators wrote replaced by text a spreadsheet would run."""
    rows = CURRENT.copy()
    rows["status_raw"] = (HOSTILE * len(rows))[: len(rows)]
    return rows


DATA_HEADER = [
    "Región",
    "Código región",
    "Comuna",
    "Código comuna",
    "Plataforma",
    "Etapa",
    "Alternativa",
    "Escrito en la planilla",
    "Fecha de corte",
    "Fuente",
    "Archivo",
    "Hoja",
    "Celda",
]


def test_excel_export_keeps_formula_like_text_as_plain_strings():
    book = load_workbook(io.BytesIO(exports.data_workbook(hostile_rows())))
    assert book.sheetnames == ["Resumen", "Soluciones", "Datos"]
    data = book["Datos"]
    header = [c.value for c in data[1]]
    written = [row[header.index("Escrito en la planilla")] for row in data.iter_rows(min_row=2)]
    assert [c.value for c in written] == HOSTILE
    assert all(c.data_type == "s" for c in written)  # text, never a formula ("f")


def test_excel_data_has_spanish_headers_names_and_real_dates():
    data = load_workbook(io.BytesIO(exports.data_workbook(CURRENT)))["Datos"]
    assert [c.value for c in data[1]] == DATA_HEADER
    first = dict(zip(DATA_HEADER, data[2], strict=True))
    assert first["Región"].value == "Tarapacá" and first["Comuna"].value == "Iquique"
    assert (first["Plataforma"].value, first["Etapa"].value) == ("DocDigital", "En uso")
    assert first["Código comuna"].value == "01101"  # text: the code keeps its 0
    dates = [row[DATA_HEADER.index("Fecha de corte")] for row in data.iter_rows(min_row=2)]
    assert all(c.is_date and c.number_format == "dd-mm-yyyy" for c in dates)
    assert {c.value.date() for c in dates} == {dt.date(2025, 9, 30)}


def test_excel_made_from_the_samples_says_so_on_its_first_sheet():
    book = load_workbook(io.BytesIO(exports.data_workbook(CURRENT, samples=True)))
    assert book.sheetnames == ["Aviso", "Resumen", "Soluciones", "Datos"]
    assert book["Aviso"]["A2"].value == exports.SAMPLE_NOTICE
    assert exports.SAMPLE_NOTICE.startswith("Datos de ejemplo ficticios")
    real = load_workbook(io.BytesIO(exports.data_workbook(CURRENT)))
    assert "Aviso" not in real.sheetnames


def test_excel_summary_has_the_counts_per_region_and_platform():
    book = load_workbook(io.BytesIO(exports.data_workbook(CURRENT)))
    rows = list(book["Resumen"].values)
    header, body = rows[0], rows[1:]
    found = {(r[0], r[1]): dict(zip(header, r, strict=True)) for r in body}
    firma = found[("Tarapacá", "FirmaGob")]  # Iquique and Alto Hospicio: both habilitada
    assert (firma["Comunas en la escala"], firma["Habilitada o más"], firma["En uso"]) == (2, 2, 0)
    assert firma["Brecha de uso (%)"] == 100.0


def test_csv_export_defuses_formula_like_text_and_keeps_every_row():
    text = exports.to_csv(exports.data_table(hostile_rows())).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == len(CURRENT)
    assert [r["Escrito en la planilla"] for r in rows] == [f"'{v}" for v in HOSTILE]


def test_data_csv_opens_in_columns_in_a_chilean_excel_with_spanish_headers_and_names():
    data = exports.to_csv(exports.data_table(CURRENT))
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: accents read right
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ";".join(DATA_HEADER)
    assert lines[1].startswith(
        "Tarapacá;01;Iquique;01101;DocDigital;En uso;;EN_USO;30-09-2025;UFRO;"
    )
    text = data.decode("utf-8-sig")
    assert ";No iniciado;" in text and ";FirmaGob;No aplica;" in text
    assert "docdigital" not in text and "no_aplica" not in text  # names, never codes


def test_csv_writes_decimals_with_a_comma():
    data = exports.to_csv(exports.summary_table(analytics.shares(CURRENT)))
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Región;Plataforma;Comunas en la escala;")
    row = dict(zip(lines[0].split(";"), lines[1].split(";"), strict=True))
    assert (row["Región"], row["Plataforma"]) == ("Tarapacá", "DocDigital")
    assert row["% en uso"] == "50,0"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(not images.available(), reason="Chromium no está instalado")
def test_png_export_has_the_requested_size_and_svg_is_vector():
    figure = charts.presented(charts.stage_heatmap(CURRENT), images.SLIDE_SIZE)
    assert png_size(images.render(figure, "png")) == (2560, 1440)  # 1280×720 at 2×
    assert png_size(images.render(figure, "png", size=(800, 600), scale=1)) == (800, 600)
    svg = images.render(figure, "svg").decode()
    assert svg.startswith("<svg") and "Alto Hospicio" in svg


def test_an_unknown_image_format_is_refused():
    with pytest.raises(ValueError, match="png, svg"):
        images.render(charts.stage_heatmap(CURRENT), "gif")


CAPTION = images.Caption(
    "Habilitada frente a en uso, por región y plataforma",
    "Tarapacá · Los Ríos",
    images.footer(["UFRO"], {"Tarapacá": dt.date(2025, 9, 30)}),
)


@pytest.mark.skipif(not images.available(), reason="Chromium no está instalado")
def test_an_exported_chart_carries_its_title_regions_source_and_cut_off():
    figure = charts.gap_bars(analytics.shares(CURRENT))
    svg = images.export(figure, "svg", CAPTION).decode()
    for text in (CAPTION.title, "Tarapacá · Los Ríos", "Fuente: UFRO · Datos al 30-09-2025"):
        assert f">{text}<" in svg, text
    assert png_size(images.export(figure, "png", CAPTION)) == (2560, 1440)


def text_top(svg: str, text: str) -> float:
    """The y at which the SVG writes a text (its baseline, in CSS pixels from the top): its own
    y plus the translations of the groups it sits in."""

    def walk(element, y: float):
        moved = re.search(r"translate\(\s*[-\d.]+[ ,]+([-\d.]+)", element.get("transform", ""))
        y += float(moved.group(1)) if moved else 0
        if element.tag.endswith("text") and "".join(element.itertext()) == text:
            yield y + float(element.get("y", 0))
        for child in element:
            yield from walk(child, y)

    (found,) = walk(ElementTree.fromstring(svg), 0.0)
    return found


@pytest.mark.skipif(not images.available(), reason="Chromium no está instalado")
def test_an_exported_charts_footer_is_below_its_legend_and_its_subtitle_above_the_panels():
    svg = images.export(charts.gap_bars(analytics.shares(CURRENT)), "svg", CAPTION).decode()
    footer = text_top(svg, CAPTION.footer)
    assert text_top(svg, "Habilitada o más") < footer - 18 < images.SLIDE_SIZE[1]
    # the panel title: the region's name after the square of its colour
    assert text_top(svg, "Tarapacá · Los Ríos") < text_top(svg, "■ Tarapacá") - 20


def test_an_exported_charts_texts_are_shown_as_written_never_as_markup():
    figure = go.Figure()
    images.add_footer(figure, "Fuente: <b>GORE</b> & UFRO", 40)
    assert figure.layout.annotations[-1].text == "Fuente: &lt;b&gt;GORE&lt;/b&gt; &amp; UFRO"


@pytest.mark.parametrize(
    ("sources", "cutoffs", "samples", "expected"),
    [
        (
            ["UFRO"],
            {"La Araucanía": dt.date(2025, 9, 30)},
            False,
            "Fuente: UFRO · Datos al 30-09-2025",
        ),
        (
            ["GORE Los Ríos", "UFRO"],
            {"La Araucanía": dt.date(2025, 9, 30), "Los Ríos": dt.date(2025, 11, 14)},
            False,
            "Fuente: GORE Los Ríos, UFRO · La Araucanía al 30-09-2025 · Los Ríos al 14-11-2025",
        ),
        (
            ["UFRO"],
            {"La Araucanía": dt.date(2025, 9, 30), "Los Ríos": dt.date(2025, 9, 30)},
            True,
            "Fuente: UFRO · Datos al 30-09-2025 · Datos de ejemplo ficticios",
        ),
        ([], {}, False, ""),
    ],
)
def test_the_footer_names_the_sources_and_each_regions_cut_off_when_they_differ(
    sources, cutoffs, samples, expected
):
    assert images.footer(sources, cutoffs, samples) == expected


@pytest.mark.parametrize(
    ("places", "as_of", "expected"),
    [
        (("La Araucanía",), dt.date(2025, 9, 30), "brecha_uso_la-araucania_30-09-2025.png"),
        (
            ("Tarapacá", "Los Ríos"),
            dt.date(2025, 11, 14),
            "brecha_uso_tarapaca_los-rios_14-11-2025.png",
        ),
        (
            ("Tarapacá", "La Araucanía", "Los Ríos"),
            dt.date(2025, 11, 14),
            "brecha_uso_3-regiones_14-11-2025.png",
        ),
        ((), None, "brecha_uso_sin-region_sin-fecha.png"),
    ],
)
def test_a_charts_file_name_says_what_where_and_when_in_ascii(places, as_of, expected):
    assert images.file_name("brecha_uso", places, as_of, "png") == expected


def without_use() -> pd.DataFrame:
    """The «capacitación sin uso» list of the hand-made frames of test_accompaniment."""
    acts = analytics.filter_activities(make_activities(), as_of=CUT)
    return exports.without_use_table(analytics.training_without_use(acts, make_history(), CUT))


def test_trainings_without_use_csv_opens_in_columns_in_a_chilean_excel():
    data = exports.to_csv(without_use())
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: accents read right
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == (
        "Región;Provincia;Comuna;Plataforma;Capacitación técnica;Días desde la capacitación;"
        "Etapa al corte;Etapa al capacitar (último dato a esa fecha);Código"
    )
    assert lines[1] == (
        "Tarapacá;Iquique;Iquique;FirmaGob;02-04-2025;181;Habilitada (30-09-2025);"
        "En proceso (31-03-2025);01101"
    )
    assert lines[4].endswith(";PISEE;05-05-2025;148;Sin dato;Sin dato a esa fecha;14104")


def test_trainings_without_use_excel_keeps_dates_as_dates_written_as_in_chile():
    book = load_workbook(io.BytesIO(exports.to_xlsx({"Capacitación sin uso": without_use()})))
    sheet = book["Capacitación sin uso"]
    training = sheet["E2"]
    assert training.is_date and training.number_format == "dd-mm-yyyy"
    assert training.value.date().isoformat() == "2025-04-02"
    assert [c.value for c in sheet["F"]][1:] == [181, 91, 112, 148]
    assert sheet["I2"].value == "01101" and sheet["I2"].data_type == "s"  # the code keeps its 0


REPORT_HEADER = ["Archivo", "Hoja", "Celda", "Encontrado", "Esperado", "Mensaje", "Gravedad"]


def report_issues() -> list[Issue]:
    """A report with an error whose cell held formula-like text, a warning and a note."""
    return [
        Issue("info", "", "", "hoja de instrucciones; se omite"),
        Issue(
            "error",
            "Los Ríos",
            "B7",
            f"DocDigital: estado ilegible «{HOSTILE[0]}»",
            "uno de: No iniciado, En proceso, Habilitada, En uso",
            HOSTILE[0],
        ),
        Issue("warning", "Los Ríos", "A9", "«Pto. Montt» se leyó como Puerto Montt"),
    ]


def report_rows(data: bytes) -> tuple[object, list[tuple], list[tuple]]:
    """The report's sheet, the rows of its first block and those from its header on."""
    sheet = load_workbook(io.BytesIO(data))["Informe"]
    rows = list(sheet.values)
    start = rows.index(tuple(REPORT_HEADER))
    block = [tuple(v for v in row if v is not None) for row in rows[:start]]
    return sheet, block, rows[start:]


def test_report_workbook_has_a_row_per_issue_errors_first_with_found_and_expected():
    data = exports.report_workbook(report_issues(), "seguimiento.xlsx", dt.date(2025, 9, 30))
    sheet, block, table = report_rows(data)
    assert ("Archivo", "seguimiento.xlsx") in block
    assert ("Fecha de corte", "30-09-2025") in block
    assert {("Errores", 1), ("Avisos", 1), ("Notas", 1)} <= set(block)
    header, *body = table
    assert [r[-1] for r in body] == ["Error", "Aviso", "Nota"]
    error = dict(zip(header, body[0], strict=True))
    assert error == {
        "Archivo": "seguimiento.xlsx",
        "Hoja": "Los Ríos",
        "Celda": "B7",
        "Encontrado": HOSTILE[0],
        "Esperado": "uno de: No iniciado, En proceso, Habilitada, En uso",
        "Mensaje": report_issues()[1].message,
        "Gravedad": "Error",
    }
    start = len(block) + 1
    assert sheet.freeze_panes == f"A{start + 1}"
    assert sheet.auto_filter.ref == f"A{start}:G{start + 3}"
    assert all(c.font.bold for c in sheet[start])
    assert sheet.column_dimensions["F"].width >= 60
    assert all(c.alignment.wrap_text for row in sheet.iter_rows(min_row=start + 1) for c in row)


def test_report_workbook_keeps_formula_like_text_as_text():
    hostile = [Issue("error", "S", f"B{n}", "p", "e", text) for n, text in enumerate(HOSTILE)]
    data = exports.report_workbook(hostile, "=cmd|' /C calc'!A0.xlsx", None)
    sheet, block, (header, *body) = report_rows(data)
    assert [r[header.index("Encontrado")] for r in body] == HOSTILE
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a formula ("f")
    assert ("Fecha de corte", "sin fecha") in block


def test_report_workbook_of_a_report_stored_before_found_and_expected_existed():
    stored = [{"severity": "error", "sheet": "S", "cell": "A3", "message": "comuna desconocida"}]
    _, _, (header, row) = report_rows(exports.report_workbook(stored, "x.xlsx", None))
    assert dict(zip(header, row, strict=True))["Mensaje"] == "comuna desconocida"
    assert row[header.index("Encontrado")] is None  # an empty cell, not "nan"


@pytest.mark.parametrize(
    ("name", "as_of", "expected"),
    [
        (
            "seguimiento_2025-09.xlsx",
            dt.date(2025, 9, 30),
            "informe_seguimiento_2025-09_30-09-2025.xlsx",
        ),
        ("Los Ríos (v2).ods", None, "informe_Los_Rios_v2_sin-fecha.xlsx"),
        ("../../etc/pass wd.csv", dt.date(2025, 1, 2), "informe_pass_wd_02-01-2025.xlsx"),
        ("=HYPERLINK().xlsx", None, "informe_HYPERLINK_sin-fecha.xlsx"),
        ("???.xlsx", None, "informe_archivo_sin-fecha.xlsx"),
    ],
)
def test_report_file_name_is_the_files_stem_and_cut_off_in_safe_characters(name, as_of, expected):
    assert exports.report_file_name(name, as_of) == expected
