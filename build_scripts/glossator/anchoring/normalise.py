"""The forgiving normalisation: what a contributor cannot see or type easily is forgiven.

Runs of white space (a paragraph break among them), curly and straight quotes, dash
variants, an ellipsis character, zero-width characters and Arabic tatweel and vowel marks
compare equal; matching stays case-sensitive. ``NormalisedText`` keeps a map back to the original offsets, because the
range a note marks is always the article's own text.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from glossator.anchoring.words import WordIndex

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
ARABIC_MARKS = "".join(
    chr(c)
    for c in (
        0x0640,
        *range(0x064B, 0x0660),
        0x0670,
        *range(0x06D6, 0x06DD),
        *range(0x06DF, 0x06E5),
    )
)
"""Tatweel (the stretching stroke) and the vowel and Quranic marks over and under Arabic
letters: most readers type a word without them, as they type straight quotes for curly ones."""
CHAR_MAP = {
    **{c: "'" for c in _SINGLE_QUOTES},
    **{c: '"' for c in _DOUBLE_QUOTES},
    **{c: "-" for c in _DASHES},
    **{c: "" for c in _INVISIBLE + ARABIC_MARKS},
    "\u2026": "...",
}


SPACE_RUN = re.compile(r"[\s\u00a0\u202f\u2007]+")
_TRANSLATION = str.maketrans(CHAR_MAP)
_SPECIAL = re.compile("[" + re.escape("".join(CHAR_MAP)) + "]")


class NormalisedText:
    """A text with the forgiving normalisation applied, and a map back to original offsets.

    Build it once per article and pass it to every ``locate``: its word index (made on first
    use) finds each quote in time proportional to the quote, not to the article.
    """

    __slots__ = ("_index", "grams", "origin", "original", "text")

    def __init__(self, original: str):
        out: list[str] = []
        origin: list[int] = []
        pos = 0
        for run in SPACE_RUN.finditer(original):  # word runs copied whole, space runs -> " "
            self._words(original, pos, run.start(), out, origin)
            out.append(" ")
            origin.append(run.start())
            pos = run.end()
        self._words(original, pos, len(original), out, origin)
        self.original = original
        self.text = "".join(out)
        self.origin = origin
        self._index: WordIndex | None = None
        self.grams: dict[str, list[int]] | None = None  # made on first use: spaceless.grams

    @property
    def words(self) -> WordIndex:
        if self._index is None:
            self._index = WordIndex(self.text)
        return self._index

    @staticmethod
    def _words(original: str, a: int, b: int, out: list[str], origin: list[int]) -> None:
        if a >= b:
            return
        chunk = original[a:b]
        if not _SPECIAL.search(chunk):
            out.append(chunk)
            origin.extend(range(a, b))
            return
        for i, ch in enumerate(chunk, a):
            for m in CHAR_MAP.get(ch, ch):
                out.append(m)
                origin.append(i)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) back to the smallest original range covering it."""
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        stop = self.origin[end - 1] + 1
        while stop < len(self.original) and self.original[stop] in ARABIC_MARKS:
            stop += 1  # a word's marks belong to it, though normalising dropped them
        return self.origin[start], stop

    def from_original(self, offset: int) -> int:
        """The first normalised index whose original offset is >= ``offset``."""
        return bisect_left(self.origin, offset)


def cuts_marks(text: str, end: int) -> bool:
    """Would a passage ending at ``end`` leave its last word's Arabic marks outside? Then it is
    found through the normalised text, whose map back keeps a word's marks with it."""
    return end < len(text) and text[end] in ARABIC_MARKS


def resolve(normalised, text: str) -> NormalisedText:
    """``normalised`` may be built already, or be a zero-argument callable that builds it:
    most notes match exactly and never need it, so callers can defer the cost."""
    if callable(normalised):
        return normalised()
    return normalised or NormalisedText(text)


_ODD_SPACE = re.compile(r"[^\S ]|  ")


@functools.lru_cache(maxsize=4096)  # prefixes and suffixes are compared at every occurrence
def normalise(text: str) -> str:
    if not _SPECIAL.search(text) and not _ODD_SPACE.search(text):
        return text  # most quotes: nothing to forgive
    return SPACE_RUN.sub(" ", text).translate(_TRANSLATION)  # = NormalisedText(text).text
