"""The suite's own rules: under CI, Hypothesis runs the same examples every time."""

import os

import hypothesis


def test_the_ci_profile_is_derandomized_keeps_no_database_and_prints_the_blob():
    ci = hypothesis.settings.get_profile("ci")
    assert (ci.derandomize, ci.database, ci.print_blob, ci.deadline) == (True, None, True, None)


def test_ci_true_loads_the_ci_profile():
    in_ci = os.environ.get("CI", "").lower() in ("true", "1")
    assert hypothesis.settings.default.derandomize is in_ci
    assert (hypothesis.settings.default.database is None) is in_ci
