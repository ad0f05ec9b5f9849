"""Upload: validate, compare with the current state, save, and read the new state back."""

import os
import tempfile
from pathlib import Path

import analytics
from access.identity import SYSTEM
from benchmarks.synthetic import SOURCE, Trackers, regional_tracker
from benchmarks.timing import median_s
from settings import load_settings
from store import Store


def _upload(store: Store, path: Path) -> int:
    """One upload as the page does it, until the new state is what the pages would read."""
    prepared = store.prepare(path.read_bytes(), path.name, source=SOURCE)
    saved = store.save(prepared, user=SYSTEM)
    analytics.state_at(store.history(), None)
    return saved.rows


def measure(trackers: Trackers, runs: int, database_url: str | None = None) -> dict[str, float]:
    """The national workbook saved once into an empty store, then the regional tracker `runs`
    times (a new version each time, so none is a duplicate) on top of that national history."""
    folder = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    env = {**os.environ, "DATA_DIR": str(folder), "SEED_SAMPLES": "0"}
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    store = Store(load_settings(env))
    try:
        national = median_s(lambda: _upload(store, trackers.wide), 1, warmup=0)
        versions = iter(
            [
                regional_tracker(folder / f"regional_{v}.xlsx", v, trackers.per_region)
                for v in range(runs + 1)
            ]
        )
        regional = median_s(lambda: _upload(store, next(versions)), runs)
        return {"regional_s": regional, "national_s": national, "rows": len(store.history())}
    finally:
        store.engine.dispose()
