"""Mapa: the comunas coloured by a chosen measure; a click opens the comuna's ficha.

The measure, the region, the names and the comuna looked for are kept in the URL
(?medida=…&region_mapa=…), so a copied link and the browser's back button open the same map."""

import streamlit as st

import analytics
import geo
import glossary
from charts import headlines
from ui import controls, figures, state
from views import platform_label

MEASURES = {"indice": "Índice de adopción", "brecha": "Brecha de uso"}
# the widgets that make the map, and where the map a person left for a ficha is remembered
VIEW_KEYS = ("medida", "region_mapa", "comuna", "nombres")
LEFT_VIEW = "mapa_dejado"
RETURNING = "mapa_de_vuelta"

# st.switch_page writes the ficha's ?cut= on the map's own URL before leaving, so the browser's
# back button returns to /mapa?cut=…, without the map's parameters. That history step resets
# the bound widgets to what its URL says, so the map that was left is brought back from the
# session on a rerun (and the stray cut dropped).
if "cut" in st.query_params:
    del st.query_params["cut"]
    st.session_state[RETURNING] = True
    st.rerun()
if st.session_state.pop(RETURNING, False):
    st.session_state.update(st.session_state.get(LEFT_VIEW, {}))

store, rev = state.store_or_stop()
chosen = state.selection()
current = state.filtered_state(rev, chosen)
state.header("Mapa de adopción", current)
if current.empty:
    st.info(state.empty_reason(chosen))
    st.stop()

options = [*MEASURES, *chosen.platforms]
region_col, measure_col = st.columns(2, vertical_alignment="bottom")
measure = measure_col.selectbox(
    "Medida",
    options,
    format_func=lambda m: MEASURES.get(m) or f"Etapa de {platform_label(m)}",
    key="medida",
    bind="query-params",
)
region = region_col.segmented_control(
    "Región",
    list(chosen.regions),
    default=chosen.regions[0],
    required=True,
    format_func=state.region_name,
    key="region_mapa",
    bind="query-params",
)
comunas = {
    f["properties"]["comuna_code"]: f["properties"]["comuna"]
    for f in geo.comunas_geojson((region,))["features"]
}
search_col, names_col = st.columns(2, vertical_alignment="bottom")
focus = search_col.selectbox(
    "Buscar comuna",
    sorted(comunas, key=comunas.get),
    index=None,
    format_func=comunas.get,
    placeholder=f"Escriba el nombre de una comuna de {state.region_name(region)}",
    key="comuna",
    bind="query-params",
)
names = names_col.toggle(
    "Mostrar nombres",
    key="nombres",
    bind="query-params",
    help="Escribe el nombre de cada comuna sobre el mapa, para presentarlo.",
)
values, kind = analytics.map_measure(current[current["region_code"] == region], measure)
label = MEASURES.get(measure) or f"Etapa de {platform_label(measure)}"
figure = figures.choropleth(rev, chosen, region, measure, label, names, focus)
st.caption(
    "Haga clic en una comuna para abrir su ficha. Para acercar o alejar, use los botones "
    "sobre el mapa; la rueda del mouse desplaza la página. Definiciones: "
    f"{glossary.TERMS['indice'].link()}, {glossary.TERMS['brecha_uso'].link('brecha de uso')}, "
    f"{glossary.TERMS['etapas'].link('etapas')}, {glossary.TERMS['capa_comunal'].link()}."
)
event = controls.chart(
    figure,
    key="mapa",
    headline=headlines.map_measure(values, kind, label, state.region_name(region)),
    on_select="rerun",
    selection_mode="points",
)
clicked = [p.get("location") for p in event.selection.points if p.get("location")]
if clicked:
    st.session_state[LEFT_VIEW] = {
        k: st.session_state[k] for k in VIEW_KEYS if k in st.session_state
    }
    st.switch_page("pages/comuna.py", query_params={"cut": clicked[0]})
if focus is not None:
    st.page_link(
        "pages/comuna.py",
        label=f"Abrir la ficha de {comunas[focus]}",
        icon=":material/arrow_forward:",
        query_params={"cut": focus},
    )
if values["value"].isna().all():
    st.info("Ninguna comuna de la selección tiene datos para esta medida.")
