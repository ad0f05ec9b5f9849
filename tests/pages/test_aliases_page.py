"""Teaching an unknown comuna name on the upload page: the file is read again with it, the next
file of the same source reads it at once, and the history page lists it (and an admin retires
it); driven with AppTest on a real SQLite store."""

import pytest
from streamlit import config as st_config

from access.identity import Identity
from settings import load_settings
from store import AliasRefused, Store
from store.accounts import add_user
from tests.conftest import xlsx_bytes
from tests.pages.conftest import page_text
from tests.pages.test_access_pages import log_in
from tests.pages.test_upload_pages import NEXT_UPLOAD, table, upload

LABEL = "«Villa Imaginaria» (hoja Los Ríos, celda A3)"
ELSEWHERE = Identity("otra sesión", "admin", None, "local")
"""Someone teaching from another session."""


def los_rios(date: str, stage: str) -> bytes:
    """A tracker of Los Ríos that names a comuna nobody knows, «Villa Imaginaria»."""
    return xlsx_bytes(
        {
            "Los Ríos": [
                [f"Fecha de corte: {date}"],
                ["Comuna", "DocDigital", "FirmaGob"],
                ["Villa Imaginaria", stage, "En uso"],
                ["Corral", "En uso", "Habilitada"],
            ]
        }
    )


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def unknown_names(at):
    """The choices offered for the unknown comuna names, by label."""
    return {
        s.label.replace("\\", ""): s for s in at.selectbox if (s.key or "").startswith("alias-0-")
    }


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_a_name_taught_on_the_upload_page_reads_this_file_and_the_next_of_its_source(app):
    at = upload(app("pages/carga.py"), "ufro_octubre.xlsx", los_rios("31/10/2025", "Habilitada"))
    assert metrics(at)["Errores"] == "1" and metrics(at)["Filas leídas"] == "2"
    assert "Comunas desconocidas" in page_text(at)
    choice = unknown_names(at)[LABEL]
    assert choice.options[0] == "Elegir…" and choice.options[-1] == "No es una comuna"
    assert len(choice.options) == 2 + 12  # every comuna of Los Ríos
    choice.select("14107")  # Paillaco
    button(at, "Guardar correspondencias").click().run()
    assert not at.exception
    assert "1 correspondencia guardada para la fuente UFRO" in page_text(at)
    assert metrics(at)["Errores"] == "0" and metrics(at)["Filas leídas"] == "4"
    assert not unknown_names(at)
    assert table(at, "Mensaje").empty  # no error nor warning left, only notes
    button(at, "Guardar").click().run()
    assert f"Guardada como carga n.º {NEXT_UPLOAD}: 4 filas." in page_text(at)

    at = upload(at, "ufro_noviembre.xlsx", los_rios("30/11/2025", "En uso"))
    assert metrics(at)["Errores"] == "0" and metrics(at)["Filas leídas"] == "4"
    assert not unknown_names(at)
    at.pills(key="gravedad-0").set_value(["Nota"]).run()
    notes = table(at, "Mensaje")["Mensaje"]
    assert notes.str.contains(
        "«Villa Imaginaria» se leyó como la comuna Paillaco (14107) por el alias enseñado",
        regex=False,
    ).any()

    at.switch_page("pages/historial.py").run()
    aliases = table(at, "Nombre en la planilla")
    assert aliases[
        ["Fuente", "Nombre en la planilla", "Comuna", "Enseñada por", "Estado"]
    ].values.tolist() == [
        ["UFRO", "Villa Imaginaria", "Paillaco (14107)", "usuario local", "Activa"]
    ]


def test_a_name_marked_as_no_comuna_leaves_its_row_out_without_an_error(app):
    at = upload(app("pages/carga.py"), "ufro_octubre.xlsx", los_rios("31/10/2025", "Habilitada"))
    unknown_names(at)[LABEL].select("No es una comuna")
    button(at, "Guardar correspondencias").click().run()
    assert metrics(at)["Errores"] == "0" and metrics(at)["Filas leídas"] == "2"


def test_saving_without_choosing_asks_for_a_choice(app):
    at = upload(app("pages/carga.py"), "ufro_octubre.xlsx", los_rios("31/10/2025", "Habilitada"))
    button(at, "Guardar correspondencias").click().run()
    assert "Elija una comuna, o «No es una comuna», para al menos un nombre." in page_text(at)
    assert metrics(at)["Errores"] == "1"


def test_a_refused_name_says_why_and_the_file_stays_as_read(app, monkeypatch):
    at = upload(app("pages/carga.py"), "ufro_octubre.xlsx", los_rios("31/10/2025", "Habilitada"))
    # another session taught the name otherwise between this page's run and the click
    refusal = "para la fuente UFRO ya se enseñó que «Villa Imaginaria» es la comuna Valdivia"

    def refuse(*_args):
        raise AliasRefused(refusal)

    monkeypatch.setattr(Store, "teach_alias", refuse)
    unknown_names(at)[LABEL].select("14107")
    button(at, "Guardar correspondencias").click().run()
    assert refusal in page_text(at)
    assert metrics(at)["Errores"] == "1" and LABEL in unknown_names(at)


@pytest.fixture
def shared_address():
    """The server listens on every address, so uploading needs a login, for one test."""
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    yield
    st_config.set_option("server.address", before)


def test_a_coordinator_is_offered_only_the_names_of_their_regions(app, shared_address):
    store = Store(load_settings())
    add_user(store.engine, "ana", "clave-de-prueba-1", "coordinador", ["01"])
    store.engine.dispose()
    at = log_in(app("pages/carga.py"), "ana")
    at = upload(at, "ufro_octubre.xlsx", los_rios("31/10/2025", "Habilitada"))
    assert metrics(at)["Errores"] == "1"
    assert not unknown_names(at) and "Comunas desconocidas" not in page_text(at)


def test_an_admin_retires_a_name_from_the_history_page_after_confirming(app):
    store = Store(load_settings())
    alias_id = store.teach_alias("UFRO", "Villa Imaginaria", "14107", ELSEWHERE)
    store.engine.dispose()
    at = app("pages/historial.py")
    at.button(key="alias-accion").click().run()
    assert f"¿Confirma retirar la correspondencia n.º {alias_id}?" in page_text(at)
    at.button(key="alias-confirmar").click().run()
    assert list(table(at, "Nombre en la planilla")["Estado"]) == ["Retirada"]
    assert not [b for b in at.button if b.key == "alias-accion"]
    assert "Retirar alias" in set(table(at, "Acción")["Acción"])
