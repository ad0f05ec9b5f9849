"""The Acompañamiento page on the sample data (the UFRO activities logs and the Tarapacá mesa
attendance lists), on an empty store and on a store without activities; and where the other
pages lead to it or show a comuna's activities."""

import csv
import io
import re

from openpyxl import load_workbook

from settings import load_settings
from store import Store
from tests.pages.conftest import downloaded, page_text
from tests.store.conftest import save, tracker

PAGE = "pages/acompanamiento.py"
REGIONS = ("Tarapacá", "La Araucanía", "Los Lagos", "Los Ríos")
HEADLINE = re.compile(
    r"^En (?P<region>.+), (?P<n>\d+) comunas? recibi(ó|eron) capacitación técnica en "
    r"(?P<platform>\S+) hace al menos 60 días y aún no la usan?\."
)


def without_use(at):
    """The «capacitación sin uso» table as the page shows it."""
    return next(d.value for d in at.dataframe if "Días desde la capacitación" in d.value.columns)


def test_every_region_has_its_tiles_and_the_page_every_section(app):
    at = app(PAGE)
    assert not at.exception
    shown = page_text(at)
    assert at.title[0].value == "Acompañamiento"
    for region in REGIONS:
        assert f"**{region}**" in shown
    assert len([m for m in at.metric if m.label == "Comunas con actividades"]) == 4
    assert [s.value for s in at.header] == [
        "Cobertura del plan por comuna",
        "Actividades por mes",
        "Capacitación técnica sin uso",
        "Del entrenamiento al uso",
    ]
    assert "Actividades hasta el " in shown
    assert "Es una comparación, no una causa" in shown
    keys = {b.key for b in at.get("download_button")}
    assert {"cobertura-png", "actividades-mes-png", "sin-uso-csv", "sin-uso-xlsx"} <= keys


def test_the_headline_names_the_largest_group_of_the_list(app):
    at = app(PAGE)
    table = without_use(at)
    headline = next(m.value for m in at.markdown if m.value.startswith("**En "))
    found = HEADLINE.match(re.sub(r"\\(.)", r"\1", headline.strip("*")))
    assert found, headline
    groups = table.groupby(["Región", "Plataforma"]).size()
    assert groups[(found["region"], found["platform"])] == int(found["n"]) == groups.max()
    assert (table["Días desde la capacitación"] >= 60).all()
    assert not table["Etapa al corte"].str.startswith("En uso").any()


def test_the_list_downloads_as_semicolon_csv_with_bom_and_as_excel(app, downloads):
    at = app(PAGE)
    table = without_use(at)
    name, data = downloaded(at, downloads, "sin-uso-csv")
    assert name == "capacitacion_sin_uso_2025-09-30.csv"
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(table.columns)
    assert len(rows) == len(table) + 1
    assert all(re.fullmatch(r"\d\d-\d\d-\d{4}", row[4]) for row in rows[1:])
    name, data = downloaded(at, downloads, "sin-uso-xlsx")
    sheet = load_workbook(io.BytesIO(data))["Capacitación sin uso"]
    assert [c.value for c in sheet[1]] == list(table.columns)
    assert sheet.max_row == len(table) + 1


def test_the_sidebar_filters_apply(app):
    at = app(PAGE, region="Los Ríos", plataforma="FirmaGob")
    shown = page_text(at)
    assert "**Los Ríos**" in shown and "**La Araucanía**" not in shown
    table = (
        without_use(at)
        if any("Días desde la capacitación" in d.value.columns for d in at.dataframe)
        else None
    )
    if table is not None:
        assert set(table["Región"]) <= {"Los Ríos"}
        assert set(table["Plataforma"]) <= {"FirmaGob"}


def test_an_earlier_cut_off_counts_only_the_activities_up_to_it(app):
    newest = page_text(app(PAGE))
    july = page_text(app(PAGE, corte="31-07-2025"))
    assert "Datos al 31-07-2025" in july
    assert re.search(r"Actividades hasta el \d\d-0[1-7]-2025", july)
    assert "posteriores a la fecha de corte no se cuentan" in july
    assert "posterior" not in newest


def test_an_empty_store_explains_how_to_load_activities(empty_store, app):
    at = app(PAGE)
    assert not at.exception
    assert "Todavía no hay actividades de acompañamiento" in page_text(at)
    assert "planilla de actividades" in page_text(at)


def test_a_store_without_activities_explains_how_to_load_them(empty_store, app):
    store = Store(load_settings())
    save(store, tracker([["Temuco", "En uso", "Habilitada"]]), "seguimiento.xlsx")
    store.engine.dispose()
    at = app(PAGE)
    assert not at.exception
    assert "Datos al 30-09-2025" in page_text(at)
    assert "Todavía no hay actividades de acompañamiento" in page_text(at)


def test_an_empty_platform_selection_is_explained(app):
    at = app(PAGE)
    at.multiselect(key="plataforma").set_value([]).run()
    assert "Elija al menos una plataforma" in page_text(at)


def test_resumen_links_to_the_plans_coverage(app):
    at = app()
    (link,) = [e for e in at.get("page_link") if "acompañamiento" in e.proto.label]
    assert link.proto.page == "acompanamiento"


def test_the_ficha_lists_the_comunas_activities(app):
    at = app("pages/comuna.py", cut="09112")
    assert "Actividades de acompañamiento" in [s.value for s in at.header]
    table = next(d.value for d in at.dataframe if "Modalidad" in d.value.columns)
    assert list(table.columns) == [
        "Fecha",
        "Actividad",
        "Plataforma",
        "Modalidad",
        "Participantes",
        "Tema",
    ]
    assert not table.empty
    dates = table["Fecha"].str.replace(r"(\d\d)-(\d\d)-(\d{4})", r"\3\2\1", regex=True)
    assert dates.is_monotonic_decreasing
    assert "Los rombos y las líneas punteadas marcan las actividades" in page_text(at)
