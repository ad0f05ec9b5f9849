"""The figures and the analytics load without the database, the accounts or the web framework."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["sqlalchemy", "argon2", "streamlit"]
ABOVE = ["views", "exports", "glossary", "slides", "images", "reports", "store", "access"]


def test_charts_and_analytics_load_nothing_heavy_nor_above_them():
    code = (
        "import json, sys\n"
        "import charts, analytics\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout))
    assert {"charts", "analytics", "plotly", "pandas"} <= loaded  # the import really happened
    assert loaded.isdisjoint(HEAVY + ABOVE), sorted(loaded & set(HEAVY + ABOVE))
