"""A store copied table by table into PostgreSQL (what the load benchmark's two servers share)
reads back as the same history, activities and revision."""

import pandas as pd

from benchmarks.load import copy_store
from settings import load_settings
from store import Store, open_store


def test_a_copied_store_reads_back_the_same_history_activities_and_revision(
    tmp_path, postgres_server
):
    env = {"DATA_DIR": str(tmp_path)}  # the samples fill it: uploads, rows and activities
    source = open_store(load_settings(env))
    name = postgres_server.create_database()
    try:
        copied = Store(load_settings(copy_store(env, postgres_server.url(name))))
        assert copied.engine.dialect.name == "postgresql"
        assert not source.history().empty and not source.activities().empty
        pd.testing.assert_frame_equal(copied.history(), source.history())
        pd.testing.assert_frame_equal(copied.activities(), source.activities())
        assert copied.revision() == source.revision()
        copied.engine.dispose()
    finally:
        source.engine.dispose()
        postgres_server.drop_database(name)
