"""The store and its cached reads, shared by every page; caches are keyed on the store's revision."""

import pandas as pd
import streamlit as st

from settings import load_settings
from store import Store, StoreError, seed_samples

LOCAL_USER = "usuario local"


@st.cache_resource
def get_store() -> Store:
    """One store (engine and pool) per server process; the samples fill it on first start."""
    store = Store(load_settings())
    if store.settings.seed_samples:
        seed_samples(store)
    return store


def revision() -> int:
    """The store's revision now; every cached read below takes it as its key."""
    return get_store().revision()


@st.cache_data(max_entries=4, show_spinner=False)
def current(rev: int) -> pd.DataFrame:
    """The current state at this revision."""
    return get_store().current()


@st.cache_data(max_entries=4, show_spinner=False)
def history(rev: int) -> pd.DataFrame:
    """Every snapshot of the active uploads at this revision."""
    return get_store().history()


@st.cache_data(max_entries=4, show_spinner=False)
def uploads(rev: int) -> pd.DataFrame:
    """The upload list at this revision."""
    return get_store().uploads()


@st.cache_data(max_entries=4, show_spinner=False)
def has_real_data(rev: int) -> bool:
    """Whether real (non-sample) data is active at this revision."""
    return get_store().has_real_data()


def current_user() -> str:
    """Who is using the page, as recorded with what they save."""
    return LOCAL_USER


def store_or_stop() -> tuple[Store, int]:
    """The store and its revision, or a Spanish message and the end of the page if it is down."""
    try:
        store = get_store()
        return store, store.revision()
    except StoreError as exc:
        st.error(str(exc))
        st.stop()
