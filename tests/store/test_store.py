"""The store on SQLite and PostgreSQL: uploads kept whole, duplicates, current state, history."""

import datetime as dt
import hashlib

import pandas as pd
import pytest
import sqlalchemy as sa

from harness.ports import free_port
from loaders import COLUMNS
from settings import load_settings
from store import (
    Saved,
    Store,
    StoreBusy,
    StoreUnavailable,
    UnknownUpload,
    UploadRefused,
    seed_samples,
)
from store.database import upgrade, writing
from store.schema import MIGRATIONS, meta
from tests.store.children import statements
from tests.store.conftest import ROOT, admin, assert_uploads_whole, save, tracker

TRACKERS = ROOT / "tests" / "fixtures" / "trackers"
SAMPLES = sorted((ROOT / "sample_data").glob("*.xlsx"))
WIDE = TRACKERS / "wide_simple.xlsx"
UNAVAILABLE = "No se pudo acceder a la base de datos del tablero"


def docdigital(frame: pd.DataFrame) -> dict[str, tuple[str, str, int]]:
    """Each comuna's DocDigital row in a store frame: its stage, date and upload."""
    rows = frame[frame.platform == "docdigital"]
    return {r.comuna: (r.stage, r.as_of.date().isoformat(), r.upload_id) for r in rows.itertuples()}


def by_key(frame: pd.DataFrame) -> pd.DataFrame:
    """A contract frame in a fixed order, for comparing."""
    return frame[list(COLUMNS)].sort_values(["comuna_code", "platform", "as_of"], ignore_index=True)


@pytest.mark.parametrize(
    "path",
    [
        WIDE,
        TRACKERS / "sheet_per_region.xlsx",
        ROOT / "sample_data" / "ufro_seguimiento_2025-09.xlsx",
    ],
    ids=lambda p: p.name,
)
def test_clean_file_is_kept_with_its_rows_report_and_original_bytes(store, path):
    data = path.read_bytes()
    prepared = store.prepare(data, path.name, source="UFRO")
    saved = store.save(prepared, user=admin("ana"))
    result = prepared.result
    assert saved == Saved(1, 1, len(result.frame), activities=len(result.activities))
    record = store.upload(saved.upload_id)
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert (record["file_name"], record["size"], record["format"]) == (path.name, len(data), "xlsx")
    assert (record["source"], record["as_of"], record["uploaded_by"]) == (
        result.source,
        result.as_of,
        "ana",
    )
    assert (record["rows"], record["errors"]) == (len(result.frame), 0)
    assert record["warnings"] == sum(i.severity == "warning" for i in result.issues)
    assert record["report"] == result.report()
    assert (record["active"], record["is_sample"], record["revision"]) == (True, False, 1)
    assert store.original(saved.upload_id) == (path.name, data)
    pd.testing.assert_frame_equal(by_key(store.history()), by_key(result.frame))
    pd.testing.assert_frame_equal(by_key(store.current()), by_key(result.frame))
    assert set(store.history().upload_id) == {saved.upload_id}
    assert_uploads_whole(store)


def test_same_file_twice_is_recognised_and_counted_once(store):
    data = WIDE.read_bytes()
    before_first_save = store.prepare(data, "wide_simple.xlsx", source="UFRO")
    first = store.save(store.prepare(data, "wide_simple.xlsx", source="UFRO"), user=admin("ana"))
    revision = store.revision()
    again = store.prepare(data, "copia_de_wide_simple.xlsx")
    assert again.duplicate_of == first.upload_id
    assert store.save(again, user=admin("beto")) == Saved(first.upload_id, None, 0, duplicate=True)
    # prepared before the first save, so only the save itself can notice
    assert store.save(before_first_save, user=admin("beto")) == Saved(
        first.upload_id, None, 0, duplicate=True
    )
    assert store.revision() == revision
    assert list(store.uploads().file_name) == ["wide_simple.xlsx"]
    assert len(store.history()) == first.rows == 40
    assert list(store.events().action) == ["guardar"]


