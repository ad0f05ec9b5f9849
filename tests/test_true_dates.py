"""True dates: each region's own cut-off, only measured points on the trend, one colour per
region on every figure, and the chosen regions together."""

import datetime as dt

import pandas as pd
import pytest

import analytics
import charts
import images
import slides
import views
from loaders import empty_activities
from reports.layout import document
from tests.test_analytics import make_history

SEP, OCT, NOV = dt.date(2025, 9, 30), dt.date(2025, 10, 31), dt.date(2025, 11, 14)
# La Araucanía (09) was last measured on 30-09; Los Ríos (14) on 31-10 and 14-11, and
# Tarapacá (01) on 30-09 and 14-11 but not on 31-10 (a gap in its line).
ROWS = [
    (1, SEP, "09101", "docdigital", "habilitada"),
    (1, SEP, "09112", "docdigital", "en_uso"),
    (1, SEP, "14101", "docdigital", "sin_iniciar"),
    (1, SEP, "01101", "docdigital", "en_proceso"),
    (2, OCT, "14101", "docdigital", "habilitada"),
    (3, NOV, "14101", "docdigital", "en_uso"),
    (3, NOV, "14104", "docdigital", "habilitada"),
    (3, NOV, "01101", "docdigital", "habilitada"),
    (3, NOV, "01107", "docdigital", "en_uso"),
]
NAMES = {
    "09": "La Araucanía",
    "14": "Los Ríos",
    "01": "Tarapacá",
    "09101": "Temuco",
    "09112": "Padre Las Casas",
    "14101": "Valdivia",
    "14104": "Los Lagos",
    "01101": "Iquique",
    "01107": "Alto Hospicio",
}


@pytest.fixture
def history() -> pd.DataFrame:
    frame = make_history(ROWS)
    frame["region"] = frame["region_code"].map(NAMES)
    frame["comuna"] = frame["comuna_code"].map(NAMES)
    return frame


@pytest.fixture
def current(history) -> pd.DataFrame:
    return analytics.state_at(history)


def test_each_region_keeps_its_own_newest_cutoff(current):
    dates = analytics.region_dates(current).set_index("region_code")
    assert dates["as_of"].dt.date.to_dict() == {"01": NOV, "09": SEP, "14": NOV}
    assert dates.loc["09", "comunas"] == 2
    assert dates["older"].to_dict() == {"01": 0, "09": 0, "14": 0}


def test_the_freshness_line_gives_each_region_its_date_and_one_date_when_shared(current):
    line = views.freshness(current)
    assert line == (
        "Tarapacá al 14-11-2025 · La Araucanía al 30-09-2025 · Los Ríos al 14-11-2025 · prueba"
    )
    both_at_nov = current[current["region_code"] != "09"]
    assert views.freshness(both_at_nov) == "Datos al 14-11-2025 · prueba"


def test_a_comuna_behind_its_region_is_counted_on_the_freshness_line(history):
    # Los Ríos at 31-10: Valdivia measured then, Los Lagos not yet; Tarapacá's Iquique at 30-09
    at_oct = analytics.state_at(history, OCT)
    line = views.freshness(at_oct, OCT)
    assert line.startswith("Último dato de cada comuna al 31-10-2025: Tarapacá al 30-09-2025 · ")
    assert "Los Ríos al 31-10-2025 ·" in line
    # Los Ríos at 14-11 with Valdivia's last data from 31-10
    mixed = analytics.state_at(history)
    mixed.loc[mixed["comuna_code"] == "14101", "as_of"] = pd.Timestamp(OCT)
    assert "Los Ríos al 14-11-2025 (1 de 2 comunas con un dato anterior)" in views.freshness(mixed)


def test_a_comunas_age_is_said_against_the_cutoff_shown(current):
    assert views.age_label(SEP, NOV) == "dato del 30-09-2025, hace 45 días respecto del corte"
    assert views.age_label(NOV, NOV) == "dato del 14-11-2025"
    assert views.age_label(dt.date(2025, 11, 13), NOV).endswith("hace 1 día respecto del corte")
    ages = analytics.comuna_dates(current, NOV).set_index("comuna_code")["days_behind"]
    assert ages.to_dict() == {
        "01101": 0,
        "01107": 0,
        "09101": 45,
        "09112": 45,
        "14101": 0,
        "14104": 0,
    }
    caption = views.older_data_caption(analytics.comuna_dates(current, NOV), NOV)
    assert caption == (
        "Último dato de cada comuna a la fecha de corte 14-11-2025: en La Araucanía, Padre Las "
        "Casas y Temuco con dato del 30-09-2025 (hace 45 días)."
    )
    at_sep = analytics.comuna_dates(analytics.state_at(current, SEP), SEP)
    assert views.older_data_caption(at_sep, SEP) == ""


def test_the_trend_has_rows_only_where_a_region_was_measured(history):
    trend = analytics.trend(history)
    measured = {(d.date(), r) for d, r in zip(trend["as_of"], trend["region_code"], strict=True)}
    assert measured == {
        (SEP, "01"),
        (NOV, "01"),
        (SEP, "09"),
        (SEP, "14"),
        (OCT, "14"),
        (NOV, "14"),
    }
    # Los Ríos at 14-11: Valdivia (14-11) and Los Lagos (14-11), both measured that day
    nov = trend[(trend["as_of"] == pd.Timestamp(NOV)) & (trend["region_code"] == "14")]
    assert nov[["on_scale", "enabled", "en_uso"]].values.tolist() == [[2, 2, 1]]


