"""The accompaniment's figures and slide built from the hand-made frames of test_accompaniment:
their traces, their Spanish labels and hovers, and where the ficha puts each activity in time."""

import datetime as dt
import re

import pandas as pd
import pytest

import analytics
import charts
import slides
from charts.comuna import ACTIVITY_ROW
from tests.test_accompaniment import CUT, make_activities, make_history

ENGLISH = re.compile(
    r"\b(count|sum|month|activity|activities|participants|date|variable|value|step|share|"
    r"None|nan|NaN|NaT|True|False|undefined)\b"
)
SHOWN_KEYS = ("name", "text", "hovertemplate", "ticktext", "texttemplate", "customdata", "x", "y")


@pytest.fixture(scope="module")
def activities() -> pd.DataFrame:
    return analytics.filter_activities(make_activities(), as_of=CUT)


@pytest.fixture(scope="module")
def grid(activities) -> pd.DataFrame:
    return analytics.plan_coverage(activities, ["01", "14"])


def shown_texts(figure) -> list[str]:
    """Every string a person may read on a figure: names, texts, hovers, ticks, annotations."""
    found = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list | tuple) or hasattr(node, "tolist"):
            for v in node.tolist() if hasattr(node, "tolist") else node:
                walk(v, key)
        elif isinstance(node, str) and key in SHOWN_KEYS:
            found.append(node)

    plotly_json = figure.to_plotly_json()
    walk(plotly_json["data"])
    for axis in ("xaxis", "yaxis"):
        walk(plotly_json["layout"].get(axis, {}))
    found += [a["text"] for a in plotly_json["layout"].get("annotations", [])]
    return found


def test_matrix_marks_each_step_a_comuna_had_with_a_check_and_its_date_in_the_hover(grid):
    figure = charts.coverage_matrix(grid)
    cells = figure.data[0]
    assert len(cells.y) == 19  # every comuna of Tarapacá and Los Ríos, reached or not
    assert cells.y[0] == "Alto Hospicio (Iquique)"
    assert cells.x[4] == "Capacitación técnica DocDigital"
    row = list(cells.y).index("Iquique (Iquique)")
    column = list(cells.x).index("Capacitación técnica FirmaGob")
    assert cells.text[row][column] == "✓"
    assert cells.customdata[row][column] == "Capacitación técnica FirmaGob: realizado el 02-04-2025"
    assert cells.text[row][1] == ""
    assert cells.customdata[row][1] == "Diagnóstico: sin registro"
    assert sum(mark == "✓" for line in cells.text for mark in line) == 12


def test_matrix_greys_the_mesa_where_the_region_holds_none_and_names_the_regions(grid):
    figure = charts.coverage_matrix(grid)
    cells = figure.data[0]
    mesa = list(cells.x).index("Mesa regional")
    valdivia = list(cells.y).index("Valdivia (Valdivia)")
    assert cells.customdata[valdivia][mesa] == "Mesa regional: no aplica en la región"
    assert cells.z[valdivia][mesa] == list(charts.COVERAGE_COLORS).index("not_applicable")
    assert [t.name for t in figure.data[1:]] == [
        "Realizado",
        "Sin registro",
        "No aplica en la región",
    ]
    assert [a.text for a in figure.layout.annotations] == [
        f"<b>{charts.region_title('01', 'Tarapacá')}</b>",
        f"<b>{charts.region_title('14', 'Los Ríos')}</b>",
    ]
    (line,) = figure.layout.shapes
    assert line.y0 == line.y1 == 6.5  # below the seven comunas of Tarapacá


def test_coverage_bars_give_each_steps_share_of_the_region_and_leave_out_what_does_not_apply(
    grid,
):
    shares = analytics.coverage_shares(grid)
    figure = charts.coverage_bars(shares[shares["region_code"] == "14"])
    (bars,) = figure.data
    assert "Mesa regional" not in list(bars.y)
    got = dict(zip(bars.y, zip(bars.x, bars.text, strict=True), strict=True))
    assert got["Reunión inicial"] == (pytest.approx(100 / 12), "1 de 12")
    assert got["Asesoría técnica"] == (0, "0 de 12")
    assert list(figure.layout.xaxis.ticktext) == ["0 %", "25 %", "50 %", "75 %", "100 %"]


def test_monthly_bars_stack_activity_kinds_in_the_plans_order_on_every_month(activities):
    figure = charts.monthly_bars(analytics.monthly_activities(activities))
    assert [t.name for t in figure.data] == [
        "Reunión inicial",
        "Diagnóstico",
        "Capacitación técnica",
        "Mesa regional",
        "Otra actividad",
    ]
    assert list(figure.layout.xaxis.categoryarray) == [
        "mar 2025",
        "abr 2025",
        "may 2025",
        "jun 2025",
        "jul 2025",
        "ago 2025",
    ]
    technical = figure.data[2]
    assert list(technical.x) == ["abr 2025", "may 2025", "jun 2025", "jul 2025", "ago 2025"]
    # April: Iquique's training on two platforms is one activity of 12 people; May: two regions
    assert list(technical.y) == [1, 2, 1, 1, 1]
    assert technical.customdata[0].tolist() == [12, 0]
    assert figure.layout.barmode == "stack"


