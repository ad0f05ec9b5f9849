"""What the web server adds around Streamlit: the page in Spanish and readable by everyone, its
assets compressed."""

from server.compressed import CompressedAssets
from server.page import DashboardPage, page_script, page_style, streamlit_texts

__all__ = ["CompressedAssets", "DashboardPage", "page_script", "page_style", "streamlit_texts"]
