"""Resumen's gap chart and Brechas' heatmap drawn by Chromium at a laptop's, a projector's and a
Full HD screen's size: no text clipped or on top of other text, no dot clipped or over a label,
the heatmap's legend and platform names on screen with the whole grid."""

import pytest

from tests.browser.conftest import screenshot_path

SIZES = [(1280, 720), (1366, 768), (1920, 1080)]

# Every text of the first chart on the page and every marker, as boxes in the page's pixels;
# a marker's clip box is the rectangle of the clip-path around it, if any (cliponaxis).
CHART_BOXES = """() => {
  const chart = document.querySelector('.js-plotly-plot');
  const box = (e) => { const r = e.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const kind = (e) => e.closest('.xtick') ? 'xtick' : e.closest('.ytick') ? 'ytick'
    : e.closest('.legend') ? 'legend' : e.closest('.annotation') ? 'annotation' : 'other';
  const texts = [...chart.querySelectorAll('svg text')]
    .filter(t => t.textContent.trim() && t.getBBox().width > 0)
    .map(t => ({text: t.textContent, kind: kind(t), ...box(t)}));
  const clipOf = (e) => {
    for (let a = e.parentElement; a && a !== chart; a = a.parentElement) {
      const ref = a.getAttribute('clip-path');
      if (ref) { const id = ref.match(/#([^)"']+)/)[1];
        const rect = document.getElementById(id)?.querySelector('rect');
        if (rect) return box(rect); }
    }
    return null;
  };
  const markers = [...chart.querySelectorAll('.scatterlayer .points path.point')]
    .map(p => ({...box(p), clip: clipOf(p)}));
  return {chart: box(chart), texts, markers, innerHeight: window.innerHeight};
}"""


def _overlap(a: dict, b: dict, slack: float = 1.0) -> bool:
    """Whether two boxes share more than a sliver (slack px) in both directions."""
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack
    )


def _inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["top"] >= outer["top"] - slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def _overlapping_texts(texts: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(texts)
        for b in texts[i + 1 :]
        if _overlap(a, b)
    ]


def _open(tabs, server: str, path: str, size: tuple[int, int]):
    width, height = size
    page = tabs.borrow({"width": width, "height": height})
    page.goto(f"{server}/{path}")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_timeout(1500)  # plotly's automargins settle after the first draw
    page.locator(".js-plotly-plot").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    return page


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_gap_chart_has_nothing_clipped_or_overlapping(server, tabs, size):
    page = _open(tabs, server, "", size)
    boxes = page.evaluate(CHART_BOXES)
    page.screenshot(path=str(screenshot_path(f"layout_resumen_{size[0]}x{size[1]}")))
    texts, markers = boxes["texts"], boxes["markers"]
    assert {t["text"] for t in texts} >= {"PISEE", "0 %", "100 %", "En uso", "Habilitada o más"}
    assert _overlapping_texts(texts) == []
    assert [t["text"] for t in texts if not _inside(t, boxes["chart"])] == []
    assert markers, "the chart draws its dots"
    clipped = [m for m in markers if m["clip"] and not _inside(m, m["clip"])]
    assert clipped == [], "a dot at 0 % or 100 % is cut by the plot area"
    assert all(_inside(m, boxes["chart"]) for m in markers)
    labels = [t for t in texts if t["kind"] == "ytick"]
    covered = {t["text"] for t in labels for m in markers if _overlap(t, m)}
    assert covered == set(), f"dots over the platform names: {covered}"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_heatmap_of_the_largest_region_fits_the_screen_with_its_legend_and_headers(
    server, tabs, size
):
    # La Araucanía has 32 comunas, the most of the four regions
    page = _open(tabs, server, "brechas?region_brechas=La+Araucan%C3%ADa", size)
    boxes = page.evaluate(CHART_BOXES)
    page.screenshot(path=str(screenshot_path(f"layout_brechas_{size[0]}x{size[1]}")))
    texts = boxes["texts"]
    comunas = [t for t in texts if t["kind"] == "ytick"]
    assert len(comunas) == 32, "every comuna named, none skipped"
    assert any("Temuco" in t["text"] for t in comunas)
    assert _overlapping_texts(texts) == []
    assert [t["text"] for t in texts if not _inside(t, boxes["chart"])] == []
    screen = {"left": 0, "right": size[0], "top": 0, "bottom": boxes["innerHeight"]}
    assert _inside(boxes["chart"], screen), "the whole grid fits the screen without scrolling it"
    headers = {t["text"] for t in texts if t["kind"] == "xtick"}
    assert headers == {"DocDigital", "FirmaGob", "ClaveÚnica", "CPAT", "PISEE"}
    legend = [t for t in texts if t["kind"] == "legend"]
    assert {"No iniciado", "En uso"} <= {t["text"] for t in legend}
    assert all(_inside(t, screen) for t in legend)
