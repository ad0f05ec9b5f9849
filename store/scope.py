"""A coordinator's scope at write time: the rows of other regions are left out and reported."""

from dataclasses import replace

import pandas as pd

from access.identity import Identity
from loaders import Issue, LoadResult


def within_scope(result: LoadResult, user: Identity) -> tuple[LoadResult, list[Issue]]:
    """The result with only the status and activity rows of the user's regions, and an error
    issue for each row left out (kept in the upload's report, so the coordinator sees which and
    why)."""
    frame, activities = result.frame, result.activities
    allowed = _allowed(frame, user)
    allowed_activities = _allowed(activities, user)
    if allowed.all() and allowed_activities.all():
        return result, []
    outside = f"fuera de las regiones de {user.describe()}"
    fix = "quite la fila, o que la cargue quien coordina esa región"
    refused = [
        Issue(
            "error",
            row.sheet,
            row.cell,
            f"fila rechazada: {row.comuna} es de la región {row.region}, {outside}",
            fix=fix,
        )
        for row in frame[~allowed].itertuples()
    ]
    refused += [
        Issue(
            "error",
            row.sheet,
            row.cell,
            f"fila rechazada: la actividad en {row.comuna} es de la región {row.region}, {outside}",
            fix=fix,
        )
        for row in activities[~allowed_activities].itertuples()
    ]
    kept = replace(
        result,
        frame=frame[allowed].reset_index(drop=True),
        activities=activities[allowed_activities].reset_index(drop=True),
        issues=[*result.issues, *refused],
    )
    return kept, refused


def _allowed(rows: pd.DataFrame, user: Identity) -> pd.Series:
    """Which rows are of a region the user may write."""
    return rows["region_code"].map(user.may_write).astype(bool)
