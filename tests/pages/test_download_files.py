"""What a person gets from the download buttons: charts that say what, where, when and from
whom; data in Spanish as Excel for Chile opens it; informes that say they come from samples."""

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation

import exports
import images
from tests.conftest import stub_image
from tests.pages.conftest import downloaded

CAPTION = "Fuente: UFRO · Datos al 30-09-2025 · Datos de ejemplo ficticios"


@pytest.mark.skipif(not images.available(), reason="Chromium no está instalado")
def test_a_chart_downloads_with_its_title_region_source_and_cut_off_in_it_and_its_name(
    app, downloads
):
    at = app(region="La Araucanía")
    name, svg = downloaded(at, downloads, "brecha-svg")
    assert name == "brecha_uso_la-araucania_30-09-2025.svg"
    text = svg.decode()
    for written in ("Habilitada frente a en uso, por región y plataforma", "La Araucanía", CAPTION):
        assert f">{written}<" in text, written
    name, png = downloaded(at, downloads, "brecha-png")
    assert name == "brecha_uso_la-araucania_30-09-2025.png"
    assert png.startswith(b"\x89PNG")


def test_the_data_csv_is_in_spanish_split_by_semicolons_with_bom(app, downloads):
    at = app(region="Los Ríos", plataforma="FirmaGob")
    name, data = downloaded(at, downloads, "datos-csv")
    assert name == "datos_tablero.csv"
    assert data.startswith(b"\xef\xbb\xbf")
    header, first, *_ = data.decode("utf-8-sig").split("\r\n")
    assert header.startswith("Región;Código región;Comuna;Código comuna;Plataforma;Etapa;")
    cells = dict(zip(header.split(";"), first.split(";"), strict=True))
    assert (cells["Región"], cells["Plataforma"]) == ("Los Ríos", "FirmaGob")
    assert cells["Etapa"] in {"No iniciado", "En proceso", "Habilitada", "En uso"} | {
        "Solución alternativa",
        "Solución propia",
        "Proveedor privado",
        "No aplica",
        "Sin información",
    }
    assert len(cells["Fecha de corte"]) == 10 and cells["Fecha de corte"][2] == "-"


def test_the_data_excel_says_it_holds_samples_and_keeps_dates_as_dates(app, downloads):
    at = app(region="Los Ríos")
    name, data = downloaded(at, downloads, "datos-xlsx")
    assert name == "datos_tablero.xlsx"
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == "Aviso"
    assert book["Aviso"]["A2"].value == exports.SAMPLE_NOTICE
    rows = book["Datos"]
    header = [c.value for c in rows[1]]
    assert header[:3] == ["Región", "Código región", "Comuna"]
    cut_off = rows.cell(2, header.index("Fecha de corte") + 1)
    assert cut_off.is_date and cut_off.number_format == "dd-mm-yyyy"


def test_the_informe_from_the_samples_says_so_on_its_cover(app, downloads, monkeypatch):
    monkeypatch.setattr(images, "renderer", stub_image)  # the map and table: not the point here
    at = app()
    name, data = downloaded(at, downloads, "informe-pptx")
    assert name.endswith(".pptx")
    deck = Presentation(io.BytesIO(data))
    cover = [
        paragraph.text
        for shape in deck.slides[0].shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
    ]
    assert cover[-1] == exports.SAMPLE_NOTICE
    assert any(shape.has_chart for shape in deck.slides[1].shapes)
