"""Presentación: a region's slides for a shared screen at a mesa, one message per screen."""

import streamlit as st

import slides
import views
from loaders.vocabulary import PLATFORMS
from ui import controls, remote, state

store, rev = state.store_or_stop()
chosen = state.selection()
regions = chosen.regions or state.get_settings().regions
platforms = tuple(p for p in PLATFORMS if p in chosen.platforms)
slide_area = st.container(key="lamina")
# the bar under the slide is drawn first: its choices and the presenter's keys decide the slide
bar = st.container(key="botonera", horizontal=True, vertical_alignment="center")
back, forward, where = bar.empty(), bar.empty(), bar.container(width="stretch")
with bar.popover("Diapositivas", icon=":material/tune:"):
    if len(regions) > 1:
        st.selectbox(
            "Región",
            regions,
            format_func=state.region_name,
            key="region_presentacion",
            bind="query-params",
            on_change=controls.go_to_slide,
            args=(1,),
        )
    order = st.multiselect(
        "Diapositivas, en el orden en que se presentan",
        list(slides.SLIDES),
        default=list(slides.SLIDES),
        format_func=slides.SLIDES.get,
        key="diapositivas",
        bind="query-params",
        on_change=controls.go_to_slide,
        args=(1,),
        help="Para llevar una diapositiva al final, quítela y vuelva a agregarla.",
    )
with bar:
    move, reported = remote.remote(st.session_state.get("pantalla_informada"))
bar.button("Salir", on_click=controls.leave_presentation, key="salir")
st.session_state["pantalla_informada"] = reported
region = st.session_state.get("region_presentacion") or regions[0]
deck = state.deck(
    rev, region, chosen.as_of, chosen.regions, None if platforms == PLATFORMS else platforms
)
shown = deck.chosen(order)
total = len(shown)
number = controls.moved(controls.slide_number(total), move, total)
if move:
    controls.go_to_slide(number)

with slide_area:
    if not platforms:
        st.title(f"Presentación de {deck.region}", anchor=False)
        st.header(controls.NO_PLATFORMS, anchor=False)
    elif not deck.slides:
        st.title(f"Presentación de {deck.region}", anchor=False)
        st.header(f"Todavía no hay datos de {deck.region} para esta fecha de corte.", anchor=False)
    elif not shown:
        st.title(f"Presentación de {deck.region}", anchor=False)
        st.header("Elija al menos una diapositiva en «Diapositivas».", anchor=False)
    else:
        slide = shown[number - 1]
        st.title(slide.title, anchor=False)
        st.header(slide.headline, anchor=False)
        if slide.figure is not None:
            controls.slide_chart(
                slide.figure, f"diapositiva-{slide.key}", controls.screen(reported), slide.headline
            )

back.button(
    "Anterior",
    icon=":material/arrow_back:",
    disabled=number <= 1,
    on_click=controls.go_to_slide,
    args=(number - 1,),
    key="anterior",
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
sample = " · datos de ejemplo ficticios" if state.showing_samples(rev) else ""
only = f" · {', '.join(map(views.platform_label, platforms))}" if platforms != PLATFORMS else ""
where.markdown(
    f"**{number} / {total}** · {deck.region} · {views.escape_markdown(deck.subtitle)}{only}{sample}"
    if total
    else ""
)
