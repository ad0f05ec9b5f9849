"""Brechas: every comuna × platform by stage, who uses another solution, and the comunas that need
field work next."""

import streamlit as st

import analytics
import exports
import glossary
from charts import headlines
from ui import controls, derived, figures, state

store, rev = state.store_or_stop()
chosen = state.selection()
current = state.filtered_state(rev, chosen)
state.header("Brechas por comuna", current)
if current.empty:
    st.info(state.empty_reason(chosen))
    st.stop()

order = st.segmented_control(
    "Ordenar comunas",
    ["region", "brecha"],
    default="region",
    required=True,
    format_func={"region": "Por región y provincia", "brecha": "Por brecha de uso"}.get,
    key="orden",
    bind="query-params",
)
present = [r for r in chosen.regions if r in derived.regions_in(current)]
region = st.segmented_control(
    "Región",
    present,
    default=present[0],
    required=True,
    format_func=state.region_name,
    key="region_brechas",
    bind="query-params",
)
st.caption(
    "Cada comuna de la región y la etapa de cada plataforma, escrita en la celda con su comienzo "
    "(«Habilit.» es habilitada); pase el cursor sobre una celda para ver lo escrito en la "
    f"planilla. {glossary.TERMS['etapas'].link('Qué significa cada etapa')}."
)
controls.chart(
    figures.stage_heatmap(rev, chosen, order, region),
    key="mapa-calor",
    headline=headlines.enabled_without_use(
        current[current["region_code"] == region], state.region_name(region)
    ),
)

st.header("Plataforma SGD, solución propia o proveedor privado", anchor=False)
alternatives = exports.alternatives_table(analytics.alternative_rows(current))
if alternatives.empty:
    st.caption("Ninguna comuna de la selección usa una solución propia ni un proveedor privado.")
else:
    st.caption(
        "Comunas en la escala de la plataforma SGD (de no iniciado a en uso) y comunas que usan "
        "una solución propia o un proveedor privado."
    )
    controls.chart(
        figures.solution_bars(rev, chosen),
        key="soluciones",
        headline=headlines.solutions(analytics.solutions(current)),
    )
    st.dataframe(alternatives, hide_index=True)
    stem = f"soluciones_alternativas_{current['as_of'].max():%Y-%m-%d}"
    controls.table_downloads(alternatives, stem, "Soluciones alternativas", key="alternativas")

st.header("Comunas prioritarias", anchor=False)
index = glossary.TERMS["indice"]
st.caption(
    "Primero las que tienen plataformas habilitadas sin uso; luego las que no han iniciado. "
    f"{index.link()}: {index.short[0].lower()}{index.short[1:]}"
)
table = derived.priorities_table(current)
if table.empty:
    st.success(
        "Ninguna comuna de la selección tiene plataformas habilitadas sin uso ni sin iniciar."
    )
    st.stop()
st.dataframe(
    table,
    hide_index=True,
    column_config={
        "Habilitadas sin uso": st.column_config.Column(
            help="Las plataformas que la comuna tiene habilitadas pero sin uso regular."
        ),
        "Índice de adopción": st.column_config.NumberColumn(help=index.short),
    },
)
state.older_data(rev, chosen, current)
stem = f"comunas_prioritarias_{current['as_of'].max():%Y-%m-%d}"
controls.table_downloads(table, stem, "Comunas prioritarias", key="prioritarias")
