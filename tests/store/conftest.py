"""Store fixtures: an empty store on SQLite and on a PostgreSQL server the suite starts itself."""

import hashlib
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from access.identity import Identity
from settings import load_settings
from store import Store
from store.schema import files, meta, observations, uploads
from tests.conftest import xlsx_bytes

ROOT = Path(__file__).parents[2]
PLATFORMS = ("DocDigital", "FirmaGob", "ClaveÚnica", "CPAT", "PISEE")


def tracker(
    rows: Sequence[Sequence[object]],
    *,
    as_of: str | None = "30/09/2025",
    title: str = "Seguimiento de plataformas",
    sheet: str = "Seguimiento",
) -> bytes:
    """A one-sheet tracker: a title, its cut-off date, then one row per comuna with its
    statuses for DocDigital, FirmaGob, ... (as many platforms as the longest row needs)."""
    width = max(len(row) for row in rows) - 1
    top = [[title], *([[f"Fecha de corte: {as_of}"]] if as_of else [])]
    return xlsx_bytes({sheet: [*top, ["Comuna", *PLATFORMS[:width]], *rows]})


def admin(name: str) -> Identity:
    """An administrator: may save uploads of every region, and retire and restore them."""
    return Identity(name, "admin", None, "local")


def save(store: Store, data: bytes, name: str, **options) -> int:
    """Prepare and save one upload as the user «ana»; its upload number."""
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
    """Assert that the store holds only whole uploads: each with its file and exactly its
    rows, no row or file without its upload, no revision beyond the counter; the uploads."""
    counts = (
        sa.select(observations.c.upload_id, sa.func.count().label("found"))
        .group_by(observations.c.upload_id)
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
                    sa.func.coalesce(counts.c.found, 0).label("found"),
                ).outerjoin(counts, counts.c.upload_id == uploads.c.id)
            ).all(),
            columns=["id", "file_name", "sha256", "size", "rows", "revision", "found"],
        )
        stray_rows = conn.execute(
            sa.select(sa.func.count())
            .select_from(observations)
            .where(~observations.c.upload_id.in_(sa.select(uploads.c.id)))
        ).scalar_one()
        stored = {
            sha: (len(content), hashlib.sha256(content).hexdigest())
            for sha, content in conn.execute(sa.select(files.c.sha256, files.c.content))
        }
        counter = conn.execute(sa.select(meta.c.value).where(meta.c.key == "revision")).scalar_one()
    short = listed[listed["found"] != listed["rows"]]
    assert short.empty, f"cargas sin todas sus filas:\n{short}"
    assert stray_rows == 0
    assert set(stored) == set(listed["sha256"])  # no file without its upload, no upload without
    for row in listed.itertuples():
        assert stored[row.sha256] == (row.size, row.sha256), row.file_name
    assert (listed["revision"] <= counter).all()
    return listed


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def _version(path: str) -> int:
    found = re.search(r"/postgresql/(\d+)/", path)
    return int(found.group(1)) if found else 0


def _postgres_bin() -> Path | None:
    """The folder of the newest PostgreSQL server binaries installed (Debian layout or PATH)."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: _version(str(p))
    )
    initdb = str(debian[-1]) if debian else shutil.which("initdb")
    if initdb is None or not (Path(initdb).parent / "pg_ctl").exists():
        return None
    return Path(initdb).parent


def free_port() -> int:
    """A loopback TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """A throwaway PostgreSQL cluster on loopback, trust authentication, in its own tmp folder."""

    def __init__(self, bin_dir: Path, owner: pwd.struct_passwd | None) -> None:
        self.bin_dir = bin_dir
        self.owner = owner
        self.root = Path(tempfile.mkdtemp(prefix="store-tests-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.admin: sa.Engine | None = None
        self._names = itertools.count(1)

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        """Run one of the server's programs as the cluster's owner (initdb refuses root)."""
        owner = {"user": self.owner.pw_uid, "group": self.owner.pw_gid} if self.owner else {}
        return subprocess.run(
            [str(self.bin_dir / program), *args],
            capture_output=True,
            text=True,
            cwd=self.root,
            timeout=120,
            check=False,
            **owner,
        )

    def start(self) -> None:
        """Create the cluster and start the server on a free loopback port."""
        if self.owner:
            os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)
        init = self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        assert init.returncode == 0, f"initdb falló:\n{init.stderr}"
        for _ in range(3):  # another process may take the free port before the server does
            self.port = free_port()
            # fsync off: these tests kill clients, never the server or the machine
            options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
            log = str(self.root / "server.log")
            started = self._run(
                "pg_ctl", "-D", str(self.data), "-l", log, "-w", "-o", options, "start"
            )
            if started.returncode == 0:
                break
        else:
            raise AssertionError(
                f"PostgreSQL no arrancó:\n{(self.root / 'server.log').read_text()}"
            )
        self.admin = sa.create_engine(
            self.url("postgres"), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool
        )

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one database of this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its name."""
        name = f"store_test_{next(self._names)}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, closing whatever connections are still open to it."""
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        if self.admin is not None:
            self.admin.dispose()
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole session; skipped (failed under CI=true) without one."""
    bin_dir = _postgres_bin()
    owner = None
    reason = None
    if bin_dir is None:
        reason = "PostgreSQL no está instalado (no hay initdb ni pg_ctl en /usr/lib/postgresql/*/bin ni en el PATH)"
    elif os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            reason = (
                "las pruebas corren como root y no existe el usuario «postgres» para ser dueño "
                "del servidor de prueba (initdb no acepta root)"
            )
    if reason:
        if _in_ci():
            pytest.fail(f"{reason}; con CI=true las pruebas con PostgreSQL no se pueden omitir")
        pytest.skip(f"{reason}; se omiten las pruebas con PostgreSQL")
    server = PostgresServer(bin_dir, owner)
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
