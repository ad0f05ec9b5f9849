"""The dashboard entry page runs and shows the sample trackers."""

from streamlit.testing.v1 import AppTest

from pages import state


def test_dashboard_shows_the_current_state_of_the_samples_and_says_they_are_fictional():
    at = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not at.exception
    assert "ficticios" in at.info[0].value
    shown = at.dataframe[0].value
    current = state.get_store().current()
    # one row per comuna and platform: the 81 comunas of the four regions × 5 platforms
    assert len(shown) == len(current) == 81 * 5
    assert shown["Comuna"].nunique() == 81
