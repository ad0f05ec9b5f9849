"""The dashboard served: Streamlit's app around dashboard.py, its page in Spanish, its assets
compressed, and what the first visitor needs prepared before anyone arrives."""

import asyncio
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
    """Warm the caches before the server takes its first request; then start the browser that
    draws images, in the background, so the first chart does not wait for it."""
    import images
    from ui.warm import warm_up  # imports pandas, plotly and the store: the cost moved here

    await asyncio.to_thread(warm_up)
    threading.Thread(target=images.warm, name="imagenes", daemon=True).start()
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
