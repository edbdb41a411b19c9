"""An article's normalised text as words: where each word is, and how a quote's words line up.

Two jobs make anchoring linear in the article's length instead of quadratic in notes x text:

- ``WordIndex.find``: every occurrence of a normalised quote, found from the occurrences of
  its rarest inner word (a word with a space on both sides of it in the quote can only be a
  whole word of the article), so a quote costs its own length, not the article's;
- ``WordIndex.seeds`` and ``align``: approximate search that looks only where the quote's
  words (compared without case and edge punctuation) still stand, and lines words up with
  words, so that a passage found approximately always covers whole words, and covers the
  words standing for the quote's first and last words even when those words changed.

Pure functions over strings; the text is normalised already (single spaces between words).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Indel, Levenshtein

_WORD = re.compile(r"[^ ]+")
_EDGE_PUNCTUATION = "\"'()[]{}<>.,;:!?-…*_/\\|"

COMMON_WORD = 400
"""A word standing more often than this in the article ("the", "of") is no evidence of
where a quote is; it is skipped when seeding an approximate search (bounded cost)."""
SPELLING_SIMILARITY = 75
"""A quote word without an exact counterpart in the article is looked up among the
article's words at least this similar (0-100): 'Najibollah' finds 'Najibullah'."""
SPELLING_LOOKUPS = 3
"""At most this many (longest) quote words are looked up that way, and only when no word
of the quote occurs as is: the look-up scans the article's vocabulary."""
MISSING_WORD = 1.0
"""Cost of a quote word with no counterpart in the passage."""
INSERTED_WORD = 0.8
"""Cost of a passage word with no counterpart in the quote: a little less than a missing
one, so a word inserted after the quote's first word does not push that word out."""
PUNCTUATION_GAP = 0.1
"""Cost of a lone mark (a dash, an ellipsis) missing or inserted: punctuation changes."""
SAME_WORD_DIFFERENT_MARKS = 0.1
"""Cost of a word that differs only in case or edge punctuation ('people,' / 'people.')."""
RESPELLING = 0.6
"""Two words at least this alike (Indel similarity, ignoring case and edge punctuation) are
one word respelt ('Najibollah' / 'Najibullah', 'Gaddafi' / 'Qadhafi', a typo); below it, one
word replaced by another ('Five' / 'Four')."""
CHANGED_WORD = 0.5
"""Least cost of a word changed into another (plus half its share of changed letters):
always below a gap, so a changed first or last word stays part of the passage, and equal
to a gap for a word with nothing in common, so an unrelated neighbour is never taken in."""


def word_key(word: str) -> str:
    """A word as evidence of place: without case and edge punctuation."""
    return word.strip(_EDGE_PUNCTUATION).lower() or word


class WordIndex:
    """The words of one normalised text, with their offsets and where each word stands."""

    __slots__ = ("_by_key", "_by_word", "_vocabulary", "ends", "starts", "text", "words")

    def __init__(self, text: str):
        self.text = text
        self.words: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        by_word: dict[str, list[int]] = {}
        for i, m in enumerate(_WORD.finditer(text)):
            word = m.group()
            self.words.append(word)
            self.starts.append(m.start())
            self.ends.append(m.end())
            by_word.setdefault(word, []).append(i)
        self._by_word = by_word
        self._by_key: dict[str, list[int]] | None = None
        self._vocabulary: list[str] | None = None

    # --- exact occurrences ---------------------------------------------------------------

    def find(self, q: str) -> list[int]:
        """Start offsets of every occurrence of ``q`` (overlapping ones too), ascending."""
        parts = q.split(" ")
        inner = []
        offset = len(parts[0]) + 1
        for part in parts[1:-1]:
            if part:
                inner.append((len(self._by_word.get(part, ())), part, offset))
            offset += len(part) + 1
        if not inner:  # one or two words: a C-level scan is as fast as anything here
            found, i = [], self.text.find(q)
            while i != -1:
                found.append(i)
                i = self.text.find(q, i + 1)
            return found
        _count, word, offset = min(inner)
        text, starts = self.text, self.starts
        return [
            starts[k] - offset
            for k in self._by_word.get(word, ())
            if starts[k] >= offset and text.startswith(q, starts[k] - offset)
        ]

    # --- approximate search --------------------------------------------------------------

    @property
    def by_key(self) -> dict[str, list[int]]:
        if self._by_key is None:
            by_key: dict[str, list[int]] = {}
            for word, positions in self._by_word.items():
                by_key.setdefault(word_key(word), []).extend(positions)
            for positions in by_key.values():
                positions.sort()
            self._by_key = by_key
        return self._by_key

    def seeds(self, quote_words: list[str]) -> Counter:
        """Votes per diagonal (article word index - quote word index) from the quote's words.

        A passage where many of the quote's words stand in order gets many votes on one
        diagonal (or neighbouring ones, where words were inserted or deleted).
        """
        by_key = self.by_key
        keys = [word_key(w) for w in quote_words]
        votes: Counter = Counter()
        usable = [(i, by_key[k]) for i, k in enumerate(keys) if k in by_key]
        rare = [(i, p) for i, p in usable if len(p) <= COMMON_WORD]
        for i, positions in rare or usable:
            for j in positions:
                votes[j - i] += 1
        if not rare:  # every word changed (or only common words left): look up spellings
            if self._vocabulary is None:
                self._vocabulary = list(by_key)
            longest = sorted(range(len(keys)), key=lambda i: -len(keys[i]))[:SPELLING_LOOKUPS]
            for i in longest:
                for _choice, _score, index in process.extract(
                    keys[i],
                    self._vocabulary,
                    scorer=Indel.normalized_similarity,
                    processor=None,
                    score_cutoff=SPELLING_SIMILARITY / 100,
                    limit=20,
                ):
                    positions = by_key[self._vocabulary[index]]
                    if len(positions) <= COMMON_WORD:
                        for j in positions:
                            votes[j - i] += 1
        return votes


