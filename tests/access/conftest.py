"""Access fixtures: an empty, upgraded store's engine on SQLite and on PostgreSQL."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from settings import load_settings
from store import Store
from tests.store.conftest import postgres_server, store_env  # noqa: F401  (fixtures used here)


@pytest.fixture
def engine(store_env) -> Iterator[sa.Engine]:  # noqa: F811
    """The engine of an empty store on SQLite, then on PostgreSQL."""
    opened = Store(load_settings(store_env))
    yield opened.engine
    opened.engine.dispose()
