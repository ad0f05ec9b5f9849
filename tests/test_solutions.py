"""The SGD's platform against own and private solutions: counted in analytics, drawn in charts,
written for people in views and exports."""

import io

from openpyxl import load_workbook

import analytics
import charts
import exports
import views
from tests.test_charts import frame

CURRENT = frame(
    [
        ("01101", "Iquique", "docdigital", "alternativa", "2025-09-30"),
        ("01101", "Iquique", "firmagob", "en_uso", "2025-09-30"),
        ("01107", "Alto Hospicio", "docdigital", "alternativa", "2025-09-30"),
        ("01107", "Alto Hospicio", "firmagob", "alternativa", "2025-09-30"),
        ("01405", "Pica", "docdigital", "sin_iniciar", "2025-09-30"),
        ("01405", "Pica", "firmagob", "no_aplica", "2025-09-30"),
        ("14101", "Valdivia", "docdigital", "habilitada", "2025-09-30"),
        ("14101", "Valdivia", "firmagob", "sin_informacion", "2025-09-30"),
    ]
)
CURRENT["alternative"] = ["propia", "", "privada", "", "", "", "", ""]
alternatives = CURRENT["stage"] == "alternativa"
CURRENT.loc[alternatives, "status_raw"] = ["Sistema propio", "Proveedor privado", "Otra plataforma"]


def test_solutions_count_the_scale_each_alternative_and_the_unnamed_ones():
    counts = analytics.solutions(CURRENT)
    got = counts.set_index(["region", "platform"])[analytics.SOLUTION_COLUMNS]
    assert got.to_dict("index") == {
        ("Tarapacá", "docdigital"): {"sgd": 1, "propia": 1, "privada": 1, "sin_detalle": 0},
        ("Tarapacá", "firmagob"): {"sgd": 1, "propia": 0, "privada": 0, "sin_detalle": 1},
        ("Los Ríos", "docdigital"): {"sgd": 1, "propia": 0, "privada": 0, "sin_detalle": 0},
    }  # Valdivia's FirmaGob has no information: in no column, and its group is left out
    assert list(counts["region_code"]) == ["01", "01", "14"]


def test_solutions_of_a_selection_without_rows_are_an_empty_table():
    counts = analytics.solutions(CURRENT.iloc[0:0])
    assert counts.empty and set(analytics.SOLUTION_COLUMNS) <= set(counts.columns)


def test_alternative_rows_list_each_comuna_and_platform_with_its_alternative():
    rows = analytics.alternative_rows(CURRENT)
    assert rows[["comuna", "platform", "alternative"]].values.tolist() == [
        ["Alto Hospicio", "docdigital", "privada"],
        ["Alto Hospicio", "firmagob", ""],
        ["Iquique", "docdigital", "propia"],
    ]


def test_the_comuna_profile_carries_the_alternative():
    profile = analytics.comuna_profile(CURRENT, "01101")
    assert profile[["platform", "alternative"]].values.tolist() == [
        ["docdigital", "propia"],
        ["firmagob", ""],
    ]


def test_the_heatmap_names_own_and_private_solutions_in_its_cells():
    grid = charts.stage_heatmap(CURRENT).data[0]
    cells = dict(zip(grid.y, grid.text.tolist(), strict=True))
    assert cells["Iquique (Iquique)"] == ["Solución propia", "En uso"]
    assert cells["Alto Hospicio (Iquique)"] == ["Proveedor privado", "Solución alternativa"]
    assert "%{text}" in grid.hovertemplate  # the hover says it too


def test_the_comuna_timeline_and_its_comparison_name_the_alternative():
    own = CURRENT[CURRENT["comuna_code"] == "01101"]
    assert charts.comuna_timeline(own).data[0].text.tolist() == [["Solución propia"], ["En uso"]]
    profile = analytics.comuna_profile(CURRENT, "01101")
    assert "comuna: solución propia" in charts.comparison_bars(profile).data[0].y[0]


def test_solution_bars_split_each_platform_into_sgd_own_private_and_unnamed():
    figure = charts.solution_bars(analytics.solutions(CURRENT))
    tarapaca = {t.name: list(t.x) for t in figure.data if t.xaxis == "x"}
    assert tarapaca == {
        "Plataforma SGD": [1, 1],
        "Solución propia": [1, 0],
        "Proveedor privado": [1, 0],
        "Alternativa sin detalle": [0, 1],
    }
    bars = {t.name: t for t in figure.data if t.showlegend}
    assert bars["Proveedor privado"].marker.pattern.shape == "/"
    assert bars["Solución propia"].marker.color == charts.STAGE_COLORS["alternativa"]
    titles = [charts.region_title("01", "Tarapacá"), charts.region_title("14", "Los Ríos")]
    assert [a.text for a in figure.layout.annotations] == titles  # each after its colour
    assert figure.layout.barmode == "stack" and figure.layout.separators == ",."


def test_people_read_the_alternative_in_a_column_of_its_own():
    rows = views.rows_table(CURRENT)
    assert rows["Alternativa"].tolist()[:3] == ["Propia", "", "Privada"]
    profile = views.provenance_table(analytics.comuna_profile(CURRENT, "01101"))
    assert profile["Alternativa"].tolist() == ["Propia", ""]
    assert list(profile.columns[:3]) == ["Plataforma", "Etapa", "Alternativa"]


def test_downloads_say_alternativa_propia_or_privada_in_spanish():
    table = exports.alternatives_table(analytics.alternative_rows(CURRENT))
    text = exports.to_csv(table).decode("utf-8-sig").splitlines()
    assert text[0] == "Región;Comuna;Código;Plataforma;Alternativa;Escrito en la planilla"
    assert text[1:] == [
        "Tarapacá;Alto Hospicio;01107;DocDigital;Privada;Proveedor privado",
        "Tarapacá;Alto Hospicio;01107;FirmaGob;;Otra plataforma",
        "Tarapacá;Iquique;01101;DocDigital;Propia;Sistema propio",
    ]


def test_the_data_workbook_has_the_solutions_per_region_and_platform():
    book = load_workbook(io.BytesIO(exports.data_workbook(CURRENT)))
    header, *body = list(book["Soluciones"].values)
    assert header == (
        "Región",
        "Plataforma",
        "Plataforma SGD",
        "Solución propia",
        "Proveedor privado",
        "Alternativa sin detalle",
    )
    assert body[0] == ("Tarapacá", "DocDigital", 1, 1, 1, 0)
    data = list(book["Datos"].values)
    assert data[1][data[0].index("Alternativa")] == "Propia"  # Spanish headers and labels
