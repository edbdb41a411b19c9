"""Approximate search: the passage a quote stands for after the article was edited.

Every word start is a candidate (one C-level rapidfuzz pass), so a near-duplicate sentence
always shows up as a runner-up instead of hiding in the same search window as the best
match. A match must be confident and unambiguous, or the note is reported with its
candidates, never guessed: moving a note silently to a similar sentence elsewhere is the
worst thing an annotator can do.
"""

from __future__ import annotations

import dataclasses

from rapidfuzz.distance import Indel, Levenshtein

from glossator.anchoring.evidence import (
    CONTEXT_FIT,
    CONTEXT_WEIGHT,
    MAX_CANDIDATES,
    MAX_PARAGRAPHS_MOVED,
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
    bracketed,
    context_score,
    paragraphs_moved,
    proximity,
    small_change,
)
from glossator.anchoring.normalise import NormalisedText
from glossator.anchoring.spaceless import char_places, is_spaceless
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

    All the note's evidence is weighed together for each place: how like the quote the
    passage is, how much of the recorded prefix and suffix still stands around it (and
    whether the two bracket this place and no other), and how far it lies from the
    paragraph the note was last found in. Three kinds of place can be the note's passage:

    - one whose words are the quote's words, respelt, re-punctuated, re-cased, or with words
      inserted or deleted: the quote itself says it is the same passage, wherever it went;
    - one where a word was replaced by another word: that is also what a similar sentence
      elsewhere looks like (the worst mistake: a note silently on the wrong passage), so
      it takes the recorded context to agree, and the place must not have moved far from
      the recorded paragraph (a near-copy elsewhere, the original deleted, is an orphan);
    - one the recorded prefix and suffix still bracket, intact, and nothing else does: a
      short passage between them changed by a word or a few letters is the note's passage
      (the case the W3C TextQuoteSelector's prefix and suffix exist for), with the same
      rule on distance for a replaced word.

    Then the chosen place must lead every other acceptable place by MIN_MARGIN; otherwise the
    note is reported with its candidates, never guessed. A refusal records why
    (``Match.reason``), in words a contributor can check against the article.
    """
    if len(q) < MIN_FUZZY_LENGTH:
        return Match("orphan")
    has_context = bool(selector.prefix or selector.suffix)
    spaceless = is_spaceless(q)
    places = char_places(nt, q) if spaceless else fuzzy_places(nt, q)
    bracket = bracketed(nt, selector, q) if has_context else None
    small = False  # the bracketed passage is the quote changed by a word or a few letters
    if bracket is not None:
        places = [p for p in places if p[2] <= bracket[0] or p[1] >= bracket[1]]
        s, e = bracket
        small, replaced = small_change(q, nt.text[s:e], spaceless)
        places.append((Indel.normalized_similarity(q, nt.text[s:e]), s, e, replaced))
    scored: list[_Place] = []
    for sim, s, e, replaced in places:
        confidence = sim
        context = 0.0
        if has_context:
            context = context_score(nt, s, e, selector.prefix, selector.suffix)
            confidence = (1 - CONTEXT_WEIGHT) * sim + CONTEXT_WEIGHT * context
        if near is not None:  # weighs in, but never vouches: paragraph numbers shift
            closeness = proximity(nt, s, e, near)
            confidence = (1 - PROXIMITY_WEIGHT) * confidence + PROXIMITY_WEIGHT * closeness
        moved = paragraphs_moved(nt, s, e, near)
        far = bool(replaced) and moved > MAX_PARAGRAPHS_MOVED
        framed = bracket == (s, e)
        # a place the quote itself vouches for is judged on its likeness: recorded context
        # that no longer fits (the sentence moved) does not make it less the quote's
        sure = sim if not replaced else confidence
        acceptable = not far and (
            (framed and small)
            or (
                sim >= min_similarity(len(q))
                and sure >= MIN_CONFIDENCE
                and (not replaced or context >= MIN_CONTEXT_SUPPORT)
            )
        )
        scored.append(_Place(confidence, sim, acceptable, s, e, framed, context, moved, far))
    if not scored:
        return Match("orphan", reason="no passage of the article is like it")
    scored.sort(key=lambda c: (-c.confidence, c.start))
    candidates = _candidates(nt, scored, 3)
    best = next((c for c in scored if c.bracketed and c.acceptable), scored[0])
    if not best.acceptable:
        # several places about as like the quote: say so, and list them to choose from
        alike = [c for c in scored[1:] if c.similarity >= min_similarity(len(q))]
        if (
            best.similarity >= min_similarity(len(q))
            and alike
            and best.confidence - alike[0].confidence < MIN_MARGIN
        ):
            return Match("ambiguous", confidence=round(best.confidence, 3), candidates=candidates)
        why = _why_not(nt, selector, q, best)
        return Match(
            "orphan", confidence=round(best.confidence, 3), candidates=candidates, reason=why
        )
    # A place that is not acceptable (a word replaced, nothing recorded agrees) cannot be
    # the note's passage, so it only has to rank below; an acceptable one must trail clearly.
    runner_up = max((c.confidence for c in scored if c.acceptable and c is not best), default=0.0)
    if best.confidence - runner_up >= MIN_MARGIN:
        start, end = nt.to_original(best.start, best.end)
        if best is not scored[0]:  # the bracketed place first among the candidates
            candidates = [
                Candidate(start, end, round(best.confidence, 3), round(best.similarity, 3))
            ]
            candidates += [c for c in _candidates(nt, scored, 3) if c.start != start][:2]
        return Match("reanchored", start, end, round(best.confidence, 3), candidates)
    return Match("ambiguous", confidence=round(best.confidence, 3), candidates=candidates)


@dataclasses.dataclass(frozen=True)
class _Place:
    """One place weighed as the note's passage (normalised offsets)."""

    confidence: float
    similarity: float
    acceptable: bool
    start: int
    end: int
    bracketed: bool  # the recorded prefix and suffix, intact, stand around it and nowhere else
    context: float  # how much of the recorded prefix/suffix stands around it, 0..1
    moved: int  # paragraphs between it and the note's last known paragraph (0 if unknown)
    far: bool  # a word replaced, and moved more than MAX_PARAGRAPHS_MOVED: not the passage


def _candidates(nt: NormalisedText, scored: list[_Place], n: int) -> list[Candidate]:
    return [
        Candidate(*nt.to_original(c.start, c.end), round(c.confidence, 3), round(c.similarity, 3))
        for c in scored[:n]
    ]


def _why_not(nt: NormalisedText, selector: Selector, q: str, best: _Place) -> str:
    """Why the closest place was not taken for the note's passage, as the reader can check:
    how much the quote changed, whether the words around it still stand, how far it went."""
    passage = nt.text[best.start : best.end]
    changed = Levenshtein.distance(q, passage)
    why = f"the quote changed by {changed} of {len(q)} characters"
    if best.far:
        return why + (
            f" and the closest passage stands {best.moved} paragraphs from where the note was "
            "last found: with a word replaced, that is what a similar sentence elsewhere looks "
            "like when the passage itself was deleted"
        )
    if not (selector.prefix or selector.suffix):
        if best.similarity < min_similarity(len(q)):
            return why + ", too many to be sure it is the same passage"
        return why + (
            ", a word of it replaced, and the note records no words around it (prefix/suffix) "
            "to confirm the place"
        )
    if best.context < CONTEXT_FIT:
        return why + " and the words around it changed too"
    return why + ", more than a word or a few letters, though the words around it still stand"
