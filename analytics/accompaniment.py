"""The Plan de Acompañamiento Municipal: which steps each comuna has had, activities per month,
technical trainings without use and the time from training to use (pure pandas)."""

import datetime as dt
from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from analytics.selection import in_order
from loaders.frame import PAIR, latest, tie_order
from loaders.gazetteer import gazetteer
from loaders.vocabulary import (
    ACTIVITIES,
    ENABLED,
    ON_SCALE,
    OTHER_ACTIVITY,
    PLATFORMS,
    activity_label,
    platform_label,
    stage_direction,
)

TECHNICAL = "capacitacion_tecnica"
INITIAL = "reunion_inicial"
MESA = "mesa_regional"
ONE_ACTIVITY = ["comuna_code", "date", "activity"]
"""An activity for several platforms is one row per platform: these columns name the activity."""
ADVANCE_DAYS = 90
"""The window after a technical training in which a stage that went up counts as advancing."""
NOT_CAUSE = (
    "Es una comparación, no una causa: las comunas capacitadas y las no capacitadas pueden "
    "diferir en otras cosas."
)

PLACE_COLUMNS = ["region_code", "region", "province", "comuna_code", "comuna"]
COVERAGE_COLUMNS = [*PLACE_COLUMNS, "activity", "platform", "step", "applies", "first_date"]
COVERAGE_SHARE_COLUMNS = [
    "region_code",
    "region",
    "activity",
    "platform",
    "step",
    "comunas",
    "reached",
]
MONTHLY_COLUMNS = [
    "month",
    "region_code",
    "region",
    "activity",
    "activities",
    "participants",
    "without_headcount",
]
TILE_COLUMNS = [
    "region_code",
    "region",
    "comunas_total",
    "comunas_reached",
    "activities",
    "participants",
    "pct_initial",
    "pct_technical",
]
WITHOUT_USE_COLUMNS = [
    *PLACE_COLUMNS,
    "platform",
    "training_date",
    "days_since",
    "stage_then",
    "alternative_then",
    "stage_then_as_of",
    "stage_now",
    "alternative_now",
    "stage_now_as_of",
]
TO_USE_COLUMNS = [
    "platform",
    "trained",
    "days_to_enabled",
    "n_to_enabled",
    "days_to_use",
    "n_to_use",
    "trained_window",
    "trained_advanced",
    "pct_trained_advanced",
    "untrained_window",
    "untrained_advanced",
    "pct_untrained_advanced",
    "window_start",
    "window_end",
]


def _timestamp(day: dt.date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).normalize()


