"""The server's settings in .streamlit/config.toml: each one a setting Streamlit still has, and no
watching of the sources, which on every rerun cost more than the page."""

import tomllib

from streamlit import config

from harness.dashboard import ROOT

SETTINGS = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_every_setting_is_one_streamlit_knows():
    known = set(config._config_options_template)
    written = {f"{section}.{name}" for section, names in SETTINGS.items() for name in names}
    assert written - known == set()


def test_the_server_does_not_watch_its_sources():
    assert SETTINGS["server"]["fileWatcherType"] == "none"
    assert SETTINGS["server"]["runOnSave"] is False
