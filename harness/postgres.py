"""A throwaway PostgreSQL server on loopback, started from the installed binaries."""

import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa

from harness.ports import free_port


def _version(path: str) -> int:
    found = re.search(r"/postgresql/(\d+)/", path)
    return int(found.group(1)) if found else 0


def postgres_bin() -> Path | None:
    """The folder of the newest PostgreSQL server binaries installed (Debian layout or PATH)."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: _version(str(p))
    )
    initdb = str(debian[-1]) if debian else shutil.which("initdb")
    if initdb is None or not (Path(initdb).parent / "pg_ctl").exists():
        return None
    return Path(initdb).parent


class PostgresServer:
    """A throwaway PostgreSQL cluster on loopback, trust authentication, in its own tmp folder."""

    def __init__(self, bin_dir: Path, owner: pwd.struct_passwd | None) -> None:
        self.bin_dir = bin_dir
        self.owner = owner
        self.root = Path(tempfile.mkdtemp(prefix="brechas-pg-"))
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
        if init.returncode != 0:
            raise RuntimeError(f"initdb falló:\n{init.stderr}")
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
            raise RuntimeError(f"PostgreSQL no arrancó:\n{(self.root / 'server.log').read_text()}")
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


def server_owner() -> tuple[pwd.struct_passwd | None, str | None]:
    """Who must own the cluster (initdb refuses root), or why no server can be started here."""
    if postgres_bin() is None:
        return None, (
            "PostgreSQL no está instalado (no hay initdb ni pg_ctl en /usr/lib/postgresql/*/bin "
            "ni en el PATH)"
        )
    if os.geteuid() != 0:
        return None, None
    try:
        return pwd.getpwnam("postgres"), None
    except KeyError:
        return None, (
            "las pruebas corren como root y no existe el usuario «postgres» para ser dueño "
            "del servidor de prueba (initdb no acepta root)"
        )
