"""Correcting a saved upload on the history page, and the source the upload page suggests."""

import datetime as dt

from tests.conftest import xlsx_bytes
from tests.pages.conftest import page_text
from tests.pages.test_upload_pages import NEWEST_UFRO, NEXT_UPLOAD, table, upload

LOS_RIOS = [["Fecha de corte: 30/09/2025"], ["Comuna", "DocDigital"], ["Valdivia", "En uso"]]
LATER = [["Fecha de corte: 31/10/2025"], ["Comuna", "DocDigital"], ["Corral", "Habilitada"]]


def button(at, label: str):
    """The button (or form button) with that label."""
    return next(b for b in at.button if b.label == label)


def save_named(at, name: str, rows, source: str):
    """Upload a file naming no source on the upload page and save it with the source typed."""
    at = upload(at, name, xlsx_bytes({"Los Ríos": rows}))
    at.text_input(key="fuente-0").input(source)
    button(at, "Guardar").click().run()
    assert "Guardada como carga n.º" in page_text(at), page_text(at)
    return at


def test_the_upload_page_suggests_the_last_source_of_the_files_regions(app):
    at = upload(app("pages/carga.py"), "valdivia.xlsx", xlsx_bytes({"Los Ríos": LOS_RIOS}))
    field = at.text_input(key="fuente-0")
    assert field.value == ""  # the samples suggest nothing, and the file's name is no source
    assert "escriba de dónde son los datos" in field.proto.help
    field.input("Municipalidad de Valdivia")
    button(at, "Guardar").click().run()
    at = upload(at, "corral.xlsx", xlsx_bytes({"Los Ríos": LATER}))
    field = at.text_input(key="fuente-0")
    assert field.value == "Municipalidad de Valdivia"
    assert "la de la última carga de sus regiones" in field.proto.help


def test_a_file_saved_without_a_source_is_refused_on_the_page(app):
    at = upload(app("pages/carga.py"), "valdivia.xlsx", xlsx_bytes({"Los Ríos": LOS_RIOS}))
    button(at, "Guardar").click().run()
    assert "indique la fuente" in page_text(at)
    assert "Guardada como carga" not in page_text(at)


def test_an_admin_corrects_the_cut_off_and_the_source_and_the_history_shows_it(app):
    at = save_named(app("pages/carga.py"), "valdivia.xlsx", LOS_RIOS, "Municipalidad")
    at.switch_page("pages/historial.py").run()
    at.selectbox(key="carga").select(NEXT_UPLOAD).run()
    at.date_input(key=f"corte-{NEXT_UPLOAD}").set_value(dt.date(2025, 10, 31))
    at.text_input(key=f"fuente-{NEXT_UPLOAD}").input("Municipalidad de Valdivia")
    button(at, "Guardar corrección").click().run()
    assert not at.exception, at.exception
    assert f"Corrección guardada en la carga n.º {NEXT_UPLOAD}" in page_text(at)
    listed = table(at, "Archivo").set_index("N.º")
    assert (listed.at[NEXT_UPLOAD, "Fecha de corte"], listed.at[NEXT_UPLOAD, "Fuente"]) == (
        "31-10-2025",
        "Municipalidad de Valdivia",
    )
    corrections = table(at, "Antes")
    assert corrections[["Campo", "Antes", "Después", "Quién"]].values.tolist() == [
        ["Fecha de corte", "30-09-2025", "31-10-2025", "usuario local"],
        ["Fuente", "Municipalidad", "Municipalidad de Valdivia", "usuario local"],
    ]
    at.query_params["cut"] = "14101"
    at.switch_page("pages/comuna.py").run()
    assert "31-10-2025" in set(table(at, "Celda")["Fecha de corte"])  # the state follows


def test_sample_data_offers_no_correction(app):
    at = app("pages/historial.py")
    at.selectbox(key="carga").select(NEWEST_UFRO).run()
    assert not [b for b in at.button if b.label == "Guardar corrección"]
