"""The pages' dates when regions are at different cut-offs: each region's own date, each comuna's
last data and its age, only measured points on Evolución, and the chosen regions together."""

import base64
import json
import math

import numpy as np
import pytest

import views
from access.identity import SYSTEM
from settings import load_settings
from store import open_store
from tests.conftest import xlsx_bytes
from tests.pages.conftest import page_text


def tracker(sheet: str, day: str, comuna: str) -> bytes:
    """A one-comuna tracker of a region (its sheet) with its cut-off and source written in it."""
    return xlsx_bytes(
        {
            sheet: [
                [f"Fecha de corte: {day}"],
                ["Fuente: Mesa regional"],
                ["Comuna", "DocDigital", "FirmaGob"],
                [comuna, "En uso", "Habilitada"],
            ]
        }
    )


@pytest.fixture
def uneven(fresh_store):
    """The samples (every region at 30-09-2025), then Iquique at 31-10-2025 and Valdivia at
    14-11-2025: Tarapacá's and Los Ríos' newest cut-offs differ from the others'."""
    store = open_store(load_settings())
    for name, data in (
        ("tarapaca_octubre.xlsx", tracker("Tarapacá", "31/10/2025", "Iquique")),
        ("los_rios_noviembre.xlsx", tracker("Los Ríos", "14/11/2025", "Valdivia")),
    ):
        store.save(store.prepare(data, name), user=SYSTEM, is_sample=True)
    store.engine.dispose()


def chart_spec(at, index: int = 0) -> dict:
    """A plotly chart on the page as the browser gets it."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def values(data: list | dict) -> list[float]:
    """A trace's numbers, also when plotly sends them packed as base64 doubles."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return [np.nan if v is None else v for v in data]


def test_the_freshness_line_and_tiles_give_each_region_its_own_date(uneven, app):
    at = app()
    shown = page_text(at)
    assert (
        "Tarapacá al 31-10-2025 (6 de 7 comunas con un dato anterior) · La Araucanía al "
        "30-09-2025 · Los Lagos al 30-09-2025 · Los Ríos al 14-11-2025 (11 de 12 comunas con "
        "un dato anterior) · GORE Tarapacá, Mesa regional, UFRO"
    ) in shown
    captions = [c.value for c in at.caption]
    assert captions.count("Datos al 30-09-2025") == 2  # La Araucanía and Los Lagos
    assert "Datos al 31-10-2025" in captions and "Datos al 14-11-2025" in captions


def test_resumen_has_a_tile_for_the_chosen_regions_together(uneven, app):
    at = app()
    shown = page_text(at)
    assert "**Total de las regiones elegidas**" in [m.value for m in at.markdown]
    assert "Comunas con datos: 81 de 81" in shown
    assert "Datos al 30-09-2025, al 31-10-2025 y al 14-11-2025" in shown
    one = app(region="Los Ríos")
    assert "Total de las regiones elegidas" not in page_text(one)


def test_an_older_cut_off_is_stated_as_each_comunas_last_data_at_that_date(uneven, app):
    at = app(corte="31-10-2025")
    assert (
        "Último dato de cada comuna al 31-10-2025: Tarapacá al 31-10-2025 (6 de 7 comunas con un "
        "dato anterior) · La Araucanía al 30-09-2025"
    ) in page_text(at)


def test_the_ficha_says_how_old_each_platforms_data_is(uneven, app):
    temuco = page_text(app("pages/comuna.py", cut="09101"))
    assert "Último dato del 30-09-2025, hace 45 días respecto del corte" in temuco
    valdivia = page_text(app("pages/comuna.py", cut="14101"))
    assert "Último dato del 14-11-2025" in valdivia
    assert "hace" not in valdivia.split("Etapa en cada fecha de corte")[0]


def test_brechas_says_which_comunas_show_older_data(uneven, app):
    shown = page_text(app("pages/brechas.py"))
    assert "Último dato de cada comuna a la fecha de corte 14-11-2025: " in shown
    assert "en La Araucanía, 32 comunas con dato del 30-09-2025 (hace 45 días)" in shown
    assert "en Tarapacá, Iquique con dato del 31-10-2025 (hace 14 días)" in shown


def test_evolucion_draws_a_region_only_at_the_cut_offs_it_was_measured(uneven, app):
    at = app("pages/evolucion.py")
    assert views.TREND_CAPTION in page_text(at)
    traces = {t["name"]: t for t in chart_spec(at)["data"]}
    araucania = traces["La Araucanía · En uso"]
    assert max(araucania["x"]) == "2025-09-30T00:00:00"  # nothing carried to 31-10 or 14-11
    rios = traces["Los Ríos · En uso"]
    # Los Ríos: 30-09 measured, 31-10 not (the line breaks), 14-11 measured
    points = dict(zip(rios["x"], values(rios["y"]), strict=True))
    assert math.isnan(points["2025-10-31T00:00:00"])
    assert not math.isnan(points["2025-11-14T00:00:00"])
    colours = {
        t["line"]["color"] for t in chart_spec(at)["data"] if t["name"].startswith("Los Ríos")
    }
    assert colours == {"#4477aa"}
