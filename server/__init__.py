"""What the web server adds around Streamlit: the page in Spanish and readable by everyone."""

from server.page import DashboardPage, page_script, page_style, streamlit_texts

__all__ = ["DashboardPage", "page_script", "page_style", "streamlit_texts"]