def test_the_ficha_marks_each_activity_at_its_date_between_the_cut_offs():
    history = make_history()
    iquique = history[history["comuna_code"] == "01101"]
    acts = make_activities()
    figure = charts.comuna_timeline(iquique, acts[acts["comuna_code"] == "01101"])
    (marks,) = [t for t in figure.data if t.name == "Actividad de acompañamiento"]
    assert set(marks.y) == {0}
    assert list(figure.layout.yaxis.ticktext) == [ACTIVITY_ROW, "DocDigital", "FirmaGob"]
    assert list(figure.data[0].y) == [1, 2]  # the platforms' rows under the activities
    # cut-offs 31-03 (0), 30-06 (1), 30-09 (2), 91.5 days apart in the median: 10-03 is 21 days
    # before the first; 02-04 two days into a 91-day gap; 20-04 twenty
    assert list(marks.x) == pytest.approx([-21 / 91.5, 2 / 91, 20 / 91])
    assert marks.text[1] == (
        "<b>02-04-2025</b><br>Capacitación técnica · FirmaGob, DocDigital · 12 participantes"
    )
    assert marks.text[2] == "<b>20-04-2025</b><br>Mesa regional"
    assert len(figure.layout.shapes) == 3  # a dotted line down the timeline per day
    assert figure.layout.xaxis.range[0] == pytest.approx(-21 / 91.5 - 0.3)


def test_an_activity_long_before_the_first_cut_off_stays_beside_the_timeline():
    history = make_history()
    valdivia = history[history["comuna_code"] == "14101"]
    acts = make_activities(
        [
            ("14101", "2023-01-10", "reunion_inicial", "", 4),  # 811 days before 31-03-2025
            ("14101", "2025-01-10", "diagnostico", "", 4),  # 80 days before it
        ]
    )
    figure = charts.comuna_timeline(valdivia, acts)
    (marks,) = [t for t in figure.data if t.type == "scatter" and t.name.startswith("Actividad")]
    assert list(marks.x) == pytest.approx([-6, -80 / 91.5])
    assert figure.layout.xaxis.range[0] == pytest.approx(-6.3)
    # months there get muted ticks, a column apart: 01-01-2025 is 89 days before the cut-off
    ticks = dict(zip(figure.layout.xaxis.ticktext, figure.layout.xaxis.tickvals, strict=True))
    months = {re.sub("<[^>]+>", "", text): x for text, x in ticks.items() if "span" in text}
    assert months["ene 2025"] == pytest.approx(-89 / 91.5)
    assert months["oct 2024"] == pytest.approx(-181 / 91.5)  # nov, dic: too close to enero
    assert all(-6 < x <= -0.9 for x in months.values())
    assert sorted(months.values()) == sorted(set(months.values()))
    assert ticks["31-03-2025"] == 0


def test_the_ficha_without_activities_has_no_activity_row():
    figure = charts.comuna_timeline(make_history())
    assert ACTIVITY_ROW not in list(figure.layout.yaxis.ticktext)
    assert list(figure.data[0].y) == [0, 1]
    assert not figure.layout.shapes


def every_figure(activities, grid) -> dict[str, object]:
    history = make_history()
    own = history[history["comuna_code"] == "01101"]
    return {
        "coverage_matrix": charts.coverage_matrix(grid),
        "coverage_bars": charts.coverage_bars(analytics.coverage_shares(grid)),
        "monthly_bars": charts.monthly_bars(analytics.monthly_activities(activities)),
        "comuna_timeline": charts.comuna_timeline(own, activities),
    }


def test_every_figure_speaks_spanish_with_a_decimal_comma(activities, grid):
    for name, figure in every_figure(activities, grid).items():
        assert figure.layout.separators == ",.", name
        texts = shown_texts(figure)
        assert texts, name
        english = [t for t in texts if ENGLISH.search(re.sub(r"%\{[^}]*\}", "", t))]
        assert not english, (name, english[:3])


def test_month_labels_are_spanish_and_short():
    assert [charts.month_label(pd.Timestamp(2025, m, 1)) for m in (1, 9, 12)] == [
        "ene 2025",
        "sep 2025",
        "dic 2025",
    ]


def test_the_deck_ends_with_the_accompaniment_of_a_region_that_has_activities():
    deck = slides.deck(make_history(), make_activities(), "01")
    assert [s.key for s in deck.slides][-2:] == ["evolucion", "acompanamiento"]
    slide = deck.slides[-1]
    assert slide.title == "Acompañamiento"
    assert slide.headline == (
        "En Tarapacá, 2 comunas recibieron capacitación técnica en FirmaGob hace al menos 60 días "
        "y aún no la usan."
    )
    (bars,) = slide.figure.data
    assert dict(zip(bars.y, bars.text, strict=True))["Mesa regional"] == "2 de 7"


def test_the_deck_of_a_region_without_activities_has_no_accompaniment_slide():
    history = make_history()
    acts = make_activities()
    deck = slides.deck(history, acts[acts["region_code"] == "01"], "14")
    assert "acompanamiento" not in [s.key for s in deck.slides]
    # at 30-06 the activities after it do not count, and the headline is the region's own
    june = slides.deck(history, acts, "14", dt.date(2025, 6, 30), days=50)
    assert june.slides[-1].headline == (
        "En Los Ríos, 1 comuna recibió capacitación técnica en PISEE hace al menos 50 días y aún "
        "no la usa."
    )