def test_the_trend_chart_breaks_a_regions_line_where_it_was_not_measured(history):
    figure = charts.trend_lines(analytics.trend(history), "docdigital")
    lines = {t.name: t for t in figure.data}
    tarapaca = lines["Tarapacá · En uso"]
    dates = [pd.Timestamp(x).date() for x in tarapaca.x]
    assert dates == [SEP, OCT, NOV]
    assert pd.isna(tarapaca.y[1])  # 31-10: not measured, so the line breaks there
    assert not tarapaca.connectgaps
    araucania = lines["La Araucanía · En uso"]
    assert [pd.Timestamp(x).date() for x in araucania.x] == [SEP]  # no line to later dates
    assert all(pd.notna(y) for y in lines["Los Ríos · En uso"].y)


def test_a_region_has_one_colour_on_every_chart_whatever_else_is_chosen(history, current):
    colours = list(charts.REGION_COLORS.values())
    assert len(set(colours)) == len(colours)
    assert charts.region_color("05") == charts.region_color("05")
    trend = charts.trend_lines(analytics.trend(history), "docdigital")
    alone = charts.trend_lines(
        analytics.trend(analytics.filter_frame(history, ["14"])), "docdigital"
    )
    by_trace = {t.name: t.line.color for t in [*trend.data, *alone.data]}
    assert by_trace["Los Ríos · En uso"] == charts.region_color("14")
    assert {t.line.color for t in alone.data} == {charts.region_color("14")}
    assert by_trace["La Araucanía · Habilitada o más"] == charts.region_color("09")
    gaps = charts.gap_bars(analytics.shares(current))
    titles = {a.text for a in gaps.layout.annotations}
    assert charts.region_title("14", "Los Ríos") in titles
    assert charts.region_color("14") in charts.region_title("14", "Los Ríos")
    deck = slides.deck(history, empty_activities(), "14")
    summary = next(s for s in deck.slides if s.key == "resumen")
    assert [a.text for a in summary.figure.layout.annotations] == [
        charts.region_title("14", "Los Ríos")
    ]


def test_coverage_bars_colour_each_region_by_its_code():
    shares = pd.DataFrame(
        {
            "region_code": ["14", "09"],
            "region": ["Los Ríos", "La Araucanía"],
            "step": ["Reunión inicial", "Reunión inicial"],
            "reached": [3, 5],
            "comunas": [12, 32],
            "share": [0.25, 5 / 32],
        }
    )
    figure = charts.coverage_bars(shares)
    assert {t.name: t.marker.color for t in figure.data} == {
        "Los Ríos": charts.region_color("14"),
        "La Araucanía": charts.region_color("09"),
    }


def test_the_total_tile_adds_the_chosen_regions_together(current):
    tiles = analytics.region_tiles(current, ["01", "09", "14"], total=True)
    assert tiles["region_code"].tolist() == ["01", "09", "14", analytics.TOTAL]
    total = tiles.iloc[-1]
    assert total["region"] == "Total de las regiones elegidas"
    assert total["comunas_total"] == tiles["comunas_total"].iloc[:3].sum()
    assert total["comunas_covered"] == 6
    # 6 pairs on the scale: 4 enabled or more (Temuco, PLC, Valdivia, Los Lagos, Iquique, AH)
    assert total["pct_enabled"] == pytest.approx(6 / 6)
    assert total["pct_en_uso"] == pytest.approx(3 / 6)
    assert total["brecha_uso"] == pytest.approx(3 / 6)
    assert views.tile_dates(tiles) == [
        "Datos al 14-11-2025",
        "Datos al 30-09-2025",
        "Datos al 14-11-2025",
        "Datos al 30-09-2025 y al 14-11-2025",
    ]
    one = analytics.region_tiles(current, ["14"], total=True)
    assert one["region_code"].tolist() == ["14"]  # one region: its tile is the total
    empty = analytics.region_tiles(current, ["01", "10"], total=True)
    assert views.tile_dates(empty)[1] == "Sin datos"


def test_the_report_cover_says_the_chosen_regions_together_in_the_regions_colour(
    history, monkeypatch
):
    deck = slides.deck(history, empty_activities(), "14", regions=["09", "14"])
    assert deck.total == (
        "Total de las regiones elegidas (La Araucanía y Los Ríos): 100 % habilitada o más, "
        "50 % en uso, brecha de uso 50 %; 4 de 44 comunas con datos."
    )
    monkeypatch.setattr(images, "renderer", lambda *args, **kwargs: b"png")
    cover = document(deck).pages[0]
    texts = [p.text for e in cover.elements if hasattr(e, "paragraphs") for p in e.paragraphs]
    assert deck.total in texts
    assert [e.color for e in cover.elements if hasattr(e, "color")] == [charts.region_color("14")]
    alone = slides.deck(history, empty_activities(), "14", regions=["14"])
    assert alone.total == ""
