"""Store fixtures: an empty store on SQLite and on a PostgreSQL server the suite starts itself."""

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from access.identity import Identity
from harness.postgres import PostgresServer, postgres_bin, server_owner
from loaders import ACTIVITY_COLUMNS, empty_frame
from loaders.gazetteer import gazetteer
from settings import load_settings
from store import Prepared, Store
from store.schema import activities, files, meta, observations, uploads
from tests.conftest import xlsx_bytes

ROOT = Path(__file__).parents[2]
PLATFORMS = ("DocDigital", "FirmaGob", "ClaveÚnica", "CPAT", "PISEE")


def tracker(
    rows: Sequence[Sequence[object]],
    *,
    as_of: str | None = "30/09/2025",
    title: str = "Seguimiento de plataformas",
    sheet: str = "Seguimiento",
    source: str | None = "UFRO",
) -> bytes:
    """A one-sheet tracker: a title naming its source (one the loader knows, or none), its
    cut-off date, then one row per comuna with its statuses for DocDigital, FirmaGob, ... (as
    many platforms as the longest row needs)."""
    width = max(len(row) for row in rows) - 1
    named = f"{title} ({source})" if source else title
    top = [[named], *([[f"Fecha de corte: {as_of}"]] if as_of else [])]
    return xlsx_bytes({sheet: [*top, ["Comuna", *PLATFORMS[:width]], *rows]})


def activity_frame(
    rows: Sequence[tuple[str, str, str, str, int | None]],
    *,
    source: str = "UFRO",
    file: str = "actividades.xlsx",
    sheet: str = "Actividades",
) -> pd.DataFrame:
    """An activities frame as the loader reads one: a row per (comuna, AAAA-MM-DD, activity,
    platform, participants) in cells A2, A3, ... of the sheet; topic and modality filled in."""
    places = gazetteer().comunas.set_index("comuna")
    frame = pd.DataFrame(
        [
            {
                "region_code": places.at[comuna, "region_code"],
                "region": places.at[comuna, "region"],
                "comuna_code": places.at[comuna, "comuna_code"],
                "comuna": comuna,
                "date": pd.Timestamp(date),
                "activity": activity,
                "platform": platform,
                "topic": f"Tema de la fila {number}",
                "participants": participants,
                "modality": "presencial" if number % 2 else "remota",
                "source": source,
                "file": file,
                "sheet": sheet,
                "cell": f"A{number}",
            }
            for number, (comuna, date, activity, platform, participants) in enumerate(rows, 2)
        ],
        columns=list(ACTIVITY_COLUMNS),
    )
    texts = [c for c in ACTIVITY_COLUMNS if c not in ("date", "participants")]
    frame[texts] = frame[texts].astype("str")
    frame["date"] = frame["date"].astype("datetime64[s]")
    frame["participants"] = frame["participants"].astype("Int64")
    return frame


def with_activities(prepared: Prepared, frame: pd.DataFrame, *, rows: bool = True) -> Prepared:
    """The prepared upload as if the loader had also read these activities from its file;
    rows=False: only them, and the file dated by its newest activity (as the loader dates it)."""
    result = prepared.result
    if not rows:
        newest = frame["date"].max().date()
        result = replace(result, frame=empty_frame(), issues=[], as_of=newest)
    # the loader labels a file's rows and activities with one source: the file's, else theirs
    source = result.source or (str(frame["source"].iat[0]) if not frame.empty else "")
    prepared.result = replace(result, activities=frame, source=source)
    return prepared


def admin(name: str) -> Identity:
    """An administrator: may save uploads of every region, and retire and restore them."""
    return Identity(name, "admin", None, "local")


def save(store: Store, data: bytes, name: str, **options) -> int:
    """Prepare and save one upload as the user «ana», who gives its source as «UFRO» unless
    told otherwise (the fixture trackers name none); its upload number."""
    options.setdefault("source", "UFRO")
    return store.save(store.prepare(data, name), user=admin("ana"), **options).upload_id


