"""Brechas: every comuna × platform by stage, and the comunas that need field work next."""

import streamlit as st

import analytics
import exports
from ui import controls, figures, state

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
controls.chart(figures.stage_heatmap(rev, chosen, order), key="mapa-calor")

st.subheader("Comunas prioritarias", anchor=False)
st.caption("Primero las que tienen plataformas habilitadas sin uso; luego las que no han iniciado.")
table = exports.priorities_table(analytics.priorities(current))
if table.empty:
    st.success(
        "Ninguna comuna de la selección tiene plataformas habilitadas sin uso ni sin iniciar."
    )
    st.stop()
st.dataframe(table, hide_index=True)
stem = f"comunas_prioritarias_{current['as_of'].max():%Y-%m-%d}"
csv_col, xlsx_col, _ = st.columns([1, 1, 4])
csv_col.download_button(
    "Descargar CSV",
    lambda: exports.to_csv(table),
    f"{stem}.csv",
    "text/csv",
    key="csv",
    on_click="ignore",
)
xlsx_col.download_button(
    "Descargar Excel",
    lambda: exports.to_xlsx({"Comunas prioritarias": table}),
    f"{stem}.xlsx",
    exports.XLSX_MIME,
    key="xlsx",
    on_click="ignore",
)
