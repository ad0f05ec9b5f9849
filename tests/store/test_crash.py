"""A save killed at any moment (SIGKILL) leaves the store whole: the upload is all there or absent."""

import signal

from settings import load_settings
from store import Store
from tests.store.children import ACTIVITIES, AFTER, COMMIT, forks, save_and_die, statements
from tests.store.conftest import (
    activity_frame,
    admin,
    assert_uploads_whole,
    tracker,
    with_activities,
)

ROWS = [["Valdivia", "En uso", "Habilitada"], ["Corral", "En proceso", "No iniciado"]]


def killed_save(env: dict[str, str], path, kill_at: int, activities: bool = False) -> int:
    """Run a save that kills itself at kill_at in a child process; its exit code."""
    child = forks().Process(target=save_and_die, args=(env, str(path), kill_at, activities))
    child.start()
    child.join(120)
    if child.is_alive():  # stuck: ended otherwise than by its own SIGKILL, so the test says so
        child.terminate()
        child.join()
    return child.exitcode


def test_a_save_killed_at_any_moment_leaves_the_store_whole(store_env, tmp_path):
    store = Store(load_settings(store_env))
    prepared = store.prepare(tracker(ROWS, title="Primera"), "primera.xlsx")
    sent = statements(store.engine)
    first = store.save(prepared, user=admin("a"))
    sent = sent.copy()  # the first save's statements only
    assert len(sent) >= 6, sent  # the save was seen: its lock, its writes, its log
    # one kill before the save's first statement, its middle one and its last one (its writes
    # half done, then all done but the log), one as it commits, and one after it
    plan = [1, (len(sent) + 1) // 2, len(sent), COMMIT, AFTER]
    kept = [first.upload_id]
    for number, kill_at in enumerate(plan, start=1):
        path = tmp_path / f"cortada_{number}.xlsx"
        path.write_bytes(tracker(ROWS, title=f"Cortada en {kill_at}"))
        assert killed_save(store_env, path, kill_at) == -signal.SIGKILL, kill_at

        listed = assert_uploads_whole(store)
        mine = listed[listed.file_name == path.name]
        assert len(mine) == (1 if kill_at == AFTER else 0), (kill_at, sent)
        assert (mine.rows == len(ROWS) * (len(ROWS[0]) - 1)).all()  # comunas × platforms
        assert store.revision() == len(listed) == listed.revision.max(), kill_at
        saved_events = store.events().query("action == 'guardar'")
        assert sorted(saved_events.upload_id) == sorted(listed.id), kill_at
        # the killed writer's lock is gone: the next save goes through
        small = tracker([["Valdivia", "En uso"]], title=f"Después del corte {number}")
        after_kill = store.save(store.prepare(small, f"despues_{number}.xlsx"), user=admin("a"))
        assert (after_kill.duplicate, after_kill.revision) == (False, len(listed) + 1)
        kept += [*mine.id, after_kill.upload_id]
    assert sorted(store.uploads().id) == sorted(kept)
    store.engine.dispose()


def test_a_save_killed_as_it_writes_its_activities_leaves_nothing_of_the_upload(
    store_env, tmp_path
):
    store = Store(load_settings(store_env))
    prepared = store.prepare(tracker(ROWS, title="Primera"), "primera.xlsx")
    sent = statements(store.engine)
    store.save(with_activities(prepared, activity_frame(ACTIVITIES)), user=admin("a"))
    sent = sent.copy()
    # the statement that writes the activities comes after the upload and its rows are written
    (at,) = [n for n, sql in enumerate(sent, start=1) if sql.startswith("INSERT INTO activities")]
    assert any(sql.startswith("INSERT INTO observations") for sql in sent[: at - 1])
    for kill_at, kept in ((at, 0), (at + 1, 0), (AFTER, 1)):
        path = tmp_path / f"cortada_{kill_at}.xlsx"
        path.write_bytes(tracker(ROWS, title=f"Cortada en {kill_at}"))
        assert killed_save(store_env, path, kill_at, activities=True) == -signal.SIGKILL
        listed = assert_uploads_whole(store)  # each upload with exactly its activities
        mine = listed[listed.file_name == path.name]
        assert len(mine) == kept, (kill_at, sent)
        assert (mine.activities == len(ACTIVITIES)).all()
    assert len(store.activities()) == len(ACTIVITIES)  # the same two, counted once
    store.engine.dispose()
