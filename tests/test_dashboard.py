"""The dashboard entry page runs and shows the sample trackers."""

from streamlit.testing.v1 import AppTest


def test_dashboard_shows_the_sample_rows_and_says_they_are_fictional():
    at = AppTest.from_file("../dashboard.py", default_timeout=60).run()
    assert not at.exception
    assert "ficticios" in at.info[0].value
    assert len(at.dataframe[0].value) > 1000
