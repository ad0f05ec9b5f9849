"""The update templates a person may download: one per region they may write, built on click."""

import pandas as pd
import streamlit as st

from access.identity import Identity
from formats import day
from loaders.text import fold
from ui.state import get_settings, region_name, state_at

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_downloads(rev: int, user: Identity) -> None:
    """A «Descargar planilla para actualizar — Región» button for each region in scope the
    user may write; the workbook is made only when the button is clicked."""
    current = state_at(rev, None)
    for code in get_settings().regions:
        if not user.may_write(code):
            continue
        st.download_button(
            f"Descargar planilla para actualizar — {region_name(code)}",
            lambda code=code: _workbook(current, code),
            file_name=file_name(code, current),
            mime=XLSX,
            key=f"planilla-{code}",
        )


def file_name(region_code: str, current: pd.DataFrame) -> str:
    """planilla_la-araucania_30-09-2025.xlsx: the region and the newest cut-off of its state
    (no date when it has none)."""
    slug = fold(region_name(region_code)).replace(" ", "-")
    dates = current.loc[current["region_code"] == region_code, "as_of"].dropna()
    return f"planilla_{slug}{f'_{day(dates.max())}' if not dates.empty else ''}.xlsx"


def _workbook(current: pd.DataFrame, region_code: str) -> bytes:
    """The region's template, prefilled with the source of its current state."""
    import template  # imported here: openpyxl loads only when someone asks for a template

    source = template.current_source(current, region_code)
    return template.update_template(current, region_code, source=source)
