"""Adoption gaps, rankings and trends: pure pandas, normalized frame in, summary frame out."""

import argparse
import datetime as dt
import json
import sys
from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from loaders.gazetteer import gazetteer
from loaders.text import fold
from loaders.vocabulary import PLATFORMS, STAGES, vocabulary

ON_SCALE = ("sin_iniciar", "en_proceso", "habilitada", "en_uso")
ENABLED = ("habilitada", "en_uso")
BELOW = ("sin_iniciar", "en_proceso")
PAIR = ["comuna_code", "platform"]
COUNT_COLUMNS = ["on_scale", *ON_SCALE, "enabled", "below", *STAGES[len(ON_SCALE) :]]
SHARE_COLUMNS = ["pct_enabled", "pct_en_uso", "brecha_uso", "brecha_habilitacion"]
TREND_COLUMNS = ["on_scale", "enabled", "en_uso", "pct_enabled", "pct_en_uso", "brecha_uso"]
PROFILE_COLUMNS = ["platform", "stage", "status_raw", "as_of", "source", "file", "sheet", "cell"]
MOVEMENT_COLUMNS = [
    "region_code",
    "region",
    "comuna_code",
    "comuna",
    "platform",
    "before",
    "after",
    "direction",
]
_RANKS = {
    "platform": {platform: rank for rank, platform in enumerate(PLATFORMS)},
    "stage": {stage: rank for rank, stage in enumerate(STAGES)},
}


def _sort_key(column: pd.Series) -> pd.Series:
    # platforms and stages in the contract's order, comunas alphabetically ignoring accents
    if column.name in _RANKS:
        return column.map(_RANKS[column.name])
    if column.name == "comuna":
        return column.map(fold)
    return column


def _sorted(
    frame: pd.DataFrame, columns: list[str], ascending: bool | list[bool] = True
) -> pd.DataFrame:
    return frame.sort_values(
        columns, ascending=ascending, key=_sort_key, kind="stable", ignore_index=True
    )


def filter_frame(
    frame: pd.DataFrame,
    regions: Collection[str] | None = None,
    platforms: Collection[str] | None = None,
) -> pd.DataFrame:
    """The rows of the given regions and platforms (None: all of them; empty: none)."""
    keep = np.ones(len(frame), dtype=bool)
    if regions is not None:
        keep &= frame["region_code"].isin(list(regions)).to_numpy()
    if platforms is not None:
        keep &= frame["platform"].isin(list(platforms)).to_numpy()
    return frame[keep].reset_index(drop=True)


def cutoffs(history: pd.DataFrame) -> list[dt.date]:
    """The cut-off dates present in the history, oldest first."""
    return list(pd.DatetimeIndex(history["as_of"].dropna().unique()).sort_values().date)


def _tie_order(frame: pd.DataFrame) -> list[str]:
    # frames read by the loaders have no upload number: then the row order breaks ties
    return ["as_of", "upload_id"] if "upload_id" in frame else ["as_of"]


def state_at(history: pd.DataFrame, as_of: dt.date | None = None) -> pd.DataFrame:
    """Per comuna and platform, the row with the newest cut-off on or before as_of (None: the
    newest of all); on a tie, the row of the later upload."""
    rows = history if as_of is None else history[history["as_of"] <= pd.Timestamp(as_of)]
    newest = rows.sort_values(_tie_order(rows), kind="stable").drop_duplicates(PAIR, keep="last")
    return _sorted(newest, PAIR)


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
    summary = _sorted(counts[[*by, *COUNT_COLUMNS, *SHARE_COLUMNS]], by)
    if "region_code" in by:
        names = current.drop_duplicates("region_code").set_index("region_code")["region"]
        summary.insert(len(by), "region", summary["region_code"].map(names))
    return summary


def region_tiles(current: pd.DataFrame, regions: Sequence[str]) -> pd.DataFrame:
    """One row per requested region, also without data: its official number of comunas, how
    many have data, and the shares over every comuna-platform pair of the region on the scale."""
    places = gazetteer()
    tiles = pd.DataFrame({"region_code": pd.Series(list(regions), dtype="str")})
    names = places.regions.set_index("region_code")["region"]
    official = places.comunas.groupby("region_code").size()
    covered = current.groupby("region_code")["comuna_code"].nunique()
    summary = shares(current, by=("region_code",)).set_index("region_code")
    tiles["region"] = tiles["region_code"].map(names)
    tiles["comunas_total"] = tiles["region_code"].map(official).fillna(0).astype("int64")
    tiles["comunas_covered"] = tiles["region_code"].map(covered).fillna(0).astype("int64")
    for column in ("pct_enabled", "pct_en_uso", "brecha_uso"):
        tiles[column] = tiles["region_code"].map(summary[column]).astype("float64")
    return tiles


