"""What the pages write for people: untrusted text made inert, the freshness line, day labels."""

import re

import pandas as pd
import pytest

import analytics
import views
from loaders import Issue
from tests.test_accompaniment import CUT, make_activities, make_history

JOINER = "\u2060"


def rendered(markdown: str) -> str:
    """The text a Markdown renderer shows for backslash-escaped text."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize(
    "text",
    [
        "[clic](http://x.example)",
        "<script>alert(1)</script>",
        "**negrita** _cursiva_ `código` # título",
        "$x^2$ ~~tachado~~ | tabla |",
        ":material/lock: :red[rojo]",
        "a\\b",
    ],
)
def test_markup_is_escaped_and_reads_as_written(text):
    escaped = views.escape_markdown(text)
    assert rendered(escaped).replace(JOINER, "") == text
    for mark in "[]()<>*_`#$~|:":
        assert f"\\{mark}" in escaped or mark not in text


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("http://x.example", "http:" + JOINER + "//"),
        ("visite www.x.example", "www" + JOINER + "."),
        ("ana@x.example", "ana" + JOINER + "@"),
        ("HTTPS://X.EXAMPLE", "HTTPS:" + JOINER + "//"),
    ],
)
def test_addresses_are_kept_from_becoming_links(text, broken):
    assert broken in rendered(views.escape_markdown(text))


def test_freshness_names_the_newest_date_and_the_sources_escaped():
    frame = pd.DataFrame(
        {
            "region_code": ["14", "14"],
            "region": ["Los Ríos", "Los Ríos"],
            "comuna_code": ["14101", "14101"],
            "as_of": pd.to_datetime(["2025-09-30", "2025-09-30"]),
            "source": ["UFRO", "[x](http://y)"],
        }
    )
    line = views.freshness(frame)
    assert line.startswith("Datos al 30-09-2025 · ")
    assert "\\[x\\]" in line and "](" not in line
    assert views.freshness(frame.iloc[0:0]) == "Sin datos para la selección."


def test_day_label_is_written_as_in_chile():
    assert views.day_label("2025-09-30") == "30-09-2025"


def test_a_comunas_activities_are_listed_newest_first_in_spanish():
    acts = make_activities()
    iquique = acts[acts["comuna_code"] == "01101"].assign(modality=["presencial", "remota", "", ""])
    iquique["modality"] = iquique["modality"].replace("", None)
    table = views.comuna_activities_table(iquique)
    assert list(table.columns) == [
        "Fecha",
        "Actividad",
        "Plataforma",
        "Modalidad",
        "Participantes",
        "Tema",
    ]
    assert table[["Fecha", "Actividad", "Plataforma", "Modalidad"]].values.tolist() == [
        ["20-04-2025", "Mesa regional", "—", "—"],
        ["02-04-2025", "Capacitación técnica", "FirmaGob", "Remota"],
        ["02-04-2025", "Capacitación técnica", "DocDigital", "—"],
        ["10-03-2025", "Reunión inicial", "—", "Presencial"],
    ]
    assert table["Participantes"].tolist() == ["—", "12", "12", "8"]


def test_times_to_use_read_as_medians_and_parts_of_a_whole():
    acts = analytics.filter_activities(make_activities(), as_of=CUT)
    table = views.training_to_use_table(analytics.training_to_use(acts, make_history(), CUT))
    by_platform = table.set_index("Plataforma")
    assert by_platform.loc["FirmaGob"].tolist() == [
        "3",
        "113,5 (2 comunas)",
        "—",
        "67 % (2 de 3)",
        "50 % (1 de 2)",
        "15-05-2025 a 13-08-2025",
    ]
    assert by_platform.loc["DocDigital", "Días hasta en uso (mediana)"] == "89 (1 comuna)"
    assert by_platform.loc["PISEE"].tolist()[1:] == ["—"] * 5
    assert list(table.columns)[4:6] == [
        "Capacitadas que avanzaron en 90 días",
        "No capacitadas que avanzaron en 90 días",
    ]


def test_the_without_use_caption_explains_a_missing_stage_only_when_there_is_one():
    acts = analytics.filter_activities(make_activities(), as_of=CUT)
    rows = analytics.training_without_use(acts, make_history(), CUT)
    caption = views.without_use_caption(60, rows)
    assert caption.startswith(
        "Comunas cuya última capacitación técnica en una plataforma fue hace 60"
    )
    assert "«Sin dato a esa fecha»" in caption and "«Sin dato»:" in caption
    known = views.without_use_caption(60, rows[rows["comuna"] == "Iquique"])
    assert "Sin dato" not in known


def test_coverage_and_months_tables_speak_spanish():
    acts = analytics.filter_activities(make_activities(), as_of=CUT)
    shares = analytics.coverage_shares(analytics.plan_coverage(acts, ["14"]))
    coverage = views.coverage_table(shares).set_index("Paso del plan")
    assert coverage.loc["Reunión inicial", "% de las comunas"] == "8 %"
    assert coverage.loc["Mesa regional", "% de las comunas"] == "no aplica"
    months = views.monthly_table(analytics.monthly_activities(acts))
    assert months.iloc[0].tolist() == ["mar 2025", "Tarapacá", "Reunión inicial", 2, 8, 1]


@pytest.mark.parametrize(
    ("later", "said"),
    [
        (0, "Todavía no hay actividades de acompañamiento para esta selección."),
        (1, "La actividad de la selección es posterior a la fecha de corte"),
        (3, "Las 3 actividades de la selección son posteriores a la fecha de corte"),
    ],
)
def test_a_selection_without_activities_says_why_and_what_to_do(later, said):
    assert views.no_activities(later).startswith(said)


def test_the_activities_line_says_up_to_when_and_how_many_came_later():
    acts = make_activities()
    assert views.activities_freshness(acts, 1) == (
        "Actividades hasta el 15-10-2025 · UFRO · 1 posterior a la fecha de corte no se cuenta"
    )
    assert views.activities_freshness(acts.iloc[0:0]) == "Sin actividades para la selección."


def test_report_table_shows_found_and_expected_errors_first():
    issues = [
        Issue("warning", "S", "A4", "«Pto. Montt» se leyó como Puerto Montt", found="Pto. Montt"),
        Issue("error", "S", "B3", "estado ilegible «x»", "un estado", "x"),
    ]
    table = views.report_table(issues)
    assert list(table.columns) == ["Gravedad", "Hoja", "Celda", "Encontrado", "Esperado", "Mensaje"]
    assert table.iloc[0].to_dict() == {
        "Gravedad": "Error",
        "Hoja": "S",
        "Celda": "B3",
        "Encontrado": "x",
        "Esperado": "un estado",
        "Mensaje": "estado ilegible «x»; se esperaba un estado",
    }


def test_a_report_stored_before_found_and_expected_existed_still_shows():
    stored = [{"severity": "error", "sheet": "S", "cell": "A3", "message": "comuna desconocida"}]
    table = views.report_table(stored)
    assert list(table.columns) == ["Gravedad", "Hoja", "Celda", "Mensaje"]
    assert table.iloc[0].tolist() == ["Error", "S", "A3", "comuna desconocida"]
    mixed = views.report_table([*stored, Issue("info", "S", "", "nota").as_dict()])
    assert mixed["Encontrado"].tolist() == ["", ""]


def test_the_changes_summary_counts_changes_regressions_and_new_comunas_but_not_the_same():
    changes = pd.DataFrame(
        {
            "region": ["Los Ríos"] * 4,
            "comuna_code": ["14101", "14101", "14102", "14103"],
            "comuna": ["Valdivia", "Valdivia", "Corral", "Lanco"],
            "platform": ["docdigital", "firmagob", "docdigital", "docdigital"],
            "before": ["en_uso", "en_uso", "habilitada", None],
            "after": ["en_uso", "habilitada", "en_uso", "en_uso"],
            "change": ["igual", "retrocede", "avanza", "comuna_nueva"],
        }
    )
    sentence, table = views.changes_summary(changes, first_real=False)
    assert sentence == "3 cambios, 1 retrocesos, 1 comunas nuevas."
    assert len(table) == 3
    sentence, table = views.changes_summary(changes, first_real=True)
    assert sentence.startswith("nada que comparar todavía (primera carga real") and table.empty


def test_the_source_origin_says_where_the_offered_source_comes_from():
    assert views.source_origin("UFRO", "UFRO", None) == "La fuente que nombra la planilla."
    assert "su organización" in views.source_origin("", "GORE Tarapacá", "GORE Tarapacá")
    assert "última carga" in views.source_origin("", "UACh", "GORE Tarapacá")
    assert "escriba de dónde" in views.source_origin("", "", None)


def test_the_saved_message_says_rows_activities_and_retired_samples():
    from store import Saved

    assert views.saved_message(Saved(14, 3, 40, retired_samples=13)) == (
        "Guardada como carga n.º 14: 40 filas. Los datos de ejemplo se retiraron del tablero."
    )
    assert views.saved_message(Saved(15, 4, 2, activities=5)) == (
        "Guardada como carga n.º 15: 2 filas y 5 actividades."
    )
    assert views.saved_message(Saved(9, None, 0, duplicate=True)) == (
        "Este archivo ya estaba cargado (carga n.º 9)."
    )
