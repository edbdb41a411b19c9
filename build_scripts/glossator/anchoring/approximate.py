"""Approximate search: the passage a quote stands for after the article was edited.

Every word start is a candidate (one C-level rapidfuzz pass), so a near-duplicate sentence
always shows up as a runner-up instead of hiding in the same search window as the best
match. A match must be confident and unambiguous, or the note is reported with its
candidates, never guessed: moving a note silently to a similar sentence elsewhere is the
worst thing an annotator can do.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from glossator.anchoring.evidence import (
    CONTEXT_WEIGHT,
    MAX_CANDIDATES,
    MAX_SHORT_EDITS,
    MIN_CONFIDENCE,
    MIN_CONTEXT_SUPPORT,
    MIN_FUZZY_LENGTH,
    MIN_MARGIN,
    MIN_QUOTE_SIMILARITY,
    MIN_SEED_SHARE,
    MIN_SEED_VOTES,
    MIN_WORD_SLACK,
    PROXIMITY_WEIGHT,
    SEARCHED_PLACES,
    SHORT_QUOTE,
    context_score,
    proximity,
)
from glossator.anchoring.normalise import NormalisedText
from glossator.anchoring.words import align, split_words
from glossator.model import Candidate, Match, Selector


def min_similarity(quote_length: int) -> float:
    """Least likeness a passage needs to stand for a quote of this length (see MAX_SHORT_EDITS)."""
    if quote_length < SHORT_QUOTE:
        return max(MIN_QUOTE_SIMILARITY, 1 - MAX_SHORT_EDITS / (2 * quote_length))
    return MIN_QUOTE_SIMILARITY


def trim_marks(text: str, s: int, e: int, q: str) -> tuple[int, int]:
    """Leave out marks at the passage's edges where the quote has none ('Taliban.' for a
    quote ending 'Taliban'): the passage still starts and ends on whole words."""
    if q[-1:].isalnum():
        while e - s > 1 and not text[e - 1].isalnum():
            e -= 1
    if q[:1].isalnum():
        while e - s > 1 and not text[s].isalnum():
            s += 1
    return s, e


def fuzzy_places(nt: NormalisedText, q: str) -> list[tuple[float, int, int, int]]:
    """Distinct places that resemble ``q``, best first: (similarity, start, end, words
    replaced by other words), start and end on whole words.

    Bounded work: only where the quote's words still stand (``WordIndex.seeds``) is looked
    at, at most SEARCHED_PLACES places, each a window of the quote's length plus a few words;
    there the quote's words are lined up with the article's (``words.align``). Several places
    are kept, not just the best, so a near-duplicate sentence shows up as the runner-up.
    """
    index = nt.words
    quote_words = split_words(q)
    votes = index.seeds(quote_words)
    if not votes:
        return []
    n = len(quote_words)
    reach = max(MIN_WORD_SLACK, n // 4)  # words inserted or deleted inside the passage
    best = max(votes.values())
    floor = max(best * MIN_SEED_SHARE, min(best, MIN_SEED_VOTES))
    ranked = sorted(((-c, d) for d, c in votes.items() if c >= floor))[: 4 * SEARCHED_PLACES]
    ranked = [(d, -c) for c, d in ranked]
    chosen: list[int] = []
    for diagonal, count in ranked:
        if count < floor or len(chosen) == SEARCHED_PLACES:
            break
        if all(abs(diagonal - c) > n // 2 for c in chosen):
            chosen.append(diagonal)
    places: list[tuple[float, int, int, int]] = []
    for diagonal in chosen:
        lo = max(0, diagonal - reach)
        hi = min(len(index.words), diagonal + n + reach)
        aligned = align(quote_words, index.words[lo:hi], diagonal - lo, reach + 1)
        if aligned is None:
            continue
        s, e = index.starts[lo + aligned.first], index.ends[lo + aligned.last]
        s, e = trim_marks(nt.text, s, e, q)
        replaced = aligned.replaced
        if all(e <= ps or s >= pe for _, ps, pe, _ in places):
            places.append((Indel.normalized_similarity(q, nt.text[s:e]), s, e, replaced))
    places.sort(key=lambda p: (-p[0], p[1]))
    return places[:MAX_CANDIDATES]


def approximate(
    nt: NormalisedText, selector: Selector, q: str, near: tuple[int, int] | None
) -> Match:
    """The passage the quote stands for after an edit, if one can be told with confidence.

    Two kinds of place can be the note's passage edited:

    - one whose words are the quote's words, respelt, re-punctuated, re-cased, or with words
      inserted or deleted: the quote itself says it is the same passage, wherever it went;
    - one where a word was replaced by another word: that is also what a similar sentence
      elsewhere looks like (the worst mistake: a note silently on the wrong passage), so
      it takes the note's recorded evidence (prefix/suffix, last paragraph) to agree.

    Then the best place must lead every other acceptable place by MIN_MARGIN; otherwise the
    note is reported with its candidates, never guessed.
    """
    if len(q) < MIN_FUZZY_LENGTH:
        return Match("orphan")
    has_context = bool(selector.prefix or selector.suffix)
    # (confidence, similarity, acceptable, start, end)
    scored: list[tuple[float, float, bool, int, int]] = []
    for sim, s, e, replaced in fuzzy_places(nt, q):
        confidence = sim
        supported = False
        if has_context:
            context = context_score(nt, s, e, selector.prefix, selector.suffix)
            confidence = (1 - CONTEXT_WEIGHT) * sim + CONTEXT_WEIGHT * context
            supported = context >= MIN_CONTEXT_SUPPORT
        if near is not None:  # weighs in, but never vouches: paragraph numbers shift
            closeness = proximity(nt, s, e, near)
            confidence = (1 - PROXIMITY_WEIGHT) * confidence + PROXIMITY_WEIGHT * closeness
        # a place the quote itself vouches for is judged on its likeness: recorded context
        # that no longer fits (the sentence moved) does not make it less the quote's
        sure = sim if not replaced else confidence
        acceptable = (
            sim >= min_similarity(len(q)) and sure >= MIN_CONFIDENCE and (not replaced or supported)
        )
        scored.append((confidence, sim, acceptable, s, e))
    if not scored:
        return Match("orphan")
    scored.sort(key=lambda c: (-c[0], c[3]))
    candidates = [
        Candidate(*nt.to_original(s, e), round(conf, 3), round(sim, 3))
        for conf, sim, _, s, e in scored[:3]
    ]
    best_conf, best_sim, acceptable, s, e = scored[0]
    if not acceptable:
        # several places about as like the quote: say so, and list them to choose from
        alike = [c for c in scored[1:] if c[1] >= min_similarity(len(q))]
        if best_sim >= min_similarity(len(q)) and alike and best_conf - alike[0][0] < MIN_MARGIN:
            return Match("ambiguous", confidence=round(best_conf, 3), candidates=candidates)
        return Match("orphan", confidence=round(best_conf, 3), candidates=candidates)
    # A place that is not acceptable (a word replaced, nothing recorded agrees) cannot be
    # the note's passage, so it only has to rank below; an acceptable one must trail clearly.
    runner_up = max((c[0] for c in scored[1:] if c[2]), default=0.0)
    if best_conf - runner_up >= MIN_MARGIN:
        start, end = nt.to_original(s, e)
        return Match("reanchored", start, end, round(best_conf, 3), candidates)
    return Match("ambiguous", confidence=round(best_conf, 3), candidates=candidates)
