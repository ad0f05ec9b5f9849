"""Evolución: % habilitada and % en uso over the cut-offs, and who moved between two of them."""

import datetime as dt

import streamlit as st

import glossary
import views
from ui import controls, derived, figures, state

store, rev = state.store_or_stop()
chosen = state.selection()
state.header("Evolución", state.filtered_state(rev, chosen))
trend = state.trend(rev, chosen.regions, chosen.platforms)
if trend.empty:
    st.info(state.empty_reason(chosen))
    st.stop()
platform = st.segmented_control(
    "Plataforma",
    [p for p in chosen.platforms if p in derived.platforms_in(trend)],
    default=trend["platform"].iloc[0],
    required=True,
    format_func=views.platform_label,
    key="plataforma_evolucion",
)
st.caption(
    f"{views.TREND_CAPTION} Definiciones: {glossary.TERMS['habilitada_o_mas'].link()}, "
    f"{glossary.TERMS['corte'].link()}."
)
controls.chart(
    figures.trend_lines(rev, chosen, platform),
    key="tendencia",
    headline=derived.trend_headline(trend, platform),
)

dates = [d.isoformat() for d in state.cutoffs(rev)]
if len(dates) < 2:
    st.info("Hay una sola fecha de corte: todavía no se puede comparar.")
    st.stop()
st.header("Quién avanzó y quién retrocedió", anchor=False)
left, right = st.columns(2)
start = left.selectbox(
    "Desde",
    dates,
    index=len(dates) - 2,
    format_func=views.day_label,
    key="desde",
    bind="query-params",
)
end = right.selectbox(
    "Hasta",
    dates,
    index=len(dates) - 1,
    format_func=views.day_label,
    key="hasta",
    bind="query-params",
)
if start >= end:
    st.info("Elija una fecha «Desde» anterior a la fecha «Hasta».")
    st.stop()
moved = state.movements(
    rev, chosen.regions, chosen.platforms, dt.date.fromisoformat(start), dt.date.fromisoformat(end)
)
for direction, title in (("avanza", "Avanzaron"), ("retrocede", "Retrocedieron")):
    rows = moved[moved["direction"] == direction]
    st.markdown(f"**{title}: {len(rows)}**")
    if not rows.empty:
        st.dataframe(views.movements_table(rows), hide_index=True)
