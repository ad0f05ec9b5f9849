"""A file's validation report on the upload and history pages: every message readable in full,
and the report downloadable as Excel named after the file and its cut-off."""

import io

import sqlalchemy as sa
from openpyxl import load_workbook

from settings import load_settings
from store import Store
from store.schema import uploads
from tests.conftest import xlsx_bytes
from tests.pages.conftest import downloaded, page_text
from tests.pages.test_upload_pages import DATE, NEXT_UPLOAD, table, upload

ROWS = [
    [DATE],
    ["Comuna", "DocDigital"],
    ["Villa Imaginaria", "En uso"],
    ["Valdivia", "Lista"],
    ["Corral", "En uso"],
]
NAME = "con errores (Los Ríos).xlsx"
REPORT_NAME = "informe_con_errores_Los_Rios_31-10-2025.xlsx"
LONG = (
    "DocDigital: estado ilegible «Lista»; se esperaba uno de: No iniciado, En proceso, "
    "Habilitada, En uso, Solución alternativa, No aplica (o la celda vacía)"
)


def report_sheet(data: bytes) -> list[dict]:
    """The rows of the report's table in a downloaded workbook, as header -> value."""
    rows = list(load_workbook(io.BytesIO(data))["Informe"].values)
    start = next(n for n, row in enumerate(rows) if row[:3] == ("Archivo", "Hoja", "Celda"))
    return [dict(zip(rows[start], row, strict=True)) for row in rows[start + 1 :]]


def test_the_report_downloads_as_excel_named_after_the_file_and_its_cut_off(app, downloads):
    at = upload(app("pages/carga.py"), NAME, xlsx_bytes({"Los Ríos": ROWS}))
    name, data = downloaded(at, downloads, "informe-xlsx-0")
    assert name == REPORT_NAME
    rows = report_sheet(data)
    assert [(r["Hoja"], r["Celda"], r["Encontrado"]) for r in rows] == [
        ("Los Ríos", "A3", "Villa Imaginaria"),
        ("Los Ríos", "B4", "Lista"),
    ]
    assert {r["Archivo"] for r in rows} == {NAME}
    assert rows[1]["Mensaje"] == LONG


def test_a_long_message_is_read_in_full_below_the_table(app):
    at = upload(app("pages/carga.py"), NAME, xlsx_bytes({"Los Ríos": ROWS}))
    assert len(LONG) > 120  # more than a table cell shows
    # the first error is open without a click
    assert "comuna desconocida: «Villa Imaginaria»" in page_text(at)
    assert LONG not in page_text(at)
    at.session_state["informe-0"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    text = page_text(at.run())
    assert LONG in text
    assert "**Encontrado:** Lista" in text
    assert "Error en Los Ríos!B4" in text


def test_the_report_table_has_found_and_expected_columns(app):
    at = upload(app("pages/carga.py"), NAME, xlsx_bytes({"Los Ríos": ROWS}))
    report = table(at, "Mensaje")
    assert list(report["Encontrado"]) == ["Villa Imaginaria", "Lista"]
    assert report["Esperado"].str.len().gt(0).all()


def save_with_errors(at):
    """Save the uploaded file's valid rows, its errors kept in its report."""
    at.checkbox[0].check()
    at.text_input(key="fuente-0").input("UACh")  # the file names no source
    next(b for b in at.button if b.label == "Guardar").click().run()
    assert f"Guardada como carga n.º {NEXT_UPLOAD}" in page_text(at)
    at.switch_page("pages/historial.py").run()
    at.selectbox(key="carga").select(NEXT_UPLOAD).run()
    return at


def test_the_history_offers_a_saved_uploads_report_as_excel(app, downloads):
    at = save_with_errors(upload(app("pages/carga.py"), NAME, xlsx_bytes({"Los Ríos": ROWS})))
    name, data = downloaded(at, downloads, f"informe-xlsx-carga-{NEXT_UPLOAD}")
    assert name == REPORT_NAME
    assert [r["Celda"] for r in report_sheet(data)] == ["A3", "B4"]


def test_the_history_shows_a_report_stored_before_found_and_expected_existed(app, downloads):
    at = save_with_errors(upload(app("pages/carga.py"), NAME, xlsx_bytes({"Los Ríos": ROWS})))
    old = {"issues": [{"severity": "error", "sheet": "S", "cell": "A3", "message": "antiguo"}]}
    store = Store(load_settings())
    with store.engine.begin() as conn:
        conn.execute(sa.update(uploads).where(uploads.c.id == NEXT_UPLOAD).values(report=old))
    at.run()
    assert not at.exception
    report = table(at, "Mensaje")
    assert list(report.columns) == ["Gravedad", "Hoja", "Celda", "Mensaje"]
    assert "antiguo" in page_text(at)
    _, data = downloaded(at, downloads, f"informe-xlsx-carga-{NEXT_UPLOAD}")
    assert [(r["Celda"], r["Mensaje"]) for r in report_sheet(data)] == [("A3", "antiguo")]