def subprocess_env(store_env: dict[str, str]) -> dict[str, str]:
    """The environment for a child process that opens the same store."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATA_DIR")}
    path = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return {**env, **store_env, "PYTHONPATH": path}


def module_runner(module: str, data_dir: Path, *fixed: str):
    """A function that runs `python -m MODULE FIXED... ARGS...` on the store in data_dir."""
    env = subprocess_env({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"})

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", module, *fixed, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


def assert_uploads_whole(store: Store) -> pd.DataFrame:
    """Assert that the store holds only whole uploads: each with its file (none when it held
    personal data) and exactly its rows and activities, no row, activity or file without its
    upload, no revision beyond the counter; the uploads."""
    counts = (
        sa.select(observations.c.upload_id, sa.func.count().label("found"))
        .group_by(observations.c.upload_id)
        .subquery()
    )
    activity_counts = (
        sa.select(activities.c.upload_id, sa.func.count().label("found_activities"))
        .group_by(activities.c.upload_id)
        .subquery()
    )
    with store.engine.connect() as conn:
        listed = pd.DataFrame(
            conn.execute(
                sa.select(
                    uploads.c.id,
                    uploads.c.file_name,
                    uploads.c.sha256,
                    uploads.c.size,
                    uploads.c.rows,
                    uploads.c.revision,
                    uploads.c.original_kept,
                    sa.func.coalesce(counts.c.found, 0).label("found"),
                    uploads.c.activities,
                    sa.func.coalesce(activity_counts.c.found_activities, 0),
                )
                .outerjoin(counts, counts.c.upload_id == uploads.c.id)
                .outerjoin(activity_counts, activity_counts.c.upload_id == uploads.c.id)
            ).all(),
            columns=[
                "id",
                "file_name",
                "sha256",
                "size",
                "rows",
                "revision",
                "kept",
                "found",
                "activities",
                "found_activities",
            ],
        )
        stray_rows = sum(
            conn.execute(
                sa.select(sa.func.count())
                .select_from(table)
                .where(~table.c.upload_id.in_(sa.select(uploads.c.id)))
            ).scalar_one()
            for table in (observations, activities)
        )
        stored = {
            sha: (len(content), hashlib.sha256(content).hexdigest())
            for sha, content in conn.execute(sa.select(files.c.sha256, files.c.content))
        }
        counter = conn.execute(sa.select(meta.c.value).where(meta.c.key == "revision")).scalar_one()
    short = listed[
        (listed["found"] != listed["rows"]) | (listed["found_activities"] != listed["activities"])
    ]
    assert short.empty, f"cargas sin todas sus filas o actividades:\n{short}"
    assert stray_rows == 0
    assert set(stored) == set(listed["sha256"])  # no file without its upload, no upload without
    empty = hashlib.sha256(b"").hexdigest()  # a file with personal data keeps only its hash
    for row in listed.itertuples():
        assert stored[row.sha256] == ((row.size, row.sha256) if row.kept else (0, empty)), (
            row.file_name
        )
    assert (listed["revision"] <= counter).all()
    return listed


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole session; skipped (failed under CI=true) without one."""
    owner, reason = server_owner()
    if reason:
        if _in_ci():
            pytest.fail(f"{reason}; con CI=true las pruebas con PostgreSQL no se pueden omitir")
        pytest.skip(f"{reason}; se omiten las pruebas con PostgreSQL")
    server = PostgresServer(postgres_bin(), owner)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_env(request, tmp_path) -> Iterator[dict[str, str]]:
    """Settings (as environment variables) of an empty store of each kind: an SQLite file in
    tmp_path, or a new database on the session's PostgreSQL server."""
    env = {"DATA_DIR": str(tmp_path), "SEED_SAMPLES": "0"}
    if request.param == "sqlite":
        yield env
        return
    server = request.getfixturevalue("postgres_server")
    name = server.create_database()
    yield {**env, "DATABASE_URL": server.url(name)}
    server.drop_database(name)


@pytest.fixture
def store(store_env) -> Iterator[Store]:
    """An empty store on SQLite, then on PostgreSQL."""
    opened = Store(load_settings(store_env))
    yield opened
    opened.engine.dispose()


@pytest.fixture
def engine(store) -> sa.Engine:
    """The engine of an empty, upgraded store on SQLite, then on PostgreSQL."""
    return store.engine
