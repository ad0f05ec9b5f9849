"""What an upload would change in the current state: before -> after per comuna and platform."""

import pandas as pd

from loaders.vocabulary import stage_direction

CHANGE_LABELS = {
    "comuna_nueva": "Comuna nueva",
    "nuevo": "Dato nuevo",
    "avanza": "Avanza",
    "retrocede": "Retrocede",
    "cambia": "Cambia",
    "igual": "Sin cambio",
    "anterior": "Fecha anterior: no cambia el estado actual",
}
COLUMNS = [
    "region",
    "comuna_code",
    "comuna",
    "platform",
    "before",
    "after",
    "as_of_before",
    "as_of",
    "change",
]


def changes(current: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """Each comuna and platform of the incoming rows, its stage now and after saving, and the kind
    of change; incoming rows win ties on the date because they would be the later upload."""
    if incoming.empty:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in COLUMNS})
    newest = incoming.sort_values("as_of").drop_duplicates(["comuna_code", "platform"], keep="last")
    before = current[["comuna_code", "platform", "stage", "as_of"]].rename(
        columns={"stage": "before", "as_of": "as_of_before"}
    )
    merged = newest.merge(before, on=["comuna_code", "platform"], how="left")
    known = set(current["comuna_code"])
    kind = stage_direction(merged["before"], merged["stage"])
    # an older cut-off does not change the current state (a pair new to the store has no date)
    kind[merged["as_of"] < merged["as_of_before"]] = "anterior"
    kind[~merged["comuna_code"].isin(known)] = "comuna_nueva"
    merged["change"] = kind
    merged = merged.rename(columns={"stage": "after"})
    return merged[COLUMNS].sort_values(["region", "comuna", "platform"], ignore_index=True)


def summary(table: pd.DataFrame) -> dict[str, int]:
    """How many comuna-platform pairs fall in each kind of change."""
    counts = table["change"].value_counts()
    return {kind: int(counts.get(kind, 0)) for kind in CHANGE_LABELS}
