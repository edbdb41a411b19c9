"""The evidence a note records besides its quote, and the thresholds that weigh it.

A note's prefix/suffix and its last known paragraph decide between several places that hold
the quote, and vouch (or not) for a place where the quote was edited. Every threshold of the
matcher is here with the reason for its value, so the numbers a reader must weigh together
are read together.
"""

from __future__ import annotations

import bisect

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from glossator.anchoring.normalise import NormalisedText, normalise
from glossator.anchoring.words import respelt, split_words, word_key
from glossator.model import Selector

# Every threshold of the matcher, each with the reason for its value. Scores are 0..1:
# ``similarity`` is the likeness of a passage alone to the quote (rapidfuzz's Indel
# similarity: 1 - inserted and deleted characters / both lengths); ``confidence`` is that
# likeness weighed with the other evidence the note records (prefix/suffix, paragraph).

MIN_CONFIDENCE = 0.80
"""Below this an approximate match is not trusted (a typo fix or a few inserted words score 0.9+)."""
MIN_MARGIN = 0.08
"""Best and runner-up confidence closer than this are a near-tie: report, don't guess."""
MIN_QUOTE_SIMILARITY = 0.85
"""The passage itself must still resemble the quote; context alone never anchors a note."""
MAX_SHORT_EDITS = 4
"""A short quote may differ by at most this many inserted/deleted characters (one substitution
counts two): 'Najibollah' -> 'Najibullah' is a typo fix, 'the Vietnam debacle' -> 'the Vietnam
war' is another passage."""
SHORT_QUOTE = 30
"""Quotes shorter than this (characters) are held to MAX_SHORT_EDITS rather than to
MIN_QUOTE_SIMILARITY, which would allow them too few edits to be useful or too many to be safe."""
MIN_FUZZY_LENGTH = 8
"""Quotes shorter than this are never matched approximately: too many passages look alike."""
MAX_CANDIDATES = 5
"""Approximate search keeps this many distinct places; the rest cannot matter for the margin."""
SEARCHED_PLACES = 2 * MAX_CANDIDATES
"""At most this many places are lined up word by word with the quote (the bound on the
work of one approximate search)."""
MIN_SEED_SHARE = 0.5
"""A place is searched only if at least this share of the best place's quote words stand
there: a near-duplicate sentence has nearly all of them, an unrelated one few."""
MIN_SEED_VOTES = 3
"""...and at least this many of them (or as many as the best place has, if fewer): two
words in common in the right order happen by chance in a long article."""
MIN_WORD_SLACK = 2
"""Words looked at beyond either end of a place (or a quarter of the quote's words, if more):
room for words inserted into or deleted from the passage."""
CONTEXT_WEIGHT = 0.25
"""Share of an approximate match's confidence that comes from its prefix/suffix."""
PROXIMITY_WEIGHT = 0.10
"""Share that comes from lying in (or near) the note's last known paragraph: small, as
paragraphs move whenever one is inserted above."""
PROXIMITY_REACH = 1500
"""Characters over which 'near the last known paragraph' fades to nothing."""
MIN_CONTEXT_SUPPORT = 0.5
"""A place where a word of the quote stands replaced by another is the note's passage only
if the note's prefix/suffix still look like the text around it (this much, 0..1). The last
known paragraph cannot vouch for it: delete a paragraph above, and the number points at
whatever similar sentence now stands there."""
CONTEXT_FIT = 0.9
"""Context this like the recorded prefix/suffix (0..1) fits a place: small edits aside."""
MIN_BRACKET_CONTEXT = 8
"""A recorded prefix or suffix shorter than this (characters, normalised) brackets nothing:
', the' stands everywhere. Hypothesis and ``glossator new`` record 32 when the text has them."""
BRACKETED_LETTERS = 3
BRACKETED_WORDS = 1
"""Between a prefix and a suffix that stand intact around one place only, the passage is the
note's if it differs from the quote by at most BRACKETED_LETTERS letters inserted, deleted or
changed ('a few letters', three typos) or, in text with spaces, by at most BRACKETED_WORDS
word inserted, deleted or replaced ('a word'): more, and it is another passage in the same
frame, rewritten (the bar stays as high as for a note without context)."""
BRACKET_SLACK = 24
"""What stands between an intact prefix and suffix may be up to twice the quote plus this
many characters long (a few words inserted); further apart, they bracket nothing."""
MAX_PARAGRAPHS_MOVED = 2
"""A place where a word of the quote stands replaced (in text without spaces: a character)
is the note's passage only within this many paragraphs of the one it was last found in: a
paragraph inserted above and one split leave it two away; further, it is what a near-copy
of the sentence elsewhere looks like when the original is gone."""
SPACELESS_SHARE = 0.5
"""A quote is searched character by character when at least this share of its letters are of
scripts written without spaces between words (Chinese, Japanese, Thai): words cannot be
told apart by spaces there."""
SPACELESS_WORD_CHARS = 2
"""A word of Chinese or Japanese is one to three characters: where ``unique_context`` and
``check --fix`` take words around a passage in text without spaces, they take this many
characters per word."""
SEED_GRAMS = 12
"""The rarest this many character pairs of such a quote say where to look (as SEED_WORDS)."""
MIN_CHAR_SLACK = 2
MAX_CHAR_SLACK = 12
"""Characters tried beyond either end of such a place: a quarter of the quote, at least
MIN_CHAR_SLACK (one character inserted or deleted) and at most MAX_CHAR_SLACK (bounded
work: each place costs (2 x slack + 1)^2 C-level comparisons)."""
EVIDENCE_CONTEXT_SHARE = 0.7
"""Between several exact occurrences, the share of the evidence that is prefix/suffix
(the rest is the last known paragraph)."""
MIN_EVIDENCE = 0.6
MIN_EVIDENCE_MARGIN = 0.15
"""Between several exact occurrences, the evidence picks one only if it scores at least
MIN_EVIDENCE there and leads the runner-up by MIN_EVIDENCE_MARGIN; otherwise: ambiguous."""


