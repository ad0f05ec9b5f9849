"""Connections to the store: SQLite (WAL, BEGIN IMMEDIATE for writers) or PostgreSQL, one code path."""

import contextlib
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from formats import os_reason
from settings import Settings
from store.errors import StoreBusy, StoreUnavailable
from store.schema import MIGRATIONS, meta

_WRITE = "store_write"
_LOCK_TIMEOUT_MS = "store_lock_timeout_ms"  # STORE_BUSY_TIMEOUT, for PostgreSQL writers
_PG_WRITE_LOCK = (
    72_210_001  # pg_advisory_xact_lock key that serialises writers, like BEGIN IMMEDIATE
)


def make_engine(settings: Settings) -> sa.Engine:
    """An engine for the configured URL, with SQLite tuned for several processes at once."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            folder = Path(url.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(
                    f"No se pudo acceder a la base de datos del tablero (no se pudo crear la "
                    f"carpeta {folder}: {os_reason(exc)}). Revise DATA_DIR o DATABASE_URL."
                ) from exc
        engine = sa.create_engine(
            url, connect_args={"timeout": settings.busy_timeout_s, "check_same_thread": False}
        )
        _sqlite_transactions(engine, settings.busy_timeout_s)
        return engine
    return sa.create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10},
        execution_options={
            "isolation_level": "READ COMMITTED",
            _LOCK_TIMEOUT_MS: int(settings.busy_timeout_s * 1000),
        },
    )


def _sqlite_transactions(engine: sa.Engine, timeout_s: float) -> None:
    """Let SQLite's own locking work: WAL, and BEGIN IMMEDIATE for writers so they queue
    on the busy timeout instead of failing (see shared field notes: concurrent writers)."""

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout_s * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql(
            "BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN"
        )


@contextlib.contextmanager
def reading(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A read transaction: it sees one consistent state of the store."""
    try:
        with engine.connect() as conn, conn.begin():
            yield conn
    except sa.exc.OperationalError as exc:
        raise StoreUnavailable.from_error(exc) from exc


@contextlib.contextmanager
def writing(engine: sa.Engine) -> Iterator[tuple[sa.Connection, int]]:
    """A write transaction holding the store's single writer lock; yields it and the new revision.

    Everything written inside lands together or not at all, under one new revision number.
    """
    try:
        with engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    timeout_ms = int(conn.get_execution_options().get(_LOCK_TIMEOUT_MS, 15_000))
                    conn.execute(sa.text(f"SET LOCAL lock_timeout = {timeout_ms}"))
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_WRITE_LOCK)))
                revision = conn.execute(
                    sa.update(meta)
                    .where(meta.c.key == "revision")
                    .values(value=meta.c.value + 1)
                    .returning(meta.c.value)
                ).scalar_one()
                yield conn, revision
    except sa.exc.OperationalError as exc:
        raise (
            StoreBusy.from_error(exc) if _is_busy(exc) else StoreUnavailable.from_error(exc)
        ) from exc


def _is_busy(exc: sa.exc.OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "lock timeout" in text or "could not obtain lock" in text


def upgrade(engine: sa.Engine) -> int:
    """Create or upgrade the schema to the newest version, under the writer lock so that
    several processes starting at once upgrade it once."""
    try:
        with engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_WRITE_LOCK)))
                meta.create(conn, checkfirst=True)
                version = conn.execute(
                    sa.select(meta.c.value).where(meta.c.key == "schema_version")
                ).scalar_one_or_none()
                if version is None:
                    conn.execute(sa.insert(meta).values(key="schema_version", value=0))
                    version = 0
                for step in range(version, len(MIGRATIONS)):
                    MIGRATIONS[step](conn)
                conn.execute(
                    sa.update(meta)
                    .where(meta.c.key == "schema_version")
                    .values(value=len(MIGRATIONS))
                )
                return len(MIGRATIONS)
    except sa.exc.OperationalError as exc:
        raise StoreUnavailable.from_error(exc) from exc


def revision(engine: sa.Engine) -> int:
    """The store's revision number: it changes on every write, so caches can key on it."""
    with reading(engine) as conn:
        return conn.execute(sa.select(meta.c.value).where(meta.c.key == "revision")).scalar_one()
