"""Every chart on a page comes with its headline and its numbers as a table («Ver como tabla»);
a slide keeps only its headline."""

from tests.pages.conftest import page_text


def tables(at) -> list:
    """The tables under the page's charts, as frames."""
    return [frame.value for e in at.expander if e.label == "Ver como tabla" for frame in e.table]


def test_the_brechas_heatmap_has_its_headline_and_its_stages_as_a_table(app):
    at = app("pages/brechas.py")
    assert "comunas de Tarapacá tienen al menos una plataforma habilitada sin uso" in page_text(at)
    grid = tables(at)[0]
    assert list(grid.columns[:2]) == ["Comuna", "DocDigital"]
    assert set(grid["DocDigital"]) <= {
        "No iniciado",
        "En proceso",
        "Habilitada",
        "En uso",
        "Solución propia",
        "Proveedor privado",
        "Solución alternativa",
        "No aplica",
        "Sin información",
        "—",
    }


def test_the_evolution_table_writes_dates_and_shares_as_in_chile(app):
    at = app("pages/evolucion.py")
    assert "Comunas con DocDigital en uso: en Tarapacá" in page_text(at)
    (trend,) = tables(at)
    assert trend["Fecha de corte"].iloc[0] == "31-03-2025"
    shares = [v for column in trend.columns[1:] for v in trend[column] if v != "—"]
    assert shares and all(v.endswith(" %") and "." not in v for v in shares)


def test_every_chart_of_a_page_has_a_table(app):
    for page, charts in (
        ("pages/resumen.py", 1),
        ("pages/mapa.py", 1),
        ("pages/acompanamiento.py", 2),
    ):
        at = app(page)
        assert len(tables(at)) == charts, page
        assert all(not t.empty for t in tables(at)), page


def test_a_slide_has_its_headline_and_no_table(app):
    at = app(modo="presentacion", region="Los Ríos")
    assert at.header and at.header[0].value
    assert tables(at) == []
