"""Every layout of the same accompaniment activities gives the same activities frame
(tests/fixtures/activities), whichever program wrote the file."""

import functools
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from loaders import ACTIVITY_COLUMNS, load
from loaders.__main__ import main

ACTIVITIES = Path(__file__).parents[1] / "fixtures" / "activities"
OTHER = ACTIVITIES / "other_programs"
KEY = ["comuna_code", "date", "activity", "platform"]
COMPARED = [c for c in ACTIVITY_COLUMNS if c not in ("file", "sheet", "cell")]
WHERE = [*COMPARED, "sheet", "cell"]


def fixtures() -> list[Path]:
    """The activity fixtures written by the generator."""
    return sorted(
        p for p in ACTIVITIES.iterdir() if p.suffix in {".xlsx", ".csv"} and p.stem != "expected"
    )


def copies() -> list[Path]:
    """The fixtures as LibreOffice re-saved them."""
    return sorted(OTHER.iterdir())


def dataset(path: Path) -> str:
    """The set of activities a fixture holds: the first word of its name."""
    return path.name.split("_")[0]


def source_of(path: Path) -> Path:
    """The fixture a re-saved copy came from."""
    (found,) = [p for p in fixtures() if p.stem == path.name.split(".")[0]]
    return found


def expected(name: str) -> pd.DataFrame:
    """The expected activities of one set, as the command line writes them."""
    frame = pd.read_csv(ACTIVITIES / "expected.csv", dtype=str, keep_default_na=False)
    return ordered(frame[frame.dataset == name][COMPARED])


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by comuna, date, activity and platform, renumbered."""
    return frame.sort_values(KEY).reset_index(drop=True)


def written(path: Path, tmp_path: Path, capsys) -> tuple[int, dict, pd.DataFrame]:
    """`python -m loaders FILE --json --activities OUT`: the status, the report, the CSV."""
    out = tmp_path / "actividades.csv"
    status = main([str(path), "--json", "--activities", str(out)])
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    return status, entry, pd.read_csv(out, dtype=str, keep_default_na=False)


@functools.cache
def loaded(path: Path):
    """A fixture's activities as the command line writes them, and its issues."""
    result = load(path)
    frame = result.activities.assign(date=result.activities.date.dt.strftime("%Y-%m-%d"))
    frame = frame.assign(participants=frame.participants.astype("str").replace("<NA>", ""))
    return frame[WHERE].astype(str), [i.as_dict() for i in result.issues]


def test_every_set_has_several_layouts_and_every_fixture_a_libreoffice_copy():
    sets = {dataset(p) for p in fixtures()}
    assert sets == {"araucania", "lagos", "tarapaca"}
    assert sum(dataset(p) == "araucania" for p in fixtures()) == 3
    assert sum(dataset(p) == "tarapaca" for p in fixtures()) == 2
    saved = {(source_of(p), p.suffix) for p in copies()}
    assert saved == {(f, suffix) for f in fixtures() for suffix in (".ods", ".xls")}


@pytest.mark.parametrize("path", fixtures() + copies(), ids=lambda p: p.name)
def test_each_layout_gives_its_sets_activities(path, tmp_path, capsys):
    status, entry, frame = written(path, tmp_path, capsys)
    assert status == 0, [i for i in entry["issues"] if i["severity"] == "error"]
    assert tuple(frame.columns) == ACTIVITY_COLUMNS
    pd.testing.assert_frame_equal(ordered(frame[COMPARED]), expected(dataset(path)))
    assert entry["activities"] == len(frame)


@pytest.mark.parametrize("path", copies(), ids=lambda p: p.name)
def test_a_re_saved_copy_gives_its_sources_cells_and_report(path):
    source = source_of(path)
    frame, issues = loaded(path)
    source_frame, source_issues = loaded(source)
    pd.testing.assert_frame_equal(ordered(frame), ordered(source_frame))
    assert sorted(map(str, issues)) == sorted(map(str, source_issues))


def test_the_ufro_tracker_gives_its_status_rows_beside_its_activities():
    result = load(ACTIVITIES / "araucania_ufro_seguimiento.xlsx")
    assert len(result.frame) == 15
    assert set(result.frame.comuna) == {"Temuco", "Padre Las Casas", "Vilcún"}
    assert result.as_of.isoformat() == "2025-09-30"
    assert result.sheets_read == ["La Araucanía"]
    assert set(result.activities.sheet) == {"Actividades"}
    # the activity dates under «Fecha» are no cut-off competing with the tracker's
    assert not result.errors


def test_a_file_of_activities_alone_is_dated_by_its_cut_off_else_its_newest_activity():
    assert load(ACTIVITIES / "araucania_ufro_registro.xlsx").as_of.isoformat() == "2025-09-30"
    assert load(ACTIVITIES / "araucania_ufro_formulario.csv").as_of.isoformat() == "2025-09-25"
    assert load(ACTIVITIES / "tarapaca_mesa_asistencia.xlsx").as_of.isoformat() == "2025-09-12"


def test_the_logs_cells_name_each_activitys_row():
    frame, _ = loaded(ACTIVITIES / "araucania_ufro_seguimiento.xlsx")
    rows = frame[frame.comuna == "Padre Las Casas"][["date", "platform", "cell"]]
    assert rows.values.tolist() == [
        ["2025-04-08", "", "A4"],
        ["2025-06-20", "firmagob", "A7"],
        ["2025-06-20", "docdigital", "A7"],
        ["2025-09-25", "", "A11"],
    ]


def test_the_fixtures_are_what_their_script_writes_byte_for_byte(tmp_path):
    script = ACTIVITIES / "make_activities.py"
    run = subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted([p.name for p in fixtures()] + ["expected.csv"])
    for name in written:
        assert (tmp_path / name).read_bytes() == (ACTIVITIES / name).read_bytes(), name
