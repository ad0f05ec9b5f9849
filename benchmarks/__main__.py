"""python -m benchmarks [--quick] [--json OUT]: speed and memory at national scale, as a table."""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from benchmarks import browser, ingest, pages, upload
from benchmarks.synthetic import generate
from benchmarks.targets import TARGETS, table
from harness.postgres import PostgresServer, postgres_bin, server_owner


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024**2, 1),
        "system": platform.platform(),
        "python": platform.python_version(),
        "streamlit": version("streamlit"),
        "pandas": version("pandas"),
        "python_calamine": version("python-calamine"),
    }


def postgres_upload(trackers, runs: int) -> dict[str, float] | None:
    """The upload measured on a throwaway PostgreSQL server, when one can be started here."""
    owner, reason = server_owner()
    if reason:
        print(f"  PostgreSQL: se omite ({reason})", file=sys.stderr)
        return None
    server = PostgresServer(postgres_bin(), owner)
    try:
        server.start()
        return upload.measure(trackers, runs, server.url(server.create_database()))
    finally:
        server.stop()


def run(quick: bool) -> dict[str, object]:
    """Every measurement; quick takes fewer runs of each, never a smaller workload."""
    runs = 3 if quick else 7
    folder = Path(tempfile.mkdtemp(prefix="brechas-bench-"))
    step = _Steps()
    trackers = step("trackers", lambda: generate(folder))
    wide = step("ingest, ancho", lambda: ingest.measure(trackers.wide, runs, 1 if quick else 3))
    long = step("ingest, largo", lambda: ingest.measure(trackers.long, runs, 1 if quick else 3))
    uploads = step("upload, SQLite", lambda: upload.measure(trackers, runs))
    on_postgres = step("upload, PostgreSQL", lambda: postgres_upload(trackers, runs))
    env = step("store nacional", lambda: pages.national_store(trackers))
    page_ms = step("pages", lambda: pages.measure(env, runs))
    served = step("browser", lambda: browser.first_chart_and_memory(env))
    maps = step("map", lambda: browser.map_payload_kb(env))
    return {
        "ingest": {**wide, "long": long, "comunas": trackers.comunas, "months": trackers.months},
        "upload": {**uploads, **({"postgresql": on_postgres} if on_postgres else {})},
        "pages": page_ms,
        "browser": {"first_chart_s": served["first_chart_s"]},
        "memory": {
            "server_rss_mb": served["server_rss_mb"],
            "map_payload_kb": max(maps.values()),
            "map_payload_kb_by_region": maps,
        },
        "machine": machine(),
        "quick": quick,
        "runs": runs,
        "seconds": round(step.total(), 1),
    }


class _Steps:
    """Runs the measurements one by one, saying on stderr what runs and how long it took."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __call__(self, name: str, measure):
        began = time.perf_counter()
        print(f"  {name}…", end="", flush=True, file=sys.stderr)
        result = measure()
        print(f" {time.perf_counter() - began:.1f} s", file=sys.stderr)
        return result

    def total(self) -> float:
        return time.perf_counter() - self.start


def main(argv: list[str] | None = None) -> int:
    """Measure, print the Markdown table, and write the JSON if asked."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Mide velocidad y memoria a escala nacional (345 comunas × 5 plataformas × "
        "24 cortes mensuales) frente a las referencias.",
    )
    parser.add_argument("--quick", action="store_true", help="menos repeticiones (< 3 minutos)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="escribe los resultados en JSON")
    args = parser.parse_args(argv)
    results = run(args.quick)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    missed = [t.name for t in TARGETS if not t.met(results)]
    if missed:
        print(f"\nMetas no cumplidas: {', '.join(missed)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