def test_revision_changes_on_every_write_and_not_on_a_duplicate(store):
    seen = [store.revision()]
    data = WIDE.read_bytes()
    saved = store.save(store.prepare(data, "a.xlsx", source="UFRO"), user=admin("ana"))
    assert saved.revision == store.revision() not in seen
    seen.append(store.revision())
    store.save(store.prepare(data, "a.xlsx", source="UFRO"), user=admin("ana"))
    assert store.revision() == seen[-1]
    for active in (False, True, False):
        revision = store.set_active(saved.upload_id, active, admin("ana"))
        assert revision == store.revision() not in seen
        seen.append(revision)


def test_current_state_is_the_newest_cut_off_among_active_uploads(store):
    august = save(
        store,
        tracker([["Valdivia", "En proceso"], ["Corral", "En uso"]], as_of="31/08/2025"),
        "ago.xlsx",
    )
    september = save(store, tracker([["Valdivia", "En uso"]], as_of="30/09/2025"), "sep.xlsx")
    # saved last but older: it goes to the history, not to the current state
    july = save(
        store,
        tracker([["Valdivia", "No iniciado"], ["Corral", "Habilitada"]], as_of="31/07/2025"),
        "jul.xlsx",
    )
    assert docdigital(store.current()) == {
        "Valdivia": ("en_uso", "2025-09-30", september),
        "Corral": ("en_uso", "2025-08-31", august),
    }
    assert docdigital(store.current(as_of=dt.date(2025, 8, 31))) == {
        "Valdivia": ("en_proceso", "2025-08-31", august),
        "Corral": ("en_uso", "2025-08-31", august),
    }
    history = store.history()
    valdivia = history[history.comuna == "Valdivia"]
    assert list(zip(valdivia.as_of.dt.date.astype(str), valdivia.upload_id, strict=True)) == [
        ("2025-07-31", july),
        ("2025-08-31", august),
        ("2025-09-30", september),
    ]
    assert len(history) == 5


def test_a_tie_on_the_cut_off_goes_to_the_later_upload(store):
    earlier = save(store, tracker([["Valdivia", "En proceso"], ["Corral", "En uso"]]), "a.xlsx")
    later = save(store, tracker([["Valdivia", "Habilitada"]], title="Otra planilla"), "b.xlsx")
    assert docdigital(store.current()) == {
        "Valdivia": ("habilitada", "2025-09-30", later),
        "Corral": ("en_uso", "2025-09-30", earlier),
    }


def test_retire_and_restore_move_the_current_state_back_and_forth(store):
    august = save(store, tracker([["Valdivia", "En proceso"]], as_of="31/08/2025"), "ago.xlsx")
    september = save(store, tracker([["Valdivia", "En uso"]], as_of="30/09/2025"), "sep.xlsx")
    store.set_active(september, False, admin("ana"))
    assert docdigital(store.current()) == {"Valdivia": ("en_proceso", "2025-08-31", august)}
    assert set(store.history().upload_id) == {august}
    kept = store.uploads().set_index("id")
    assert (bool(kept.active[september]), bool(kept.active[august])) == (False, True)
    store.set_active(september, True, admin("beto"))
    assert docdigital(store.current()) == {"Valdivia": ("en_uso", "2025-09-30", september)}
    assert set(store.history().upload_id) == {august, september}
    log = store.events()
    assert list(zip(log.action, log.who, log.upload_id, strict=True))[:2] == [
        ("restaurar", "beto", september),
        ("retirar", "ana", september),
    ]


def test_retiring_an_unknown_upload_is_refused_and_changes_nothing(store):
    save(store, WIDE.read_bytes(), "wide_simple.xlsx")
    revision = store.revision()
    with pytest.raises(UnknownUpload, match=r"no existe la carga n\.º 99"):
        store.set_active(99, False, admin("ana"))
    assert store.revision() == revision
    assert list(store.events().action) == ["guardar"]


def test_file_with_errors_is_refused_unless_accepted_and_then_only_good_rows_are_kept(store):
    data = tracker([["Villa Imaginaria", "En uso"], ["Valdivia", "Lista"], ["Corral", "En uso"]])
    prepared = store.prepare(data, "con_errores.xlsx")
    with pytest.raises(UploadRefused, match="tiene 2 errores"):
        store.save(prepared, user=admin("ana"))
    assert store.uploads().empty and store.revision() == 0
    saved = store.save(prepared, user=admin("ana"), accept_errors=True)
    assert saved.rows == 1
    record = store.upload(saved.upload_id)
    assert (record["rows"], record["errors"]) == (1, 2)
    errors = [i for i in record["report"]["issues"] if i["severity"] == "error"]
    assert [e["cell"] for e in errors] == ["A4", "B5"]
    assert "Villa Imaginaria" in errors[0]["message"]
    assert list(store.current().comuna) == ["Corral"]
    assert_uploads_whole(store)


