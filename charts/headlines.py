"""Each chart's headline: one Spanish sentence, written from the frame the chart draws, that says
what the chart shows to someone who cannot see it."""

import pandas as pd

import analytics
from charts.accompaniment import month_label
from formats import day, number, percent
from loaders.vocabulary import PLATFORMS, STAGES, platform_label, stage_label


def _comunas(count: int) -> str:
    return f"{count} {'comuna' if count == 1 else 'comunas'}"


def change(before: float, after: float) -> str:
    """How a share moved between two dates: «subió de 10 % a 40 %», «se mantuvo en 40 %»."""
    first, last = percent(before), percent(after)
    if first == last:
        return f"se mantuvo en {last}"
    return f"{'subió' if after > before else 'bajó'} de {first} a {last}"


def enabled_without_use(current: pd.DataFrame, region: str) -> str:
    """How many of a region's comunas have at least one platform enabled without use."""
    index = analytics.adoption_index(current)
    with_gap = int((index["habilitada_sin_uso"] > 0).sum())
    if not with_gap:
        return f"Ninguna comuna de {region} tiene plataformas habilitadas sin uso."
    return (
        f"{with_gap} de {len(index)} comunas de {region} tienen al menos una plataforma "
        "habilitada sin uso."
    )


def solutions(counts: pd.DataFrame) -> str:
    """How many comunas and platforms use an own solution or a private provider instead of the
    SGD's platform (analytics.solutions)."""
    own, private = int(counts["propia"].sum()), int(counts["privada"].sum())
    unnamed = int(counts["sin_detalle"].sum())
    others = own + private + unnamed
    total = others + int(counts["sgd"].sum())
    parts = [f"{own} con solución propia", f"{private} con proveedor privado"]
    parts += [f"{unnamed} sin detalle"] if unnamed else []
    return (
        f"En {others} de {total} casos (una comuna en una plataforma) se usa otra solución en vez "
        f"de la plataforma SGD: {', '.join(parts[:-1])} y {parts[-1]}."
    )


def map_measure(values: pd.DataFrame, kind: str, label: str, region: str) -> str:
    """What a region's map says (analytics.map_measure): the mean, highest and lowest comuna of an
    index or a gap, or how many comunas are at each stage of a platform."""
    rows = values.dropna(subset=["value"])
    if rows.empty:
        return f"Ninguna comuna de {region} tiene datos de «{label}»."
    if kind == "stage":
        counts = rows["value"].value_counts()
        said = [
            f"{stage_label(s).lower()}, {_comunas(int(counts[s]))}" for s in STAGES if s in counts
        ]
        return f"{label} en {region}: {'; '.join(said)}."
    rows = rows.sort_values("value", kind="stable")
    low, high = rows.iloc[0], rows.iloc[-1]
    if kind == "brecha":
        return (
            f"Brecha de uso de {region}: {percent(rows['value'].mean())} en promedio; la más alta "
            f"en {high['comuna']} ({percent(high['value'])}) y la más baja en {low['comuna']} "
            f"({percent(low['value'])})."
        )
    return (
        f"Índice de adopción de {region}: {number(rows['value'].mean())} de 100; el más alto en "
        f"{high['comuna']} ({number(high['value'])}) y el más bajo en {low['comuna']} "
        f"({number(low['value'])})."
    )


def trend(rows: pd.DataFrame, platform: str) -> str:
    """How the use of one platform moved in each region between its first and last cut-off
    (analytics.trend)."""
    said = []
    own = rows[rows["platform"] == platform].dropna(subset=["pct_en_uso"])
    for _, region in own.sort_values(["region_code", "as_of"]).groupby("region_code", sort=False):
        first, last = region.iloc[0], region.iloc[-1]
        if len(region) == 1:
            said.append(
                f"en {last['region']}, {percent(last['pct_en_uso'])} al {day(last['as_of'])}"
            )
        else:
            said.append(
                f"en {last['region']} {change(first['pct_en_uso'], last['pct_en_uso'])} entre el "
                f"{day(first['as_of'])} y el {day(last['as_of'])}"
            )
    if not said:
        return f"Todavía no hay datos del uso de {platform_label(platform)}."
    return f"Comunas con {platform_label(platform)} en uso: {'; '.join(said)}."


def coverage(grid: pd.DataFrame) -> str:
    """How many comunas had a step of the plan, and its most and least reached steps
    (analytics.plan_coverage)."""
    done = grid[grid["first_date"].notna() & grid["applies"]]
    total = grid["comuna_code"].nunique()
    if done.empty:
        return f"Ninguna de las {total} comunas tiene pasos del plan registrados."
    steps = done.groupby("step", sort=False)["comuna_code"].nunique().sort_values(kind="stable")
    most, least = steps.index[-1], steps.index[0]
    return (
        f"{done['comuna_code'].nunique()} de {total} comunas tuvieron al menos un paso del plan; "
        f"el más frecuente, «{most}» ({_comunas(int(steps[most]))}), y el menos, «{least}» "
        f"({_comunas(int(steps[least]))})."
    )


def monthly(rows: pd.DataFrame) -> str:
    """How many activities there were, over which months, and the busiest month
    (analytics.monthly_activities)."""
    per_month = rows.groupby("month")["activities"].sum()
    total = int(per_month.sum())
    busiest = per_month.idxmax()
    noun = "actividad" if total == 1 else "actividades"
    if len(per_month) == 1:
        return f"{total} {noun} en {month_label(busiest)}."
    return (
        f"{total} {noun} entre {month_label(per_month.index.min())} y "
        f"{month_label(per_month.index.max())}; el mes con más fue {month_label(busiest)} "
        f"({int(per_month[busiest])})."
    )


def timeline(history: pd.DataFrame) -> str:
    """How each platform of a comuna moved between its first and last cut-off, or where each
    stands at its only one."""
    rows = history.sort_values("as_of", kind="stable")
    first_day, last_day = rows["as_of"].min(), rows["as_of"].max()
    said = []
    for platform in [p for p in PLATFORMS if p in set(rows["platform"])]:
        own = rows[rows["platform"] == platform]
        start, end = own.iloc[0], own.iloc[-1]
        before = stage_label(start["stage"], start["alternative"]).lower()
        after = stage_label(end["stage"], end["alternative"]).lower()
        name = platform_label(platform)
        if first_day == last_day:
            said.append(f"{name}, {after}")
        elif before == after:
            said.append(f"{name}, sin cambios ({after})")
        else:
            said.append(f"{name} pasó de {before} a {after}")
    if first_day == last_day:
        return f"Al {day(last_day)}: {'; '.join(said)}."
    return f"Entre el {day(first_day)} y el {day(last_day)}: {'; '.join(said)}."


def comparison(profile: pd.DataFrame, comuna: str, region: str) -> str:
    """How many of a comuna's platforms are in use, beside the platform most used in its region
    (analytics.comuna_profile)."""
    in_use = int((profile["stage"] == "en_uso").sum())
    best = profile.sort_values("region_pct_en_uso", ascending=False, kind="stable").iloc[0]
    return (
        f"{comuna} tiene {in_use} de {len(profile)} plataformas en uso; en {region}, la más usada "
        f"es {platform_label(best['platform'])} ({percent(best['region_pct_en_uso'])} de las "
        "comunas la tienen en uso)."
    )
