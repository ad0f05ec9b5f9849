"""The accompaniment activities in the store: saved with their upload, read as the contract's
frame, each counted once across monthly logs, retired and restored with their upload, and
within a coordinator's regions."""

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from access.identity import Identity
from loaders import ACTIVITY_COLUMNS, empty_activities
from store import NotAllowed, UploadRefused
from store.schema import activities, events, files, observations, uploads
from tests.conftest import xlsx_bytes
from tests.store.conftest import (
    activity_frame,
    admin,
    assert_uploads_whole,
    tracker,
    with_activities,
)

JUNE = [
    ("Temuco", "2025-06-03", "reunion_inicial", "", 8),
    ("Temuco", "2025-06-11", "capacitacion_tecnica", "firmagob", 12),
    ("Vilcún", "2025-06-11", "capacitacion_tecnica", "firmagob", None),
]
JULY = [
    *JUNE[:2],
    ("Vilcún", "2025-06-11", "capacitacion_tecnica", "firmagob", 5),  # the headcount, found later
    ("Lautaro", "2025-07-02", "asesoria_tecnica", "docdigital", 3),
]
COORDINATOR_09 = Identity("Beto", "coordinador", frozenset({"09"}), "oidc")


def log_bytes(title: str) -> bytes:
    """The bytes of an activities log (its title makes each file's SHA-256 its own)."""
    header = ["Fecha", "Comuna", "Actividad", "Plataforma", "N° participantes"]
    return xlsx_bytes({"Actividades": [[title], [], header, ["03/06/2025", "Temuco", "Reunión"]]})


def save_log(store, rows, name: str, *, user=None, is_sample: bool = False):
    """Save an upload that brings only these activities; the Saved."""
    prepared = with_activities(
        store.prepare(log_bytes(name), name), activity_frame(rows, file=name), rows=False
    )
    return store.save(prepared, user=user or admin("ana"), is_sample=is_sample)


def seen(frame: pd.DataFrame) -> set[tuple]:
    """(comuna, date, activity, platform, participants, upload) of each activity read."""
    return {
        (
            r.comuna,
            f"{r.date:%Y-%m-%d}",
            r.activity,
            r.platform,
            None if pd.isna(r.participants) else r.participants,
            r.upload_id,
        )
        for r in frame.itertuples()
    }


def counts(store) -> dict[str, int]:
    """How many rows each table holds."""
    with store.engine.connect() as conn:
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (files, uploads, observations, activities, events)
        }


def test_an_empty_store_has_an_empty_activities_frame_with_the_contracts_columns(store):
    frame = store.activities()
    assert frame.empty
    assert list(frame.columns) == [*ACTIVITY_COLUMNS, "upload_id"]
    assert frame.dtypes.drop("upload_id").equals(empty_activities().dtypes)


def test_activities_are_saved_with_the_status_rows_and_read_back_as_the_contracts_frame(store):
    prepared = store.prepare(tracker([["Temuco", "En uso", "Habilitada"]]), "ufro.xlsx")
    with_activities(prepared, activity_frame(JUNE, file="ufro.xlsx"))
    assert prepared.activities == 3
    saved = store.save(prepared, user=admin("ana"))
    assert (saved.rows, saved.activities) == (2, 3)
    frame = store.activities()
    assert list(frame.columns) == [*ACTIVITY_COLUMNS, "upload_id"]
    assert frame.dtypes.drop("upload_id").equals(empty_activities().dtypes)
    assert frame.to_dict("records")[0] == {
        "region_code": "09",
        "region": "La Araucanía",
        "comuna_code": "09101",
        "comuna": "Temuco",
        "date": pd.Timestamp("2025-06-03"),
        "activity": "reunion_inicial",
        "platform": "",  # an activity of no platform
        "topic": "Tema de la fila 2",
        "participants": 8,
        "modality": "remota",
        "source": "UFRO",
        "file": "ufro.xlsx",
        "sheet": "Actividades",
        "cell": "A2",
        "upload_id": saved.upload_id,
    }
    assert seen(frame) == {(*row, saved.upload_id) for row in JUNE}
    assert frame["participants"].isna().tolist() == [False, False, True]  # a total of 2 comunas
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(activities.c.participants)).scalars().all()
    assert sorted(stored, key=str) == [12, 8, None] and {type(n) for n in stored} == {
        int,
        type(None),
    }
    assert len(store.history()) == 2  # the status rows are where they were
    (listed,) = store.uploads().to_dict("records")
    assert (listed["rows"], listed["activities"]) == (2, 3)
    assert store.upload(saved.upload_id)["report"]["activities"] == 3
    logged = store.events().query("action == 'guardar'").iloc[0]
    assert logged["detail"] == "ufro.xlsx: 2 filas, 3 actividades"
    assert_uploads_whole(store)


def test_an_upload_of_activities_only_is_saved_dated_by_its_newest_activity(store):
    saved = save_log(store, JULY, "julio.xlsx")
    assert (saved.rows, saved.activities) == (0, 4)
    record = store.upload(saved.upload_id)
    assert record["as_of"] == dt.date(2025, 7, 2)
    assert (record["rows"], record["activities"]) == (0, 4)
    assert store.history().empty
    assert len(store.activities()) == 4
    assert_uploads_whole(store)


def test_an_upload_with_neither_rows_nor_activities_is_refused(store):
    prepared = with_activities(
        store.prepare(log_bytes("vacía"), "vacia.xlsx"), empty_activities(), rows=False
    )
    prepared.result.as_of = dt.date(2025, 7, 2)
    with pytest.raises(UploadRefused, match="no tiene filas ni actividades que guardar"):
        store.save(prepared, user=admin("ana"))
    assert store.revision() == 0


