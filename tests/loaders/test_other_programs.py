"""Fixtures re-saved by LibreOffice and Gnumeric (trackers/other_programs) read exactly like the
files they came from: the expected frame, the same cells and the same report."""

import functools
import json
from pathlib import Path

import pandas as pd
import pytest

from loaders import load
from loaders.__main__ import main

TRACKERS = Path(__file__).parents[1] / "fixtures" / "trackers"
OTHER = TRACKERS / "other_programs"
KEY = ["comuna_code", "platform", "stage", "as_of"]
WHERE = [*KEY, "status_raw", "sheet", "cell"]
PROGRAMS = {"libreoffice", "gnumeric"}
FORMATS = {"xlsx", "ods", "xls"}

# LibreOffice 7.4's .xls export wrote every text result of a formula as the number 0 (its .xlsx
# and .ods keep the words): the words are not in the file, so that copy has its own test below.
LOST_FORMULA_RESULTS = "wide_formulas.libreoffice.xls"
# Gnumeric's .xlsx does not keep a sheet hidden: the drop-down list sheet shows up visible.
REVEALED_SHEETS = {"wide_formulas.gnumeric.xlsx": "Listas"}


def converted() -> list[Path]:
    """Every re-saved fixture."""
    return sorted(p for p in OTHER.rglob("*") if p.is_file())


def source_of(path: Path) -> Path:
    """The fixture a re-saved file came from: same folder under trackers/, same first name part."""
    folder = TRACKERS / path.parent.relative_to(OTHER)
    stem = path.name.split(".")[0]
    (source,) = [p for p in folder.iterdir() if p.is_file() and p.stem == stem]
    return source


def case(path: Path):
    """A test parameter for one re-saved file. Gnumeric's .ods, whose indented XML calamine
    refuses, is read by the loader's own streaming ODS reader: it is tested like the rest."""
    return pytest.param(path, id=str(path.relative_to(OTHER)))


@functools.cache
def source_load(source: Path):
    """The fixture's own load: its frame as the command line writes it, its issues, its sheets."""
    result = load(source)
    frame = result.frame.assign(as_of=result.frame.as_of.dt.strftime("%Y-%m-%d"))
    issues = [i.as_dict() for i in result.issues]
    return frame[WHERE].astype(str), issues, result.sheets_read


def run(path: Path, tmp_path: Path, capsys) -> tuple[int, dict, pd.DataFrame]:
    """`python -m loaders FILE --json --csv OUT`: the exit status, the file's report, the CSV."""
    out = tmp_path / "out.csv"
    status = main([str(path), "--json", "--csv", str(out)])
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    return status, entry, pd.read_csv(out, dtype=str, keep_default_na=False)


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by comuna, platform, date and stage, renumbered."""
    return frame.sort_values(KEY).reset_index(drop=True)


def test_every_source_is_re_saved_by_both_programs_in_every_format():
    saved: dict[Path, set[tuple[str, str]]] = {}
    for path in converted():
        _, program, extension = path.name.split(".")
        saved.setdefault(source_of(path), set()).add((program, extension))
    assert all(pairs == {(p, f) for p in PROGRAMS for f in FORMATS} for pairs in saved.values())
    names = {str(s.relative_to(TRACKERS)) for s in saved}
    assert {
        "wide_simple.xlsx",
        "long.xlsx",
        "yesno/yesno_matrix.xlsx",
        "transposed.xlsx",
        "stacked_provinces.xlsx",
        "resumen_transposed.xlsx",
        "logs/bitacora.xlsx",
        "logs/formulario.xlsx",
        "logs/formulario_grilla.csv",
    } <= names


def csv_sheet_names(source: Path, sheets: list[str], written: pd.DataFrame) -> dict[str, str]:
    """A CSV has no sheet name: each program names its one sheet its own way."""
    if source.suffix != ".csv":
        return {}
    (sheet,), (renamed,) = sheets, set(written.sheet)
    return {sheet: renamed}


def sorted_issues(issues: list[dict], revealed: str | None) -> list[tuple[str, ...]]:
    """Issues as sorted tuples, leaving out those of a sheet the program revealed."""
    return sorted(
        (i["severity"], i["sheet"], i["cell"], i["message"])
        for i in issues
        if i["sheet"] != revealed
    )


@pytest.mark.parametrize("path", [case(p) for p in converted() if p.name != LOST_FORMULA_RESULTS])
def test_a_re_saved_file_gives_its_sources_frame_cells_and_report(path, tmp_path, capsys):
    source = source_of(path)
    status, entry, written = run(path, tmp_path, capsys)
    assert status == 0, entry["issues"]
    expected = pd.read_csv(source.parent / "expected.csv", dtype=str)
    pd.testing.assert_frame_equal(ordered(written[KEY]), ordered(expected[KEY]))

    frame, issues, sheets = source_load(source)
    renamed = csv_sheet_names(source, sheets, written)
    frame = frame.assign(sheet=frame.sheet.replace(renamed))
    pd.testing.assert_frame_equal(ordered(written[WHERE]), ordered(frame))

    revealed = REVEALED_SHEETS.get(path.name)
    kept = [{**i, "sheet": renamed.get(i["sheet"], i["sheet"])} for i in issues]
    assert sorted_issues(entry["issues"], revealed) == sorted_issues(kept, revealed)
    if revealed:
        notes = [i for i in entry["issues"] if i["sheet"] == revealed]
        assert [i["severity"] for i in notes] == ["info"]
        assert revealed not in set(written.sheet)


def test_libreoffice_xls_without_the_text_of_its_formulas_is_an_error_on_every_lost_cell(
    tmp_path, capsys
):
    path = OTHER / LOST_FORMULA_RESULTS
    status, entry, written = run(path, tmp_path, capsys)
    frame, _, _ = source_load(source_of(path))
    empty = frame[frame.stage == "sin_informacion"]
    lost = frame[frame.stage != "sin_informacion"]
    assert status == 1
    # the truly empty results still read as empty, nothing else is read at all
    pd.testing.assert_frame_equal(ordered(written[WHERE]), ordered(empty))
    errors = [i for i in entry["issues"] if i["severity"] == "error"]
    assert sorted(i["cell"] for i in errors) == sorted(lost.cell)
    assert all("estado ilegible «0»" in i["message"] for i in errors)
