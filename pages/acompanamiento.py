"""Acompañamiento: the Plan de Acompañamiento Municipal per region and comuna, its activities per
month, the technical trainings still without use and the time from training to use."""

import streamlit as st

import analytics
import exports
import views
from charts import headlines
from ui import controls, figures, state

store, rev = state.store_or_stop()
chosen = state.selection()
state.header("Acompañamiento", state.filtered_state(rev, chosen))
if not chosen.regions or not chosen.platforms:
    st.info(state.empty_reason(chosen))
    st.stop()
activities, cut, later = state.accompaniment_activities(rev, chosen)
if activities.empty:
    st.info(views.no_activities(later))
    st.page_link("pages/carga.py", label="Cargar planillas", icon=":material/upload_file:")
    st.stop()
st.caption(views.activities_freshness(activities, later))

tiles = state.accompaniment_tiles(rev, chosen)
for column, tile in zip(st.columns(len(tiles)), tiles.itertuples(), strict=True):
    with column.container(border=True):
        st.markdown(f"**{tile.region}**")
        st.metric("Comunas con actividades", f"{tile.comunas_reached} de {tile.comunas_total}")
        st.metric("Actividades", views.number(tile.activities))
        st.metric("Participantes", views.number(tile.participants), help=views.PARTICIPANTS_HELP)
        st.metric("Con reunión inicial", views.percent(tile.pct_initial))
        st.metric("Con capacitación técnica", views.percent(tile.pct_technical))

st.header("Cobertura del plan por comuna", anchor=False)
st.caption(views.COVERAGE_CAPTION)
controls.chart(
    figures.coverage_matrix(rev, chosen),
    key="cobertura",
    headline=headlines.coverage(state.plan_coverage(rev, chosen)),
)

st.header("Actividades por mes", anchor=False)
controls.chart(
    figures.monthly_bars(rev, chosen),
    key="actividades-mes",
    headline=headlines.monthly(analytics.monthly_activities(activities)),
)

days = state.get_settings().training_without_use_days
st.header("Capacitación técnica sin uso", anchor=False)
without = state.training_without_use(rev, chosen, days)
st.markdown(f"**{views.escape_markdown(analytics.without_use_headline(without, days))}**")
if not without.empty:
    st.caption(views.without_use_caption(days, without))
    table = exports.without_use_table(without)
    dated = {"Capacitación técnica": st.column_config.DateColumn(format="DD-MM-YYYY")}
    st.dataframe(table, hide_index=True, column_config=dated, key="sin-uso")
    stem = f"capacitacion_sin_uso_{cut:%Y-%m-%d}"
    controls.table_downloads(table, stem, "Capacitación sin uso", key="sin-uso")

st.header("Del entrenamiento al uso", anchor=False)
to_use = state.training_to_use(rev, chosen)
if to_use.empty:
    st.caption("No hay capacitaciones técnicas en la selección a esta fecha de corte.")
    st.stop()
st.caption(views.TO_USE_CAPTION)
st.dataframe(views.training_to_use_table(to_use), hide_index=True)
st.info(analytics.NOT_CAUSE)
