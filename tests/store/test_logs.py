"""A log saved through `python -m store load` keeps its history, dated by its newest row."""

import csv
import datetime as dt
import json

import pandas as pd

from settings import load_settings
from store import Store
from tests.store.conftest import ROOT, admin, module_runner

LOGS = ROOT / "tests" / "fixtures" / "trackers" / "logs"
KEY = ["comuna_code", "platform", "stage", "as_of"]


def test_a_saved_log_keeps_every_date_and_the_upload_is_dated_by_its_newest_row(tmp_path):
    data_dir = tmp_path / "datos"
    cli = module_runner("store", data_dir, "--user", "operadora")
    done = cli("load", str(LOGS / "bitacora.xlsx"), "--source", "UFRO")
    assert done.returncode == 0, done.stdout + done.stderr
    expected = pd.read_csv(LOGS / "expected.csv", dtype=str)
    (upload,) = json.loads(cli("uploads", "--json").stdout)
    assert (upload["rows"], upload["as_of"]) == (len(expected), expected["as_of"].max())

    store = Store(load_settings({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}))
    saved = store.history().assign(as_of=lambda f: f["as_of"].dt.strftime("%Y-%m-%d"))
    store.engine.dispose()
    assert set(saved[KEY].itertuples(index=False, name=None)) == set(
        expected.itertuples(index=False, name=None)
    )
    assert saved.groupby(["comuna_code", "platform"])["as_of"].nunique().max() == 3

    out = tmp_path / "estado.csv"
    assert cli("current", "--csv", str(out)).returncode == 0
    with out.open(encoding="utf-8", newline="") as handle:
        current = pd.DataFrame(list(csv.DictReader(handle)))
    newest = expected.sort_values("as_of").drop_duplicates(["comuna_code", "platform"], keep="last")
    pd.testing.assert_frame_equal(
        current[KEY].sort_values(KEY).reset_index(drop=True),
        newest[KEY].sort_values(KEY).reset_index(drop=True),
    )


def test_a_new_source_does_not_date_a_logs_undated_row(store, make_xlsx):
    rows = [
        ["Fecha del registro", "Comuna", "Plataforma", "Estado"],
        ["03/10/2025", "Temuco", "FirmaGob", "En proceso"],
        ["", "Vilcún", "FirmaGob", "En uso"],
        ["17/10/2025", "Temuco", "FirmaGob", "En uso"],
    ]
    prepared = store.prepare(make_xlsx({"Bitácora": rows}), "bitacora.xlsx")
    assert [i.cell for i in prepared.result.errors] == ["A3"]
    saved = store.save(prepared, user=admin("ana"), source="Otra fuente", accept_errors=True)
    history = store.history()
    assert saved.rows == 2 and "Vilcún" not in set(history["comuna"])
    assert set(history["source"]) == {"Otra fuente"}


def test_a_cut_off_given_on_saving_dates_only_the_undated_rows(store, make_xlsx):
    rows = [
        ["Fecha del registro", "Comuna", "Plataforma", "Estado"],
        ["03/10/2025", "Temuco", "FirmaGob", "En proceso"],
        ["", "Vilcún", "FirmaGob", "En uso"],
    ]
    prepared = store.prepare(make_xlsx({"Bitácora": rows}), "bitacora.xlsx", source="UFRO")
    store.save(prepared, user=admin("ana"), as_of=dt.date(2025, 10, 31))
    dated = store.history().set_index("comuna")["as_of"].dt.date.to_dict()
    assert dated == {"Temuco": dt.date(2025, 10, 3), "Vilcún": dt.date(2025, 10, 31)}
