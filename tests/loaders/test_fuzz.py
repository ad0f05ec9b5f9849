"""The fuzz of damaged files: the suite runs fixed seeds (the same examples every time), and the
long run prints its seed first and keeps every input that broke a rule."""

import os
import pathlib

import pytest

from loaders import fuzz

FUZZ_SEEDS = (11, 12, 13)
EXAMPLES = 40


@pytest.mark.parametrize("seed", FUZZ_SEEDS)
def test_damaged_files_are_read_or_refused_quickly_within_bounded_memory(seed, tmp_path):
    found = fuzz.run(EXAMPLES, seed, tmp_path)
    assert [f"{f.index}: {f.what}" for f in found.findings] == []
    assert found.examples == EXAMPLES
    assert found.read > 0 and found.refused > 0  # the damage reaches both outcomes


def test_an_example_is_the_same_bytes_every_time():
    assert fuzz.example(11, 7) == fuzz.example(11, 7)
    assert fuzz.example(11, 7) != fuzz.example(11, 8)


def test_every_input_that_breaks_a_rule_is_saved_with_its_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(fuzz, "MAX_SECONDS", -1.0)  # every example is too slow
    found = fuzz.run(3, 5, tmp_path)
    assert [f.index for f in found.findings] == [0, 1, 2]
    for finding in found.findings:
        assert finding.saved.read_bytes() == fuzz.example(5, finding.index)[1]
        assert "tardó" in finding.saved.with_name(finding.saved.name + ".txt").read_text()


def test_an_example_that_ends_the_process_is_saved_and_the_run_goes_on(tmp_path, monkeypatch):
    def dies_on_the_second(data, name):
        if data == fuzz.example(5, 1)[1]:
            os._exit(3)

    monkeypatch.setattr(fuzz, "load", dies_on_the_second)
    found = fuzz.run(3, 5, tmp_path)
    assert [(f.index, f.what) for f in found.findings] == [(1, "terminó el proceso (código 3)")]
    assert found.examples == 3


def test_the_command_prints_its_seed_before_anything_runs(tmp_path, capsys):
    assert fuzz.main(["--examples", "0", "--seed", "77", "--save-dir", str(tmp_path)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("semilla 77 (repítala con --seed 77)")


def test_the_seeds_are_made_without_the_test_fixtures(monkeypatch):
    read = []
    original = pathlib.Path.read_bytes
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda p: read.append(p) or original(p))
    fuzz.seeds.cache_clear()
    names = [name for name, _ in fuzz.seeds()]
    assert {"hecho.xlsx", "hecho.ods", "gnumeric.ods", "utf16.csv", "mac.csv"} <= set(names)
    assert "actividades.xlsx" in names
    assert read and all("sample_data" in p.parts for p in read)
