"""Child processes of the store tests, forked from one that has already imported the store."""

import itertools
import multiprocessing
import os
import signal
import traceback
from pathlib import Path

import sqlalchemy as sa

from loaders.gazetteer import gazetteer
from settings import load_settings
from store import Store, StoreBusy
from tests.store.conftest import activity_frame, admin, tracker, with_activities

# what opening the store and saving imports: a forked child starts with all of it loaded
PRELOADED = [
    "tests.store.children",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "pyarrow.dataset",
    "pandas.core.methods.to_dict",
]
COMMIT = 0  # kill_at for «as the transaction commits», before the database is told to
AFTER = -1  # kill_at for «once the save has returned»
STATUSES = ("No iniciado", "En proceso", "Habilitada", "En uso", "Solución propia")
ACTIVITIES = [
    ("Valdivia", "2025-09-02", "capacitacion_tecnica", "firmagob", 11),
    ("Corral", "2025-09-03", "asesoria_tecnica", "docdigital", None),
]


def forks() -> multiprocessing.context.BaseContext:
    """Processes forked from a server that imported PRELOADED once (a fresh interpreter per
    child would pay those imports each time; a fork of the test process, its threads)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED)
    return context


def statements(engine: sa.Engine) -> list[str]:
    """The SQL statements the engine sends from now on, as it sends them."""
    sent: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    return sent


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def save_and_die(env: dict[str, str], path: str, kill_at: int, activities: bool = False) -> None:
    """Open the store and read the file (with ACTIVITIES read from it too, if asked), then save
    it and die: before the save's kill_at-th statement (1 is its first), as it commits (COMMIT),
    or after it returned (AFTER)."""
    store = Store(load_settings(env))
    file = Path(path)
    prepared = store.prepare(file.read_bytes(), file.name)
    if activities:
        with_activities(prepared, activity_frame(ACTIVITIES, file=file.name))
    counted = itertools.count(1)

    def before_statement(*_) -> None:
        if next(counted) == kill_at:
            _die()

    sa.event.listen(store.engine, "before_cursor_execute", before_statement)
    if kill_at == COMMIT:
        sa.event.listen(store.engine, "commit", lambda _conn: _die())
    store.save(prepared, user=admin("prueba de cortes"))
    if kill_at == AFTER:
        _die()


def _comunas() -> list[str]:
    return gazetteer().comunas.query("region_code == '14'").comuna.tolist()


def upload_name(kind: str, worker: int, round_: int) -> str:
    """The file name of one writer's upload in one round."""
    return f"{kind}_{worker}_{round_}.xlsx"


def upload_comunas(worker: int, round_: int) -> int:
    """How many comunas the upload of this writer and round has (2 to all of Los Ríos)."""
    return 2 + (3 * worker + round_) % (len(_comunas()) - 1)


def upload(kind: str, worker: int, round_: int) -> tuple[str, bytes]:
    """A small upload of its own for one writer and round: its title makes its SHA-256
    unique and its length varies. Its file name and bytes."""
    rows = [
        [name, *(STATUSES[(i + p + worker + round_) % len(STATUSES)] for p in range(5))]
        for i, name in enumerate(_comunas()[: upload_comunas(worker, round_)])
    ]
    title = f"Seguimiento {kind} {worker}-{round_}"
    return upload_name(kind, worker, round_), tracker(
        rows, as_of=f"{1 + round_:02d}/10/2025", title=title
    )


def write_rounds(env: dict[str, str], worker: int, rounds: int, barrier, results) -> None:
    """One writer process: opens its own store when all the others do (so the schema is
    created by all at once), then saves one upload per round, all starting at the barrier."""
    try:
        barrier.wait()
        store = Store(load_settings(env))
        for round_ in range(rounds):
            name, data = upload("proceso", worker, round_)
            prepared = store.prepare(data, name)
            barrier.wait()
            try:
                results.put((name, store.save(prepared, user=admin(f"proceso {worker}"))))
            except StoreBusy:
                results.put((name, None))
    except BaseException:  # whatever it is, the test hears of it instead of waiting
        barrier.abort()
        results.put(("error", traceback.format_exc()))
