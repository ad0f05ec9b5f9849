"""Entry point of the dashboard: page config and, for now, the sample trackers as one table."""

from pathlib import Path

import pandas as pd
import streamlit as st

from loaders import load

SAMPLES = Path(__file__).parent / "sample_data"


@st.cache_data(max_entries=1)
def sample_frame() -> tuple[pd.DataFrame, int]:
    """The sample trackers read into one normalized frame, and how many files were read."""
    files = sorted(SAMPLES.glob("*.xlsx"))
    frames = [load(path).frame for path in files]
    return (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()), len(files)


st.set_page_config(page_title="Brechas de adopción digital municipal", layout="wide")
st.title("Brechas de adopción digital municipal")
frame, files = sample_frame()
st.info("Datos de ejemplo ficticios: aún no se han cargado planillas reales.")
st.caption(f"{len(frame):,} filas normalizadas de {files} planillas de ejemplo".replace(",", "."))
st.dataframe(frame, hide_index=True, width="stretch")
