"""Writers at once: threads and processes saving together leave every upload whole or absent."""

import multiprocessing
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor

from loaders.gazetteer import gazetteer
from settings import load_settings
from store import Saved, Store, StoreBusy
from tests.store.conftest import ROOT, admin, assert_uploads_whole, tracker

WORKERS = 8
ROUNDS = 10
STATUSES = ("No iniciado", "En proceso", "Habilitada", "En uso", "Solución propia")


def _comunas() -> list[str]:
    return gazetteer().comunas.query("region_code == '14'").comuna.tolist()


def _name(kind: str, worker: int, round_: int) -> str:
    return f"{kind}_{worker}_{round_}.xlsx"


def _count(worker: int, round_: int) -> int:
    """How many comunas the upload of this writer and round has (2 to all of Los Ríos)."""
    return 2 + (3 * worker + round_) % (len(_comunas()) - 1)


def upload(kind: str, worker: int, round_: int) -> tuple[str, bytes]:
    """A small upload of its own for one writer and round: its title makes its SHA-256
    unique and its length varies. Its file name and bytes."""
    rows = [
        [name, *(STATUSES[(i + p + worker + round_) % len(STATUSES)] for p in range(5))]
        for i, name in enumerate(_comunas()[: _count(worker, round_)])
    ]
    title = f"Seguimiento {kind} {worker}-{round_}"
    return _name(kind, worker, round_), tracker(
        rows, as_of=f"{1 + round_:02d}/10/2025", title=title
    )


def assert_outcome(store: Store, outcomes: dict[str, Saved | None], kind: str) -> None:
    """Every upload that was saved is whole with its own rows and revision; every one
    refused as busy left nothing behind."""
    assert len(outcomes) == WORKERS * ROUNDS
    saved = {name: s for name, s in outcomes.items() if s is not None}
    assert saved, "ninguna carga se guardó"
    expected = {_name(kind, w, r): 5 * _count(w, r) for w in range(WORKERS) for r in range(ROUNDS)}
    listed = assert_uploads_whole(store)
    assert sorted(listed.file_name) == sorted(saved)
    for row in listed.itertuples():
        assert row.rows == expected[row.file_name], row.file_name
        assert saved[row.file_name] == Saved(row.id, row.revision, row.rows), row.file_name
    assert sorted(listed.revision) == list(range(1, len(saved) + 1))
    assert store.revision() == len(saved)


def test_threads_saving_at_once_keep_every_upload_whole(store):
    barrier = threading.Barrier(WORKERS, timeout=60)
    outcomes: dict[str, Saved | None] = {}

    def writer(worker: int) -> None:
        try:
            for round_ in range(ROUNDS):
                name, data = upload("hilo", worker, round_)
                prepared = store.prepare(data, name)
                barrier.wait()
                try:
                    outcomes[name] = store.save(prepared, user=admin(f"hilo {worker}"))
                except StoreBusy:
                    outcomes[name] = None
        except BaseException:
            barrier.abort()  # the others stop waiting instead of timing out
            raise

    with ThreadPoolExecutor(WORKERS) as pool:
        for done in [pool.submit(writer, worker) for worker in range(WORKERS)]:
            done.result()
    assert_outcome(store, outcomes, "hilo")


def test_the_same_file_saved_by_many_at_once_is_kept_once(store):
    data = (ROOT / "tests" / "fixtures" / "trackers" / "wide_simple.xlsx").read_bytes()
    barrier = threading.Barrier(WORKERS, timeout=60)

    def writer(worker: int) -> Saved:
        prepared = store.prepare(data, f"copia_{worker}.xlsx")
        assert prepared.duplicate_of is None
        barrier.wait()
        return store.save(prepared, user=admin(f"hilo {worker}"))

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(writer, range(WORKERS)))
    assert len({r.upload_id for r in results}) == 1
    assert sorted(r.duplicate for r in results) == [False] + [True] * (WORKERS - 1)
    assert len(assert_uploads_whole(store)) == 1
    assert store.revision() == 1


def _process_writer(env: dict[str, str], worker: int, barrier, results) -> None:
    """One writer process: opens its own store when all the others do (so the schema is
    created by all at once), then saves one upload per round, all starting at the barrier."""
    try:
        barrier.wait()
        store = Store(load_settings(env))
        for round_ in range(ROUNDS):
            name, data = upload("proceso", worker, round_)
            prepared = store.prepare(data, name)
            barrier.wait()
            try:
                results.put((name, store.save(prepared, user=admin(f"proceso {worker}"))))
            except StoreBusy:
                results.put((name, None))
    except BaseException:
        barrier.abort()
        results.put(("error", traceback.format_exc()))


def test_processes_saving_at_once_keep_every_upload_whole(store_env):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS, timeout=120)
    results = context.Queue()
    writers = [
        context.Process(target=_process_writer, args=(store_env, worker, barrier, results))
        for worker in range(WORKERS)
    ]
    for process in writers:
        process.start()
    outcomes: dict[str, Saved | None] = {}
    try:
        for _ in range(WORKERS * ROUNDS):
            name, outcome = results.get(timeout=180)
            assert name != "error", outcome
            outcomes[name] = outcome
    finally:
        for process in writers:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
    assert [p.exitcode for p in writers] == [0] * WORKERS
    store = Store(load_settings(store_env))
    assert_outcome(store, outcomes, "proceso")
    store.engine.dispose()
