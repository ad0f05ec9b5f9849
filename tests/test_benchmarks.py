"""The benchmark command runs in quick mode and writes every key it promises (not a speed test)."""

import json
import subprocess
import sys

from benchmarks.pages import PAGES
from benchmarks.targets import TARGETS
from tests.store.conftest import ROOT

KEYS = [
    "ingest.loader_s",
    "ingest.openpyxl_s",
    "ingest.calamine_s",
    "upload.regional_s",
    *(f"pages.{page}_ms" for page in PAGES),
    "browser.first_chart_s",
    "memory.server_rss_mb",
    "memory.map_payload_kb",
]


def test_quick_run_prints_the_table_and_writes_every_key(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    for key in KEYS:
        value = results
        for part in key.split("."):
            value = value[part]
        assert isinstance(value, float) and value > 0, key
    assert results["machine"]["cores"] >= 1 and results["quick"] is True
    assert results["ingest"]["comunas"] == 345 and results["ingest"]["months"] == 24
    for target in TARGETS:
        assert target.name in done.stdout
    assert "| meta | medido | límite | cumple |" in done.stdout
