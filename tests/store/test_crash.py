"""A save killed at any moment (SIGKILL) leaves the store whole: the upload is all there or absent."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders.gazetteer import gazetteer
from settings import load_settings
from store import Store
from tests.conftest import xlsx_bytes
from tests.store.conftest import (
    PLATFORMS,
    ROOT,
    admin,
    assert_uploads_whole,
    subprocess_env,
    tracker,
)

SHEETS = 24  # monthly cut-offs, so that the save lasts long enough to be cut in the middle
STATUSES = ("No iniciado", "En proceso", "Habilitada", "En uso", "Solución propia")
SEED = 20251031
DURING = 5  # kills while the save runs; plus one before reading, one before and one after it


def national(copy: int) -> bytes:
    """A tracker of all 345 comunas of Chile over two years of monthly cut-offs, one sheet
    each; the copy number in its title makes each copy a different file."""
    sheets = {}
    for month in range(SHEETS):
        date = f"28/{month % 12 + 1:02d}/{2024 + month // 12}"
        rows = [
            [f"Seguimiento nacional, copia {copy}"],
            [f"Fecha de corte: {date}"],
            ["Comuna", *PLATFORMS],
        ]
        rows += [
            [name, *(STATUSES[(i + p + month) % len(STATUSES)] for p in range(len(PLATFORMS)))]
            for i, name in enumerate(gazetteer().comunas.comuna)
        ]
        sheets[f"Corte {month + 1}"] = rows
    return xlsx_bytes(sheets)


@pytest.fixture(scope="module")
def national_files(tmp_path_factory) -> list[Path]:
    """One national tracker to measure the save, then one for each kill."""
    folder = tmp_path_factory.mktemp("nacional")
    paths = []
    for copy in range(DURING + 4):
        path = folder / f"nacional_{copy}.xlsx"
        path.write_bytes(national(copy))
        paths.append(path)
    return paths


def start_saver(env: dict[str, str], path: Path, log: Path) -> subprocess.Popen:
    """The child process that saves one file (tests/store/crash_save.py)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_save", str(path)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )


def kill_plan(startup: float, saving: float) -> list[tuple[str, float]]:
    """When to kill each saver: after which line it printed (none, «ready», «saved») and how
    long after; random delays from a fixed seed, spread over the whole save."""
    rng = random.Random(SEED)
    during = [("ready", saving * (k + rng.random()) / DURING) for k in range(DURING)]
    return [("start", startup * rng.uniform(0.2, 0.8)), ("ready", 0.0), *during, ("saved", 0.0)]


def test_a_save_killed_at_any_moment_leaves_the_store_whole(store_env, national_files, tmp_path):
    env = subprocess_env(store_env)
    rows = len(gazetteer().comunas) * len(PLATFORMS) * SHEETS
    log = tmp_path / "saver.log"

    started = time.monotonic()
    saver = start_saver(env, national_files[0], log)
    assert saver.stdout.readline() == "ready\n", log.read_text()
    ready = time.monotonic()
    assert saver.stdout.readline() == "saved 1\n", log.read_text()
    saving = time.monotonic() - ready
    saver.communicate("")
    assert saver.returncode == 0, log.read_text()

    outcomes = []
    for number, (after, delay) in enumerate(kill_plan(ready - started, saving), start=1):
        path = national_files[number]
        saver = start_saver(env, path, log)
        try:
            if after in ("ready", "saved"):
                assert saver.stdout.readline() == "ready\n", log.read_text()
            if after == "saved":
                assert saver.stdout.readline().startswith("saved "), log.read_text()
            time.sleep(delay)  # the moment of the kill, not a wait for a result
        finally:
            saver.kill()
            saver.communicate()
        assert saver.returncode == -signal.SIGKILL, log.read_text()

        store = Store(load_settings(store_env))
        listed = assert_uploads_whole(store)
        mine = listed[listed.file_name == path.name]
        outcomes.append((after, round(delay, 3), len(mine)))
        assert len(mine) in (0, 1), outcomes
        assert (mine.rows == rows).all(), outcomes
        assert store.revision() == len(listed) == listed.revision.max(), outcomes
        saved_events = store.events().query("action == 'guardar'")
        assert sorted(saved_events.upload_id) == sorted(listed.id), outcomes
        small = tracker([["Valdivia", "En uso"]], title=f"Después del corte {number}")
        prepared = store.prepare(small, f"despues_{number}.xlsx")
        after_kill = store.save(prepared, user=admin("ana"))
        assert (after_kill.duplicate, after_kill.revision, after_kill.rows) == (
            False,
            len(listed) + 1,
            1,
        )
        store.engine.dispose()

    kept = {after: present for after, _, present in outcomes if after in ("start", "saved")}
    assert kept == {"start": 0, "saved": 1}, outcomes
    assert outcomes[1][2] == 0, outcomes  # killed as the save began: nothing of it kept
