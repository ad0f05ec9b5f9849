"""The store keeps each row's alternative (older uploads: empty) and no personal data: not in its
rows, not in its reports, and not the original file that held it."""

import hashlib

import pytest
import sqlalchemy as sa

from store import OriginalNotKept
from store.database import upgrade
from store.schema import MIGRATIONS, files
from tests.conftest import xlsx_bytes
from tests.store.conftest import admin, assert_uploads_whole, save, tracker

OWN_AND_PRIVATE = [
    ["Valdivia", "Desarrollo municipal", "En uso"],
    ["Temuco", "Solución alternativa", "Servicio contratado"],
]
PERSONAL = ["Juana Pérez Soto", "12.345.678-5", "jperez@munivaldivia.cl", "+56 9 8765 4321"]


def alternatives(frame) -> dict[tuple[str, str], tuple[str, str]]:
    """(comuna, platform) -> (stage, alternative) of a store frame."""
    return {
        (r.comuna, r.platform): (r.stage, r.alternative)
        for r in frame.itertuples()
        if r.stage == "alternativa"
    }


def test_the_alternative_is_saved_and_read_back(store):
    save(store, tracker(OWN_AND_PRIVATE), "a.xlsx")
    expected = {
        ("Valdivia", "docdigital"): ("alternativa", "propia"),
        ("Temuco", "docdigital"): ("alternativa", ""),
        ("Temuco", "firmagob"): ("alternativa", "privada"),
    }
    assert alternatives(store.history()) == expected
    assert alternatives(store.current()) == expected
    assert set(store.current()["alternative"]) == {"", "propia", "privada"}


def test_a_version_2_store_with_rows_gains_the_column_and_its_rows_keep_it_empty(engine, store):
    save(store, tracker(OWN_AND_PRIVATE), "antes.xlsx")
    with engine.begin() as conn:  # the store as version 2 left it
        conn.execute(sa.text("ALTER TABLE observations DROP COLUMN alternative"))
        conn.execute(sa.text("ALTER TABLE uploads DROP COLUMN original_kept"))
        conn.execute(sa.text("UPDATE meta SET value = 2 WHERE key = 'schema_version'"))
    assert upgrade(engine) == len(MIGRATIONS) == 5
    assert set(store.history()["alternative"]) == {""}
    assert alternatives(store.history())[("Valdivia", "docdigital")] == ("alternativa", "")
    assert store.upload(1)["original_kept"] is True
    assert store.original(1)[0] == "antes.xlsx"
    rows = [["Valdivia", "Proveedor privado", "En uso"]]
    save(store, tracker(rows, as_of="31/10/2025"), "despues.xlsx")
    assert alternatives(store.current())[("Valdivia", "docdigital")] == ("alternativa", "privada")
    assert upgrade(engine) == len(MIGRATIONS)  # upgrading again changes nothing
    assert_uploads_whole(store)


def personal_tracker() -> bytes:
    """A tracker with the person in charge of each comuna, their RUT, e-mail and phone."""
    header = ["Comuna", "DocDigital", "Responsable", "RUT", "Correo", "Teléfono", ""]
    rows = [
        ["Valdivia", "Sistema propio", *PERSONAL, "otra.persona@gmail.com"],
        ["Temuco", "En uso", "Pedro Rojas", "9876543-K", "projas@temuco.cl", "", ""],
    ]
    return xlsx_bytes({"S": [["Fecha de corte: 30/09/2025"], header, *rows]})


def test_personal_data_reaches_neither_the_rows_nor_the_report_nor_the_kept_file(store, engine):
    data = personal_tracker()
    prepared = store.prepare(data, "con_personas.xlsx", source="UFRO")
    upload_id = store.save(prepared, user=admin("ana")).upload_id
    record = store.upload(upload_id)
    stored = " ".join(
        [
            store.history().to_csv(),
            str(record["report"]),
            store.events().to_csv(),
            store.uploads().to_csv(),
        ]
    )
    for value in [*PERSONAL, "otra.persona@gmail.com", "Pedro Rojas", "projas@temuco.cl"]:
        assert value not in stored
    assert "se omitieron 5 columnas con datos personales" in str(record["report"])
    assert record["original_kept"] is False and record["size"] == len(data)
    with pytest.raises(OriginalNotKept, match="datos personales"):
        store.original(upload_id)
    with engine.connect() as conn:
        assert conn.execute(sa.select(files.c.content)).scalar_one() == b""
    again = store.save(store.prepare(data, "otra_vez.xlsx"), user=admin("ana"))
    assert again.duplicate and again.upload_id == upload_id  # its hash still recognises it
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert_uploads_whole(store)