def occurrences(haystack: str, needle: str) -> list[int]:
    found, i = [], haystack.find(needle)
    while i != -1:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def context_ok(nt: NormalisedText, start: int, end: int, prefix: str, suffix: str) -> bool:
    """Do the normalised prefix/suffix sit just before/after the normalised range?

    Up to two spaces may lie between: an invisible character between two spaces leaves two.
    """
    if prefix:
        p = normalise(prefix).strip()
        before = nt.text[max(0, start - len(p) - 2) : start].rstrip()
        if p and not before.endswith(p):
            return False
    if suffix:
        s = normalise(suffix).strip()
        after = nt.text[end : end + len(s) + 2].lstrip()
        if s and not after.startswith(s):
            return False
    return True


def fitting(
    nt: NormalisedText, q: str, hits: list[tuple[int, int]], prefix: str, suffix: str
) -> list[tuple[int, int]]:
    """The hits that ``context_ok`` keeps."""
    starts = fitting_starts(nt, q, prefix, suffix)
    return hits if starts is None else [h for h in hits if h[0] in starts]


_GAPS = ("", " ", "  ")  # what may stand between a quote and its context (see context_ok)


def fitting_starts(nt: NormalisedText, q: str, prefix: str, suffix: str) -> set[int] | None:
    """Where ``q`` stands with its prefix/suffix around it (None: no context to fit), found
    as prefix + quote (+ suffix) in the index: the work of the quote and its context, not of
    the quote's occurrences."""
    p = normalise(prefix).strip() if prefix else ""
    s = normalise(suffix).strip() if suffix else ""
    starts: set[int] | None = None
    if p:
        starts = {i + len(p) + len(sep) for sep in _GAPS for i in nt.words.find(p + sep + q)}
    if s:
        after = {i for sep in _GAPS for i in nt.words.find(q + sep + s)}
        starts = after if starts is None else starts & after
    return starts


def context_score(nt: NormalisedText, start: int, end: int, prefix: str, suffix: str) -> float:
    """How much the text around [start, end) still looks like prefix/suffix (0..1), each
    side weighed by its length: a suffix '.' that fits anywhere says little."""
    scores = []  # (weight, score)
    if prefix:
        p = normalise(prefix).strip()
        before = nt.text[max(0, start - len(p) - 1) : start].strip()
        scores.append((len(p), fuzz.ratio(p, before[-len(p) :]) / 100 if p else 1.0))
    if suffix:
        s = normalise(suffix).strip()
        after = nt.text[end : end + len(s) + 1].strip()
        scores.append((len(s), fuzz.ratio(s, after[: len(s)]) / 100 if s else 1.0))
    total = sum(w for w, _ in scores)
    if not total:
        return 1.0 if scores else 0.0
    return sum(w * score for w, score in scores) / total


