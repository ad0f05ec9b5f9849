"""Cargar planillas: validate, see what would change, confirm date and source, save."""

import hashlib
import logging

import streamlit as st

import views
from store import StoreError, UploadRefused, within_scope
from ui import aliases, session
from ui.report import show_report
from ui.state import store_or_stop
from ui.template import template_downloads

store, rev = store_or_stop()
user = session.current_user(rev)
st.title("Cargar planillas")
if not user.can_upload:
    if session.local_mode(rev) is False and user.via == "anonimo":
        st.info("Para cargar planillas, ingrese con su cuenta en el panel lateral.")
    else:
        st.info(
            f"{views.escape_markdown(user.describe())} puede ver el tablero, pero no cargar planillas: se necesita el rol "
            "coordinador o administrador."
        )
    st.stop()
st.caption(
    "Suba una o más planillas de seguimiento (.xlsx, .xlsm, .xls, .ods o .csv). Antes de guardar "
    "verá qué se leyó, qué problemas hay (hoja y celda) y qué cambiaría en el estado actual."
)
with st.expander("Planilla para la próxima actualización"):
    template_downloads(rev, user)
files = st.file_uploader(
    "Planillas de seguimiento",
    type=["xlsx", "xlsm", "xls", "ods", "csv"],
    accept_multiple_files=True,
    key="planillas",
)


def prepared_for(data: bytes, name: str, as_of, kept: dict, seen: dict):
    """The prepared upload (read with the cut-off given on the page, if any), kept in the session
    so a rerun does not read the file again; only the files on the page at this revision are
    kept, so the session does not grow."""
    key = (hashlib.sha256(data).hexdigest(), name, rev, as_of)
    seen[key] = kept.get(key) or store.prepare(data, name, as_of=as_of)
    return seen[key]


kept = st.session_state.get("preparadas", {})
seen = st.session_state["preparadas"] = {}  # what this run shows is all the session keeps


def show(index: int, upload) -> None:
    """One file's report, what it would change and its form to save it."""
    data = upload.getvalue()
    prepared = prepared_for(data, upload.name, None, kept, seen)
    name = views.escape_markdown(upload.name)
    if prepared.result is None:
        st.error(
            f"No se pudo leer {name}: {views.escape_markdown(prepared.failure)}. No se guardó nada."
        )
        return
    result, refused = within_scope(prepared.result, user)  # what saving would leave out
    if prepared.duplicate_of is not None:
        saved = st.session_state.get("guardadas", {}).get(prepared.sha256)
        if saved is None:
            st.info(
                f"Este archivo ya está cargado (carga n.º {prepared.duplicate_of}); no se cuenta "
                "dos veces."
            )
            return
        message, link = saved
        st.success(message)
        st.page_link(
            "pages/resumen.py",
            label="Ver en el tablero",
            icon=":material/dashboard:",
            query_params=link,
        )
        return
    own = prepared.result.as_of
    given = st.date_input(
        "Fecha de corte",
        value=own,
        format="DD-MM-YYYY",
        key=f"fecha-{index}",
        help="La fecha a la que la planilla describe el estado. Si no la trae, o trae otra, "
        "indíquela aquí: el informe se lee de nuevo con ella.",
    )
    if given is not None and given != own:  # read again: a date given clears "sin fecha"
        prepared = prepared_for(data, upload.name, given, kept, seen)
        result, refused = within_scope(prepared.result, user)
    errors = len(result.errors) - len(refused)
    if refused:
        st.warning(
            f"{len(refused)} filas son de regiones fuera de las suyas y no se guardarán: "
            "vea «fila rechazada» en el informe."
        )
    warnings = sum(i.severity == "warning" for i in result.issues)
    cols = st.columns(5)
    cols[0].metric("Filas leídas", len(result.frame))
    cols[1].metric(
        "Actividades leídas",
        len(result.activities),
        help=f"{prepared.new_activities} no estaban en el tablero: un registro mensual repite "
        "las actividades de los meses anteriores, que se cuentan una vez.",
    )
    cols[2].metric("Errores", errors)
    cols[3].metric("Avisos", warnings)
    cols[4].metric("Fecha de corte", views.day(result.as_of) if result.as_of else "sin fecha")
    show_report(result.issues, result.file, result.as_of, index)
    if aliases.teach_unknown_names(store, prepared, user, index):
        st.rerun()  # the revision changed: the file is read again with the names taught
    mine = prepared.changes["comuna_code"].str[:2].map(user.may_write).astype(bool)
    ours = prepared.changes.loc[mine]
    sentence, changed = views.changes_summary(ours, prepared.first_real)
    st.markdown(f"**Qué cambiaría en el estado actual:** {sentence}")
    if not changed.empty:
        st.dataframe(changed, hide_index=True)
    with st.expander(f"Filas leídas ({len(result.frame)})"):
        st.dataframe(views.rows_table(result.frame), hide_index=True)
    with st.form(f"guardar-{index}"):
        # the file's own source, else a suggestion; never the file's name
        suggested = result.source or store.suggested_source(user, result.region_codes)
        origin = views.source_origin(result.source, suggested, user.organization)
        source = st.text_input("Fuente", value=suggested, help=origin, key=f"fuente-{index}")
        accept = False
        if errors:
            accept = st.checkbox(
                f"Guardar solo las filas válidas; los {errors} errores quedan en el informe de la carga"
            )
        if st.form_submit_button("Guardar", type="primary"):
            try:
                saved = store.save(prepared, user=user, source=source, accept_errors=accept)
            except UploadRefused as exc:
                st.error(views.escape_markdown(str(exc)))
            except StoreError as exc:
                st.error(f"{views.escape_markdown(str(exc))} El archivo sigue en esta página.")
            else:
                remember(prepared, saved, result.region_codes)
                st.rerun()  # every part of the page, sidebar and banner included, shows the save


def remember(prepared, saved, region_codes: list[str]) -> None:
    """Keep what a save said, and where its data shows, for the rerun that follows it."""
    kept = st.session_state.setdefault("guardadas", {})
    as_of = store.upload(saved.upload_id)["as_of"]
    kept[prepared.sha256] = (views.saved_message(saved), views.upload_link(region_codes, as_of))


for index, upload in enumerate(files or []):
    st.divider()
    st.header(views.escape_markdown(upload.name), anchor=False)
    try:
        show(index, upload)
    except Exception:  # one file's unexpected failure must not hide the others' reports
        logging.getLogger(__name__).exception("carga: fallo inesperado con un archivo")
        st.error(
            f"No se pudo procesar {views.escape_markdown(upload.name)} por un error inesperado "
            "del tablero; no se guardó nada. El archivo sigue en esta página: puede reintentar "
            "o avisar al equipo del tablero."
        )
