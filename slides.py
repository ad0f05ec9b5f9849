"""A region's presentation for a mesa: a headline written from the data and a chart per slide."""

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

import analytics
import charts
import geo
from charts import headlines
from formats import day, percent
from loaders.gazetteer import gazetteer
from loaders.vocabulary import PLATFORMS, platform_label

# every slide a deck can hold, in the order a presentation runs them, with the name a
# presenter chooses it by (the Resumen slide's title adds the region)
SLIDES = {
    "resumen": "Resumen",
    "brechas": "Brechas por plataforma",
    "mapa": "Mapa de adopción",
    "prioritarias": "Comunas prioritarias",
    "evolucion": "Evolución del uso",
    "acompanamiento": "Acompañamiento",
}


@dataclass(frozen=True)
class Slide:
    """One slide: its title, its one-sentence headline and its chart (None: the headline says
    all there is, as on an Evolución slide with a single cut-off)."""

    key: str
    title: str
    headline: str
    figure: go.Figure | None


@dataclass(frozen=True)
class Deck:
    """The slides of one region at one cut-off, with what the title slide says."""

    region_code: str
    region: str
    as_of: dt.date | None
    sources: tuple[str, ...]
    slides: tuple[Slide, ...]
    total: str = ""
    """The regions chosen together, in one sentence (empty with fewer than two)."""

    @property
    def subtitle(self) -> str:
        """The cut-off date and the sources, as the title slide and the page say them."""
        if self.as_of is None:
            return "Sin datos cargados"
        return f"Datos al {day(self.as_of)} · {', '.join(self.sources)}"

    def chosen(self, keys: Sequence[str]) -> tuple[Slide, ...]:
        """The slides named by keys (see SLIDES), in that order; those the deck lacks are left out."""
        own = {slide.key: slide for slide in self.slides}
        return tuple(own[key] for key in dict.fromkeys(keys) if key in own)


def _summary(current: pd.DataFrame, region: str) -> Slide:
    shares = analytics.shares(current)
    return Slide(
        "resumen",
        f"{SLIDES['resumen']} de {region}",
        analytics.headline(shares),
        charts.gap_bars(shares),
    )


def _gaps(current: pd.DataFrame, region: str) -> Slide:
    headline = headlines.enabled_without_use(current, region)
    return Slide("brechas", SLIDES["brechas"], headline, charts.stage_shares(current))


def _map(current: pd.DataFrame, region_code: str, region: str) -> Slide:
    values, kind = analytics.map_measure(current, "indice")
    values = values.dropna(subset=["value"]).sort_values("value", kind="stable")
    geojson = geo.comunas_geojson((region_code,))
    figure = charts.choropleth(values, geojson, geo.map_view(geojson), "Índice de adopción", kind)
    if values.empty:
        headline = f"Todavía no hay comunas de {region} con etapas en la escala."
    else:
        headline = headlines.map_measure(values, kind, "Índice de adopción", region)
    return Slide("mapa", SLIDES["mapa"], headline, figure)


def _priorities(current: pd.DataFrame, region: str) -> Slide:
    ranked = analytics.priorities(current)
    if ranked.empty:
        headline = (
            f"Ninguna comuna de {region} tiene plataformas habilitadas sin uso ni sin iniciar."
        )
    else:
        first = ranked.iloc[0]
        if first["n_habilitada_sin_uso"]:
            count = int(first["n_habilitada_sin_uso"])
            headline = (
                f"{first['comuna']} encabeza la lista: {count} "
                f"{'plataforma habilitada' if count == 1 else 'plataformas habilitadas'} sin uso "
                f"({first['habilitada_sin_uso']})."
            )
        else:
            headline = f"{first['comuna']} encabeza la lista: {first['sin_iniciar']} sin iniciar."
    return Slide("prioritarias", SLIDES["prioritarias"], headline, charts.priorities_table(ranked))


