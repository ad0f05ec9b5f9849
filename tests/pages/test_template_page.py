"""The upload page offers the update template of each region the person may write."""

import datetime as dt

from loaders import load
from tests.pages.conftest import downloaded
from tests.pages.test_access_pages import accounts, address, log_in  # noqa: F401 (fixtures)

LABEL = "Descargar planilla para actualizar — "


def template_buttons(at) -> list[str]:
    """The labels of the page's template buttons."""
    return [b.label for b in at.get("download_button") if b.label.startswith(LABEL)]


def test_the_local_user_gets_every_regions_template_and_it_reads_back(app, downloads):
    at = app("pages/carga.py")
    assert template_buttons(at) == [
        f"{LABEL}{name}" for name in ("Tarapacá", "La Araucanía", "Los Lagos", "Los Ríos")
    ]
    # the workbook is made when the button is clicked, not on every run of the page
    offered = [data for name, data in downloads.values() if name.startswith("planilla_")]
    assert len(offered) == 4 and all(callable(data) for data in offered)
    name, data = downloaded(at, downloads, "planilla-09")
    assert name == "planilla_la-araucania_30-09-2025.xlsx"
    result = load(data, name=name, as_of=dt.date(2025, 10, 31))
    assert (len(result.frame), result.source, result.errors) == (32 * 5, "UFRO", [])


def test_a_coordinator_gets_only_the_templates_of_their_regions(app, accounts, address):  # noqa: F811
    address("0.0.0.0")
    accounts("ana", "coordinador", ["01", "14"])
    at = log_in(app("pages/carga.py"), "ana")
    assert template_buttons(at) == [f"{LABEL}Tarapacá", f"{LABEL}Los Ríos"]
