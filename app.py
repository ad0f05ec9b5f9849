"""The dashboard served: Streamlit's app around dashboard.py, its page in Spanish, its assets
compressed, and what the first visitor needs prepared before anyone arrives."""

import threading
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config
from streamlit.web.server.starlette.starlette_static_routes import (
    STATIC_ASSET_CACHE_MAX_AGE_SECONDS,
)

from server import CompressedAssets, DashboardPage
from server.locations import COMPRESSED_DIR, STATIC_DIR


@asynccontextmanager
async def lifespan(_app):
    """Import what the pages use before the server takes requests (imports in a thread would hold
    the interpreter while it serves the page); then, in the background, warm the caches (the first
    page waits only for what is not ready yet: each value is computed once, whoever asks first)
    and, once the first page is out and the server is quiet, start the browser that draws images."""
    from ui import warm  # pandas, plotly and the store

    def prepare() -> None:
        warm.warm_up()
        warm.images_when_quiet()

    threading.Thread(target=prepare, name="preparar", daemon=True).start()
    yield


app = st.App(
    "dashboard.py",
    lifespan=lifespan,
    middleware=[
        Middleware(
            CompressedAssets,
            static_dir=STATIC_DIR,
            cache_dir=COMPRESSED_DIR,
            cache_control=f"public, immutable, max-age={STATIC_ASSET_CACHE_MAX_AGE_SECONDS}",
            base_path=lambda: config.get_option("server.baseUrlPath") or "",
        ),
        Middleware(DashboardPage),
    ],
)