def test_an_activity_without_a_date_is_refused_and_nothing_is_saved(store):
    frame = activity_frame(JUNE)
    frame.loc[1, "date"] = pd.NaT
    prepared = with_activities(store.prepare(tracker([["Temuco", "En uso"]]), "t.xlsx"), frame)
    with pytest.raises(UploadRefused, match="1 actividades no tienen fecha"):
        store.save(prepared, user=admin("ana"))
    assert counts(store)["uploads"] == 0


def test_the_same_activity_in_two_monthly_logs_counts_once_as_the_later_uploads(store):
    june = save_log(store, JUNE, "junio.xlsx").upload_id
    july = save_log(store, JULY, "julio.xlsx").upload_id
    assert seen(store.activities()) == {(*row, july) for row in JULY}
    # the listing of uploads still says what each file brought
    assert dict(zip(store.uploads()["id"], store.uploads()["activities"], strict=True)) == {
        june: 3,
        july: 4,
    }


def test_a_retired_upload_neither_counts_nor_hides_the_same_activity_in_another(store):
    june = save_log(store, JUNE, "junio.xlsx").upload_id
    july = save_log(store, JULY, "julio.xlsx").upload_id
    before = store.revision()
    store.set_active(july, False, admin("carla"))
    assert store.revision() == before + 1
    assert seen(store.activities()) == {(*row, june) for row in JUNE}
    store.set_active(june, False, admin("carla"))
    assert store.activities().empty
    store.set_active(july, True, admin("carla"))
    assert seen(store.activities()) == {(*row, july) for row in JULY}
    store.set_active(june, True, admin("carla"))
    assert seen(store.activities()) == {(*row, july) for row in JULY}
    assert_uploads_whole(store)  # retiring kept every activity of both uploads


def test_an_activity_of_another_day_or_platform_is_another_activity(store):
    june = save_log(store, JUNE[1:2], "junio.xlsx").upload_id
    other = [
        ("Temuco", "2025-06-12", "capacitacion_tecnica", "firmagob", 12),  # another day
        ("Temuco", "2025-06-11", "capacitacion_tecnica", "docdigital", 12),  # another platform
        ("Temuco", "2025-06-11", "taller_practico", "firmagob", 12),  # another activity
        ("Padre Las Casas", "2025-06-11", "capacitacion_tecnica", "firmagob", 12),
    ]
    july = save_log(store, other, "julio.xlsx").upload_id
    assert seen(store.activities()) == {(*JUNE[1], june), *((*row, july) for row in other)}


def test_sample_activities_retire_with_their_upload_on_the_first_real_save(store):
    sample = save_log(store, JUNE, "ejemplo.xlsx", user=admin("sistema"), is_sample=True)
    assert len(store.activities()) == 3
    real = save_log(store, JULY[3:], "real.xlsx")
    assert real.retired_samples == 1
    assert seen(store.activities()) == {(*JULY[3], real.upload_id)}
    store.set_active(sample.upload_id, True, admin("carla"))  # the samples can come back
    assert len(store.activities()) == 4


def test_a_coordinator_saves_the_activities_of_their_regions_and_the_rest_are_listed(store):
    rows = [
        *JUNE[:2],
        ("Iquique", "2025-06-20", "mesa_regional", "", 14),  # Tarapacá: row 4
        ("Valdivia", "2025-06-21", "capacitacion_teorica", "", 9),  # Los Ríos: row 5
    ]
    saved = save_log(store, rows, "mixta.xlsx", user=COORDINATOR_09)
    assert saved.activities == 2
    assert set(store.activities()["region_code"]) == {"09"}
    issues = store.upload(saved.upload_id)["report"]["issues"]
    refused = [i for i in issues if i["message"].startswith("fila rechazada")]
    assert [(i["sheet"], i["cell"]) for i in refused] == [
        ("Actividades", "A4"),
        ("Actividades", "A5"),
    ]
    assert "la actividad en Iquique es de la región Tarapacá" in refused[0]["message"]
    assert "Beto (coordinador: 09)" in refused[1]["message"]
    assert store.upload(saved.upload_id)["activities"] == 2
    logged = store.events().query("action == 'rechazar filas'").iloc[0]
    assert logged["detail"] == "2 filas fuera de sus regiones: Actividades!A4, Actividades!A5"
    assert_uploads_whole(store)


def test_activities_all_outside_a_coordinators_regions_are_refused_with_nothing_written(store):
    before = counts(store)
    with pytest.raises(NotAllowed, match="ninguna fila es de las regiones de Beto"):
        save_log(
            store,
            [("Iquique", "2025-06-20", "mesa_regional", "", 14)],
            "t.xlsx",
            user=COORDINATOR_09,
        )
    assert counts(store) == before


def test_a_failure_while_writing_the_activities_leaves_nothing_of_the_upload(store):
    save_log(store, JUNE, "junio.xlsx")
    before, revision = counts(store), store.revision()
    frame = activity_frame(JULY)
    frame.loc[3, "comuna_code"] = None  # the table refuses it: after the upload and its rows
    prepared = with_activities(store.prepare(tracker([["Temuco", "En uso"]]), "rota.xlsx"), frame)
    with pytest.raises(sa.exc.IntegrityError):
        store.save(prepared, user=admin("ana"))
    assert counts(store) == before
    assert store.revision() == revision
    assert len(store.activities()) == 3
    assert_uploads_whole(store)
