"""Every layout variant of the same tracker gives the same normalized frame (tests/fixtures/trackers)."""

from pathlib import Path

import pandas as pd
import pytest

from loaders import load

TRACKERS = Path(__file__).parents[1] / "fixtures" / "trackers"
KEY = ["comuna_code", "platform", "stage", "alternative", "as_of"]
SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}


def variants(folder: Path) -> list[Path]:
    """The tracker files of a fixture folder, without its expected.csv."""
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.name != "expected.csv")


def expected(folder: Path) -> pd.DataFrame:
    """The expected (comuna, platform, stage, alternative, date) rows of a fixture folder."""
    frame = pd.read_csv(folder / "expected.csv", dtype=str, keep_default_na=False)
    return frame[KEY].sort_values(KEY[:2]).reset_index(drop=True)


def normalized(path: Path) -> pd.DataFrame:
    """A fixture loaded and reduced to the compared columns."""
    result = load(path)
    assert not result.errors, [f"{i.sheet}!{i.cell}: {i.message}" for i in result.errors]
    frame = result.frame.assign(as_of=result.frame.as_of.dt.strftime("%Y-%m-%d"))
    return frame[KEY].astype(str).sort_values(KEY[:2]).reset_index(drop=True)


def test_there_are_variants_of_every_format():
    assert {p.suffix for p in variants(TRACKERS)} == SUFFIXES


@pytest.mark.parametrize("path", variants(TRACKERS), ids=lambda p: p.name)
def test_each_layout_variant_gives_the_same_frame(path):
    pd.testing.assert_frame_equal(normalized(path), expected(TRACKERS))


@pytest.mark.parametrize("path", variants(TRACKERS / "yesno"), ids=lambda p: p.name)
def test_yes_no_matrix_gives_its_expected_frame(path):
    pd.testing.assert_frame_equal(normalized(path), expected(TRACKERS / "yesno"))