def _change(a: str, b: str) -> tuple[float, int]:
    """Cost of word ``a`` standing as ``b``, and 1 if ``b`` is another word, not a respelling."""
    if a == b:
        return 0.0, 0
    ka, kb = word_key(a), word_key(b)
    if ka == kb:
        return SAME_WORD_DIFFERENT_MARKS, 0
    cost = CHANGED_WORD + (1 - CHANGED_WORD) * Levenshtein.normalized_distance(a, b)
    return cost, int(Indel.normalized_similarity(ka, kb) < RESPELLING)


def _gap(word: str) -> float:
    return PUNCTUATION_GAP if not any(c.isalnum() for c in word) else 1.0


def align(quote_words: list[str], words: list[str]) -> Alignment | None:
    """Line the quote's words up with a run of ``words`` (free words before and after).

    None when no word lines up. Words inserted inside the passage belong to it; a quote word
    missing at either end leaves the passage shorter; a changed first or last word is part
    of it (see CHANGED_WORD). Dynamic programming over words: the quote's length times the
    run's, which the caller keeps to the quote's length plus a few words.
    """
    n, m = len(quote_words), len(words)
    if not n or not m:
        return None
    inf = float("inf")
    changes: dict[tuple[str, str], tuple[float, int]] = {}
    inserted = [INSERTED_WORD * _gap(w) for w in words]
    # a cell: (cost, first, last, replaced, first quote word, last quote word); -1: none yet
    none = (inf, -1, -1, 0, -1, -1)
    prev = [(0.0, -1, -1, 0, -1, -1)] * (m + 1)
    for i in range(1, n + 1):
        qw = quote_words[i - 1]
        missing = MISSING_WORD * _gap(qw)
        row = [(prev[0][0] + missing, *prev[0][1:])] + [none] * m
        for j in range(1, m + 1):
            up = prev[j]
            best = (up[0] + missing, *up[1:])  # the quote word is missing here
            diag = prev[j - 1]
            word = words[j - 1]
            change = changes.get((qw, word))
            if change is None:
                change = changes[qw, word] = _change(qw, word)
            cost = diag[0] + change[0]
            if cost < best[0]:
                started = diag[1] >= 0
                best = (
                    cost,
                    diag[1] if started else j - 1,
                    j - 1,
                    diag[3] + change[1],
                    diag[4] if started else i - 1,
                    i - 1,
                )
            left = row[j - 1]
            if left[1] >= 0 and left[0] + inserted[j - 1] < best[0]:  # a word inserted inside
                best = (left[0] + inserted[j - 1], *left[1:])
            row[j] = best
        prev = row
    final = min((c for c in prev if c[1] >= 0), default=None, key=lambda c: c[0])
    if final is None:
        return None
    cost, first, last, replaced, first_q, last_q = final
    # a quote word missing at an edge may as well have been replaced: the article has some
    # word there, or the passage ended; only marks (a dash, a full stop) are surely gone
    lost = [w for w in (*quote_words[:first_q], *quote_words[last_q + 1 :]) if _gap(w) == 1.0]
    return Alignment(cost, first, last, replaced + len(lost))


@dataclass(frozen=True)
class Alignment:
    """How a quote's words line up with a passage's.

    ``first``/``last``: indices of the passage's first and last words standing for a quote
    word (kept or changed). ``replaced``: quote words that stand as other words (not
    respelt), or are missing at either end: what a similar sentence elsewhere also shows.
    """

    cost: float
    first: int
    last: int
    replaced: int
