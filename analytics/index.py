"""The adoption index of each comuna and the measures the map colours comunas by."""

import pandas as pd

from loaders.gazetteer import gazetteer
from loaders.vocabulary import ON_SCALE, vocabulary

INDEX_COLUMNS = [
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


def stage_points() -> dict[str, float]:
    """Each stage on the scale as points of the adoption index, evenly spaced from 0 (the
    lowest, no iniciado) to 100 (the highest, en uso); stages off the scale have none."""
    top = len(ON_SCALE) - 1
    return {stage: rank / top * 100 for stage, rank in vocabulary().stage_order.items()}


def adoption_index(current: pd.DataFrame) -> pd.DataFrame:
    """Per comuna, the mean stage of its platforms on the scale from 0 (none started) to 100
    (all in use), and how many are enabled without use, not started, in use and on the scale."""
    points = current["stage"].map(stage_points()).astype("float64")
    scored = pd.DataFrame(
        {
            "comuna_code": current["comuna_code"],
            "region_code": current["region_code"],
            "region": current["region"],
            "comuna": current["comuna"],
            "index": points,
            "habilitada_sin_uso": (current["stage"] == "habilitada").astype("int64"),
            "sin_iniciar": (current["stage"] == "sin_iniciar").astype("int64"),
            "en_uso": (current["stage"] == "en_uso").astype("int64"),
            "on_scale": points.notna().astype("int64"),
        }
    )
    grouped = scored.groupby("comuna_code", sort=True)
    names = grouped[["region_code", "region", "comuna"]].first()
    counts = grouped[["habilitada_sin_uso", "sin_iniciar", "en_uso", "on_scale"]].sum()
    index = names.join(grouped[["index"]].mean()).join(counts).reset_index()
    provinces = gazetteer().comunas.set_index("comuna_code")["province"]
    index.insert(2, "province", index["comuna_code"].map(provinces).astype("str"))
    return index[INDEX_COLUMNS]


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
