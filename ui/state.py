"""The store, its cached reads and the shared filters, used by every page; caches key on the revision."""

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

import analytics
import glossary
import slides
import views
from loaders.gazetteer import gazetteer
from loaders.vocabulary import PLATFORMS
from settings import Settings, SettingsError, load_settings
from store import Store, StoreError, open_store
from ui import derived
from views import platform_label


@st.cache_resource
def get_settings() -> Settings:
    """The settings, read once per server process."""
    return load_settings()


@st.cache_resource
def get_store() -> Store:
    """One store (engine and pool) per server process; the samples fill it on first start."""
    return open_store(get_settings())


@st.cache_resource(max_entries=2, show_spinner=False)
def history(rev: int) -> pd.DataFrame:
    """Every snapshot of the active uploads at this revision: one frame shared by every session
    (read-only by convention; pandas' copy-on-write keeps derived frames apart), not a copy
    per call, which at national scale cost memory and an unpickling on every rerun."""
    return get_store().history()


@st.cache_resource(max_entries=2, show_spinner=False)
def activities(rev: int) -> pd.DataFrame:
    """Every accompaniment activity of the active uploads at this revision, shared by every
    session like history() (read-only by convention)."""
    return get_store().activities()


@st.cache_data(max_entries=4, show_spinner=False)
def cutoffs(rev: int) -> list[dt.date]:
    """The cut-off dates present at this revision, oldest first."""
    return analytics.cutoffs(history(rev))


@st.cache_resource(max_entries=16, show_spinner=False)
def state_at(rev: int, as_of: dt.date | None) -> pd.DataFrame:
    """The state of every comuna and platform at a cut-off (None: the newest), at this revision:
    shared like history() (read-only by convention), not unpickled on every call."""
    return analytics.state_at(history(rev), as_of)


@st.cache_resource(max_entries=32, show_spinner=False)
def comuna_history(rev: int, code: str) -> pd.DataFrame:
    """One comuna's rows at every cut-off, at this revision: the ficha's history is a lookup, not
    a scan of the national history on every rerun (shared, read-only like history())."""
    rows = history(rev)
    return rows[rows["comuna_code"] == code].reset_index(drop=True)


@st.cache_data(max_entries=4, show_spinner=False)
def sources(rev: int) -> pd.DataFrame:
    """Per source of the active uploads: its regions, newest cut-off and files, at this revision."""
    return glossary.sources_table(history(rev))


@st.cache_data(max_entries=4, show_spinner=False)
def uploads(rev: int) -> pd.DataFrame:
    """The upload list at this revision."""
    return get_store().uploads()


@st.cache_data(max_entries=4, show_spinner=False)
def showing_samples(rev: int) -> bool:
    """Whether fictional sample data is active at this revision (and so on the pages)."""
    return get_store().has_sample_data()


