"""The source an upload's form suggests, and a file saved without one."""

import pytest

from access.identity import Identity
from store import UploadRefused
from tests.store.conftest import ROOT, admin, tracker

NAMELESS = tracker([["Temuco", "En uso"]], source=None)
"""A tracker of La Araucanía that names no source."""


def saved(store, data: bytes, name: str, source: str | None = None, **options) -> int:
    """Save a file as an admin, giving that source; its upload number."""
    prepared = store.prepare(data, name)
    return store.save(prepared, user=admin("ana"), source=source, **options).upload_id


def test_a_file_naming_no_source_is_read_with_an_empty_one_never_its_file_name(store):
    prepared = store.prepare(NAMELESS, "seguimiento_temuco.xlsx")
    assert prepared.result.source == ""
    assert set(prepared.result.frame["source"]) == {""}


@pytest.mark.parametrize("given", [None, "", "   "])
def test_a_file_is_not_saved_without_a_source(store, given):
    prepared = store.prepare(NAMELESS, "seguimiento_temuco.xlsx")
    with pytest.raises(UploadRefused, match="indique la fuente"):
        store.save(prepared, user=admin("ana"), source=given)
    assert store.uploads().empty


def test_the_source_given_on_saving_is_kept(store):
    upload_id = saved(store, NAMELESS, "seguimiento_temuco.xlsx", "Municipalidad de Temuco")
    assert store.upload(upload_id)["source"] == "Municipalidad de Temuco"


def test_the_persons_organisation_is_suggested_first(store):
    saved(store, NAMELESS, "a.xlsx", "UACh")
    ana = Identity("ana", "coordinador", frozenset({"09"}), "oidc", organization="UFRO")
    assert store.suggested_source(ana, {"09"}) == "UFRO"


def test_else_the_newest_active_real_upload_of_those_regions_is_suggested(store):
    nobody = admin("eva")
    assert store.suggested_source(nobody, {"09"}) == ""
    first = saved(store, NAMELESS, "a.xlsx", "UACh")
    saved(
        store,
        tracker([["Temuco", "Habilitada"]], as_of="31/10/2025", source=None),
        "b.xlsx",
        "ULagos",
    )
    saved(store, tracker([["Valdivia", "En uso"]], source=None), "c.xlsx", "Otra de Los Ríos")
    assert store.suggested_source(nobody, ["09"]) == "ULagos"
    assert store.suggested_source(nobody, ["14", "01"]) == "Otra de Los Ríos"
    assert store.suggested_source(nobody, ["01"]) == ""
    assert store.suggested_source(nobody, []) == ""
    store.set_active(first + 1, False, nobody)  # a retired upload suggests nothing
    assert store.suggested_source(nobody, ["09"]) == "UACh"


def test_an_upload_of_activities_alone_suggests_its_source_and_samples_never_do(store):
    sample = tracker([["Iquique", "En uso"]], source=None, title="Ejemplo")
    saved(store, sample, "ejemplo.xlsx", "Ficticia", is_sample=True)
    assert store.suggested_source(admin("eva"), ["01"]) == ""
    attendance = ROOT / "tests" / "fixtures" / "activities" / "tarapaca_mesa_asistencia.xlsx"
    saved(store, attendance.read_bytes(), attendance.name)  # it names GORE Tarapacá
    assert store.suggested_source(admin("eva"), ["01"]) == "GORE Tarapacá"
