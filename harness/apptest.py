"""AppTest runs of the dashboard routed as a running server routes its pages."""

from streamlit.runtime.pages_manager import PagesManager


class RoutedPagesManager(PagesManager):
    """Pages as a running server routes them once dashboard.py has called st.navigation.

    AppTest forgets that before every run, so each run of a page would first be Streamlit's
    own routing of the pages/ folder and the entry's rerun (which drops the click being
    tested). The first request of a fresh server is tested in a browser (test_deep_link)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False
