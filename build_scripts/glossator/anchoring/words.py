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
from itertools import islice, repeat
from operator import sub

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, Levenshtein

_WORD = re.compile(r"[^ -]+-*|-+")
"""A word: letters and marks up to a space, or up to and including a run of dashes, so that
'war—seeking' (no spaces around the dash) is two words, as a reader sees it; a run of
dashes on its own is a mark. Where a word ends depends only on the characters either side,
so the inner words of a quote are whole words of the article wherever the quote occurs."""
_EDGE_PUNCTUATION = "\"'()[]{}<>.,;:!?-…*_/\\|«»‹›„¿¡،؛؟"

COMMON_WORD = 400
"""A word standing more often than this in the article ("the", "of") is no evidence of
where a quote is; it is skipped when seeding an approximate search (bounded cost)."""
SEED_WORDS = 8
"""The rarest this many words of a quote say where to look (rare words are the evidence)."""
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
RESPELLING_EDITS = 2
LONG_WORD = 7
MIN_RESPELT_LENGTH = 4
"""Two words (ignoring case and edge punctuation) are one word respelt when one becomes the
other by at most RESPELLING_EDITS letters inserted, deleted, changed or swapped with the next
(1 for words shorter than LONG_WORD; words shorter than MIN_RESPELT_LENGTH are never
respelt): 'Najibollah' / 'Najibullah', 'Gaddafi' / 'Qadhafi', 'recieve' / 'receive'. Anything
more is one word replaced by another: 'Five' / 'Four', 'altogether' / 'another'."""
CHANGED_WORD = 0.5
"""Least cost of a word changed into another (plus half its share of changed letters):
always below a gap, so a changed first or last word stays part of the passage, and equal
to a gap for a word with nothing in common, so an unrelated neighbour is never taken in."""


def split_words(text: str) -> list[str]:
    """The words of a (normalised) text, as the index splits an article's."""
    return _WORD.findall(text)


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

    def find(self, q: str, limit: int = 0) -> list[int]:
        """Start offsets of every occurrence of ``q`` (overlapping ones too), ascending; the
        first ``limit`` only, if given."""
        inner = [
            (len(self._by_word.get(m.group(), ())), m.group(), m.start())
            for m in list(_WORD.finditer(q))[1:-1]
        ]
        if not inner:  # one or two words: a C-level scan is as fast as anything here
            found, i = [], self.text.find(q)
            while i != -1 and (not limit or len(found) < limit):
                found.append(i)
                i = self.text.find(q, i + 1)
            return found
        _count, word, offset = min(inner)
        text, starts = self.text, self.starts
        found = (
            starts[k] - offset
            for k in self._by_word.get(word, ())
            if starts[k] >= offset and text.startswith(q, starts[k] - offset)
        )
        return list(islice(found, limit) if limit else found)

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
        diagonal (or neighbouring ones, where words were inserted or deleted). Only the
        SEED_WORDS rarest words vote: the work is bounded whatever the quote's length.
        """
        by_key = self.by_key
        keys = [word_key(w) for w in quote_words]
        usable = sorted((len(by_key[k]), i, by_key[k]) for i, k in enumerate(keys) if k in by_key)
        rare = [(i, p) for count, i, p in usable if count <= COMMON_WORD][:SEED_WORDS]
        votes: Counter = Counter()
        for i, positions in rare or [(i, p) for _c, i, p in usable[:SEED_WORDS]]:
            votes.update(map(sub, positions, repeat(i)))  # j - i for every j, at C speed
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
                        votes.update(map(sub, positions, repeat(i)))
        return votes


def respelt(ka: str, kb: str) -> bool:
    """Are two different word keys one word respelt (a typo, a transliteration)?"""
    longest = max(len(ka), len(kb))
    if longest < MIN_RESPELT_LENGTH:
        return False
    allowed = 1 if longest < LONG_WORD else RESPELLING_EDITS
    return OSA.distance(ka, kb, score_cutoff=allowed) <= allowed


def _change(ka: str, kb: str) -> tuple[float, int]:
    """Cost of a word standing as another (given their keys, the words being different),
    and 1 if it is another word rather than the same word respelt."""
    if ka == kb:
        return SAME_WORD_DIFFERENT_MARKS, 0
    similarity = Indel.normalized_similarity(ka, kb)
    return CHANGED_WORD + (1 - CHANGED_WORD) * (1 - similarity), int(not respelt(ka, kb))


def _gap(word: str) -> float:
    return PUNCTUATION_GAP if not any(c.isalnum() for c in word) else 1.0


def align(
    quote_words: list[str], words: list[str], start: int = 0, band: int | None = None
) -> Alignment | None:
    """Line the quote's words up with a run of ``words`` (free words before and after).

    None when no word lines up. Words inserted inside the passage belong to it; a quote word
    missing at either end leaves the passage shorter; a changed first or last word is part
    of it (see CHANGED_WORD). Dynamic programming over words, in a band: the quote's word
    ``i`` is looked for within ``band`` words of ``words[start + i]`` (everywhere if None).
    """
    n, m = len(quote_words), len(words)
    if not n or not m:
        return None
    quote_keys = [word_key(w) for w in quote_words]
    keys = [word_key(w) for w in words]
    quick = _settled_edges(quote_keys, keys)
    if quick is not None:
        return quick
    if band is None:
        start, band = 0, m + n
    inf = float("inf")
    inserted = [INSERTED_WORD * _gap(w) for w in words]
    changes: dict[tuple[str, str], tuple[float, int]] = {}
    # a cell: (cost, first, last, replaced, first quote word, last quote word); -1: none yet
    none = (inf, -1, -1, 0, -1, -1)
    prev = [(0.0, -1, -1, 0, -1, -1)] * (m + 1)
    for i in range(1, n + 1):
        qw, qk = quote_words[i - 1], quote_keys[i - 1]
        missing = MISSING_WORD * _gap(qw)
        row = [none] * (m + 1)
        row[0] = (prev[0][0] + missing, *prev[0][1:])
        lo = max(1, i + start - band)
        hi = min(m, i + start + band)
        for j in range(lo, hi + 1):
            up = prev[j]
            best = (up[0] + missing, *up[1:]) if up[0] < inf else none  # quote word missing
            diag = prev[j - 1]
            if diag[0] < inf:
                word = words[j - 1]
                if word == qw:
                    change = (0.0, 0)
                else:
                    pair = (qk, keys[j - 1])
                    change = changes.get(pair)
                    if change is None:
                        change = changes[pair] = _change(*pair)
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


def _settled_edges(quote_keys: list[str], keys: list[str]) -> Alignment | None:
    """The alignment, when a C-level word diff settles it: the quote's first two and last two
    words stand unchanged, so only words inside the passage changed (the common case of a
    typo fixed, a word inserted or deleted). None otherwise (``align`` works it out)."""
    n = len(quote_keys)
    first = last = -1
    replaced = 0
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(quote_keys, keys):
        if tag == "equal":
            if i1 == 0 and i2 >= min(2, n):
                first = j1
            if i2 == n and i2 - i1 >= min(2, n):
                last = j2 - 1
        elif tag == "replace":
            if i1 == 0 or i2 == n:
                return None
            for a, b in zip(quote_keys[i1:i2], keys[j1:j2], strict=False):  # extras: gaps
                replaced += not respelt(a, b)
        elif tag == "delete" and (i1 == 0 or i2 == n):
            return None
    if first < 0 or last < first:
        return None
    return Alignment(0.0, first, last, replaced)


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
