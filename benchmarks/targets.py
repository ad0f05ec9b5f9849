"""The targets the measurements are held to, and the Markdown table that reports both."""

from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.pages import PAGES


def _get(results: dict, path: str) -> float:
    value: object = results
    for key in path.split("."):
        value = value[key]  # type: ignore[index]
    return float(value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Target:
    """One target: a measured value (or ratio) and the limit it must stay within."""

    name: str
    value: Callable[[dict], float]
    limit: float
    at_most: bool = True
    unit: str = ""

    def measured(self, results: dict) -> bool:
        """Whether the run measured this target's value (a smoke run skips the largest sizes)."""
        try:
            self.value(results)
        except (KeyError, TypeError):
            return False
        return True

    def met(self, results: dict) -> bool:
        """Whether the results meet this target."""
        value = self.value(results)
        return value <= self.limit if self.at_most else value >= self.limit


def _ratio(top: str, bottom: str) -> Callable[[dict], float]:
    return lambda r: _get(r, top) / _get(r, bottom)


TARGETS = [
    Target("cargador / calamine (ancho)", _ratio("ingest.loader_s", "ingest.calamine_s"), 1.5, unit="×"),
    Target("openpyxl / cargador (ancho)", _ratio("ingest.openpyxl_s", "ingest.loader_s"), 10, False, "×"),
    Target("carga de 81 comunas, guardada y visible", lambda r: _get(r, "upload.regional_s"), 1, unit=" s"),
    *(
        Target(f"página {page}, recarga", lambda r, p=page: _get(r, f"pages.{p}_ms"), 150, unit=" ms")
        for page in PAGES
    ),
    Target("primer gráfico desde el arranque", lambda r: _get(r, "browser.first_chart_s"), 3, unit=" s"),
    Target("descarga de un navegador nuevo hasta el primer gráfico", lambda r: _get(r, "browser.first_load_kb"), 2500, unit=" KB"),
    Target("imagen PNG de un gráfico", lambda r: _get(r, "images.chart_png_s"), 1, unit=" s"),
    Target("informe de una región (PPTX y PDF)", lambda r: _get(r, "reports.region_s"), 2, unit=" s"),
    Target("96 cortes: página más lenta", lambda r: max(_get(r, f"scale.96.{p}_ms") for p in PAGES), 150, unit=" ms"),
    Target("96 cortes: memoria (pico)", lambda r: _get(r, "scale.96.rss_mb"), 400, unit=" MB"),
    Target("10 personas a la vez: gráfico redibujado (p95)", lambda r: _get(r, "load.p95_redraw_s"), 1.5, unit=" s"),
    Target("memoria del servidor (pico)", lambda r: _get(r, "memory.server_rss_mb"), 300, unit=" MB"),
    Target("figura del mapa (mayor región)", lambda r: _get(r, "memory.map_payload_kb"), 500, unit=" KB"),
]  # fmt: skip


def _number(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if value >= 100 else f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return text.replace(",", ".") + unit


def table(results: dict) -> str:
    """The readers side by side, then every target with its value, in Markdown."""
    months = results["ingest"]["months"]
    lines = [
        f"| lectura (mediana) | ancho, {months} hojas | largo, {months} hojas |",
        "|---|---|---|",
    ]
    wide, long = results["ingest"], results["ingest"]["long"]
    for label, key in (
        ("cargador del proyecto", "loader_s"),
        ("cargador, proceso nuevo", "loader_cold_s"),
        ("python-calamine, solo leer", "calamine_s"),
        ("pandas + openpyxl", "openpyxl_s"),
    ):
        lines.append(f"| {label} | {_number(wide[key], ' s')} | {_number(long[key], ' s')} |")
    lines += ["", "| meta | medido | límite | cumple |", "|---|---|---|---|"]
    for target in TARGETS:
        sign = "≤" if target.at_most else "≥"
        if not target.measured(results):
            lines.append(
                f"| {target.name} | sin medir | {sign} {_number(target.limit, target.unit)} | — |"
            )
            continue
        lines.append(
            f"| {target.name} | {_number(target.value(results), target.unit)} | "
            f"{sign} {_number(target.limit, target.unit)} | {'sí' if target.met(results) else 'no'} |"
        )
    machine = results["machine"]
    lines += [
        "",
        f"Medido en: {machine['cpu']}, {machine['cores']} núcleos, {machine['memory_gb']} GB; "
        f"Python {machine['python']}, Streamlit {machine['streamlit']}, pandas {machine['pandas']}"
        f"; {results['ingest']['comunas']} comunas × 5 plataformas × {results['ingest']['months']} "
        f"cortes; mediana de {results['runs']} repeticiones.",
    ]
    return "\n".join(lines)