def test_unreadable_file_is_refused_and_nothing_is_saved(store):
    prepared = store.prepare(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "informe.xlsx")
    assert prepared.result is None
    with pytest.raises(UploadRefused, match="no se puede guardar: es un PDF"):
        store.save(prepared, user=admin("ana"), accept_errors=True)
    assert store.uploads().empty and store.revision() == 0


def test_missing_cut_off_is_refused_unless_a_date_is_given(store):
    prepared = store.prepare(tracker([["Valdivia", "En uso"]], as_of=None), "sin_fecha.xlsx")
    assert prepared.result.as_of is None
    with pytest.raises(UploadRefused, match="tiene 1 errores"):
        store.save(prepared, user=admin("ana"))
    with pytest.raises(UploadRefused, match="falta la fecha de corte"):
        store.save(prepared, user=admin("ana"), accept_errors=True)
    assert store.uploads().empty and store.revision() == 0
    saved = store.save(prepared, user=admin("ana"), as_of=dt.date(2025, 10, 31))
    record = store.upload(saved.upload_id)
    assert (record["as_of"], record["errors"], record["report"]["as_of"]) == (
        dt.date(2025, 10, 31),
        0,
        "2025-10-31",
    )
    assert docdigital(store.current()) == {"Valdivia": ("en_uso", "2025-10-31", saved.upload_id)}


@pytest.mark.parametrize("given_at", ["prepare", "save"])
def test_a_given_cut_off_wins_over_the_files(store, given_at):
    given = dt.date(2025, 10, 15)
    data = tracker([["Valdivia", "En uso"], ["Corral", "Habilitada"]], as_of="30/09/2025")
    if given_at == "prepare":
        saved = store.save(store.prepare(data, "a.xlsx", as_of=given), user=admin("ana"))
    else:
        saved = store.save(store.prepare(data, "a.xlsx"), user=admin("ana"), as_of=given)
    record = store.upload(saved.upload_id)
    assert record["as_of"] == given
    assert "30-09-2025" in " ".join(i["message"] for i in record["report"]["issues"])
    assert set(store.history().as_of.dt.date) == {given}


def test_samples_fill_only_an_empty_store_and_real_data_retires_them(store):
    seeded = seed_samples(store)
    assert len(seeded) == len(SAMPLES) >= 7
    listed = store.uploads()
    assert listed.is_sample.all() and listed.active.all()
    assert not store.has_real_data()
    assert seed_samples(store) == []
    assert len(store.uploads()) == len(SAMPLES)
    real = store.save(store.prepare(WIDE.read_bytes(), WIDE.name, source="UFRO"), user=admin("ana"))
    assert real.retired_samples == len(SAMPLES)
    listed = store.uploads().set_index("id")
    samples = listed[listed.is_sample]
    assert len(samples) == len(SAMPLES) and not samples.active.any()
    assert store.has_real_data()
    assert set(store.current().upload_id) == {real.upload_id}
    retired = store.events().query("action == 'retirar'")
    assert sorted(retired.upload_id) == sorted(samples.index)
    assert set(retired.detail) == {"datos de ejemplo reemplazados por datos reales"}
    store.set_active(int(samples.index[0]), True, admin("ana"))  # samples stay and can come back
    assert set(store.current().upload_id) == {real.upload_id, samples.index[0]}


def test_samples_are_not_loaded_into_a_store_that_has_uploads(store):
    save(store, WIDE.read_bytes(), WIDE.name)
    assert seed_samples(store) == []
    assert not store.uploads().is_sample.any()


