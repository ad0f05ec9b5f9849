"""Entry point of the dashboard: page config, the sample-data banner and the navigation."""

import streamlit as st

from pages import state

st.set_page_config(page_title="Brechas de adopción digital municipal", layout="wide")
store, rev = state.store_or_stop()
if not state.has_real_data(rev):
    st.info(
        "Está viendo datos de ejemplo ficticios: todavía no se ha cargado ninguna planilla real. "
        "Al guardar la primera, los datos de ejemplo se retiran del tablero."
    )
page = st.navigation(
    [
        st.Page("pages/estado.py", title="Estado actual", url_path="estado", default=True),
        st.Page("pages/carga.py", title="Cargar planillas", url_path="carga"),
        st.Page("pages/historial.py", title="Historial de cargas", url_path="historial"),
    ]
)
page.run()
