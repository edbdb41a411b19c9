"""Text without spaces between words (Chinese, Japanese, Thai): searched character by character.

Where words are not set apart by spaces, the word index sees a whole sentence as one "word",
so approximate search, the closest passage and ``check --fix`` would find nothing. Here the
quote's rarest character pairs say where to look, and the passage's edges are tried a few
characters either way, as ``approximate.fuzzy_places`` does with words (C-level rapidfuzz
comparisons, bounded work per quote).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import repeat
from operator import sub

from rapidfuzz.distance import Indel, Levenshtein

from glossator.anchoring.evidence import (
    MAX_CANDIDATES,
    MAX_CHAR_SLACK,
    MIN_CHAR_SLACK,
    MIN_SEED_SHARE,
    MIN_SEED_VOTES,
    SEARCHED_PLACES,
    SEED_GRAMS,
    SPACELESS_SHARE,
)
from glossator.anchoring.normalise import NormalisedText
from glossator.anchoring.words import COMMON_WORD

_SPACELESS_SCRIPT = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9f]"
)
"""Thai, Lao, Myanmar, Khmer, kana and CJK ideographs: scripts written without spaces
between words (Korean is written with spaces, and searched by words)."""


def is_spaceless(text: str) -> bool:
    """Is ``text`` mostly in scripts written without spaces (SPACELESS_SHARE)?"""
    if not _SPACELESS_SCRIPT.search(text):  # most text: one C-level scan settles it
        return False
    letters = sum(ch.isalnum() for ch in text)
    return bool(letters) and len(_SPACELESS_SCRIPT.findall(text)) >= SPACELESS_SHARE * letters


def grams(nt: NormalisedText) -> dict[str, list[int]]:
    """Where each pair of adjacent characters (no space in it) stands in the text."""
    if nt.grams is None:
        found: dict[str, list[int]] = {}
        text = nt.text
        for i in range(len(text) - 1):
            pair = text[i : i + 2]
            if " " not in pair:
                found.setdefault(pair, []).append(i)
        nt.grams = found
    return nt.grams


def splits_a_word(text: str, i: int) -> bool:
    """Would a passage edge at ``i`` cut a word of a spaced script (a Latin name in Japanese
    text), where characters on both sides are letters or digits outside SPACELESS scripts?"""
    if not 0 < i < len(text):
        return False
    a, b = text[i - 1], text[i]
    return (
        a.isalnum()
        and b.isalnum()
        and not (_SPACELESS_SCRIPT.match(a) or _SPACELESS_SCRIPT.match(b))
    )


def char_places(nt: NormalisedText, q: str) -> list[tuple[float, int, int, int]]:
    """``_fuzzy_places`` character by character, for text without spaces between words:
    (similarity, start, end, characters replaced), best first.

    Bounded work as there: the rarest SEED_GRAMS character pairs of the quote vote for
    where it starts; at most SEARCHED_PLACES places are looked at, each by trying the
    passage's edges within a few characters (MAX_CHAR_SLACK) of where the votes put them.
    """
    index = grams(nt)
    pairs = [(q[i : i + 2], i) for i in range(len(q) - 1) if " " not in q[i : i + 2]]
    usable = sorted((len(index[g]), i, index[g]) for g, i in pairs if g in index)
    rare = [(i, p) for count, i, p in usable if count <= COMMON_WORD][:SEED_GRAMS]
    votes: Counter = Counter()
    for i, positions in rare or [(i, p) for _c, i, p in usable[:SEED_GRAMS]]:
        votes.update(map(sub, positions, repeat(i)))
    if not votes:
        return []
    n = len(q)
    reach = min(MAX_CHAR_SLACK, max(MIN_CHAR_SLACK, n // 4))
    best = max(votes.values())
    floor = max(best * MIN_SEED_SHARE, min(best, MIN_SEED_VOTES))
    chosen: list[int] = []
    for diagonal, count in votes.most_common(4 * SEARCHED_PLACES):
        if count < floor or len(chosen) == SEARCHED_PLACES:
            break
        if all(abs(diagonal - c) > n // 2 for c in chosen):
            chosen.append(diagonal)
    text = nt.text
    places: list[tuple[float, int, int, int]] = []
    for diagonal in chosen:
        top: tuple[float, int, int, int] | None = None
        for s in range(max(0, diagonal - reach), min(len(text), diagonal + reach + 1)):
            if text[s] == " " or splits_a_word(text, s):
                continue
            for e in range(
                max(s + 1, diagonal + n - reach), min(len(text), diagonal + n + reach) + 1
            ):
                if text[e - 1] == " " or splits_a_word(text, e):
                    continue
                sim = Indel.normalized_similarity(q, text[s:e])
                key = (sim, -abs(e - s - n), -s)
                if top is None or key > (top[0], -abs(top[2] - top[1] - n), -top[1]):
                    top = (sim, s, e, 0)
        if top is None:
            continue
        sim, s, e, _ = top
        replaced = sum(op.tag == "replace" for op in Levenshtein.editops(q, text[s:e]))
        if all(e <= ps or s >= pe for _, ps, pe, _ in places):
            places.append((sim, s, e, replaced))
    places.sort(key=lambda p: (-p[0], p[1]))
    return places[:MAX_CANDIDATES]
