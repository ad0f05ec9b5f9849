"""Which comuna an unknown name may be: the comunas of a region, likeliest first."""

from rapidfuzz import fuzz, process

from loaders.gazetteer import gazetteer
from loaders.text import fold


def comuna_candidates(
    name: str, region_code: str | None, limit: int | None = None
) -> list[tuple[str, str, float]]:
    """(code, official name, score 0-100) of every comuna of the region (of Chile when None),
    likeliest first by similarity of their folded names to the folded name, ties by name."""
    comunas = gazetteer().comunas
    if region_code is not None:
        comunas = comunas[comunas["region_code"] == region_code]
    names = [fold(n) for n in comunas["comuna"]]
    # WRatio also credits a name written in part or with its words reordered
    scores = process.cdist([fold(name)], names, scorer=fuzz.WRatio)[0] if names else []
    ranked = sorted(
        zip(comunas["comuna_code"], comunas["comuna"], scores, strict=True),
        key=lambda found: (-round(float(found[2]), 1), fold(found[1]), found[0]),
    )
    return [(code, official, round(float(score), 1)) for code, official, score in ranked][:limit]
