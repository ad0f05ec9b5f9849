"""Rules written once: the platform and stage scales come from the layouts tables, the direction
of a stage change, and how shares and dates are written for people."""

import datetime as dt

import pandas as pd
import pytest

import formats
import views
from loaders.vocabulary import (
    BELOW,
    ENABLED,
    OFF_SCALE,
    ON_SCALE,
    PLATFORMS,
    STAGES,
    read_table,
    stage_direction,
    vocabulary,
)


def test_platforms_are_those_of_the_table_in_its_order():
    assert PLATFORMS == ("docdigital", "firmagob", "claveunica", "cpat", "pisee")
    assert set(PLATFORMS) == {r["platform"] for r in read_table("platforms.csv")}
    assert set(PLATFORMS) == set(vocabulary().platform_labels)


def test_stages_are_the_scale_by_its_order_then_those_off_it():
    assert ON_SCALE == ("sin_iniciar", "en_proceso", "habilitada", "en_uso")
    assert OFF_SCALE == ("alternativa", "no_aplica", "sin_informacion")
    assert STAGES == ON_SCALE + OFF_SCALE
    assert (BELOW, ENABLED) == (("sin_iniciar", "en_proceso"), ("habilitada", "en_uso"))
    assert vocabulary().stage_order == {
        "sin_iniciar": 0,
        "en_proceso": 1,
        "habilitada": 2,
        "en_uso": 3,
    }


@pytest.mark.parametrize(
    ("table", "key"),
    [("stages.csv", "stage"), ("platforms.csv", "platform"), ("alternatives.csv", "alternative")],
)
def test_every_row_of_a_stage_platform_or_alternative_repeats_the_same_labels(table, key):
    rows = read_table(table)
    columns = [c for c in rows[0] if c not in (key, "phrase")]
    seen: dict[str, tuple[str, ...]] = {}
    for row in rows:
        described = tuple(row[c] for c in columns)
        assert seen.setdefault(row[key], described) == described, row


def test_the_direction_of_a_stage_change():
    before = pd.Series(["en_proceso", "en_uso", "habilitada", "no_aplica", "en_uso", None])
    after = pd.Series(
        ["habilitada", "sin_iniciar", "habilitada", "alternativa", "no_aplica", "en_uso"]
    )
    assert stage_direction(before, after).tolist() == [
        "avanza",
        "retrocede",
        "igual",
        "cambia",  # both off the scale: neither up nor down
        "cambia",  # leaving the scale
        "nuevo",
    ]


def test_the_direction_keeps_the_rows_index():
    before = pd.Series(["sin_iniciar"], index=[7])
    assert stage_direction(before, pd.Series(["en_uso"], index=[7])).to_dict() == {7: "avanza"}


@pytest.mark.parametrize(
    ("share", "decimals", "written"),
    [
        (0.45, 0, "45 %"),
        (0.125, 1, "12,5 %"),
        (1.0, 1, "100,0 %"),
        (0.0, 1, "0,0 %"),
        (None, 1, "—"),
        (float("nan"), 0, "—"),
        (pd.NA, 0, "—"),
    ],
)
def test_shares_are_written_with_a_decimal_comma(share, decimals, written):
    assert formats.percent(share, decimals=decimals) == written


def test_the_pages_write_shares_and_dates_the_one_way():
    assert views.percent is formats.percent
    assert views.day_label is formats.day
    assert formats.day("2025-09-30") == formats.day(dt.date(2025, 9, 30)) == "30-09-2025"