def proximity(nt: NormalisedText, start: int, end: int, near: tuple[int, int] | None) -> float:
    """1 inside the last known paragraph, fading to 0 with distance; 0 when none is known."""
    if near is None:
        return 0.0
    a, b = nt.from_original(near[0]), nt.from_original(near[1])
    if start < b and end > a:
        return 1.0
    distance = a - end if end <= a else start - b
    return 0.5 * max(0.0, 1 - distance / PROXIMITY_REACH)


def ctx(selector: Selector) -> tuple[str, str]:
    return selector.prefix, selector.suffix


def evidence(
    nt: NormalisedText, rng: tuple[int, int], selector: Selector, near: tuple[int, int] | None
) -> float:
    """Score (0..1) of the evidence other than the quote for one place: context counts
    more than the last known paragraph (EVIDENCE_CONTEXT_SHARE), which moves with edits."""
    parts: list[tuple[float, float]] = []
    if selector.prefix or selector.suffix:
        parts.append((EVIDENCE_CONTEXT_SHARE, context_score(nt, *rng, *ctx(selector))))
    if near is not None:
        parts.append((1 - EVIDENCE_CONTEXT_SHARE, proximity(nt, *rng, near)))
    total = sum(w for w, _ in parts)
    return sum(w * s for w, s in parts) / total if total else 0.0


# --- evidence of place: context that brackets, distance moved --------------------------------


def bracketed(nt: NormalisedText, selector: Selector, q: str) -> tuple[int, int] | None:
    """The one place the recorded prefix and suffix, both intact, still stand around: the
    text between them (without the spaces at its edges), or None if there is no such place,
    or more than one, or either side is too short to be evidence (MIN_BRACKET_CONTEXT)."""
    p = normalise(selector.prefix).strip() if selector.prefix else ""
    s = normalise(selector.suffix).strip() if selector.suffix else ""
    if len(p) < MIN_BRACKET_CONTEXT or len(s) < MIN_BRACKET_CONTEXT:
        return None
    widest = 2 * len(q) + BRACKET_SLACK
    suffixes = nt.words.find(s)
    found: list[tuple[int, int]] = []
    for i in nt.words.find(p):
        a = i + len(p)
        k = bisect.bisect_left(suffixes, a)
        if k < len(suffixes) and suffixes[k] - a <= widest:
            found.append((a, suffixes[k]))
            if len(found) > 1:
                return None
    if not found:
        return None
    a, b = found[0]
    text = nt.text
    while a < b and text[a] == " ":
        a += 1
    while b > a and text[b - 1] == " ":
        b -= 1
    return (a, b) if a < b else None


def small_change(q: str, passage: str, spaceless: bool) -> tuple[bool, int]:
    """(whether ``passage`` is ``q`` changed by a few letters or a word, how many of the
    quote's words stand replaced by other words: characters, for text without spaces)."""
    letters = Levenshtein.editops(q, passage)
    if spaceless:
        replaced = sum(op.tag == "replace" for op in letters)
        return len(letters) <= BRACKETED_LETTERS, replaced
    a = [word_key(w) for w in split_words(q)]
    b = [word_key(w) for w in split_words(passage)]
    ops = Levenshtein.editops(a, b)
    replaced = sum(op.tag == "replace" and not respelt(a[op.src_pos], b[op.dest_pos]) for op in ops)
    return len(letters) <= BRACKETED_LETTERS or len(ops) <= BRACKETED_WORDS, replaced


def paragraphs_moved(nt: NormalisedText, start: int, end: int, near: tuple[int, int] | None) -> int:
    """Paragraph breaks between a place and the note's last known paragraph (0 if unknown)."""
    if near is None:
        return 0
    a, b = nt.to_original(start, end)
    text = nt.original
    if b <= near[0]:
        return text.count("\n\n", b, near[0])
    if a >= near[1]:
        return text.count("\n\n", near[1], a)
    return 0
