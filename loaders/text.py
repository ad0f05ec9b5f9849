"""Text folding and whole-word phrase lookup, shared by every vocabulary of the loaders."""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, strip accents, turn punctuation into spaces and collapse spacing."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare).strip()


class PhraseTable:
    """Maps folded phrases to values; finds the longest phrase inside a text, word by word."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._by_words: dict[tuple[str, ...], set[str]] = {}
        for phrase, value in pairs:
            words = tuple(fold(phrase).split())
            if words:
                self._by_words.setdefault(words, set()).add(value)
        self._longest = max((len(w) for w in self._by_words), default=0)
        self.exact = lru_cache(maxsize=16384)(self._exact)
        self.find = lru_cache(maxsize=16384)(self._find)
        self.leads = lru_cache(maxsize=16384)(self._leads)
        self.scan = lru_cache(maxsize=16384)(self._scan)

    def _exact(self, text: str) -> str | None:
        """The value of a text that is exactly one phrase (after folding), else None."""
        values = self._by_words.get(tuple(fold(text).split()))
        return next(iter(values)) if values and len(values) == 1 else None

    def _find(self, text: str) -> tuple[str, ...]:
        """Values of the longest phrases found in the text: none, one, or several when ambiguous."""
        words = fold(text).split()
        for size in range(min(self._longest, len(words)), 0, -1):
            found: set[str] = set()
            for start in range(len(words) - size + 1):
                found |= self._by_words.get(tuple(words[start : start + size]), set())
            if found:
                return tuple(sorted(found))
        return ()

    def _leads(self, text: str) -> bool:
        """Whether the text begins with one of the phrases ("Total provincia" with "total")."""
        words = tuple(fold(text).split())
        return any(words[:size] in self._by_words for size in range(1, self._longest + 1))

    def _scan(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """Every phrase in the text, left to right and not overlapping, the longest one where
        several start at a word: (first word, words, value). Ambiguous phrases are left out."""
        words = fold(text).split()
        found, start = [], 0
        while start < len(words):
            for size in range(min(self._longest, len(words) - start), 0, -1):
                values = self._by_words.get(tuple(words[start : start + size]))
                if values and len(values) == 1:
                    found.append((start, size, next(iter(values))))
                    start += size
                    break
            else:
                start += 1
        return tuple(found)

    def one(self, text: str) -> str | None:
        """The single value whose phrase is the longest one in the text, or None if none or ambiguous."""
        found = self.find(text)
        return found[0] if len(found) == 1 else None
