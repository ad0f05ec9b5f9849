"""The benchmark command runs every step at its smoke size and writes every key it promises (not a
speed test); the benchmarks stand on the harness, not on the tests."""

import ast
import json
import subprocess
import sys
from pathlib import Path

from benchmarks.pages import PAGES
from benchmarks.targets import TARGETS
from harness.dashboard import ROOT

KEYS = [
    "ingest.loader_s",
    "ingest.openpyxl_s",
    "ingest.calamine_s",
    "ingest.loader_cold_s",
    "upload.regional_s",
    *(f"pages.{page}_ms" for page in PAGES),
    "browser.first_chart_s",
    "browser.server_ready_s",
    "browser.first_load_kb",
    "images.chart_png_s",
    "reports.region_s",
    "memory.server_rss_mb",
    "memory.map_payload_kb",
]


def value_at(results: dict, key: str) -> object:
    """The value under a dotted key of the results."""
    value: object = results
    for part in key.split("."):
        value = value[part]  # type: ignore[index]
    return value


def test_smoke_run_prints_the_table_and_writes_every_key(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    for key in KEYS:
        value = value_at(results, key)
        assert isinstance(value, float) and value > 0, key
    assert results["machine"]["cores"] >= 1
    assert (results["smoke"], results["quick"], results["runs"]) == (True, False, 1)
    # two comunas of each of the 16 regions, two monthly cut-offs
    assert (results["ingest"]["comunas"], results["ingest"]["months"]) == (32, 2)
    # the national history, then two versions of the four regions (two comunas each)
    assert results["upload"]["rows"] == 32 * 5 * 2 + 2 * (4 * 2) * 5
    assert set(results["memory"]["map_payload_kb_by_region"]) == {"01", "09", "10", "14"}
    for target in TARGETS:
        assert target.name in done.stdout
    # the cost curve and ten people at once are --quick's and the full run's (their parts are
    # tested in test_benchmark_scale.py): the smoke run says it did not measure them
    assert "96 cortes: página más lenta | sin medir" in done.stdout
    assert "| meta | medido | límite | cumple |" in done.stdout
    assert "| lectura (mediana) | ancho, 2 hojas | largo, 2 hojas |" in done.stdout


def test_benchmarks_do_not_import_the_tests():
    imported = set()
    for path in Path(ROOT, "benchmarks").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {(path.name, alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add((path.name, node.module))
    assert ("timing.py", "harness.postgres") in imported  # the walk sees the imports
    assert [(f, m) for f, m in imported if m.split(".")[0] == "tests"] == []