def through_the_entry() -> None:
    """Rerun through dashboard.py when Streamlit ran a page script on its own.

    Seeing a `pages/` folder, Streamlit serves its scripts as pages by themselves until the
    entry first calls `st.navigation`: after a restart, the first visitor following a link to
    a page would get it without the entry's login, filters and banner. Turning that off and
    rerunning sends the same request through dashboard.py to the same page."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def store_or_stop() -> tuple[Store, int]:
    """The store and its revision, or a Spanish message and the end of the page if it is down."""
    through_the_entry()
    try:
        store = get_store()
        return store, store.revision()
    except (StoreError, SettingsError) as exc:
        st.error(views.escape_markdown(exc))
        st.stop()


@dataclass(frozen=True)
class Selection:
    """The shared filters of the sidebar, as every page reads them."""

    regions: tuple[str, ...]
    platforms: tuple[str, ...]
    as_of: dt.date | None


def region_name(code: str) -> str:
    """The official name of a region."""
    return gazetteer().region_name(code)


def selection() -> Selection:
    """The filters chosen in the sidebar (defaults: every region in scope, every platform, the newest date)."""
    regions = tuple(st.session_state.get("region") or ())
    platforms = tuple(st.session_state.get("plataforma") or ())
    corte = st.session_state.get("corte")
    return Selection(regions, platforms, dt.date.fromisoformat(corte) if corte else None)


def default_selection(rev: int) -> Selection:
    """What a visitor sees before choosing: every region in scope, every platform, the newest
    cut-off (the sidebar's defaults)."""
    dates = cutoffs(rev)
    return Selection(tuple(get_settings().regions), PLATFORMS, dates[-1] if dates else None)


def empty_reason(chosen: Selection) -> str:
    """Why a page has nothing to show for the selection, in one sentence."""
    if not chosen.regions:
        return "Elija al menos una región en el panel lateral."
    if not chosen.platforms:
        return "Elija al menos una plataforma en el panel lateral."
    names = ", ".join(region_name(r) for r in chosen.regions)
    return f"Todavía no hay datos de {names} para esta fecha de corte."


@st.cache_resource(max_entries=64, show_spinner=False)
def filtered_state(rev: int, chosen: Selection) -> pd.DataFrame:
    """The state at the chosen cut-off, limited to the chosen regions and platforms: one frame
    per revision and selection, shared like history() (read-only by convention), so what pages
    work out from it is worked out once (ui.memo)."""
    return analytics.filter_frame(state_at(rev, chosen.as_of), chosen.regions, chosen.platforms)


def header(title: str, frame: pd.DataFrame) -> None:
    """A page's title and, under it, the freshness line: each region's own date, and «último
    dato» at the cut-off when an older one than the newest is chosen."""
    st.title(title, anchor=False)
    chosen = st.session_state.get("corte")
    older = chosen and chosen != st.session_state.get("corte_mas_reciente")
    st.caption(derived.freshness(frame, dt.date.fromisoformat(chosen) if older else None))
    if "aviso" in st.session_state:
        st.warning(st.session_state.pop("aviso"))


def reference_cutoff(rev: int, chosen: Selection) -> dt.date | None:
    """The cut-off the pages show: the chosen one, else the newest (None: no data at all)."""
    dates = cutoffs(rev)
    return chosen.as_of or (dates[-1] if dates else None)


def older_data(rev: int, chosen: Selection, current: pd.DataFrame) -> None:
    """Under a list of comunas, which of them show data older than the cut-off, and how old."""
    reference = reference_cutoff(rev, chosen)
    if reference is not None and not current.empty:
        caption = derived.older_data_caption(current, reference)
        if caption:
            st.caption(views.escape_markdown(caption))


def sidebar_filters(rev: int, settings: Settings) -> None:
    """The shared filters, kept in the URL as people read them (?region=Los Ríos&corte=30-09-2025)
    so a copied link opens the same view."""
    defaults = default_selection(rev)
    st.sidebar.multiselect(
        "Regiones",
        list(settings.regions),
        default=list(defaults.regions),
        format_func=region_name,
        key="region",
        bind="query-params",
    )
    st.sidebar.multiselect(
        "Plataformas",
        list(PLATFORMS),
        default=list(defaults.platforms),
        format_func=platform_label,
        key="plataforma",
        bind="query-params",
    )
    dates = [d.isoformat() for d in reversed(cutoffs(rev))]
    follow_the_newest(dates[0] if dates else None)
    asked = st.query_params.get("corte")
    if asked and asked not in [views.day_label(d) for d in dates]:
        st.session_state["aviso"] = (
            f"No hay datos con fecha de corte «{views.escape_markdown(asked)}»; se muestra la fecha más reciente."
        )
    if dates:
        st.sidebar.selectbox(
            "Fecha de corte",
            dates,
            index=0,
            format_func=views.day_label,
            key="corte",
            bind="query-params",
        )


def follow_the_newest(newest: str | None) -> None:
    """Keep a session that showed the newest cut-off on the newest one when a save brings a newer
    one: the keyed selectbox would otherwise keep the old date while it is still an option."""
    shown = st.session_state.get("corte_mas_reciente")
    if shown and newest and newest != shown and st.session_state.get("corte") == shown:
        st.session_state["corte"] = newest
    st.session_state["corte_mas_reciente"] = newest


@st.cache_data(max_entries=2, show_spinner=False)
def comuna_options(regions: tuple[str, ...]) -> dict[str, str]:
    """Every comuna of Chile for the ficha's list, those of the regions in scope first."""
    comunas = gazetteer().comunas.assign(out=lambda f: ~f["region_code"].isin(regions))
    comunas = comunas.sort_values(["out", "region_code", "comuna"])
    return {c.comuna_code: f"{c.comuna} ({c.region})" for c in comunas.itertuples()}


@st.cache_resource(max_entries=8, show_spinner=False)
def trend(rev: int, regions: tuple[str, ...], platforms: tuple[str, ...]) -> pd.DataFrame:
    """Shares per region and platform at every cut-off, for the chosen regions and platforms
    (shared, read-only like history())."""
    return analytics.trend(analytics.filter_frame(history(rev), regions, platforms))


@st.cache_data(max_entries=8, show_spinner=False)
def movements(
    rev: int, regions: tuple[str, ...], platforms: tuple[str, ...], start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Who advanced and who went back between two cut-offs."""
    return analytics.movements(analytics.filter_frame(history(rev), regions, platforms), start, end)


@st.cache_data(max_entries=16, show_spinner=False)
def accompaniment_activities(
    rev: int, chosen: Selection
) -> tuple[pd.DataFrame, dt.date | None, int]:
    """The activities of the chosen regions and platforms up to the cut-off they are measured at
    (the chosen one, else the newest), that cut-off, and how many activities come after it."""
    every = analytics.filter_activities(activities(rev), chosen.regions, chosen.platforms)
    reference = analytics.reference_date(history(rev), every, chosen.as_of)
    kept = analytics.filter_activities(every, as_of=reference)
    later = len(analytics.one_per_activity(every)) - len(analytics.one_per_activity(kept))
    return kept, reference, later


@st.cache_data(max_entries=16, show_spinner=False)
def plan_coverage(rev: int, chosen: Selection) -> pd.DataFrame:
    """Every comuna of the chosen regions × every step of the plan, with its first date."""
    kept, _, _ = accompaniment_activities(rev, chosen)
    return analytics.plan_coverage(kept, chosen.regions, chosen.platforms)


@st.cache_data(max_entries=16, show_spinner=False)
def accompaniment_tiles(rev: int, chosen: Selection) -> pd.DataFrame:
    """Per chosen region: comunas reached, activities, participants and the plan's first steps."""
    kept, _, _ = accompaniment_activities(rev, chosen)
    return analytics.accompaniment_tiles(kept, plan_coverage(rev, chosen), chosen.regions)


@st.cache_data(max_entries=16, show_spinner=False)
def training_without_use(rev: int, chosen: Selection, days: int) -> pd.DataFrame:
    """The technical trainings at least `days` old whose platform is not in use at the cut-off."""
    kept, reference, _ = accompaniment_activities(rev, chosen)
    rows = analytics.filter_frame(history(rev), chosen.regions, chosen.platforms)
    return analytics.training_without_use(kept, rows, reference, days)


@st.cache_data(max_entries=16, show_spinner=False)
def training_to_use(rev: int, chosen: Selection) -> pd.DataFrame:
    """Per platform, the days from technical training to use and the comparison of advances."""
    kept, reference, _ = accompaniment_activities(rev, chosen)
    rows = analytics.filter_frame(history(rev), chosen.regions, chosen.platforms)
    return analytics.training_to_use(kept, rows, reference)


@st.cache_resource(max_entries=16, show_spinner=False)  # shared, not copied: it holds figures
def deck(
    rev: int,
    region_code: str,
    as_of: dt.date | None,
    regions: tuple[str, ...] = (),
    platforms: tuple[str, ...] | None = None,
) -> slides.Deck:
    """The slides of a region at a cut-off on the given platforms (None: all), with the total of
    the chosen regions (none chosen: every region with data), at this revision."""
    days = get_settings().training_without_use_days
    return slides.deck(
        history(rev), activities(rev), region_code, as_of, days, regions or None, platforms
    )
