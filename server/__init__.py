"""What the web server adds around Streamlit: the page in Spanish (lang, Streamlit's own texts)."""

from server.spanish import SpanishPage, page_script, streamlit_texts

__all__ = ["SpanishPage", "page_script", "streamlit_texts"]
