"""Correcting a saved upload's cut-off or source: who may, what is kept, and the state follows."""

import datetime as dt

import pytest

from access.identity import Identity
from store import NotAllowed, UnknownUpload, UploadRefused
from tests.store.conftest import admin, save, tracker

TODAY = dt.date(2025, 11, 15)
SEPTEMBER, OCTOBER = dt.date(2025, 9, 30), dt.date(2025, 10, 31)


def coordinator(name: str, *regions: str) -> Identity:
    """A coordinator of those regions."""
    return Identity(name, "coordinador", frozenset(regions), "local")


def temuco(store, stage: str = "En uso", as_of: str = "30/09/2025", *, user=None) -> int:
    """Save a tracker with Temuco's DocDigital at that stage and cut-off; its upload number."""
    data = tracker([["Temuco", stage]], as_of=as_of, title=f"Temuco {stage} {as_of}")
    return store.save(store.prepare(data, "temuco.xlsx"), user=user or admin("ana")).upload_id


def docdigital(frame) -> list[tuple[str, str, int]]:
    """Temuco's DocDigital rows of a store frame: stage, date, upload."""
    rows = frame[(frame.comuna == "Temuco") & (frame.platform == "docdigital")]
    return [(r.stage, r.as_of.date().isoformat(), r.upload_id) for r in rows.itertuples()]


def test_an_admin_corrects_the_cut_off_and_the_state_history_and_audit_follow(store):
    upload_id = temuco(store)
    before = store.revision()
    rev = store.correct_upload(upload_id, admin("eva"), as_of=OCTOBER, today=TODAY)
    assert rev == before + 1 == store.revision()
    assert docdigital(store.current()) == [("en_uso", "2025-10-31", upload_id)]
    assert docdigital(store.history()) == [("en_uso", "2025-10-31", upload_id)]
    record = store.upload(upload_id)
    assert (record["as_of"], record["revision"]) == (OCTOBER, rev)
    corrections = store.corrections(upload_id)
    assert corrections[["field", "old_value", "new_value", "who"]].values.tolist() == [
        ["as_of", "2025-09-30", "2025-10-31", "eva"]
    ]
    events = store.events()
    latest = events.iloc[0]
    assert (latest.action, latest.who, latest.upload_id) == ("corregir", "eva", upload_id)
    assert latest.detail == "fecha de corte 30-09-2025 → 31-10-2025"


def test_a_corrected_cut_off_decides_which_upload_is_current(store):
    august = temuco(store, "Habilitada", "31/08/2025")
    september = temuco(store, "En uso", "30/09/2025")
    assert docdigital(store.current()) == [("en_uso", "2025-09-30", september)]
    store.correct_upload(august, admin("eva"), as_of=dt.date(2025, 10, 15), today=TODAY)
    assert docdigital(store.current()) == [("habilitada", "2025-10-15", august)]
    assert docdigital(store.current(SEPTEMBER)) == [("en_uso", "2025-09-30", september)]


def test_a_corrected_source_shows_in_the_uploads_and_the_rows(store):
    upload_id = temuco(store)
    store.correct_upload(upload_id, admin("eva"), source="  UACh ")
    assert store.uploads().set_index("id").at[upload_id, "source"] == "UACh"
    assert set(store.history()["source"]) == {"UACh"}
    assert store.events().iloc[0].detail == "fuente «UFRO» → «UACh»"
    assert store.corrections(upload_id)[["old_value", "new_value"]].values.tolist() == [
        ["UFRO", "UACh"]
    ]


def test_both_fields_corrected_at_once_leave_a_correction_and_an_event_each(store):
    upload_id = temuco(store)
    rev = store.correct_upload(upload_id, admin("eva"), as_of=OCTOBER, source="ULagos", today=TODAY)
    assert store.revision() == rev
    assert list(store.corrections(upload_id)["field"]) == ["as_of", "source"]
    assert list(store.events()["action"][:2]) == ["corregir", "corregir"]


