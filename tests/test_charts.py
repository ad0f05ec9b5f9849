"""The figures' data: one colour per stage, the contract's order, Spanish labels, no tiles."""

import pandas as pd

import analytics
import charts
import geo
from loaders import COLUMNS
from loaders.vocabulary import STAGES


def frame(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """A current state from (comuna_code, comuna, platform, stage, as_of) tuples, in the contract."""
    data = pd.DataFrame(rows, columns=["comuna_code", "comuna", "platform", "stage", "as_of"])
    data["region_code"] = data["comuna_code"].str[:2]
    data["region"] = data["region_code"].map({"01": "Tarapacá", "14": "Los Ríos"})
    data["status_raw"] = data["stage"].str.upper()
    data["alternative"] = ""
    data["as_of"] = pd.to_datetime(data["as_of"]).astype("datetime64[s]")
    data["source"], data["file"], data["sheet"] = "UFRO", "f.xlsx", "Hoja"
    data["cell"] = [f"B{i + 2}" for i in range(len(data))]
    return data[list(COLUMNS)]


CURRENT = frame(
    [
        ("01101", "Iquique", "docdigital", "en_uso", "2025-09-30"),
        ("01101", "Iquique", "firmagob", "habilitada", "2025-09-30"),
        ("01107", "Alto Hospicio", "docdigital", "habilitada", "2025-09-30"),
        ("01107", "Alto Hospicio", "firmagob", "habilitada", "2025-09-30"),
        ("14101", "Valdivia", "docdigital", "sin_iniciar", "2025-09-30"),
        ("14101", "Valdivia", "firmagob", "no_aplica", "2025-09-30"),
    ]
)


def test_every_stage_has_its_own_colour_and_the_scale_is_ordered_light_to_dark():
    assert set(charts.STAGE_COLORS) == set(STAGES)
    assert len(set(charts.STAGE_COLORS.values())) == len(STAGES)

    def lightness(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    ramp = [lightness(charts.STAGE_COLORS[s]) for s in analytics.ON_SCALE]
    assert ramp == sorted(ramp, reverse=True)  # each stage darker than the one before
    for stage in STAGES[len(analytics.ON_SCALE) :]:  # off the scale: greys
        r, g, b = (int(charts.STAGE_COLORS[stage][i : i + 2], 16) for i in (1, 3, 5))
        assert r == g == b


def test_gap_chart_puts_en_uso_and_habilitada_of_each_region_on_the_same_row():
    figure = charts.gap_bars(analytics.shares(CURRENT))
    dots = [t for t in figure.data if t.mode == "markers"]
    assert [t.name for t in dots] == ["Habilitada o más", "En uso"] * 2
    tarapaca_enabled, tarapaca_used = dots[0], dots[1]
    assert list(tarapaca_used.y) == ["DocDigital", "FirmaGob"]
    # Tarapacá: DocDigital 1 of 2 en uso, 2 of 2 enabled; FirmaGob 0 of 2 en uso, 2 of 2 enabled
    assert list(tarapaca_used.x) == [50.0, 0.0]
    assert list(tarapaca_enabled.x) == [100.0, 100.0]
    assert tarapaca_used.marker.color == charts.STAGE_COLORS["en_uso"]
    assert [a.text for a in figure.layout.annotations] == [
        charts.region_title("01", "Tarapacá"),
        charts.region_title("14", "Los Ríos"),
    ]
    assert figure.layout.separators == ",."


def test_gap_chart_draws_en_uso_over_habilitada_as_a_smaller_other_mark():
    figure = charts.gap_bars(analytics.shares(CURRENT))
    enabled, used = [t for t in figure.data if t.mode == "markers"][:2]
    # Valdivia alone in Los Ríos has DocDigital at 0 % and 0 %: on the same spot both must show
    assert used.marker.symbol != enabled.marker.symbol
    assert used.marker.size < enabled.marker.size  # drawn after, inside the circle
    assert figure.data.index(used) > figure.data.index(enabled)


def test_gap_chart_hover_of_either_mark_says_both_shares_and_the_gap():
    figure = charts.gap_bars(analytics.shares(CURRENT))
    rios = [t for t in figure.data if t.mode == "markers" and t.xaxis == "x2"]
    assert [t.x[0] for t in rios] == [0.0, 0.0]  # Valdivia's DocDigital: both at 0 %
    assert list(rios[0].text) == list(rios[1].text)
    text = rios[0].text[0]
    assert text.startswith("<b>Los Ríos · DocDigital</b>")
    assert "Habilitada o más: 0 % (0 de 1 comuna)" in text
    assert "En uso: 0 % (0 de 1 comuna)" in text
    assert "Brecha de uso: 0 %" in text


def test_gap_chart_draws_dots_at_0_and_100_whole_and_apart_from_the_labels():
    figure = charts.gap_bars(analytics.shares(CURRENT))
    low, high = figure.layout.xaxis.range
    assert low < 0 and high > 100  # room for the dots at either end
    assert all(t.cliponaxis is False for t in figure.data if t.mode == "markers")
    assert figure.layout.yaxis.ticklabelstandoff > 0


def test_heatmap_colours_each_cell_by_its_stage_and_groups_comunas_by_region():
    figure = charts.stage_heatmap(CURRENT)
    grid = figure.data[0]
    assert list(grid.x) == ["DocDigital", "FirmaGob"]
    assert list(grid.y) == ["Alto Hospicio (Iquique)", "Iquique (Iquique)", "Valdivia (Valdivia)"]
    assert grid.text.tolist() == [
        ["Habilitada", "Habilitada"],
        ["En uso", "Habilitada"],
        ["No iniciado", "No aplica"],
    ]
    # the colour of a cell is the colour of its stage on the stepped scale
    for row, stages in zip(grid.z, [["habilitada"] * 2, ["en_uso", "habilitada"]], strict=False):
        for z, stage in zip(row, stages, strict=True):
            band = [c for v, c in grid.colorscale if v <= (z + 0.5) / len(STAGES)][-1]
            assert band == charts.STAGE_COLORS[stage]
    legend = [t.name for t in figure.data if t.type == "scatter" and t.mode == "markers"]
    assert legend == ["No iniciado", "Habilitada", "En uso", "No aplica"]  # the scale's order
    assert [a.text for a in figure.layout.annotations] == [
        f"<b>{charts.region_title('01', 'Tarapacá')}</b>",
        f"<b>{charts.region_title('14', 'Los Ríos')}</b>",
    ]


def test_heatmap_sorted_by_gap_puts_the_most_enabled_without_use_first():
    figure = charts.stage_heatmap(CURRENT, order="brecha")
    shown = list(figure.data[0].y)
    assert shown[0] == "Alto Hospicio (Iquique)"  # 2 habilitada sin uso
    assert shown[-1] == "Valdivia (Valdivia)"  # none


def test_comuna_history_writes_the_stage_of_every_platform_at_every_cut_off():
    history = frame(
        [
            ("01101", "Iquique", "docdigital", "habilitada", "2025-07-31"),
            ("01101", "Iquique", "docdigital", "en_uso", "2025-09-30"),
            ("01101", "Iquique", "firmagob", "en_proceso", "2025-09-30"),
        ]
    )
    figure = charts.comuna_timeline(history)
    grid = figure.data[0]
    assert list(figure.layout.xaxis.ticktext) == ["31-07-2025", "30-09-2025"]
    assert list(figure.layout.xaxis.tickvals) == list(grid.x) == [0, 1]
    assert list(figure.layout.yaxis.ticktext) == ["DocDigital", "FirmaGob"]
    assert grid.text.tolist() == [["Habilitada", "En uso"], ["Sin dato", "En proceso"]]


def test_trend_draws_en_uso_solid_and_habilitada_dotted_for_one_platform():
    trend = analytics.trend(CURRENT)
    figure = charts.trend_lines(trend, "docdigital")
    styles = {t.name: t.line.dash for t in figure.data}
    assert styles == {
        "Tarapacá · En uso": "solid",
        "Los Ríos · En uso": "solid",
        "Tarapacá · Habilitada o más": "dot",
        "Los Ríos · Habilitada o más": "dot",
    }


def test_plotly_speaks_spanish_inside_streamlit():
    locale = charts.PLOTLY_CONFIG["locales"][charts.PLOTLY_CONFIG["locale"]]
    assert locale["format"]["months"][8] == "Septiembre"
    assert (locale["format"]["decimal"], locale["format"]["thousands"]) == (",", ".")
    assert locale["dictionary"]["Download plot as a PNG"] == "Descargar como PNG"


def every_figure() -> dict[str, object]:
    """One figure of each kind the dashboard draws, from the small state above."""
    geojson = geo.comunas_geojson(("14",))
    index, kind = analytics.map_measure(CURRENT, "brecha")
    return {
        "gap_bars": charts.gap_bars(analytics.shares(CURRENT)),
        "stage_heatmap": charts.stage_heatmap(CURRENT),
        "choropleth": charts.choropleth(index, geojson, geo.map_view(geojson), "Brecha", kind),
        "comuna_timeline": charts.comuna_timeline(CURRENT),
        "comparison_bars": charts.comparison_bars(analytics.comuna_profile(CURRENT, "01101")),
        "trend_lines": charts.trend_lines(analytics.trend(CURRENT), "docdigital"),
        "stage_shares": charts.stage_shares(CURRENT),
        "priorities_table": charts.priorities_table(analytics.priorities(CURRENT)),
        "trend_by_platform": charts.trend_by_platform(analytics.trend(CURRENT)),
    }


def test_every_figure_writes_numbers_with_a_decimal_comma():
    for name, figure in every_figure().items():
        assert figure.layout.separators == ",.", name


def test_share_axes_and_dates_are_written_as_in_chile():
    figure = charts.trend_lines(analytics.trend(CURRENT), "docdigital")
    assert list(figure.layout.yaxis.ticktext) == ["0 %", "25 %", "50 %", "75 %", "100 %"]
    assert figure.layout.xaxis.tickformat == "%d-%m-%Y"
    assert "%{x|%d-%m-%Y}" in figure.data[0].hovertemplate


def test_the_gap_chart_draws_a_panel_for_each_of_sixteen_regions():
    shares = pd.DataFrame(
        [
            {
                "region": f"Región {code}",
                "region_code": code,
                "platform": "docdigital",
                "on_scale": 10,
                "enabled": 5,
                "en_uso": 2,
                "pct_enabled": 0.5,
                "pct_en_uso": 0.2,
                "brecha_uso": 0.3,
            }
            for code in (f"{n:02d}" for n in range(1, 17))
        ]
    )
    figure = charts.gap_bars(shares)
    assert len(figure.layout.annotations) >= 16  # a titled panel per region, none refused
