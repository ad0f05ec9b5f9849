"""Mapa: the comunas coloured by a chosen measure; a click opens the comuna's ficha."""

import streamlit as st

import analytics
from ui import controls, figures, state
from views import platform_label

MEASURES = {"indice": "Índice de adopción", "brecha": "Brecha de uso"}

store, rev = state.store_or_stop()
chosen = state.selection()
current = state.filtered_state(rev, chosen)
state.header("Mapa de adopción", current)
if current.empty:
    st.info(state.empty_reason(chosen))
    st.stop()

options = [*MEASURES, *chosen.platforms]
measure = st.selectbox(
    "Medida",
    options,
    format_func=lambda m: MEASURES.get(m) or f"Etapa de {platform_label(m)}",
    key="medida",
    bind="query-params",
)
region = st.segmented_control(
    "Región",
    list(chosen.regions),
    default=chosen.regions[0],
    required=True,
    format_func=state.region_name,
    key="region_mapa",
)
values, _ = analytics.map_measure(current[current["region_code"] == region], measure)
label = MEASURES.get(measure) or f"Etapa de {platform_label(measure)}"
figure = figures.choropleth(rev, chosen, region, measure, label)
st.caption("Haga clic en una comuna para abrir su ficha.")
event = controls.chart(figure, key="mapa", on_select="rerun", selection_mode="points")
clicked = [p.get("location") for p in event.selection.points if p.get("location")]
if clicked:
    st.switch_page("pages/comuna.py", query_params={"cut": clicked[0]})
if values["value"].isna().all():
    st.info("Ninguna comuna de la selección tiene datos para esta medida.")
