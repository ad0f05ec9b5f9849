"""The store's write path checks who writes: readers, no one and other regions' coordinators are
refused there, not only by hidden buttons; refused rows are listed, the rest load."""

import pytest
import sqlalchemy as sa

from access.identity import NOBODY, Identity
from store import NotAllowed
from store.schema import events, files, observations, uploads
from tests.store.conftest import admin, tracker

TARAPACA = [["Iquique", "En uso", "Habilitada"], ["Pica", "En proceso", "No iniciado"]]
ARAUCANIA = [["Temuco", "En uso", "En uso"], ["Lautaro", "Habilitada", "En proceso"]]
COORDINATOR_01 = Identity("Ana", "coordinador", frozenset({"01"}), "oidc")


def counts(store) -> dict[str, int]:
    """How many rows each data table holds."""
    with store.engine.connect() as conn:
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (files, uploads, observations)
        }


@pytest.mark.parametrize(
    "who",
    [
        NOBODY,
        Identity("Lector", "lector", None, "oidc"),
        Identity("Beto", "coordinador", frozenset({"09"}), "local"),
    ],
    ids=["nadie", "lector", "coordinador-de-otra-region"],
)
def test_a_save_without_the_right_is_refused_with_nothing_written(store, who):
    before = counts(store)
    prepared = store.prepare(tracker(TARAPACA), "tarapaca.xlsx")
    with pytest.raises(NotAllowed) as refused:
        store.save(prepared, user=who)
    assert "tarapaca.xlsx" in str(refused.value)
    assert counts(store) == before
    assert store.revision() == 0


def test_rows_of_other_regions_are_refused_and_listed_and_the_rest_load(store):
    data = tracker([*TARAPACA, *ARAUCANIA])
    saved = store.save(store.prepare(data, "mixta.xlsx"), user=COORDINATOR_01)
    assert saved.rows == 2 * 2  # two Tarapacá comunas × two platforms
    assert set(store.current()["region_code"]) == {"01"}
    report = store.upload(saved.upload_id)["report"]
    refused = [i for i in report["issues"] if i["message"].startswith("fila rechazada")]
    assert len(refused) == 4  # Temuco and Lautaro, two platforms each
    # title, date and header take rows 1-3; Tarapacá rows 4-5, then Temuco 6 and Lautaro 7
    assert {i["cell"] for i in refused} == {"B6", "C6", "B7", "C7"}
    assert all("La Araucanía" in i["message"] and "Ana" in i["message"] for i in refused)
    log = store.events()
    logged = log[log["action"] == "rechazar filas"].iloc[0]
    assert logged["who"] == "Ana" and logged["upload_id"] == saved.upload_id
    assert "4 filas" in logged["detail"]


def test_a_file_with_no_row_in_scope_is_refused_whole(store):
    with pytest.raises(NotAllowed, match="ninguna fila"):
        store.save(store.prepare(tracker(ARAUCANIA), "araucania.xlsx"), user=COORDINATOR_01)
    assert counts(store)["uploads"] == 0


def test_only_an_admin_retires_and_restores(store):
    upload = store.save(store.prepare(tracker(TARAPACA), "t.xlsx"), user=COORDINATOR_01).upload_id
    with pytest.raises(NotAllowed, match="administrador"):
        store.set_active(upload, False, COORDINATOR_01)
    assert store.upload(upload)["active"]
    store.set_active(upload, False, admin("Carla"))
    assert not store.upload(upload)["active"]


def test_failed_logins_are_in_the_audit_log(store):
    store.log_event("mallory", "ingreso fallido", "clave incorrecta")
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(events).where(events.c.action == "ingreso fallido")).first()
    assert (row.who, row.upload_id) == ("mallory", None)
