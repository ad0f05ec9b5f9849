"""The upload and history pages, driven with AppTest on a real SQLite store."""

import datetime as dt
from pathlib import Path

from tests.conftest import xlsx_bytes
from tests.pages.conftest import downloaded, page_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "trackers"
SAMPLES = sorted((Path(__file__).parents[2] / "sample_data").glob("*.xlsx"))
NEWEST_UFRO = [p.name for p in SAMPLES].index("ufro_seguimiento_2025-09.xlsx") + 1
"""The newest UFRO sample's upload number: the samples are loaded in name order."""
NEXT_UPLOAD = len(SAMPLES) + 1
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE = "Fecha de corte: 31/10/2025"


def upload(at, name: str, data: bytes):
    """Drop one file on the upload page and rerun."""
    at.file_uploader(key="planillas").set_value((name, data, XLSX))
    return at.run()


def table(at, column: str):
    """The first table on the page that has the given column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_first_start_shows_the_samples_and_the_banner(app):
    at = app()
    assert "datos de ejemplo ficticios" in at.info[0].value
    covered = {m.value for m in at.metric if m.label == "Comunas con datos"}
    assert covered == {"7 de 7", "32 de 32", "30 de 30", "12 de 12", "81 de 81"}  # and the total


def test_clean_file_shows_report_changes_and_saves(app):
    at = app("pages/carga.py")
    at = upload(at, "wide_simple.xlsx", (FIXTURES / "wide_simple.xlsx").read_bytes())
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Filas leídas"], shown["Actividades leídas"], shown["Errores"]) == (
        "40",
        "0",
        "0",
    )
    assert "Qué cambiaría" in page_text(at)
    at.text_input(key="fuente-0").input("UFRO")  # the file names no source
    at.button[0].click().run()  # the form's Guardar button
    assert f"Guardada como carga n.º {NEXT_UPLOAD}: 40 filas" in page_text(at)
    assert "datos de ejemplo se retiraron" in page_text(at)
    at.switch_page("pages/resumen.py").run()
    assert not at.info or "ficticios" not in at.info[0].value  # the banner is gone for everyone
    covered = [m.value for m in at.metric if m.label == "Comunas con datos"]
    # only the new file counts; the last tile is the total of the four regions
    assert covered == ["4 de 7", "0 de 32", "0 de 30", "4 de 12", "8 de 81"]


def test_file_with_errors_is_saved_only_when_the_coordinator_says_so(app):
    rows = [
        [DATE],
        ["Comuna", "DocDigital"],
        ["Villa Imaginaria", "En uso"],
        ["Valdivia", "Lista"],
        ["Corral", "En uso"],
    ]
    at = app("pages/carga.py")
    at = upload(at, "con_errores.xlsx", xlsx_bytes({"Los Ríos": rows}))
    report = table(at, "Mensaje")
    assert list(report["Celda"]) == ["A3", "B4"]
    assert report["Mensaje"].str.contains("Villa Imaginaria").any()
    next(b for b in at.button if b.label == "Guardar").click().run()  # not the comuna form's
    assert "tiene 2 errores" in page_text(at)
    at.checkbox[0].check()
    at.text_input(key="fuente-0").input("UACh")  # the file names no source
    next(b for b in at.button if b.label == "Guardar").click().run()
    assert f"Guardada como carga n.º {NEXT_UPLOAD}: 1 filas" in page_text(at)


def test_attendance_list_shows_its_activities_and_saves_them_without_status_rows(app):
    attendance = (
        Path(__file__).parents[1] / "fixtures" / "activities" / "tarapaca_mesa_asistencia.xlsx"
    )
    at = app("pages/carga.py")
    at = upload(at, attendance.name, attendance.read_bytes())
    shown = {m.label: m.value for m in at.metric}
    assert shown["Filas leídas"] == "0"
    read = int(shown["Actividades leídas"])
    assert read > 0
    at.button[0].click().run()
    assert f"Guardada como carga n.º {NEXT_UPLOAD}: 0 filas y {read} actividades." in page_text(at)


def test_duplicate_upload_is_recognised(app):
    sample = Path(__file__).parents[2] / "sample_data" / "ufro_seguimiento_2025-09.xlsx"
    at = app("pages/carga.py")
    at = upload(at, sample.name, sample.read_bytes())
    assert f"ya está cargado (carga n.º {NEWEST_UFRO})" in page_text(at)


def test_unreadable_file_is_explained_and_nothing_is_saved(app):
    at = app("pages/carga.py")
    at = upload(at, "informe.xlsx", b"%PDF-1.5 not a spreadsheet")
    assert "No se pudo leer informe" in page_text(at) and "PDF" in page_text(at)
    at.switch_page("pages/historial.py").run()
    assert len(table(at, "Archivo")) == len(SAMPLES)


def test_retire_and_restore_with_confirmation_and_the_state_follows(app):
    at = app("pages/historial.py")
    at.selectbox(key="carga").select(NEWEST_UFRO).run()  # 30-09-2025
    at.button(key="accion").click().run()
    assert f"¿Confirma retirar la carga n.º {NEWEST_UFRO}?" in page_text(at)
    at.button(key="confirmar").click().run()
    assert at.metric[3].value == "Retirada"
    at.query_params["cut"] = "09112"
    at.switch_page("pages/comuna.py").run()
    provenance = table(at, "Celda")
    assert set(provenance["Fecha de corte"]) == {"31-08-2025"}  # the previous cut-off is current
    at.switch_page("pages/historial.py").run()
    at.selectbox(key="carga").select(NEWEST_UFRO).run()
    at.button(key="accion").click().run()
    at.button(key="confirmar").click().run()
    assert at.metric[3].value == "Activa"


def test_history_offers_the_original_file(app, downloads):
    at = app("pages/historial.py")
    at.selectbox(key="carga").select(NEWEST_UFRO).run()
    sample = Path(__file__).parents[2] / "sample_data" / "ufro_seguimiento_2025-09.xlsx"
    assert downloaded(at, downloads, "original") == (sample.name, sample.read_bytes())


def test_a_compression_bomb_is_refused_with_its_reason_and_nothing_is_stored(app):
    from tests.loaders.test_hostile_files import GOOD, rebuilt

    bomb = rebuilt(GOOD, {}, {"xl/media/relleno.bin": b"\0" * (20 * 1024 * 1024)})
    at = upload(app("pages/carga.py"), "bomba.xlsx", bomb)
    assert "No se pudo leer" in page_text(at) and "bomba de compresión" in page_text(at)
    assert not [b for b in at.button if b.label == "Guardar"]
    at.switch_page("pages/historial.py").run()
    assert len(table(at, "Archivo")) == len(SAMPLES)  # the samples only


def upload_many(at, files: list[tuple[str, bytes]]):
    """Drop several files on the upload page at once and rerun."""
    at.file_uploader(key="planillas").set_value([(n, d, XLSX) for n, d in files])
    return at.run()


UNDATED = [["Comuna", "DocDigital", "FirmaGob"], ["Valdivia", "En uso", "Habilitada"]]
NO_TABLE = [["Notas de la reunión"], ["Se revisaron los avances del trimestre"]]


def test_every_file_of_a_batch_gets_its_report_and_the_undated_one_saves_with_its_date(app):
    at = app("pages/carga.py")
    at = upload_many(
        at,
        [
            ("sin_fecha.xlsx", xlsx_bytes({"Los Ríos": UNDATED})),
            ("sin_tabla.xlsx", xlsx_bytes({"Notas": NO_TABLE})),
            ("roto.xlsx", b"PK\x03\x04 not really a zip"),
            ("wide_simple.xlsx", (FIXTURES / "wide_simple.xlsx").read_bytes()),
        ],
    )
    assert not at.exception
    headers = [h.value.replace("\\", "") for h in at.header]
    for name in ("sin_fecha.xlsx", "sin_tabla.xlsx", "roto.xlsx", "wide_simple.xlsx"):
        assert name in headers, headers
    messages = " ".join(
        " ".join(d.value["Mensaje"]) for d in at.dataframe if "Mensaje" in d.value.columns
    )
    assert "no se encontró la fecha de corte" in messages
    assert "no se encontró ninguna tabla" in messages
    assert "No se pudo leer roto.xlsx" in page_text(at)
    # the undated file's form: its date given, it is saved
    assert at.date_input(key="fecha-0").value is None
    at.date_input(key="fecha-0").set_value(dt.date(2025, 10, 31))
    at.text_input(key="fuente-0").input("UACh")  # nor its source
    at.button[0].click().run()  # the first form's Guardar: the undated file's
    assert f"Guardada como carga n.º {NEXT_UPLOAD}: 2 filas" in page_text(at)


def test_the_first_real_upload_is_compared_with_real_data_only(app):
    at = app("pages/carga.py")
    at = upload(at, "wide_simple.xlsx", (FIXTURES / "wide_simple.xlsx").read_bytes())
    text = page_text(at)
    assert "primera carga real; los datos de ejemplo se retirarán al guardar" in text
    assert "retrocesos" not in text


def test_a_later_real_upload_is_compared_with_the_real_data(app):
    dated = [["Fecha de corte: 31/10/2025"], *UNDATED]
    lower = [
        ["Fecha de corte: 30/11/2025"],
        ["Comuna", "DocDigital", "FirmaGob"],
        ["Valdivia", "En proceso", "Habilitada"],
    ]
    at = upload(app("pages/carga.py"), "octubre.xlsx", xlsx_bytes({"Los Ríos": dated}))
    at.text_input(key="fuente-0").input("UACh")  # the file names no source
    at.button[0].click().run()
    at = upload(at, "noviembre.xlsx", xlsx_bytes({"Los Ríos": lower}))
    assert "1 cambios, 1 retrocesos, 0 comunas nuevas" in page_text(at)
    changes = table(at, "Cambio")
    assert list(changes["Cambio"]) == ["▼ Retrocede"]


def dated(day: str) -> bytes:
    """A small Los Ríos tracker with its cut-off and source written in it."""
    return xlsx_bytes({"Los Ríos": [[f"Fecha de corte: {day}"], ["Fuente: UACh"], *UNDATED]})


def test_the_uploader_sees_the_save_at_once_without_the_sample_banner(app):
    at = upload(app("pages/carga.py"), "batch.xlsx", dated("31/10/2025"))
    assert "ficticios" in page_text(at)
    at.button[0].click().run()
    # the same run that answers the save shows the new state: banner gone, new cut-off chosen
    assert "ficticios" not in page_text(at)
    assert at.sidebar.selectbox(key="corte").value == "2025-10-31"
    assert f"Guardada como carga n.º {NEXT_UPLOAD}: 2 filas" in at.success[0].value
    link = at.get("page_link")[0].proto
    assert (link.label, link.page) == ("Ver en el tablero", "")
    assert "region=Los+R%C3%ADos" in link.query_string and "corte=31-10-2025" in link.query_string


def test_a_session_on_the_newest_cut_off_follows_a_newer_one_and_a_chosen_one_stays(app):
    at = upload(app("pages/carga.py"), "octubre.xlsx", dated("31/10/2025"))
    at.button[0].click().run()
    at = upload(at, "noviembre.xlsx", dated("30/11/2025"))
    at.button[0].click().run()
    assert at.sidebar.selectbox(key="corte").value == "2025-11-30"  # it followed the newest
    at.sidebar.selectbox(key="corte").set_value("2025-10-31").run()
    at = upload(at, "diciembre.xlsx", dated("31/12/2025"))
    at.button[0].click().run()
    assert at.sidebar.selectbox(key="corte").value == "2025-10-31"  # a date chosen stays chosen
