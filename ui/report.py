"""A file's validation report on a page: filtered by severity, each message readable in full, and
downloadable as Excel to send back to whoever made the file."""

import datetime as dt

import pandas as pd
import streamlit as st

import exports
import views
from loaders import Issue

SEVERITIES = list(views.SEVERITY_LABELS.values())
ROW_HEIGHT = 72
"""Pixels per row: above 64 the table wraps a cell's text, here over four lines."""
COLUMNS = {
    "Gravedad": st.column_config.TextColumn(width="small"),
    "Hoja": st.column_config.TextColumn(width="small"),
    "Celda": st.column_config.TextColumn(width="small"),
    "Mensaje": st.column_config.TextColumn(width="large"),
    "Encontrado": st.column_config.TextColumn(width="medium"),
    "Esperado": st.column_config.TextColumn(width="medium"),
}
"""The table's columns in the order shown: the message, whole, comes before its parts."""


def show_report(
    issues: list[Issue] | list[dict], file_name: str, as_of: dt.date | None, index: int | str
) -> None:
    """Draw a report: the severities to show, the table (long texts wrap), the whole of the
    chosen row's message with what was found and expected, and the Excel download."""
    report = views.report_table(issues)
    if report.empty:
        return
    shown = st.pills(
        "Mostrar",
        SEVERITIES,
        selection_mode="multi",
        default=["Error", "Aviso"],
        key=f"gravedad-{index}",
    )
    table = report[report["Gravedad"].isin(shown)].reset_index(drop=True)
    event = st.dataframe(
        table,
        hide_index=True,
        key=f"informe-{index}",
        column_order=[c for c in COLUMNS if c in table.columns],
        column_config={k: v for k, v in COLUMNS.items() if k in table.columns},
        row_height=ROW_HEIGHT,
        on_select="rerun",
        selection_mode="single-row",
        # the first row (an error, when there is one) is read in full without a click
        selection_default={"selection": {"rows": [0]}} if len(table) else None,
    )
    chosen = [r for r in event.selection.rows if r < len(table)]
    if chosen:
        _detail(table.iloc[chosen[0]])
    elif len(table):
        st.caption("Elija una fila de la tabla para leer su mensaje completo.")
    st.download_button(
        "Descargar informe (Excel)",
        lambda: exports.report_workbook(issues, file_name, as_of),
        exports.report_file_name(file_name, as_of),
        exports.XLSX_MIME,
        key=f"informe-xlsx-{index}",
        on_click="ignore",
        icon=":material/download:",
    )


def _detail(row: pd.Series) -> None:
    """One issue in full: where, how serious, its whole message, what was found and expected."""
    where = "!".join(p for p in (row["Hoja"], row["Celda"]) if p) or "el archivo"
    with st.container(border=True):
        st.markdown(f"**{row['Gravedad']} en {views.escape_markdown(where)}**")
        st.markdown(views.escape_markdown(row["Mensaje"]))
        for label in ("Encontrado", "Esperado"):
            if row.get(label):
                st.markdown(f"**{label}:** {views.escape_markdown(row[label])}")