def headline(shares_df: pd.DataFrame) -> str:
    """One Spanish sentence on the region and platform with the most comunas enabled without use."""
    if shares_df.empty:
        return "No hay datos para la selección."
    top = shares_df.sort_values(["habilitada", "brecha_uso"], ascending=False, kind="stable")
    top = top.iloc[0]
    if top["habilitada"] == 0:
        return "Ninguna comuna de la selección tiene plataformas habilitadas sin uso."
    platform = vocabulary().platform_labels.get(top["platform"], top["platform"])
    comunas = "comuna" if top["on_scale"] == 1 else "comunas"
    used = f"en uso en {top['en_uso']}" if top["en_uso"] else "no está en uso en ninguna"
    return (
        f"En {top['region']}, {platform} está habilitada en {top['enabled']} de "
        f"{top['on_scale']} {comunas}, pero {used}."
    )


def adoption_index(current: pd.DataFrame) -> pd.DataFrame:
    """Per comuna, the mean stage of its platforms on the scale from 0 (none started) to 100
    (all in use), and how many are enabled without use, not started, in use and on the scale."""
    order = current["stage"].map(vocabulary().stage_order).astype("float64")
    scored = pd.DataFrame(
        {
            "comuna_code": current["comuna_code"],
            "region_code": current["region_code"],
            "region": current["region"],
            "comuna": current["comuna"],
            "index": order / (len(ON_SCALE) - 1) * 100,
            "habilitada_sin_uso": (current["stage"] == "habilitada").astype("int64"),
            "sin_iniciar": (current["stage"] == "sin_iniciar").astype("int64"),
            "en_uso": (current["stage"] == "en_uso").astype("int64"),
            "on_scale": order.notna().astype("int64"),
        }
    )
    grouped = scored.groupby("comuna_code", sort=True)
    names = grouped[["region_code", "region", "comuna"]].first()
    counts = grouped[["habilitada_sin_uso", "sin_iniciar", "en_uso", "on_scale"]].sum()
    index = names.join(grouped[["index"]].mean()).join(counts).reset_index()
    provinces = gazetteer().comunas.set_index("comuna_code")["province"]
    index.insert(2, "province", index["comuna_code"].map(provinces).astype("str"))
    return index[
        [
            "region_code",
            "region",
            "province",
            "comuna_code",
            "comuna",
            "index",
            "habilitada_sin_uso",
            "sin_iniciar",
            "en_uso",
            "on_scale",
        ]
    ]


def map_measure(current: pd.DataFrame, measure: str) -> tuple[pd.DataFrame, str]:
    """Per comuna, the value of a map measure and its kind: "indice" (the adoption index, 0-100),
    "brecha" (the share of its platforms on the scale enabled without use) or, for a platform id,
    "stage" (that platform's stage)."""
    if measure in ("indice", "brecha"):
        index = adoption_index(current)
        on_scale = index["on_scale"].where(index["on_scale"] > 0).astype("float64")
        value = index["index"] if measure == "indice" else index["habilitada_sin_uso"] / on_scale
        return index.assign(value=value)[["comuna_code", "comuna", "value"]], measure
    rows = current[current["platform"] == measure]
    return rows.assign(value=rows["stage"])[["comuna_code", "comuna", "value"]], "stage"


def _platform_lists(current: pd.DataFrame, stage: str) -> pd.Series:
    """Per comuna, the labels of its platforms at a stage, in the contract's order."""
    rows = _sorted(current[current["stage"] == stage], ["platform"])
    labels = rows["platform"].map(vocabulary().platform_labels)
    return labels.groupby(rows["comuna_code"]).agg(", ".join)


def priorities(current: pd.DataFrame) -> pd.DataFrame:
    """Comunas that need work next: those with platforms enabled without use first (most first),
    then those with platforms not started (most first), then by region and comuna."""
    index = adoption_index(current)
    index = index[(index["habilitada_sin_uso"] > 0) | (index["sin_iniciar"] > 0)]
    index = index.rename(
        columns={"habilitada_sin_uso": "n_habilitada_sin_uso", "sin_iniciar": "n_sin_iniciar"}
    )
    for stage, column in (("habilitada", "habilitada_sin_uso"), ("sin_iniciar", "sin_iniciar")):
        lists = _platform_lists(current, stage)
        index[column] = index["comuna_code"].map(lists).fillna("").astype("str")
    ranked = _sorted(
        index,
        ["n_habilitada_sin_uso", "n_sin_iniciar", "region_code", "comuna"],
        ascending=[False, False, True, True],
    )
    return ranked[
        [
            "region",
            "province",
            "comuna_code",
            "comuna",
            "habilitada_sin_uso",
            "sin_iniciar",
            "n_habilitada_sin_uso",
            "n_sin_iniciar",
            "index",
        ]
    ]


