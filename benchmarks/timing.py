"""Medians of repeated runs, in this process or in fresh ones, a process's peak memory, and a
throwaway PostgreSQL to measure on."""

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from harness.postgres import PostgresServer, postgres_bin, server_owner

T = TypeVar("T")

ROOT = Path(__file__).parents[1]


def median_s(run: Callable[[], object], runs: int, warmup: int = 1) -> float:
    """The median wall time of `runs` calls, in seconds, after `warmup` calls not counted."""
    for _ in range(warmup):
        run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fresh_process_s(code: str, runs: int, env: dict[str, str] | None = None) -> float:
    """The median time a fresh interpreter reports for `code`, which prints its own seconds."""
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of a running process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def on_throwaway_postgres(measure: Callable[[str], T]) -> T | None:
    """A measurement given the URL of a fresh database on a throwaway PostgreSQL server, or None
    (said on stderr) when no server can be started here."""
    owner, reason = server_owner()
    if reason:
        print(f"  PostgreSQL: se omite ({reason})", file=sys.stderr)
        return None
    server = PostgresServer(postgres_bin(), owner)
    try:
        server.start()
        return measure(server.url(server.create_database()))
    finally:
        server.stop()
