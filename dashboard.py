"""Entry point of the dashboard: page config, navigation, login, shared filters, the sample banner."""

import streamlit as st

from ui import controls, session, state, warm

st.set_page_config(
    page_title="Brechas de adopción digital municipal",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="expanded",
)
presenting = controls.presenting()
if presenting:
    page = st.navigation(
        [st.Page("pages/presentacion.py", title="Presentación", default=True)], position="hidden"
    )
else:
    page = st.navigation(
        {
            "Tablero": [
                st.Page("pages/resumen.py", title="Resumen", default=True),
                st.Page("pages/brechas.py", title="Brechas", url_path="brechas"),
                st.Page("pages/mapa.py", title="Mapa", url_path="mapa"),
                st.Page("pages/comuna.py", title="Ficha comunal", url_path="comuna"),
                st.Page("pages/evolucion.py", title="Evolución", url_path="evolucion"),
                st.Page(
                    "pages/acompanamiento.py", title="Acompañamiento", url_path="acompanamiento"
                ),
            ],
            "Datos": [
                st.Page("pages/carga.py", title="Cargar planillas", url_path="carga"),
                st.Page("pages/historial.py", title="Historial de cargas", url_path="historial"),
            ],
            "Ayuda": [
                st.Page("pages/definiciones.py", title="Definiciones", url_path="definiciones"),
            ],
        }
    )
store, rev = state.store_or_stop()
config = session.access_or_stop()
user = session.sidebar_login(rev)
if config.read_requires_login and user.via == "anonimo":
    st.title("Brechas de adopción digital municipal", anchor=False)
    st.info("Para ver el tablero, ingrese con su cuenta en el panel lateral.")
    st.stop()
state.sidebar_filters(rev, state.get_settings())  # in presentation mode too: keeps the URL filters
if presenting:
    controls.presentation_style()
else:
    controls.sidebar_tools(rev)
    controls.report_downloads(rev)
if not presenting and user.via == "localhost":
    st.caption(f":material/lock_open: {session.LOCAL_MODE_NOTICE}")
if not presenting and state.showing_samples(rev):
    st.info(
        "Está viendo datos de ejemplo ficticios: todavía no se ha cargado ninguna planilla real. "
        "Al guardar la primera, los datos de ejemplo se retiran del tablero."
    )
try:
    page.run()
finally:
    warm.page_served()  # the image browser starts after the first page, not during it
