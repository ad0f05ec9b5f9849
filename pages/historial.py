"""Historial de cargas: every upload, its report and file; retire and restore with confirmation."""

import streamlit as st

import views
from store import StoreError
from ui import aliases, session, state
from ui.report import show_report
from ui.state import store_or_stop

store, rev = store_or_stop()
user = session.current_user(rev)
st.title("Historial de cargas")
uploads = state.uploads(rev)
if uploads.empty:
    st.info("Todavía no hay cargas.")
    st.stop()
st.caption(
    "Cada carga se guarda completa: el archivo original (salvo si trae datos personales), su "
    "informe, sus filas y sus actividades de acompañamiento. Retirar una carga la saca del "
    "tablero sin borrarla."
)
table = views.uploads_table(uploads, state.get_settings().time_zone)
table.insert(table.columns.get_loc("Filas") + 1, "Actividades", uploads["activities"])
st.dataframe(table, hide_index=True)
chosen = st.selectbox(
    "Carga",
    uploads["id"].tolist(),
    format_func=lambda i: f"n.º {i} · {uploads.set_index('id').at[i, 'file_name']}",
    key="carga",
)
record = store.upload(chosen)
cols = st.columns(4)
cols[0].metric("Filas", record["rows"])
cols[1].metric("Errores", record["errors"])
cols[2].metric("Avisos", record["warnings"])
cols[3].metric("Estado", "Activa" if record["active"] else "Retirada")
if record["original_kept"]:
    st.download_button(
        "Descargar archivo original",
        lambda: store.original(chosen)[1],  # read from the store only when asked for
        file_name=record["file_name"],
        key="original",
    )
else:
    st.caption(
        "El archivo original no se guardó porque tenía columnas con datos personales (nombres, "
        "RUT, correos o teléfonos): se guardaron sus filas y su informe."
    )
show_report(record["report"]["issues"], record["file_name"], record["as_of"], f"carga-{chosen}")

corrections = store.corrections(chosen)
if store.may_correct(chosen, user):
    with st.form(f"corregir-{chosen}"):
        st.markdown("**Corregir fecha de corte o fuente**")
        st.caption(
            "Los valores anteriores se conservan en la lista de correcciones y en el registro de "
            "auditoría; el estado actual y la historia pasan a usar los nuevos."
        )
        new_as_of = st.date_input(
            "Fecha de corte", value=record["as_of"], format="DD-MM-YYYY", key=f"corte-{chosen}"
        )
        new_source = st.text_input("Fuente", value=record["source"], key=f"fuente-{chosen}")
        if st.form_submit_button("Guardar corrección"):
            try:
                store.correct_upload(chosen, user, as_of=new_as_of, source=new_source)
            except StoreError as exc:
                st.error(views.escape_markdown(str(exc)))
            else:
                st.session_state["corregida"] = chosen
                st.rerun()
if st.session_state.pop("corregida", None) == chosen:
    st.success(f"Corrección guardada en la carga n.º {chosen}.")
if not corrections.empty:
    st.markdown("**Correcciones de esta carga**")
    st.dataframe(
        views.corrections_table(corrections, state.get_settings().time_zone), hide_index=True
    )
aliases.show_aliases(store, rev, user)  # before the uploads' admin part, which stops for others

action = "retirar" if record["active"] else "restaurar"
if not user.is_admin:
    st.caption("Retirar y restaurar cargas es tarea de un administrador.")
    st.stop()
pending = st.session_state.get("pendiente")
if pending != (action, chosen):
    if st.button(f"{action.capitalize()} la carga n.º {chosen}", key="accion"):
        st.session_state["pendiente"] = (action, chosen)
        st.rerun()
else:
    effect = (
        "Sus filas y actividades dejarán de contar en el tablero (el archivo y su informe se "
        "conservan)."
        if action == "retirar"
        else "Sus filas y actividades volverán a contar en el tablero."
    )
    st.warning(f"¿Confirma {action} la carga n.º {chosen}? {effect}")
    confirm, cancel = st.columns(2)
    if confirm.button(f"Sí, {action}", type="primary", key="confirmar"):
        try:
            store.set_active(chosen, action == "restaurar", user)
        except StoreError as exc:
            st.error(views.escape_markdown(str(exc)))
        else:
            st.session_state.pop("pendiente", None)
            st.rerun()
    if cancel.button("Cancelar", key="cancelar"):
        st.session_state.pop("pendiente", None)
        st.rerun()

if user.is_admin:
    with st.expander("Registro de auditoría"):
        st.dataframe(
            views.events_table(store.events(), state.get_settings().time_zone), hide_index=True
        )
