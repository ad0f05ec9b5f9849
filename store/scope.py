"""A coordinator's scope at write time: the rows of other regions are left out and reported."""

from dataclasses import replace

from access.identity import Identity
from loaders import Issue, LoadResult


def within_scope(result: LoadResult, user: Identity) -> tuple[LoadResult, list[Issue]]:
    """The result with only the rows of the user's regions, and an error issue for each row left
    out (kept in the upload's report, so the coordinator sees which and why)."""
    frame = result.frame
    allowed = frame["region_code"].map(user.may_write).astype(bool)
    if allowed.all():
        return result, []
    refused = [
        Issue(
            "error",
            row.sheet,
            row.cell,
            f"fila rechazada: {row.comuna} es de la región {row.region}, fuera de las regiones "
            f"de {user.describe()}",
        )
        for row in frame[~allowed].itertuples()
    ]
    kept = replace(
        result, frame=frame[allowed].reset_index(drop=True), issues=[*result.issues, *refused]
    )
    return kept, refused
