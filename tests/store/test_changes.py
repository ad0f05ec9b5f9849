"""What an upload would change: each comuna and platform named avanza, retrocede, nuevo, ..."""

import pandas as pd

from store.changes import CHANGE_LABELS, COLUMNS, changes, summary

REGIONS = {"14": "Los Ríos"}
COMUNAS = {"14101": "Valdivia", "14102": "Corral", "14103": "Lanco", "14107": "Paillaco"}


def frame(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """A normalized frame from (comuna_code, platform, stage, as_of) tuples."""
    table = pd.DataFrame(rows, columns=["comuna_code", "platform", "stage", "as_of"])
    table["as_of"] = pd.to_datetime(table["as_of"]).astype("datetime64[s]")
    table["comuna"] = table["comuna_code"].map(COMUNAS)
    table["region"] = table["comuna_code"].str[:2].map(REGIONS)
    return table


def kinds(table: pd.DataFrame) -> dict[tuple[str, str], str]:
    """The kind of change of each comuna and platform."""
    return {(r.comuna, r.platform): r.change for r in table.itertuples()}


CURRENT = frame(
    ("14101", "docdigital", "en_proceso", "2025-08-31"),
    ("14101", "firmagob", "en_uso", "2025-08-31"),
    ("14102", "docdigital", "habilitada", "2025-08-31"),
    ("14102", "firmagob", "alternativa", "2025-08-31"),
    ("14103", "docdigital", "en_uso", "2025-09-30"),
)


def test_each_kind_of_change_is_named():
    incoming = frame(
        ("14101", "docdigital", "en_uso", "2025-09-30"),
        ("14101", "firmagob", "habilitada", "2025-09-30"),
        ("14102", "docdigital", "habilitada", "2025-09-30"),
        ("14102", "firmagob", "no_aplica", "2025-09-30"),
        ("14102", "claveunica", "en_uso", "2025-09-30"),
        ("14107", "docdigital", "sin_iniciar", "2025-09-30"),
        ("14103", "docdigital", "sin_iniciar", "2025-08-31"),
    )
    assert kinds(changes(CURRENT, incoming)) == {
        ("Valdivia", "docdigital"): "avanza",
        ("Valdivia", "firmagob"): "retrocede",
        ("Corral", "docdigital"): "igual",
        ("Corral", "firmagob"): "cambia",  # both off the scale: neither up nor down
        ("Corral", "claveunica"): "nuevo",
        ("Paillaco", "docdigital"): "comuna_nueva",
        ("Lanco", "docdigital"): "anterior",
    }


def test_before_and_after_are_the_stages_and_dates_on_each_side():
    table = changes(CURRENT, frame(("14101", "docdigital", "en_uso", "2025-09-30")))
    assert list(table.columns) == COLUMNS
    row = table.iloc[0]
    assert (row.region, row.comuna_code, row.comuna) == ("Los Ríos", "14101", "Valdivia")
    assert (row.before, row.after) == ("en_proceso", "en_uso")
    assert (str(row.as_of_before.date()), str(row.as_of.date())) == ("2025-08-31", "2025-09-30")


def test_an_older_cut_off_is_anterior_whatever_the_stage():
    incoming = frame(
        ("14101", "docdigital", "en_uso", "2025-07-31"),
        ("14101", "firmagob", "en_uso", "2025-07-31"),
    )
    assert set(kinds(changes(CURRENT, incoming)).values()) == {"anterior"}


def test_the_same_cut_off_is_not_anterior_because_the_upload_would_win_the_tie():
    incoming = frame(("14103", "docdigital", "habilitada", "2025-09-30"))
    assert kinds(changes(CURRENT, incoming)) == {("Lanco", "docdigital"): "retrocede"}


def test_the_newest_row_of_the_upload_is_the_one_compared():
    incoming = frame(
        ("14101", "docdigital", "en_uso", "2025-09-30"),
        ("14101", "docdigital", "sin_iniciar", "2025-07-31"),
    )
    table = changes(CURRENT, incoming)
    assert len(table) == 1
    assert (table.after[0], table.change[0]) == ("en_uso", "avanza")


def test_everything_is_a_new_comuna_on_an_empty_store():
    empty = CURRENT.iloc[0:0]
    table = changes(empty, frame(("14101", "docdigital", "en_uso", "2025-09-30")))
    assert list(table.change) == ["comuna_nueva"]
    assert pd.isna(table.before[0])


def test_an_upload_without_rows_changes_nothing():
    table = changes(CURRENT, CURRENT.iloc[0:0])
    assert table.empty and list(table.columns) == COLUMNS


def test_summary_counts_every_kind_including_absent_ones():
    incoming = frame(
        ("14101", "docdigital", "en_uso", "2025-09-30"),
        ("14101", "firmagob", "en_uso", "2025-09-30"),
        ("14107", "docdigital", "en_uso", "2025-09-30"),
        ("14107", "firmagob", "en_uso", "2025-09-30"),
    )
    counts = summary(changes(CURRENT, incoming))
    assert counts == {kind: 0 for kind in CHANGE_LABELS} | {
        "avanza": 1,
        "igual": 1,
        "comuna_nueva": 2,
    }
