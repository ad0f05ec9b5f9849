"""The cost curve and the load benchmark: how they summarise (growth per doubling, p95, the
table) and that one size runs in its own process and returns every page (not a speed test)."""

import math

import pytest

from benchmarks import load, scale
from benchmarks.pages import PAGES


def test_growth_per_doubling_is_one_when_flat_and_two_when_linear_in_the_history():
    assert scale.growth_per_doubling([12, 24, 48, 96], [5.0, 5.0, 5.0, 5.0]) == 1
    assert scale.growth_per_doubling([12, 24, 48, 96], [1.0, 2.0, 4.0, 8.0]) == pytest.approx(2)
    # sizes that skip a doubling still give the factor per doubling
    assert scale.growth_per_doubling([12, 96], [1.0, 27.0]) == pytest.approx(3)
    assert math.isnan(scale.growth_per_doubling([24], [3.0]))


def _sizes(factor: float) -> dict:
    return {
        str(months): {
            "history_s": months / 10,
            "rows": months * 345 * 5 * 3,
            "rss_mb": 200 + months,
            **{f"{page}_ms": 10 * factor ** (months // 24) for page in PAGES},
        }
        for months in (12, 24, 48, 96)
    }


def test_cost_curve_table_has_a_column_per_size_a_row_per_page_and_the_growth():
    text = scale.table({"scale": _sizes(2.0)})
    assert (
        "| medida | 12 cortes | 24 cortes | 48 cortes | 96 cortes | crecimiento por duplicación |"
        in text
    )
    for page in PAGES:
        assert f"| página {page}, recarga |" in text
    assert "| lectura del historial | 1.20 s | 2.40 s | 4.80 s | 9.60 s | ×2.00 |" in text
    assert "96 cortes: 496.800" in text  # rows read, with Chile's thousands separator


def test_p95_is_the_nearest_rank():
    assert load.p95([float(n) for n in range(1, 21)]) == 19
    assert load.p95([float(n) for n in range(1, 101)]) == 95
    assert load.p95([0.4]) == 0.4


def test_one_size_is_measured_in_its_own_process_with_every_page(tmp_path):
    measured = scale.measure_size(1, runs=1, cache=tmp_path)
    assert measured["rows"] == 345 * 5 * len(scale.SOURCES)
    for key in ("history_s", "rss_mb", *(f"{page}_ms" for page in PAGES)):
        assert measured[key] > 0, key
    # the store was built once and kept for the next run of that size
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["1m"]
