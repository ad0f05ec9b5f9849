"""Ficha comunal: each platform's stage, its history and activities, where each value came from,
and the region."""

import streamlit as st

import views
from charts import headlines
from loaders.gazetteer import gazetteer
from ui import controls, derived, figures, state

store, rev = state.store_or_stop()
chosen = state.selection()
comunas = state.comuna_options(state.get_settings().regions)
codes = list(comunas)
# the URL carries the CUT code itself (/comuna?cut=09112), so the binding is made here
asked = st.query_params.get("cut")
code = st.selectbox(
    "Comuna",
    codes,
    index=codes.index(asked) if asked in comunas else None,
    format_func=comunas.get,
    placeholder="Elija una comuna o haga clic en el mapa",
)
if code is not None and code != asked:
    st.query_params["cut"] = code
if asked and asked not in comunas:
    st.warning(f"No existe una comuna con código CUT «{views.escape_markdown(asked)}».")
if code is None:
    state.header("Ficha comunal", state.filtered_state(rev, chosen))
    st.info("Elija una comuna en la lista, o haga clic en una comuna del mapa.")
    st.stop()

place = gazetteer().comuna(code)
current = state.state_at(rev, chosen.as_of)
own = derived.comuna_rows(current, code)
activities = state.activities(rev)
own_activities = activities[activities["comuna_code"] == code]


def activity_list() -> None:
    """The comuna's accompaniment activities, newest first, or a line saying there are none."""
    st.header("Actividades de acompañamiento", anchor=False)
    if own_activities.empty:
        st.caption(f"No hay actividades de acompañamiento registradas en {place['comuna']}.")
        return
    st.dataframe(views.comuna_activities_table(own_activities), hide_index=True)


state.header(f"{place['comuna']} · {place['province']}, {place['region']}", own)
if own.empty:
    st.info(f"Todavía no hay datos de {place['comuna']} para esta fecha de corte.")
    activity_list()
    st.stop()

profile = derived.comuna_profile(current, code)
reference = state.reference_cutoff(rev, chosen)
for column, row in zip(st.columns(len(profile)), profile.itertuples(), strict=True):
    with column.container(border=True, key=f"etapa-{row.platform}"):
        st.caption(views.platform_label(row.platform))
        st.header(views.stage_label(row.stage, row.alternative), anchor=False)
        st.caption(f"En la región: {views.percent(row.region_pct_en_uso)} en uso")
        st.caption(f"Último {views.age_label(row.as_of, reference)}")

own_history = state.comuna_history(rev, code)
st.header("Etapa en cada fecha de corte", anchor=False)
if own_history["as_of"].nunique() < 2:
    st.caption("Solo hay una fecha de corte para esta comuna: todavía no hay historia.")
if not own_activities.empty:
    st.caption("Los rombos y las líneas punteadas marcan las actividades de acompañamiento.")
controls.chart(
    figures.comuna_timeline(rev, code),
    key="historia",
    headline=derived.timeline_headline(own_history),
)
st.header(f"Comparada con {place['region']}", anchor=False)
st.caption("Parte de las comunas de la región con cada plataforma habilitada y en uso.")
controls.chart(
    figures.comparison_bars(rev, chosen.as_of, code),
    key="comparacion",
    headline=headlines.comparison(profile, place["comuna"], place["region"]),
)
st.header("De dónde viene cada dato", anchor=False)
st.dataframe(views.provenance_table(profile), hide_index=True)
activity_list()
