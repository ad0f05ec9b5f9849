"""An update template uploaded by a coordinator of another region: its rows are refused, as those
of any file are."""

import datetime as dt

import pytest

from access.identity import Identity
from loaders import load
from store import NotAllowed, within_scope
from template import update_template
from tests.conftest import xlsx_bytes


def test_a_template_of_another_region_is_refused_row_by_row_for_a_coordinator(store):
    rows = [["Comuna", "DocDigital", "FirmaGob"], ["Temuco", "En uso", "Habilitada"]]
    current = load(xlsx_bytes({"La Araucanía": [["Fecha de corte: 30/09/2025"], *rows]})).frame
    data = update_template(current, "09", source="UFRO", as_of=dt.date(2025, 10, 31))
    coordinator = Identity("Rosa", "coordinador", frozenset({"14"}), "local")
    prepared = store.prepare(data, "planilla_la-araucania.xlsx")
    kept, refused = within_scope(prepared.result, coordinator)
    assert kept.frame.empty and len(refused) == len(prepared.result.frame) == 32 * 5
    assert all(i.message.startswith("fila rechazada: ") for i in refused)
    with pytest.raises(NotAllowed, match="ninguna fila"):
        store.save(prepared, user=coordinator)
    assert store.current().empty


def test_the_regions_own_coordinator_saves_the_template_whole(store):
    rows = [["Comuna", "DocDigital", "FirmaGob"], ["Temuco", "En uso", "Habilitada"]]
    current = load(xlsx_bytes({"La Araucanía": [["Fecha de corte: 30/09/2025"], *rows]})).frame
    data = update_template(current, "09", source="UFRO", as_of=dt.date(2025, 10, 31))
    coordinator = Identity("Rosa", "coordinador", frozenset({"09"}), "local")
    saved = store.save(store.prepare(data, "planilla_la-araucania.xlsx"), user=coordinator)
    assert saved.rows == 32 * 5
    upload = store.upload(saved.upload_id)
    assert (upload["source"], str(upload["as_of"])) == ("UFRO", "2025-10-31")
    temuco = store.current().query("comuna == 'Temuco'").set_index("platform")["stage"]
    assert (temuco["docdigital"], temuco["firmagob"]) == ("en_uso", "habilitada")
