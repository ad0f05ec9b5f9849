"""python -m benchmarks [--quick | --smoke] [--json OUT]: speed and memory at national scale."""

import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from benchmarks import browser, images, ingest, load, pages, scale, upload
from benchmarks.synthetic import generate
from benchmarks.targets import TARGETS, table
from benchmarks.timing import on_throwaway_postgres
from cli import SpanishParser


@dataclass(frozen=True)
class Scale:
    """How often each measurement repeats and how large the workload is."""

    name: str
    runs: int
    openpyxl_runs: int
    months: int = 24
    per_region: int | None = None  # comunas of each region; None: every comuna of Chile
    pages_visited: int = len(browser.VISITED)
    starts: int = 5  # fresh server starts for the first chart (the median is reported)
    cutoffs: tuple[int, ...] = scale.SIZES  # the sizes of the cost curve, in monthly cut-offs
    cost_runs: int = 3
    rounds: int = 5  # each session's redraws in the many-people run
    sessions: int = load.SESSIONS
    two_servers: bool = True  # the many-people run also on two servers sharing one PostgreSQL


FULL = Scale("completa", runs=7, openpyxl_runs=3)
QUICK = Scale(
    "rápida",
    runs=3,
    openpyxl_runs=1,
    starts=3,
    cutoffs=(12, 96),
    cost_runs=1,
    rounds=1,
    two_servers=False,  # half the many-people run's time: measured by the full run
)
# a check that every step runs and writes its numbers (the suite runs it), not a measurement
SMOKE = Scale(
    "de humo",
    runs=1,
    openpyxl_runs=1,
    months=2,
    per_region=2,
    pages_visited=1,
    starts=1,
    cutoffs=(),  # the cost curve and ten people at once: measured by --quick and the full run
    sessions=0,
)


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
    return on_throwaway_postgres(lambda url: upload.measure(trackers, runs, url))


def run(scale_: Scale) -> dict[str, object]:
    """Every measurement, repeated and sized as the scale says."""
    runs = scale_.runs
    folder = Path(tempfile.mkdtemp(prefix="brechas-bench-"))
    step = _Steps()
    trackers = step("trackers", lambda: generate(folder, scale_.months, scale_.per_region))
    wide = step("ingest, ancho", lambda: ingest.measure(trackers.wide, runs, scale_.openpyxl_runs))
    long = step("ingest, largo", lambda: ingest.measure(trackers.long, runs, scale_.openpyxl_runs))
    uploads = step("upload, SQLite", lambda: upload.measure(trackers, runs))
    on_postgres = step("upload, PostgreSQL", lambda: postgres_upload(trackers, runs))
    env = step("store nacional", lambda: pages.national_store(trackers))
    page_ms = step("pages", lambda: pages.measure(env, runs))
    served = step(
        "browser", lambda: browser.first_chart_and_memory(env, scale_.pages_visited, scale_.starts)
    )
    maps = step("map", lambda: browser.map_payload_kb(env))
    drawn = step("images", lambda: images.measure(env, runs))
    cost, people = {}, {}
    if scale_.cutoffs:
        cost = step("curva de costo", lambda: scale.measure(scale_.cost_runs, scale_.cutoffs))
    if scale_.sessions:
        people = step(
            "varias personas",
            lambda: load.measure(env, scale_.rounds, scale_.sessions, scale_.two_servers),
        )
    return {
        "ingest": {**wide, "long": long, "comunas": trackers.comunas, "months": trackers.months},
        "upload": {**uploads, **({"postgresql": on_postgres} if on_postgres else {})},
        "pages": page_ms,
        "browser": {
            "first_chart_s": served["first_chart_s"],
            "server_ready_s": served["server_ready_s"],
            "first_load_kb": served["first_load_kb"],
        },
        "memory": {
            "server_rss_mb": served["server_rss_mb"],
            "map_payload_kb": max(maps.values()),
            "map_payload_kb_by_region": maps,
        },
        **drawn,
        **cost,
        **people,
        "machine": machine(),
        "quick": scale_ is QUICK,
        "smoke": scale_ is SMOKE,
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
    parser = SpanishParser(
        prog="python -m benchmarks",
        description="Mide velocidad y memoria a escala nacional (345 comunas × 5 plataformas × "
        "24 cortes mensuales) frente a las referencias.",
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--quick",
        dest="scale",
        action="store_const",
        const=QUICK,
        default=FULL,
        help="menos repeticiones, la misma carga (< 3 minutos)",
    )
    size.add_argument(
        "--smoke",
        dest="scale",
        action="store_const",
        const=SMOKE,
        help="solo comprueba que todo corre: 2 comunas por región, 2 cortes, una repetición",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="escribe los resultados en JSON")
    args = parser.parse_args(argv)
    results = run(args.scale)
    print(table(results))
    if "scale" in results:
        print()
        print(scale.table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    missed = [t.name for t in TARGETS if t.measured(results) and not t.met(results)]
    if missed:
        print(f"\nMetas no cumplidas: {', '.join(missed)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
