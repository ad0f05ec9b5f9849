"""Presentación: a region's slides for a shared screen at a mesa, one message per screen."""

import streamlit as st

import charts
import views
from ui import controls, state

store, rev = state.store_or_stop()
chosen = state.selection()
regions = chosen.regions or state.get_settings().regions
size = controls.screen()
deck = state.deck(rev, st.session_state.get("region_presentacion") or regions[0], chosen.as_of)
total = len(deck.slides)
number = controls.slide_number(total)

if total:
    slide = deck.slides[number - 1]
    st.title(slide.title, anchor=False)
    st.subheader(slide.headline, anchor=False)
    chart_size = (size[0] - 64, size[1] - controls.SLIDE_CHROME_PX)
    st.plotly_chart(
        charts.presented(slide.figure, chart_size),
        config={**charts.PLOTLY_CONFIG, "displayModeBar": False},
        theme=None,
        key=f"diapositiva-{slide.key}",
    )
else:
    st.title(f"Presentación de {deck.region}", anchor=False)
    st.subheader(f"Todavía no hay datos de {deck.region} para esta fecha de corte.", anchor=False)

back, where, region_col, forward, leave = st.columns(
    [1.2, 3, 2.2, 1.2, 1], vertical_alignment="center"
)
back.button(
    "Anterior",
    icon=":material/arrow_back:",
    disabled=number <= 1,
    on_click=controls.go_to_slide,
    args=(number - 1,),
    key="anterior",
)
sample = " · datos de ejemplo ficticios" if state.showing_samples(rev) else ""
where.markdown(
    f"**{number} / {total}** · {deck.region} · {views.escape_markdown(deck.subtitle)}{sample}"
    if total
    else ""
)
if len(regions) > 1:
    region_col.selectbox(
        "Región",
        regions,
        format_func=state.region_name,
        key="region_presentacion",
        label_visibility="collapsed",
        on_change=controls.go_to_slide,
        args=(1,),
    )
forward.button(
    "Siguiente",
    icon=":material/arrow_forward:",
    icon_position="right",
    disabled=number >= total,
    on_click=controls.go_to_slide,
    args=(number + 1,),
    key="siguiente",
)
leave.button("Salir", on_click=controls.leave_presentation, key="salir")