def trend(history: pd.DataFrame, by: Sequence[str] = ("region_code", "platform")) -> pd.DataFrame:
    """For every cut-off, the state on that date summarised like shares(by)."""
    by = list(by)
    rows = history.dropna(subset=["as_of"])
    # one row per comuna, platform and date: the tie on a date goes to the later upload
    rows = rows.sort_values([*PAIR, *_tie_order(rows)], kind="stable")
    rows = rows.drop_duplicates([*PAIR, "as_of"], keep="last").reset_index(drop=True)
    dates = np.unique(rows["as_of"].to_numpy())
    pairs = rows.groupby(PAIR, sort=False)
    # grid[pair, date] = position of the pair's row on that date; rows run in date order within
    # a pair, so a running maximum carries each pair's last row forward to later cut-offs
    grid = np.full((pairs.ngroups, len(dates)), -1)
    grid[pairs.ngroup().to_numpy(), np.searchsorted(dates, rows["as_of"].to_numpy())] = np.arange(
        len(rows)
    )
    grid = np.maximum.accumulate(grid, axis=1)
    pair_at, date_at = np.nonzero(grid >= 0)
    names = ["region"] if "region_code" in by else []
    states = rows[[*by, *names, "stage"]].take(grid[pair_at, date_at]).reset_index(drop=True)
    states.insert(0, "as_of", pd.Series(dates[date_at]).astype("datetime64[s]"))
    summary = shares(states, by=["as_of", *by])
    return summary[["as_of", *by, *names, *TREND_COLUMNS]]


def movements(history: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Per comuna and platform present at end, its stage at start and at end, and whether it
    advanced, went back, stayed, changed off the scale or is new."""
    before = state_at(history, start)[[*PAIR, "stage"]].rename(columns={"stage": "before"})
    moved = state_at(history, end).rename(columns={"stage": "after"})
    moved = moved.merge(before, on=PAIR, how="left")
    order = vocabulary().stage_order
    rank_before = moved["before"].map(order)
    rank_after = moved["after"].map(order)
    moved["direction"] = np.select(
        [
            moved["before"].isna(),
            moved["before"] == moved["after"],
            rank_after > rank_before,
            rank_after < rank_before,
        ],
        ["nuevo", "igual", "avanza", "retrocede"],
        default="cambia",
    )
    moved["direction"] = moved["direction"].astype("str")
    return moved[MOVEMENT_COLUMNS]


def comuna_profile(current: pd.DataFrame, comuna_code: str) -> pd.DataFrame:
    """One row per platform of a comuna: its stage and where it came from, beside the share of
    its region's comunas enabled and in use on the same platform."""
    own = _sorted(current[current["comuna_code"] == comuna_code], ["platform"])
    region = shares(current[current["region_code"].isin(own["region_code"].unique())])
    region = region[["region_code", "platform", "pct_enabled", "pct_en_uso"]].rename(
        columns={"pct_enabled": "region_pct_enabled", "pct_en_uso": "region_pct_en_uso"}
    )
    profile = own.merge(region, on=["region_code", "platform"], how="left")
    return profile[[*PROFILE_COLUMNS, "region_pct_enabled", "region_pct_en_uso"]]


def _percent(share: float) -> str:
    return "—" if pd.isna(share) else f"{share * 100:.1f} %".replace(".", ",")


def _summary_rows(current: pd.DataFrame) -> list[dict]:
    """The command's summary: per region and platform, the counts and the brecha de uso."""
    table = shares(current)
    return [
        {
            "region_code": row.region_code,
            "region": row.region,
            "platform": row.platform,
            "on_scale": int(row.on_scale),
            "enabled": int(row.enabled),
            "en_uso": int(row.en_uso),
            "brecha_uso": None if pd.isna(row.brecha_uso) else float(row.brecha_uso),
        }
        for row in table.itertuples(index=False)
    ]


def _text_table(rows: list[dict]) -> str:
    """The summary as a table people read, text to the left and numbers to the right."""
    labels = vocabulary().platform_labels
    header = [
        "Región",
        "Plataforma",
        "Comunas en escala",
        "Habilitada o más",
        "En uso",
        "Brecha de uso",
    ]
    lines = [header] + [
        [
            row["region"],
            labels.get(row["platform"], row["platform"]),
            str(row["on_scale"]),
            str(row["enabled"]),
            str(row["en_uso"]),
            _percent(np.nan if row["brecha_uso"] is None else row["brecha_uso"]),
        ]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )


def date_argument(text: str) -> dt.date:
    """A command line's AAAA-MM-DD date, or argparse's error in Spanish."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"fecha inválida «{text}»; use AAAA-MM-DD") from exc


def main(argv: list[str] | None = None) -> int:
    """Print the summary per region and platform of the store's state; 0, or 1 on a store error."""
    parser = argparse.ArgumentParser(
        prog="python -m analytics", description="Cifras de adopción del tablero."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser(
        "resumen", help="comunas habilitadas y en uso por región y plataforma"
    )
    summary.add_argument(
        "--as-of",
        type=date_argument,
        help="estado a esa fecha de corte (AAAA-MM-DD); sin ella, el actual",
    )
    summary.add_argument("--json", action="store_true", help="salida en JSON")
    args = parser.parse_args(argv)

    # the store (and SQLAlchemy) only load when the command runs: importing analytics stays light
    from settings import load_settings
    from store import Store, StoreError

    try:
        store = Store(load_settings())
        current = store.current() if args.as_of is None else state_at(store.history(), args.as_of)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    rows = _summary_rows(current)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        day = f" al {args.as_of:%d-%m-%Y}" if args.as_of else ""
        print(f"No hay datos cargados{day}.")
    else:
        day = args.as_of or current["as_of"].max().date()
        print(f"Estado al {day:%d-%m-%Y}\n\n{_text_table(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
