"""Estado actual: the current state of every comuna and platform, as a table."""

import streamlit as st

import views
from pages import state
from pages.state import store_or_stop

store, rev = store_or_stop()
st.title("Estado actual")
frame = state.current(rev)
if frame.empty:
    st.info("No hay datos cargados.")
    st.stop()
st.caption(f"{frame.comuna_code.nunique()} comunas, {len(frame)} pares comuna-plataforma.")
st.dataframe(views.rows_table(frame), hide_index=True)
