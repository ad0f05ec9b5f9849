"""The sample trackers: read with no errors, realistic shares, and a committed script that remakes them."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import python_calamine

from loaders import COLUMNS, load

ROOT = Path(__file__).parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.xlsx"))


def test_command_line_reads_every_sample_without_errors(tmp_path):
    out = tmp_path / "out.csv"
    run = subprocess.run(
        [sys.executable, "-m", "loaders", *map(str, SAMPLES), "--json", "--csv", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    report = json.loads(run.stdout)
    assert len(report["files"]) == len(SAMPLES) >= 7
    assert not [i for f in report["files"] for i in f["issues"] if i["severity"] == "error"]
    with out.open(encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == COLUMNS


def test_samples_cover_the_four_regions_over_several_cut_offs():
    frame = pd.concat([load(p).frame for p in SAMPLES])
    counts = frame.groupby("region_code").comuna_code.nunique().to_dict()
    assert counts == {"01": 7, "09": 32, "10": 30, "14": 12}
    assert frame.as_of.nunique() >= 3


def test_samples_look_like_a_real_rollout():
    frame = pd.concat([load(p).frame for p in SAMPLES if "ufro" in p.name])
    latest = frame[frame.as_of == frame.as_of.max()]
    share = latest.stage.isin(["habilitada", "en_uso"]).groupby(latest.platform).mean()
    use = (latest.stage == "en_uso").groupby(latest.platform).mean()
    assert share["docdigital"] > 0.8 > share["pisee"]
    assert share["claveunica"] - use["claveunica"] > 0.3  # enabled far more than used


def test_every_data_sheet_of_every_sample_says_it_is_fictional():
    for path in SAMPLES:
        book = python_calamine.load_workbook(path)
        for sheet in load(path).sheets_read:
            top = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)[:4]
            assert any("DATOS FICTICIOS" in str(v) for row in top for v in row), (path.name, sheet)


def test_sample_script_is_deterministic(tmp_path):
    run = subprocess.run(
        [sys.executable, str(ROOT / "sample_data" / "make_samples.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    for path in SAMPLES:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