def test_the_same_values_change_nothing(store):
    upload_id = temuco(store)
    before, events = store.revision(), len(store.events())
    assert store.correct_upload(upload_id, admin("eva"), as_of=SEPTEMBER, source="UFRO") == before
    assert store.correct_upload(upload_id, admin("eva")) == before
    assert store.revision() == before
    assert store.corrections(upload_id).empty
    assert len(store.events()) == events


def test_the_coordinator_who_uploaded_it_may_correct_it(store):
    ana = coordinator("ana", "09")
    upload_id = temuco(store, user=ana)
    assert store.may_correct(upload_id, ana)
    store.correct_upload(upload_id, ana, as_of=OCTOBER, today=TODAY)
    assert store.upload(upload_id)["as_of"] == OCTOBER


@pytest.mark.parametrize(
    "who",
    [
        coordinator("beto", "09"),
        coordinator("ana", "14"),
        Identity("ana", "lector", frozenset(), "local"),
    ],
    ids=["otro-coordinador", "fuera-de-sus-regiones", "lector"],
)
def test_others_may_not_correct_an_upload_and_nothing_changes(store, who):
    upload_id = temuco(store, user=coordinator("ana", "09"))
    before = store.revision()
    assert not store.may_correct(upload_id, who)
    with pytest.raises(NotAllowed, match="no puede corregir la carga"):
        store.correct_upload(upload_id, who, as_of=OCTOBER, today=TODAY)
    assert store.revision() == before
    assert store.upload(upload_id)["as_of"] == SEPTEMBER
    assert store.corrections(upload_id).empty


def test_sample_data_is_not_corrected(store):
    data = tracker([["Temuco", "En uso"]])
    saved = store.save(store.prepare(data, "ejemplo.xlsx"), user=admin("sistema"), is_sample=True)
    assert not store.may_correct(saved.upload_id, admin("eva"))
    with pytest.raises(UploadRefused, match="datos de ejemplo ficticios"):
        store.correct_upload(saved.upload_id, admin("eva"), source="UACh")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": "   "}, "la fuente no puede quedar vacía"),
        ({"source": "x" * 121}, "hasta 120 caracteres"),
        ({"as_of": dt.date(2025, 11, 16)}, r"posterior a hoy \(15-11-2025\)"),
    ],
    ids=["fuente-vacia", "fuente-larga", "fecha-futura"],
)
def test_a_bad_correction_is_refused_and_nothing_changes(store, change, message):
    upload_id = temuco(store)
    before = store.revision()
    with pytest.raises(UploadRefused, match=message):
        store.correct_upload(upload_id, admin("eva"), today=TODAY, **change)
    assert store.revision() == before
    assert (store.upload(upload_id)["source"], store.upload(upload_id)["as_of"]) == (
        "UFRO",
        SEPTEMBER,
    )


def test_a_log_whose_rows_carry_their_own_dates_has_no_cut_off_to_correct(store, make_xlsx):
    rows = [
        ["Fecha del registro", "Comuna", "Plataforma", "Estado"],
        ["03/10/2025", "Temuco", "FirmaGob", "En proceso"],
        ["17/10/2025", "Temuco", "FirmaGob", "En uso"],
    ]
    upload_id = save(store, make_xlsx({"Bitácora": rows}), "bitacora.xlsx")
    with pytest.raises(UploadRefused, match="tienen su propia fecha"):
        store.correct_upload(upload_id, admin("eva"), as_of=OCTOBER, today=TODAY)
    assert sorted(store.history()["as_of"].dt.day) == [3, 17]
    store.correct_upload(upload_id, admin("eva"), source="UACh")  # its source can be
    assert set(store.history()["source"]) == {"UACh"}


def test_an_unknown_upload_is_named(store):
    with pytest.raises(UnknownUpload, match=r"no existe la carga n\.º 7"):
        store.correct_upload(7, admin("eva"), source="UFRO")
