"""Writers at once: threads and processes saving together leave every upload whole or absent."""

import threading
from concurrent.futures import ThreadPoolExecutor

from settings import load_settings
from store import Saved, Store, StoreBusy
from tests.store.children import forks, upload, upload_comunas, upload_name, write_rounds
from tests.store.conftest import ROOT, admin, assert_uploads_whole

# enough writers and rounds that, without the writer lock, two of them meet mid-save
WORKERS = 3
ROUNDS = 3


def assert_outcome(store: Store, outcomes: dict[str, Saved | None], kind: str) -> None:
    """Every upload that was saved is whole with its own rows and revision; every one
    refused as busy left nothing behind."""
    assert len(outcomes) == WORKERS * ROUNDS
    saved = {name: s for name, s in outcomes.items() if s is not None}
    assert saved, "ninguna carga se guardó"
    expected = {
        upload_name(kind, w, r): 5 * upload_comunas(w, r)
        for w in range(WORKERS)
        for r in range(ROUNDS)
    }
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
        prepared = store.prepare(data, f"copia_{worker}.xlsx", source="UFRO")
        assert prepared.duplicate_of is None
        barrier.wait()
        return store.save(prepared, user=admin(f"hilo {worker}"))

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(writer, range(WORKERS)))
    assert len({r.upload_id for r in results}) == 1
    assert sorted(r.duplicate for r in results) == [False] + [True] * (WORKERS - 1)
    assert len(assert_uploads_whole(store)) == 1
    assert store.revision() == 1


def test_processes_saving_at_once_keep_every_upload_whole(store_env):
    context = forks()
    barrier = context.Barrier(WORKERS, timeout=120)
    results = context.Queue()
    writers = [
        context.Process(target=write_rounds, args=(store_env, worker, ROUNDS, barrier, results))
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
