"""The words of activity logs and attendance lists, read from layouts/*.csv: headers, activities,
modalities, headcounts, municipalities, and how a cell's text becomes a value."""

import re
from dataclasses import dataclass
from functools import cache

from loaders.text import PhraseTable, fold
from loaders.vocabulary import ACTIVITY_LABELS, OTHER_ACTIVITY, read_table, vocabulary

MAX_HEADER_WORDS = 8  # a longer cell is a title or a note, not a column header
MAX_HEADER_TEXT = 200  # characters; a header of 8 words is far shorter
MAX_WORDS_TEXT = 300  # characters of a cell looked at for activity, platform or modality words
MAX_PARTICIPANTS = 10_000  # more people than any municipal activity: a typo or a date
MAX_NAMES = 40  # comunas named in one cell; a region has at most 54
MAX_NAME_TEXT = 1000  # characters of a cell of comunas; longer is a note, not a list

# Spanish words that join the parts of an activity's name and say nothing of it, so that
# «Capacitación técnica de FirmaGob» says no more than its activity and platform
_JOINERS = frozenset(
    (
        "a",
        "al",
        "con",
        "de",
        "del",
        "e",
        "el",
        "en",
        "la",
        "las",
        "los",
        "para",
        "por",
        "sobre",
        "y",
    )
)
# on the stripped text, with nothing that can backtrack over a long run of blanks
_HEADCOUNT = re.compile(r"(\d{1,9})(?:[.,]0+)?(?:\s*(\D.*))?", re.DOTALL)
# parts of a cell naming several comunas: «Temuco, Padre Las Casas y Vilcún», «Temuco / Vilcún»
_NAME_SEPARATORS = re.compile(r"\s*(?:[,;/\n\r|]|\s-\s|\s+y\s+|\s+e\s+)\s*", re.IGNORECASE)
_HINT = re.compile(r"\([^)]*\)")  # «Fecha (dd/mm/aaaa)», «Comuna(s)»


@dataclass(frozen=True)
class ActivityWords:
    """Every vocabulary the activity readers use, as phrase tables."""

    headers: PhraseTable  # a column header -> its role (layouts/activity_headers.csv)
    activities: PhraseTable  # words -> activity id (layouts/activities.csv)
    modalities: PhraseTable  # words -> presencial or remota (layouts/modalities.csv)
    headcount: PhraseTable  # words that may follow a headcount («12 personas»)
    municipal: PhraseTable  # words naming a municipality or one of its offices


@cache
def activity_words() -> ActivityWords:
    """The activity vocabularies, read once."""
    return ActivityWords(
        headers=PhraseTable((r["phrase"], r["role"]) for r in read_table("activity_headers.csv")),
        activities=PhraseTable(
            (r["phrase"], r["activity"]) for r in read_table("activities.csv") if r["phrase"]
        ),
        modalities=PhraseTable((r["phrase"], r["modality"]) for r in read_table("modalities.csv")),
        headcount=PhraseTable((r["phrase"], "unit") for r in read_table("headcount_words.csv")),
        municipal=PhraseTable(
            (r["phrase"], "municipal") for r in read_table("municipal_words.csv")
        ),
    )


def header_role(text: str) -> str | None:
    """The role of a column header or a title's label (activity_headers.csv), or None."""
    if len(text) > MAX_HEADER_TEXT:
        return None
    name = _HINT.sub(" ", text)
    if not fold(name) or len(fold(name).split()) > MAX_HEADER_WORDS:
        return None
    headers = activity_words().headers
    return headers.exact(name) or headers.one(name)


def label_role(text: str) -> str | None:
    """The role a title's label names when it is exactly a header word («Fecha», «Modalidad»)."""
    return activity_words().headers.exact(_HINT.sub(" ", text[:MAX_HEADER_TEXT]))


def activity_of(text: str) -> str | None:
    """The activity the words name: the one named first («Taller práctico de gestión del
    cambio» is a workshop about change), or None when they name none."""
    found = activity_words().activities.scan(text[:MAX_WORDS_TEXT])
    return found[0][2] if found else None


def platforms_in(text: str) -> list[str]:
    """Every platform the words name, in the order they name them, each once."""
    found = vocabulary().platforms.scan(text[:MAX_WORDS_TEXT])
    return list(dict.fromkeys(value for _, _, value in found))


def says_more(text: str) -> bool:
    """Whether an activity's words say more than its kind and platforms (then they are its
    topic): «Capacitación técnica FirmaGob» does not, «Taller de firma de decretos» does."""
    text = text[:MAX_WORDS_TEXT]
    words = fold(text).split()
    covered: set[int] = set()
    for table in (activity_words().activities, vocabulary().platforms):
        for start, size, _ in table.scan(text):
            covered.update(range(start, start + size))
    return any(i not in covered and w not in _JOINERS for i, w in enumerate(words))


def modality_of(text: str) -> str | None:
    """presencial or remota for the words, "" for none written, None when they say neither."""
    text = text[:MAX_WORDS_TEXT]
    if not fold(text):
        return ""
    table = activity_words().modalities
    return table.exact(text) or table.one(text)


def headcount(value: object) -> tuple[int | None, bool]:
    """The number of people a cell gives and whether it could be read: 12, 12.0, «12» and
    «12 personas» are 12; a blank cell is (None, True); «doce», «varios», -3 or 12.5 are
    (None, False)."""
    if value is None or isinstance(value, bool):
        return None, value is None
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return None, False
        return (int(value), True) if 0 <= value <= MAX_PARTICIPANTS else (None, False)
    if not isinstance(value, str) or not value.strip():
        return None, isinstance(value, str)
    match = _HEADCOUNT.fullmatch(value.strip())
    if match is None or int(match[1]) > MAX_PARTICIPANTS:
        return None, False
    unit = match[2] or ""
    if unit and activity_words().headcount.exact(unit) is None:
        return None, False
    return int(match[1]), True


def names_in(text: str) -> list[str]:
    """The parts of a cell that may name several comunas, in their order."""
    parts = (p.strip(" .") for p in _NAME_SEPARATORS.split(text))
    return [p for p in parts if p]


def is_municipal(text: str) -> bool:
    """Whether an institution's words name a municipality or one of its offices."""
    return bool(activity_words().municipal.find(text[:MAX_WORDS_TEXT]))


def activity_choices() -> str:
    """The activities a log may name, for messages."""
    return ", ".join(label for key, label in ACTIVITY_LABELS.items() if key != OTHER_ACTIVITY)