def test_prepare_shows_what_the_upload_would_change(store):
    save(
        store,
        tracker(
            [["Valdivia", "En proceso"], ["Corral", "En uso"], ["Lanco", "Habilitada"]],
            as_of="31/08/2025",
        ),
        "ago.xlsx",
    )
    rows = [
        ["Valdivia", "En uso", "En uso"],
        ["Corral", "Habilitada", "No aplica"],
        ["Lanco", "Habilitada", "Sin iniciar"],
        ["Paillaco", "En uso", "En uso"],
    ]
    prepared = store.prepare(tracker(rows), "sep.xlsx")
    kinds = {(r.comuna, r.platform): r.change for r in prepared.changes.itertuples()}
    assert kinds == {
        ("Valdivia", "docdigital"): "avanza",
        ("Valdivia", "firmagob"): "nuevo",
        ("Corral", "docdigital"): "retrocede",
        ("Corral", "firmagob"): "nuevo",
        ("Lanco", "docdigital"): "igual",
        ("Lanco", "firmagob"): "nuevo",
        ("Paillaco", "docdigital"): "comuna_nueva",
        ("Paillaco", "firmagob"): "comuna_nueva",
    }
    older = store.prepare(tracker([["Valdivia", "No iniciado"]], as_of="31/07/2025"), "jul.xlsx")
    assert list(older.changes.change) == ["anterior"]
    assert store.revision() == 1  # preparing saves nothing


def test_a_new_store_records_its_schema_version(store):
    with store.engine.connect() as conn:
        stored = dict(conn.execute(sa.select(meta.c.key, meta.c.value)).all())
    assert stored == {"revision": 0, "schema_version": len(MIGRATIONS)}


def test_opening_the_store_again_keeps_its_data_and_schema(store_env):
    first = Store(load_settings(store_env))
    saved = save(first, WIDE.read_bytes(), WIDE.name)
    for _ in range(2):
        again = Store(load_settings(store_env))
        assert upgrade(again.engine) == len(MIGRATIONS)
        with again.engine.connect() as conn:
            stored = dict(conn.execute(sa.select(meta.c.key, meta.c.value)).all())
        assert stored == {"revision": 1, "schema_version": len(MIGRATIONS)}
        assert list(again.uploads().id) == [saved]
        assert len(again.history()) == 40
        again.engine.dispose()
    first.engine.dispose()


def test_a_writer_kept_waiting_gets_store_busy_and_leaves_nothing(store_env):
    store = Store(load_settings({**store_env, "STORE_BUSY_TIMEOUT": "0.5"}))
    prepared = store.prepare(WIDE.read_bytes(), WIDE.name, source="UFRO")
    sent = statements(store.engine)
    with pytest.raises(StoreBusy, match="Intente de nuevo en unos segundos"), writing(store.engine):
        store.save(prepared, user=admin("ana"))  # another writer holds the lock meanwhile
    # it queued for STORE_BUSY_TIMEOUT (0.5 s), not for the default 15 s: the database was told
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 500
    else:
        assert [s for s in sent if "lock_timeout" in s] == ["SET LOCAL lock_timeout = 500"] * 2
    assert store.revision() == 0
    assert store.uploads().empty and store.history().empty
    assert assert_uploads_whole(store).empty
    assert store.save(prepared, user=admin("ana")) == Saved(1, 1, 40)
    store.engine.dispose()


def test_unreachable_postgresql_is_store_unavailable_with_a_spanish_message():
    closed = f"postgresql://postgres@127.0.0.1:{free_port()}/tablero"
    with pytest.raises(StoreUnavailable, match=f"^{UNAVAILABLE} .*Intente de nuevo"):
        Store(load_settings({"DATABASE_URL": closed}))


@pytest.mark.parametrize("place", ["under_a_file", "a_folder_named_like_the_database"])
def test_sqlite_where_it_cannot_be_written_is_store_unavailable(tmp_path, place):
    (tmp_path / "archivo.txt").write_text("no es una carpeta")
    (tmp_path / "tablero.db").mkdir()
    data_dir = tmp_path / "archivo.txt" / "datos" if place == "under_a_file" else tmp_path
    with pytest.raises(StoreUnavailable, match=f"^{UNAVAILABLE} "):
        Store(load_settings({"DATA_DIR": str(data_dir)}))


def test_postgresql_database_gone_after_start_is_store_unavailable(postgres_server):
    name = postgres_server.create_database()
    store = Store(load_settings({"DATABASE_URL": postgres_server.url(name)}))
    postgres_server.drop_database(name)
    with pytest.raises(StoreUnavailable, match=f"^{UNAVAILABLE} "):
        store.revision()
    store.engine.dispose()
