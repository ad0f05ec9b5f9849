"""The fictional sample trackers, loaded into an empty store so that a first start shows something."""

from pathlib import Path

import sqlalchemy as sa

from access.identity import SYSTEM
from settings import Settings, load_settings
from store.database import reading
from store.schema import uploads
from store.store import Store
from store.writes import Saved


def seed_samples(store: Store) -> list[Saved]:
    """On an empty store, load the fictional sample trackers, marked as sample data."""
    with reading(store.engine) as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(uploads)).scalar_one():
            return []
    saved = []
    for path in sorted(Path(store.settings.samples_dir).glob("*.xlsx")):
        prepared = store.prepare(path.read_bytes(), path.name)
        saved.append(store.save(prepared, user=SYSTEM, is_sample=True))
    return saved


def open_store(settings: Settings | None = None) -> Store:
    """The store as every entry point opens it: upgraded, and on a first start filled with the
    samples while SEED_SAMPLES is on (so a command behaves like the dashboard)."""
    store = Store(settings or load_settings())
    if store.settings.seed_samples:
        seed_samples(store)
    return store
