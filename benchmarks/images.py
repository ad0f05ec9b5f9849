"""Images and informes on a warm process: a chart's PNG, a map's PNG and a region's PPTX and PDF,
from the national history in the store."""

import analytics
import charts
import geo
import images
import reports
import slides
from benchmarks.timing import median_s
from loaders.gazetteer import gazetteer
from settings import load_settings
from store import Store

REGION = "10"  # Los Lagos: the most intricate coast of the four regions, and 30 comunas
TITLE = "Habilitada frente a en uso, por región y plataforma"


def _caption(current) -> images.Caption:
    """What the dashboard draws into a chart's file: title, regions, sources and cut-offs."""
    newest = current.groupby("region_code")["as_of"].max().sort_index()
    names = {code: gazetteer().region_name(code) for code in newest.index}
    cutoffs = {names[code]: when.date() for code, when in newest.items()}
    footer = images.footer(sorted(current["source"].unique()), cutoffs)
    return images.Caption(TITLE, " · ".join(names.values()), footer)


def measure(env: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    """Seconds (the median of `runs`, after one not counted, the browser already started) for the
    Resumen's chart of every region as PNG, the map of REGION as PNG, and REGION's informe as
    PPTX and as PDF from its deck (built before, as the dashboard keeps it; its own time is
    deck_s); region_s is the slower of the two informes."""
    store = Store(load_settings(env))
    history, activities = store.history(), store.activities()
    store.engine.dispose()
    current = analytics.state_at(history, None)
    caption = _caption(current)
    gap = charts.gap_bars(analytics.shares(current))
    values, kind = analytics.map_measure(current[current["region_code"] == REGION], "indice")
    geojson = geo.comunas_geojson((REGION,))
    choropleth = charts.choropleth(values, geojson, geo.map_view(geojson), "Índice", kind)
    images.warm()
    deck_s = median_s(lambda: slides.deck(history, activities, REGION), runs, warmup=0)
    deck = slides.deck(history, activities, REGION)
    pptx_s = median_s(lambda: reports.build_report(deck, "pptx"), runs)
    pdf_s = median_s(lambda: reports.build_report(deck, "pdf"), runs)
    return {
        "images": {
            "chart_png_s": median_s(lambda: images.export(gap, "png", caption), runs),
            "map_png_s": median_s(lambda: images.export(choropleth, "png", caption), runs),
        },
        "reports": {
            "region_s": max(pptx_s, pdf_s),
            "region_pptx_s": pptx_s,
            "region_pdf_s": pdf_s,
            "deck_s": deck_s,
        },
    }