def _evolution(history: pd.DataFrame, as_of: dt.date | None, region: str) -> Slide:
    rows = history if as_of is None else history[history["as_of"] <= pd.Timestamp(as_of)]
    overall = analytics.trend(rows, by=("region_code",))
    if overall["as_of"].nunique() < 2:  # a line through one point says nothing: a sentence does
        only = overall["as_of"].max()
        headline = (
            f"Hasta el {day(only)}, {region} tiene una sola fecha de corte: la evolución del uso "
            "se verá con la segunda."
            if len(overall)
            else f"{region} todavía no tiene fechas de corte: la evolución del uso se verá con dos."
        )
        return Slide("evolucion", SLIDES["evolucion"], headline, None)
    trend = analytics.trend(rows)
    first, last = overall.iloc[0], overall.iloc[-1]
    headline = (
        f"Entre el {day(first['as_of'])} y el {day(last['as_of'])}, el uso de las "
        f"plataformas en {region} {headlines.change(first['pct_en_uso'], last['pct_en_uso'])}."
    )
    moved = trend[trend["as_of"] == trend["as_of"].max()].sort_values("pct_en_uso")
    if not moved.empty and moved.iloc[0]["pct_en_uso"] < 0.2:
        headline += f" {platform_label(moved.iloc[0]['platform'])} es la más rezagada."
    return Slide("evolucion", SLIDES["evolucion"], headline, charts.trend_by_platform(trend))


def _accompaniment(
    history: pd.DataFrame,
    activities: pd.DataFrame,
    as_of: dt.date,
    region_code: str,
    days: int,
    platforms: Sequence[str],
) -> Slide | None:
    """The plan de acompañamiento in the region on the platforms: the trainings without use in
    the headline and the share of its comunas that had each step; None when it has no activities
    by the cut-off."""
    own = analytics.filter_activities(
        activities, regions=[region_code], platforms=platforms, as_of=as_of
    )
    if own.empty:
        return None
    without = analytics.training_without_use(own, history, as_of, days)
    headline = analytics.without_use_headline(without, days, scope="la región", total=False)
    shares = analytics.coverage_shares(analytics.plan_coverage(own, [region_code], platforms))
    return Slide("acompanamiento", SLIDES["acompanamiento"], headline, charts.coverage_bars(shares))


def _total(history: pd.DataFrame, as_of: dt.date | None, regions: Collection[str] | None) -> str:
    """The chosen regions (None: every region with data) together, as the Resumen's total tile
    says them, in one sentence; empty with fewer than two regions."""
    current = analytics.state_at(analytics.filter_frame(history, regions=regions), as_of)
    codes = sorted(current["region_code"].unique()) if regions is None else list(regions)
    if len(codes) < 2:
        return ""
    total = analytics.region_tiles(current, codes, total=True).iloc[-1]
    names = [gazetteer().region_name(c) for c in codes]
    return (
        f"{analytics.TOTAL_LABEL} ({', '.join(names[:-1])} y {names[-1]}): "
        f"{percent(total['pct_enabled'])} habilitada o más, {percent(total['pct_en_uso'])} en "
        f"uso, brecha de uso {percent(total['brecha_uso'])}; {total['comunas_covered']} de "
        f"{total['comunas_total']} comunas con datos."
    )


def deck(
    history: pd.DataFrame,
    activities: pd.DataFrame,
    region_code: str,
    as_of: dt.date | None = None,
    days: int = 60,
    regions: Collection[str] | None = None,
    platforms: Collection[str] | None = None,
) -> Deck:
    """The slides for a region at a cut-off (None: the newest) on the given platforms (None:
    all), from the store's history and activities; the Acompañamiento slide, with the technical
    trainings at least `days` old without use, only where the region has activities; the total
    of the chosen regions (None: every region with data)."""
    region = gazetteer().region_name(region_code)
    own = analytics.filter_frame(history, regions=[region_code], platforms=platforms)
    current = analytics.state_at(own, as_of)
    if current.empty:
        return Deck(region_code, region, None, (), ())
    accompaniment = _accompaniment(
        own,
        activities,
        as_of or current["as_of"].max().date(),
        region_code,
        days,
        [p for p in PLATFORMS if platforms is None or p in platforms],
    )
    slides = (
        _summary(current, region),
        _gaps(current, region),
        _map(current, region_code, region),
        _priorities(current, region),
        _evolution(own, as_of, region),
        *([accompaniment] if accompaniment else []),
    )
    newest = current["as_of"].max().date()
    sources = tuple(sorted(current["source"].unique()))
    return Deck(region_code, region, newest, sources, slides, _total(history, as_of, regions))
