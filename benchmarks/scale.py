"""Cost curve: the history read, every page's warm rerun and the memory at 12, 24, 48 and 96
monthly cut-offs of every comuna of Chile, from three sources."""

import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from access.identity import SYSTEM
from benchmarks import pages
from benchmarks.synthetic import SEED, month_ends, stages, write_wide
from benchmarks.timing import ROOT, median_s, peak_rss_mb
from cli import SpanishParser
from loaders.gazetteer import gazetteer
from settings import load_settings
from store import Store

SIZES = (12, 24, 48, 96)
SOURCES = ("SGD", "UFRO", "UACh")
# the stores take minutes to build at 96 cut-offs: kept between runs, keyed by size and by what
# decides their content (the schema and the generator; SOURCES, if changed, by hand)
CACHE = Path(tempfile.gettempdir()) / "brechas-bench-scale"


def _content_key() -> str:
    digest = hashlib.sha256()
    for part in ("store/schema.py", "benchmarks/synthetic.py"):
        digest.update((ROOT / part).read_bytes())
    return digest.hexdigest()[:12]


def _environment(folder: Path) -> dict[str, str]:
    regions = ",".join(gazetteer().regions["region_code"])
    return {"DATA_DIR": str(folder), "SEED_SAMPLES": "0", "REGIONS": regions}


def national_store(months: int, cache: Path = CACHE) -> dict[str, str]:
    """The environment of an SQLite store holding `months` monthly cut-offs of every comuna and
    platform from each of three sources (each its own tracker), built once per size and kept."""
    folder = cache / f"{months}m-{_content_key()}"
    if (folder / "tablero.db").exists():
        return _environment(folder)
    cache.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f"{months}m-", dir=cache))
    table = gazetteer().comunas
    comunas = list(zip(table["region"], table["comuna"], strict=True))
    days = month_ends(months)
    store = Store(load_settings(_environment(building)))
    try:
        for number, source in enumerate(SOURCES):
            path = building / f"{source}_{months}m.xlsx"
            history = stages(list(table["comuna_code"]), months, seed=SEED + number)
            write_wide(path, comunas, days, history, title=f"Seguimiento nacional ({source})")
            prepared = store.prepare(path.read_bytes(), path.name, source=source)
            store.save(prepared, user=SYSTEM)
            path.unlink()
    finally:
        store.engine.dispose()
    try:
        building.rename(folder)  # whole or not at all: a parallel run may have won the race
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
    return _environment(folder)


def in_this_process(env: dict[str, str], runs: int) -> dict[str, float]:
    """The history read, every page's warm rerun and this process's peak memory after them."""
    store = Store(load_settings(env))
    read = []
    try:
        # no warm-up read: at 96 cut-offs one read takes seconds, and the first is no colder
        history_s = median_s(lambda: read.append(len(store.history())), runs, warmup=0)
        rows = read[-1]
    finally:
        store.engine.dispose()
    page_ms = pages.measure(env, runs)
    return {"history_s": history_s, "rows": rows, **page_ms, "rss_mb": peak_rss_mb(os.getpid())}


def measure_size(months: int, runs: int, cache: Path = CACHE) -> dict[str, float]:
    """One size measured in a fresh interpreter, so that no size's memory or caches count for
    another."""
    env = national_store(months, cache)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "--env", json.dumps(env), "--runs", str(runs)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"la medición de {months} cortes falló:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(runs: int, sizes: tuple[int, ...] = SIZES) -> dict[str, dict[str, dict[str, float]]]:
    """Every size, smallest first: {"scale": {"12": {"history_s": …, "<page>_ms": …, "rss_mb": …}}}."""
    return {"scale": {str(months): measure_size(months, runs) for months in sizes}}


def growth_per_doubling(sizes: list[int], values: list[float]) -> float:
    """The factor a measure grows by each time the cut-offs double, from the smallest size to
    the largest (1: flat, 2: linear in the history)."""
    doublings = math.log2(sizes[-1] / sizes[0])
    if doublings <= 0 or values[0] <= 0:
        return float("nan")
    return (values[-1] / values[0]) ** (1 / doublings)


def _cell(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if value >= 100 else f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return text.replace(",", ".") + unit


def table(results: dict) -> str:
    """The cost curve in Markdown: a row per measure, a column per size and the growth per
    doubling of the cut-offs."""
    scale = results["scale"]
    sizes = sorted(scale, key=int)
    counts = [int(s) for s in sizes]
    rows = [
        ("lectura del historial", "history_s", " s"),
        *((f"página {page}, recarga", f"{page}_ms", " ms") for page in pages.PAGES),
        ("memoria del proceso (pico)", "rss_mb", " MB"),
    ]
    lines = [
        "| medida | "
        + " | ".join(f"{s} cortes" for s in sizes)
        + " | crecimiento por duplicación |",
        "|---|" + "---|" * (len(sizes) + 1),
    ]
    for label, key, unit in rows:
        values = [scale[s][key] for s in sizes]
        cells = " | ".join(_cell(v, unit) for v in values)
        lines.append(f"| {label} | {cells} | ×{growth_per_doubling(counts, values):.2f} |")
    worst = [max(scale[s][f"{p}_ms"] for p in pages.PAGES) for s in sizes]
    cells = " | ".join(_cell(v, " ms") for v in worst)
    lines.append(f"| página más lenta | {cells} | ×{growth_per_doubling(counts, worst):.2f} |")
    rows_line = ", ".join(f"{s} cortes: {scale[s]['rows']:,}".replace(",", ".") for s in sizes)
    lines += [
        "",
        f"Filas del historial ({len(SOURCES)} fuentes × 345 comunas × 5 plataformas): {rows_line}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """python -m benchmarks.scale [--runs N] [--sizes 12,24]: print the cost curve (with --env, one
    size measured in this process, as JSON: what measure_size runs)."""
    parser = SpanishParser(
        prog="python -m benchmarks.scale",
        description="Mide la lectura del historial, la recarga de cada página y la memoria con "
        "12, 24, 48 y 96 cortes mensuales de las 345 comunas, de tres fuentes.",
    )
    parser.add_argument("--runs", type=int, default=3, help="repeticiones de cada medida")
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="cortes mensuales, separados por comas"
    )
    parser.add_argument("--env", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.env:
        print(json.dumps(in_this_process(json.loads(args.env), args.runs)))
        return 0
    began = time.perf_counter()
    results = measure(args.runs, tuple(int(s) for s in args.sizes.split(",")))
    print(table(results))
    print(f"\n{time.perf_counter() - began:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
