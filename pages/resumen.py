"""Resumen: where each region stands on each platform, and the gap between enabled and used."""

import streamlit as st

import analytics
import glossary
import views
from ui import controls, derived, figures, state

store, rev = state.store_or_stop()
chosen = state.selection()
current = state.filtered_state(rev, chosen)
state.header("Resumen", current)
if current.empty:
    st.info(state.empty_reason(chosen))
    st.stop()

st.header(analytics.headline(derived.shares(current)), anchor=False)
scope = derived.headline_scope(current)
if scope:
    st.caption(f"{scope} {glossary.TERMS['comunas_con_datos'].link('Más sobre estos conteos')}.")
tiles = derived.region_tiles(current, chosen.regions)
dates = derived.tile_dates(tiles)
for column, tile, dated in zip(st.columns(len(tiles)), tiles.itertuples(), dates, strict=True):
    with column.container(border=True):
        st.markdown(f"**{tile.region}**")
        st.caption(dated)
        st.metric("Comunas con datos", f"{tile.comunas_covered} de {tile.comunas_total}")
        st.metric("Habilitada o más", views.percent(tile.pct_enabled))
        st.metric("En uso", views.percent(tile.pct_en_uso))
        st.metric(
            "Brecha de uso",
            views.percent(tile.brecha_uso),
            help=glossary.TERMS["brecha_uso"].short,
        )
st.header("Habilitada frente a en uso, por región y plataforma", anchor=False)
st.caption(
    "El círculo es la parte de las comunas con la plataforma habilitada o más; el rombo, la "
    "parte en uso; la barra entre ambos, la brecha de uso. Cuando son iguales, el rombo queda "
    f"dentro del círculo. Definiciones: {glossary.TERMS['habilitada_o_mas'].link()}, "
    f"{glossary.TERMS['brecha_uso'].link('brecha de uso')}, "
    f"{glossary.TERMS['etapas'].link('etapas')}."
)
controls.chart(figures.gap_bars(rev, chosen), key="brecha")
st.page_link(
    "pages/acompanamiento.py",
    label="Cobertura del plan de acompañamiento por comuna",
    icon=":material/groups:",
)
