"""Counts and shares per group of comuna-platform pairs, the region tiles and the headline."""

from collections.abc import Sequence

import pandas as pd

from analytics.selection import in_order
from loaders.gazetteer import gazetteer
from loaders.vocabulary import (
    BELOW,
    ENABLED,
    OFF_SCALE,
    ON_SCALE,
    STAGES,
    platform_label,
    stage_label,
)

COUNT_COLUMNS = ["on_scale", *ON_SCALE, "enabled", "below", *OFF_SCALE]
SHARE_COLUMNS = ["pct_enabled", "pct_en_uso", "brecha_uso", "brecha_habilitacion"]


def shares(current: pd.DataFrame, by: Sequence[str] = ("region_code", "platform")) -> pd.DataFrame:
    """Per group, how many comuna-platform pairs are at each stage, and the shares of those on
    the scale that are enabled, in use, enabled without use and below enabled."""
    by = list(by)
    stages = pd.Categorical(current["stage"], categories=STAGES)
    onehot = pd.get_dummies(stages, dtype="int64").set_axis(current.index)
    counts = onehot.groupby([current[c] for c in by]).sum().reset_index()
    counts["on_scale"] = counts[list(ON_SCALE)].sum(axis=1)
    counts["enabled"] = counts[list(ENABLED)].sum(axis=1)
    counts["below"] = counts[list(BELOW)].sum(axis=1)
    on_scale = counts["on_scale"].where(counts["on_scale"] > 0).astype("float64")
    counts["pct_enabled"] = counts["enabled"] / on_scale
    counts["pct_en_uso"] = counts["en_uso"] / on_scale
    counts["brecha_uso"] = counts["habilitada"] / on_scale
    counts["brecha_habilitacion"] = counts["below"] / on_scale
    summary = in_order(counts[[*by, *COUNT_COLUMNS, *SHARE_COLUMNS]], by)
    if "region_code" in by:
        names = current.drop_duplicates("region_code").set_index("region_code")["region"]
        summary.insert(len(by), "region", summary["region_code"].map(names))
    return summary


TOTAL = "total"
TOTAL_LABEL = "Total de las regiones elegidas"
TILE_COLUMNS = [
    "region_code",
    "region",
    "comunas_total",
    "comunas_covered",
    "pct_enabled",
    "pct_en_uso",
    "brecha_uso",
    "as_of",
]


def region_tiles(
    current: pd.DataFrame, regions: Sequence[str], total: bool = False
) -> pd.DataFrame:
    """One row per requested region, also without data: its official number of comunas, how
    many have data, the shares over every comuna-platform pair of the region on the scale and
    its newest cut-off; with total and more than one region, a last row (region_code TOTAL) for
    all of them together, dated at the newest of theirs."""
    places = gazetteer()
    tiles = pd.DataFrame({"region_code": pd.Series(list(regions), dtype="str")})
    names = places.regions.set_index("region_code")["region"]
    official = places.comunas.groupby("region_code").size()
    covered = current.groupby("region_code")["comuna_code"].nunique()
    newest = current.groupby("region_code")["as_of"].max()
    summary = shares(current, by=("region_code",)).set_index("region_code")
    tiles["region"] = tiles["region_code"].map(names)
    tiles["comunas_total"] = tiles["region_code"].map(official).fillna(0).astype("int64")
    tiles["comunas_covered"] = tiles["region_code"].map(covered).fillna(0).astype("int64")
    for column in ("pct_enabled", "pct_en_uso", "brecha_uso"):
        tiles[column] = tiles["region_code"].map(summary[column]).astype("float64")
    tiles["as_of"] = pd.to_datetime(tiles["region_code"].map(newest.to_dict()))
    if total and len(tiles) > 1:
        together = current[current["region_code"].isin(list(regions))]
        overall = shares(together.assign(region_code=TOTAL), by=("region_code",))
        row = {
            "region_code": TOTAL,
            "region": TOTAL_LABEL,
            "comunas_total": int(tiles["comunas_total"].sum()),
            "comunas_covered": int(tiles["comunas_covered"].sum()),
            **{
                c: overall[c].iloc[0] if len(overall) else float("nan")
                for c in ("pct_enabled", "pct_en_uso", "brecha_uso")
            },
            "as_of": tiles["as_of"].max(),
        }
        tiles = pd.concat([tiles, pd.DataFrame([row])], ignore_index=True)
    return tiles[TILE_COLUMNS]


def _headline_row(shares_df: pd.DataFrame) -> pd.Series | None:
    """The region and platform the headline speaks of: the most comunas enabled without use,
    then the largest brecha de uso; None when no group has any."""
    if shares_df.empty:
        return None
    top = shares_df.sort_values(["habilitada", "brecha_uso"], ascending=False, kind="stable")
    return top.iloc[0] if top.iloc[0]["habilitada"] else None


def _comunas(count: int) -> str:
    return f"{count} {'comuna' if count == 1 else 'comunas'}"


def headline(shares_df: pd.DataFrame) -> str:
    """One Spanish sentence on the region and platform with the most comunas enabled without use,
    saying what it counts over: the comunas with a stage of that platform on the scale."""
    if shares_df.empty:
        return "No hay datos para la selección."
    top = _headline_row(shares_df)
    if top is None:
        return "Ninguna comuna de la selección tiene plataformas habilitadas sin uso."
    used = f"en uso en {top['en_uso']}" if top["en_uso"] else "no está en uso en ninguna"
    return (
        f"En {top['region']}, {platform_label(top['platform'])} está habilitada en "
        f"{top['enabled']} de {_comunas(top['on_scale'])} con dato en la escala, pero {used}."
    )


def headline_scope(current: pd.DataFrame, shares_df: pd.DataFrame) -> str:
    """How the headline's count of comunas meets its region's tile: the tile counts the comunas
    with any data, the headline those with a stage of its platform on the scale; the rest, by
    what they have instead. Empty when there is no headline."""
    top = _headline_row(shares_df)
    if top is None:
        return ""
    platform = platform_label(top["platform"])
    covered = current.loc[current["region_code"] == top["region_code"], "comuna_code"].nunique()
    on_scale = int(top["on_scale"])
    lead = (
        f"El recuadro de {top['region']} cuenta {_comunas(covered)} con datos; la frase, "
        f"{'la' if on_scale == 1 else 'las'} {on_scale} con una etapa de {platform} en la escala "
        f"(de {stage_label(ON_SCALE[0])} a {stage_label(ON_SCALE[-1])})"
    )
    if on_scale == covered:
        return f"{lead}: todas."
    others = [f"{top[s]} con «{stage_label(s)}»" for s in OFF_SCALE if top[s]]
    missing = covered - on_scale - sum(int(top[s]) for s in OFF_SCALE)
    if missing:
        others.append(f"{missing} sin dato de {platform}")
    listed = ", ".join(others[:-1]) + (" y " if len(others) > 1 else "") + others[-1]
    rest = covered - on_scale
    return f"{lead}. {'La otra' if rest == 1 else f'Las otras {rest}'}: {listed}."
