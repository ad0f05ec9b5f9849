"""Schema version 4: a store made new and a version 3 store upgraded end with the same tables,
columns, defaults and indexes; the older uploads keep their rows and brought no activities."""

import sqlalchemy as sa

from store.database import upgrade
from store.schema import MIGRATIONS
from tests.store.conftest import (
    activity_frame,
    admin,
    assert_uploads_whole,
    save,
    tracker,
    with_activities,
)


def schema(engine: sa.Engine) -> dict:
    """Everything the database says about its tables: columns in order with their type,
    nullability and default; primary and foreign keys; indexes."""
    inspector = sa.inspect(engine)
    described = {}
    for table in sorted(inspector.get_table_names()):
        described[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c["default"])
                for c in inspector.get_columns(table)
            ],
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
        }
    return described


def as_version_3(engine: sa.Engine) -> None:
    """Leave the store as version 3 left it: no activities table, no count on the uploads."""
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE activities"))
        conn.execute(sa.text("ALTER TABLE uploads DROP COLUMN activities"))
        conn.execute(sa.text("UPDATE meta SET value = 3 WHERE key = 'schema_version'"))


def test_a_new_store_has_the_activities_table_and_its_indexes(engine):
    described = schema(engine)
    assert [c[0] for c in described["activities"]["columns"]] == [
        "upload_id",
        "region_code",
        "comuna_code",
        "comuna",
        "date",
        "activity",
        "platform",
        "topic",
        "participants",
        "modality",
        "sheet",
        "cell",
    ]
    nullable = {c[0] for c in described["activities"]["columns"] if c[2]}
    assert nullable == {"participants"}
    assert described["activities"]["foreign_keys"] == [(("upload_id",), "uploads", ("id",))]
    assert described["activities"]["indexes"] == [
        ("ix_activities_key", ("comuna_code", "date", "activity", "platform"), False),
        ("ix_activities_upload", ("upload_id",), False),
    ]
    assert described["uploads"]["columns"][-1][:3] == ("activities", "INTEGER", False)


def test_a_version_3_store_upgraded_ends_identical_to_a_new_one_and_keeps_its_uploads(
    engine, store
):
    new = schema(engine)
    first = save(store, tracker([["Temuco", "En uso", "Habilitada"]]), "antes.xlsx")
    as_version_3(engine)
    assert "activities" not in schema(engine)
    assert upgrade(engine) == len(MIGRATIONS) == 5
    assert schema(engine) == new
    assert upgrade(engine) == len(MIGRATIONS)  # upgrading again changes nothing
    assert schema(engine) == new
    record = store.upload(first)
    assert (record["rows"], record["activities"]) == (2, 0)
    assert len(store.history()) == 2 and store.activities().empty
    prepared = store.prepare(tracker([["Temuco", "En uso"]], as_of="31/10/2025"), "despues.xlsx")
    rows = [("Temuco", "2025-10-15", "capacitacion_tecnica", "docdigital", 7)]
    saved = store.save(with_activities(prepared, activity_frame(rows)), user=admin("ana"))
    assert store.upload(saved.upload_id)["activities"] == 1
    assert list(store.activities()["upload_id"]) == [saved.upload_id]
    assert_uploads_whole(store)
