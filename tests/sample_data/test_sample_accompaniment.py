"""The samples on the Acompañamiento page's figures: a store seeded with them knows the stage on
the training dates, lists trainings without use and compares trained with untrained comunas."""

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest

from analytics.accompaniment import (
    TECHNICAL,
    Timeline,
    training_to_use,
    training_without_use,
)
from loaders.vocabulary import ENABLED, ON_SCALE, stage_direction
from settings import Settings, load_settings
from store import Store, seed_samples

ROOT = Path(__file__).parents[2]
UFRO = sorted((ROOT / "sample_data").glob("ufro_seguimiento_*.xlsx"))
SOUTH = ("09", "10", "14")
WITHOUT_USE_DAYS = Settings().training_without_use_days


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """The activities and the status history of a store seeded with the samples, as the
    dashboard's first start has them."""
    data_dir = tmp_path_factory.mktemp("datos")
    store = Store(load_settings({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}))
    assert len(seed_samples(store)) == len(list((ROOT / "sample_data").glob("*.xlsx")))
    activities, history = store.activities(), store.history()
    store.engine.dispose()
    return activities, history


def first_trainings(activities: pd.DataFrame) -> pd.DataFrame:
    """Each comuna and platform's first technical training, as (comuna_code, platform, on)."""
    rows = activities[(activities["activity"] == TECHNICAL) & (activities["platform"] != "")]
    first = rows.groupby(["comuna_code", "platform"])["date"].min().rename("on")
    return first.reset_index()


def ufro_history(history: pd.DataFrame) -> pd.DataFrame:
    return history[history["region_code"].isin(SOUTH)]


def test_the_ufro_samples_start_before_most_technical_trainings(seeded):
    activities, history = seeded
    first_cut_off = ufro_history(history)["as_of"].min()
    trainings = first_trainings(activities)["on"]
    assert len(UFRO) == ufro_history(history)["as_of"].nunique() >= 6
    assert (trainings >= first_cut_off).mean() > 0.8


def test_the_stage_on_the_training_date_is_known_for_most_trainings_after_the_first_cut_off(
    seeded,
):
    activities, history = seeded
    history = ufro_history(history)
    trainings = first_trainings(activities)
    trainings = trainings[trainings["on"] >= history["as_of"].min()]
    then = Timeline(history).on(trainings)
    known = then["stage"].isin(ON_SCALE)
    assert len(then) >= 50
    assert known.mean() >= 0.9
    # A technical training prepares the enablement: the comuna is mostly not there yet.
    assert (~then.loc[known, "stage"].isin(ENABLED)).mean() >= 0.9


def test_every_university_region_has_trainings_without_use_with_the_stage_they_had_then(seeded):
    activities, history = seeded
    as_of = history["as_of"].max().date()
    rows = training_without_use(activities, history, as_of, WITHOUT_USE_DAYS)
    for region in SOUTH:
        own = rows[rows["region_code"] == region]
        assert own["comuna_code"].nunique() >= 2, region
        assert own["stage_then"].notna().any(), region
    after_first = rows[rows["training_date"] >= ufro_history(history)["as_of"].min()]
    assert after_first["stage_then"].isin(ON_SCALE).mean() >= 0.9


def test_the_ninety_day_comparison_has_numbers_for_at_least_three_platforms(seeded):
    activities, history = seeded
    as_of = history["as_of"].max().date()
    table = training_to_use(activities, history, as_of)
    both = table[(table["trained_window"] > 0) & (table["untrained_window"] > 0)]
    assert len(both) >= 3, table
    assert (
        both["pct_trained_advanced"].notna().all() and both["pct_untrained_advanced"].notna().all()
    )


def test_trained_comunas_advance_more_often_than_untrained_ones_but_not_all(seeded):
    activities, history = seeded
    table = training_to_use(activities, history, history["as_of"].max().date())
    trained = table["trained_advanced"].sum() / table["trained_window"].sum()
    untrained = table["untrained_advanced"].sum() / table["untrained_window"].sum()
    assert 0 < untrained < trained < 1
    assert untrained < 0.3


def test_before_july_no_ufro_stage_stands_above_the_next_months(seeded):
    _, history = seeded
    history = ufro_history(history)
    cut_offs = sorted(history["as_of"].unique())
    early = [day for day in cut_offs if day <= pd.Timestamp(dt.date(2025, 7, 31))]
    assert len(early) >= 4
    timeline = Timeline(history)
    pairs = history[["comuna_code", "platform"]].drop_duplicates()
    went_back = 0
    for earlier, later in pairwise(early):
        start = timeline.on(pairs.assign(on=earlier))["stage"]
        end = timeline.on(pairs.assign(on=later))["stage"]
        on_scale = start.isin(ON_SCALE) & end.isin(ON_SCALE)
        went_back += int((stage_direction(start, end)[on_scale] == "retrocede").sum())
    assert went_back == 0