def filter_activities(
    activities: pd.DataFrame,
    regions: Collection[str] | None = None,
    platforms: Collection[str] | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """The activities of the given regions, on the given platforms or on none (a reunión inicial
    is for every platform), up to as_of; None keeps all."""
    keep = pd.Series(True, index=activities.index)
    if regions is not None:
        keep &= activities["region_code"].isin(list(regions))
    if platforms is not None:
        platform = activities["platform"].fillna("")
        keep &= platform.isin(list(platforms)) | (platform == "")
    if as_of is not None:
        keep &= activities["date"] <= _timestamp(as_of)
    return activities[keep].reset_index(drop=True)


def reference_date(
    history: pd.DataFrame, activities: pd.DataFrame, as_of: dt.date | None = None
) -> dt.date | None:
    """The cut-off the accompaniment is measured at: as_of, else the newest status cut-off, else
    the newest activity; None when there is nothing at all."""
    if as_of is not None:
        return as_of
    for dates in (history["as_of"], activities["date"]):
        if dates.notna().any():
            return dates.max().date()
    return None


def plan_steps(
    activities: pd.DataFrame, platforms: Sequence[str] = PLATFORMS
) -> list[tuple[str, str]]:
    """The plan's steps in its order as (activity, platform): the technical training once per
    platform (in the contract's order), and once without one if an activity names none; other
    activities are not steps."""
    steps = []
    technical = activities.loc[activities["activity"] == TECHNICAL, "platform"].fillna("")
    for activity in ACTIVITIES:
        if activity == OTHER_ACTIVITY:
            continue
        if activity != TECHNICAL:
            steps.append((activity, ""))
            continue
        steps += [(activity, p) for p in PLATFORMS if p in platforms]
        if (technical == "").any():
            steps.append((activity, ""))
    return steps


def step_label(activity: str, platform: str) -> str:
    """A step as people read it: «Reunión inicial», «Capacitación técnica FirmaGob»."""
    if activity != TECHNICAL:
        return activity_label(activity)
    return (
        f"{activity_label(activity)} {platform_label(platform) if platform else '(sin plataforma)'}"
    )


def _step_keys(activities: pd.DataFrame) -> pd.Series:
    """The platform that names an activity's step: its own for a technical training, none else."""
    platform = activities["platform"].fillna("")
    return platform.where(activities["activity"] == TECHNICAL, "")


def _region_comunas(regions: Sequence[str]) -> pd.DataFrame:
    """The comunas of these regions in the gazetteer, by region, province and name."""
    comunas = gazetteer().comunas
    comunas = comunas[comunas["region_code"].isin(list(regions))]
    ordered = in_order(comunas, ["region_code", "province", "comuna"])
    return ordered[PLACE_COLUMNS]


def plan_coverage(
    activities: pd.DataFrame, regions: Sequence[str], platforms: Sequence[str] = PLATFORMS
) -> pd.DataFrame:
    """Every comuna of the regions (from the gazetteer) × every step of the plan, with the first
    date the comuna had it (NaT: not yet); the mesa regional applies only in regions that hold
    one (an activity of that kind), elsewhere `applies` is False."""
    steps = plan_steps(activities, platforms)
    comunas = _region_comunas(regions)
    # each comuna in its order, with every step in the plan's
    grid = comunas.merge(
        pd.DataFrame(steps, columns=["activity", "platform"]).assign(
            step=[step_label(a, p) for a, p in steps]
        ),
        how="cross",
    )
    firsts = (
        activities.assign(platform=_step_keys(activities))
        .groupby(["comuna_code", "activity", "platform"])["date"]
        .min()
        .rename("first_date")
    )
    grid = grid.join(firsts, on=["comuna_code", "activity", "platform"])
    grid["first_date"] = grid["first_date"].astype("datetime64[s]")
    with_mesa = set(activities.loc[activities["activity"] == MESA, "region_code"])
    grid["applies"] = (grid["activity"] != MESA) | grid["region_code"].isin(with_mesa)
    return grid[COVERAGE_COLUMNS]


def coverage_shares(grid: pd.DataFrame) -> pd.DataFrame:
    """Per region and step, how many of its comunas (all of the gazetteer's) had it and what
    share that is; the share is empty where the step does not apply."""
    grid = grid.assign(had=grid["first_date"].notna().astype("int64"))
    keys = ["region_code", "activity", "platform", "step"]
    counts = grid.groupby(keys, sort=False).agg(
        region=("region", "first"),
        comunas=("comuna_code", "size"),
        reached=("had", "sum"),
        applies=("applies", "any"),
    )
    counts = counts.reset_index()
    counts["share"] = (counts["reached"] / counts["comunas"]).where(counts["applies"])
    counts = counts.sort_values("region_code", kind="stable", ignore_index=True)
    return counts[[*COVERAGE_SHARE_COLUMNS, "share"]]


def one_per_activity(activities: pd.DataFrame) -> pd.DataFrame:
    """One row per activity: the same comuna, date and kind on several platforms is one activity
    with one headcount (its platforms joined with a comma)."""
    rows = activities.assign(platform=activities["platform"].fillna(""))
    one = rows.drop_duplicates(ONE_ACTIVITY).set_index(ONE_ACTIVITY)
    one = one[["region_code", "region", "comuna", "topic", "modality"]]
    named = rows[rows["platform"] != ""].drop_duplicates([*ONE_ACTIVITY, "platform"])
    platforms = named.groupby(ONE_ACTIVITY, sort=False)["platform"].agg(",".join)
    participants = rows.groupby(ONE_ACTIVITY, sort=False)["participants"].max()
    one = one.assign(
        platform=platforms.reindex(one.index).fillna("").to_numpy(),
        participants=participants.reindex(one.index).astype("Int64").to_numpy(),
    ).reset_index()
    return one.sort_values(["date", "comuna_code"], kind="stable", ignore_index=True)


def monthly_activities(activities: pd.DataFrame) -> pd.DataFrame:
    """Per month, region and kind of activity: how many activities there were, the sum of their
    known headcounts and how many had no headcount."""
    one = one_per_activity(activities)
    one = one.assign(
        month=one["date"].dt.to_period("M").dt.to_timestamp().astype("datetime64[s]"),
        known=one["participants"].notna().astype("int64"),
    )
    keys = ["month", "region_code", "activity"]
    monthly = one.groupby(keys).agg(
        region=("region", "first"),
        activities=("comuna_code", "size"),
        participants=("participants", "sum"),
        known=("known", "sum"),
    )
    monthly = monthly.reset_index()
    monthly["participants"] = monthly["participants"].fillna(0).astype("int64")
    monthly["without_headcount"] = monthly["activities"] - monthly["known"]
    rank = {a: i for i, a in enumerate(ACTIVITIES)}
    monthly = monthly.sort_values(
        ["month", "region_code", "activity"],
        key=lambda c: c.map(rank) if c.name == "activity" else c,
        kind="stable",
        ignore_index=True,
    )
    return monthly[MONTHLY_COLUMNS]


def accompaniment_tiles(
    activities: pd.DataFrame, grid: pd.DataFrame, regions: Sequence[str]
) -> pd.DataFrame:
    """One row per region: its comunas, how many were reached by an activity, the activities and
    their known participants, and the shares of its comunas with a reunión inicial and with a
    technical training (on any platform)."""
    one = one_per_activity(activities)
    tiles = pd.DataFrame({"region_code": pd.Series(list(regions), dtype="str")})
    tiles["region"] = tiles["region_code"].map(gazetteer().region_name)
    had = grid[grid["first_date"].notna()]
    by_region = grid.groupby("region_code")["comuna_code"].nunique()
    tiles["comunas_total"] = tiles["region_code"].map(by_region).fillna(0).astype("int64")
    reached = activities.groupby("region_code")["comuna_code"].nunique()
    tiles["comunas_reached"] = tiles["region_code"].map(reached).fillna(0).astype("int64")
    counted = one.groupby("region_code").agg(n=("comuna_code", "size"), p=("participants", "sum"))
    tiles["activities"] = tiles["region_code"].map(counted["n"]).fillna(0).astype("int64")
    tiles["participants"] = tiles["region_code"].map(counted["p"]).fillna(0).astype("int64")
    total = tiles["comunas_total"].where(tiles["comunas_total"] > 0).astype("float64")
    for column, activity in (("pct_initial", INITIAL), ("pct_technical", TECHNICAL)):
        comunas = had[had["activity"] == activity].groupby("region_code")["comuna_code"].nunique()
        tiles[column] = tiles["region_code"].map(comunas).fillna(0) / total
    return tiles[TILE_COLUMNS]


STATE_COLUMNS = ["stage", "alternative", "as_of"]


class Timeline:
    """The state of every comuna and platform at each cut-off of a history, each found once by
    the one rule of time (loaders.frame.latest): the state on any date is the one at the newest
    cut-off on or before it, since no row is dated between the two."""

    def __init__(self, history: pd.DataFrame) -> None:
        self.cutoffs = np.sort(history["as_of"].dropna().unique().astype("datetime64[s]"))
        states = [latest(history, cutoff).set_index(PAIR)[STATE_COLUMNS] for cutoff in self.cutoffs]
        self.states = (
            pd.concat(states, keys=range(len(states)), names=["cut", *PAIR])
            if states
            else history[STATE_COLUMNS].iloc[0:0].set_index(pd.MultiIndex.from_arrays([[]] * 3))
        )

    def on(self, pairs: pd.DataFrame) -> pd.DataFrame:
        """For each row of pairs (comuna_code, platform, on), the pair's stage, alternative and
        the cut-off they come from on its own date; empty where the history has none yet."""
        found = pairs[[*PAIR, "on"]].reset_index(drop=True)
        dates = pd.to_datetime(found["on"]).to_numpy(dtype="datetime64[s]")
        at = np.searchsorted(self.cutoffs, dates, side="right") - 1
        keys = pd.MultiIndex.from_arrays([at, found["comuna_code"], found["platform"]])
        states = self.states.reindex(keys)
        return found.assign(**{c: states[c].to_numpy() for c in STATE_COLUMNS})


def _trainings(activities: pd.DataFrame, as_of: dt.date, which: str) -> pd.DataFrame:
    """Per comuna and platform trained by as_of, the first or the latest technical training."""
    rows = activities[
        (activities["activity"] == TECHNICAL)
        & (activities["platform"].fillna("") != "")
        & (activities["date"] <= _timestamp(as_of))
    ]
    dates = rows.groupby(PAIR)["date"].agg(which).rename("training_date").reset_index()
    places = rows.drop_duplicates("comuna_code").set_index("comuna_code")
    dates["region_code"] = dates["comuna_code"].map(places["region_code"])
    dates["region"] = dates["comuna_code"].map(places["region"])
    dates["comuna"] = dates["comuna_code"].map(places["comuna"])
    provinces = gazetteer().comunas.set_index("comuna_code")["province"]
    dates["province"] = dates["comuna_code"].map(provinces).astype("str")
    return dates


def training_without_use(
    activities: pd.DataFrame, history: pd.DataFrame, as_of: dt.date, days: int = 60
) -> pd.DataFrame:
    """Comunas whose latest technical training on a platform was at least `days` days before
    as_of and where that platform is not en_uso at as_of: the training date, the days since, the
    stage then (the last datum on that date) and now, each with the cut-off it comes from. A
    platform without any status datum is listed with empty stages, not left out."""
    trained = _trainings(activities, as_of, "max")
    trained["days_since"] = (_timestamp(as_of) - trained["training_date"]).dt.days.astype("int64")
    trained = trained[trained["days_since"] >= days]
    timeline = Timeline(history[history["as_of"] <= _timestamp(as_of)])
    then = timeline.on(trained.assign(on=trained["training_date"]))
    now = timeline.on(trained.assign(on=_timestamp(as_of)))
    names = {"stage": "stage_{}", "alternative": "alternative_{}", "as_of": "stage_{}_as_of"}
    for states, when in ((then, "then"), (now, "now")):
        states = states.drop(columns="on").rename(
            columns={k: v.format(when) for k, v in names.items()}
        )
        trained = trained.merge(states, on=PAIR, how="left")
    trained = trained[trained["stage_now"].ne("en_uso") | trained["stage_now"].isna()]
    ordered = in_order(
        trained, ["region_code", "platform", "days_since", "comuna"], [True, True, False, True]
    )
    for column in ("stage_then_as_of", "stage_now_as_of"):
        ordered[column] = ordered[column].astype("datetime64[s]")
    return ordered[WITHOUT_USE_COLUMNS]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def without_use_headline(
    rows: pd.DataFrame, days: int, scope: str = "la selección", total: bool = True
) -> str:
    """One Spanish sentence on the largest group (region and platform) of training_without_use;
    with total, a second one on how many there are in the scope when there is more than one
    group."""
    if rows.empty:
        return (
            f"Ninguna comuna de {scope} recibió capacitación técnica hace al menos {days} días "
            "sin llegar a usar la plataforma."
        )
    groups = rows.groupby(["region_code", "platform"], sort=False).agg(
        region=("region", "first"), n=("comuna_code", "size")
    )
    groups = in_order(groups.reset_index(), ["n", "region_code", "platform"], [False, True, True])
    top = groups.iloc[0]
    n = int(top["n"])
    verb = "recibió" if n == 1 else "recibieron"
    use = "la usa" if n == 1 else "la usan"
    sentence = (
        f"En {top['region']}, {_plural(n, 'comuna', 'comunas')} {verb} capacitación técnica en "
        f"{platform_label(top['platform'])} hace al menos {days} días y aún no {use}."
    )
    if total and len(groups) > 1:
        sentence += f" En total, {len(rows)} capacitaciones técnicas sin uso en {scope}."
    return sentence


def _observations(history: pd.DataFrame) -> pd.DataFrame:
    """Each pair's state at each of its own cut-offs: on a date with two rows, the later upload's
    (the state latest() gives on that date)."""
    rows = history.dropna(subset=["as_of"])
    rows = rows.sort_values([*PAIR, *tie_order(rows)], kind="stable")
    return rows.drop_duplicates([*PAIR, "as_of"], keep="last")[[*PAIR, "as_of", "stage"]]


def _days_until(observed: pd.DataFrame, first: pd.DataFrame, stages: Sequence[str]) -> pd.Series:
    """Per trained pair, the days from its training to its first cut-off (on or after it) at one
    of these stages; pairs already there on the training date are left out."""
    after = observed.merge(first[[*PAIR, "training_date"]], on=PAIR)
    after = after[(after["as_of"] >= after["training_date"]) & after["stage"].isin(stages)]
    reached = after.groupby(PAIR).agg(at=("as_of", "min"), training_date=("training_date", "first"))
    days = (reached["at"] - reached["training_date"]).dt.days
    already = first[first["stage"].isin(stages)].set_index(PAIR).index
    return days[~days.index.isin(already)]


def _advanced(timeline: Timeline, pairs: pd.DataFrame, days: int) -> tuple[int, int]:
    """How many of the pairs (comuna_code, platform, on) had a stage on the scale on their date
    and how many of those stood higher on the scale `days` days later."""
    start = timeline.on(pairs)
    end = timeline.on(pairs.assign(on=pairs["on"] + pd.Timedelta(days=days)))
    went = stage_direction(start["stage"], end["stage"])[start["stage"].isin(ON_SCALE)]
    return len(went), int((went == "avanza").sum())


def training_to_use(
    activities: pd.DataFrame, history: pd.DataFrame, as_of: dt.date, days: int = ADVANCE_DAYS
) -> pd.DataFrame:
    """Per platform with technical trainings by as_of: the median days from a comuna's first
    training to its first cut-off at habilitada or above and at en_uso (over the comunas the
    history shows reaching it, not already there when trained; with their count), and the share
    of trained comunas that went up the scale within `days` days, beside the share of comunas not
    trained on it (by the window's end) that went up in the same platform's window of `days` days
    from the median training date. A comparison, not a cause."""
    history = history[history["as_of"] <= _timestamp(as_of)]
    timeline = Timeline(history)
    first = _trainings(activities, as_of, "min")
    first = first.assign(
        stage=timeline.on(first.assign(on=first["training_date"]))["stage"].to_numpy()
    )
    observed = _observations(history)
    to_enabled = _days_until(observed, first, ENABLED)
    to_use = _days_until(observed, first, ("en_uso",))
    rows = []
    for platform in [p for p in PLATFORMS if p in set(first["platform"])]:
        own = first[first["platform"] == platform]
        enabled = to_enabled[to_enabled.index.get_level_values("platform") == platform]
        used = to_use[to_use.index.get_level_values("platform") == platform]
        done = own[own["training_date"] + pd.Timedelta(days=days) <= _timestamp(as_of)]
        trained_window, trained_advanced = _advanced(
            timeline, done[PAIR].assign(on=done["training_date"]), days
        )
        start = end = pd.NaT
        untrained_window = untrained_advanced = 0
        if not done.empty:
            start = done["training_date"].sort_values().iloc[(len(done) - 1) // 2]
            end = start + pd.Timedelta(days=days)
            later = activities[
                (activities["activity"] == TECHNICAL)
                & (activities["platform"] == platform)
                & (activities["date"] <= end)
            ]
            others = history.loc[history["platform"] == platform, PAIR].drop_duplicates()
            others = others[~others["comuna_code"].isin(later["comuna_code"])]
            untrained_window, untrained_advanced = _advanced(
                timeline, others.assign(on=start), days
            )
        rows.append(
            {
                "platform": platform,
                "trained": len(own),
                "days_to_enabled": enabled.median() if len(enabled) else float("nan"),
                "n_to_enabled": len(enabled),
                "days_to_use": used.median() if len(used) else float("nan"),
                "n_to_use": len(used),
                "trained_window": trained_window,
                "trained_advanced": trained_advanced,
                "pct_trained_advanced": _share(trained_advanced, trained_window),
                "untrained_window": untrained_window,
                "untrained_advanced": untrained_advanced,
                "pct_untrained_advanced": _share(untrained_advanced, untrained_window),
                "window_start": start,
                "window_end": end,
            }
        )
    table = pd.DataFrame(rows, columns=TO_USE_COLUMNS)
    for column in ("window_start", "window_end"):
        table[column] = pd.to_datetime(table[column]).astype("datetime64[s]")
    return table


def _share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")
