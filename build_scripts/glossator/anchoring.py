"""Finding a note's quoted passage in an article's text: pure functions, str in, offsets out.

The order of attempts follows what a contributor can and cannot see:

1. the quote as typed, character for character;
2. the quote with the differences nobody can see or type easily forgiven: runs of white
   space (including a paragraph break), curly vs straight quotes, dash variants, an
   ellipsis character vs three dots, zero-width characters. Matching stays case-sensitive;
3. only when the quote no longer occurs at all (the article was edited), an approximate
   search that must be *confident* and *unambiguous*: a minimum likeness (stricter for short
   quotes), a clear margin over the runner-up, and agreement with whatever else the note
   records (prefix/suffix, its last known ``paragraph``). A near-tie is reported with its
   candidates, never guessed — moving a note silently to a similar sentence elsewhere is the
   worst thing an annotator can do, and the one Hypothesis's fuzzy anchoring is known for.

Every word start is a candidate (one C-level rapidfuzz pass), so a near-duplicate sentence
always shows up as a runner-up instead of hiding in the same search window as the best match.

The range returned is always the article's original text; normalisation only decides where.

Why one module of this size: the three attempts above share the normalised text, its offset
map and the thresholds that decide between them, and each threshold is read next to the code
that uses it. Splitting normalisation, exact search and approximate search apart would put
the thresholds a reader must weigh together in three files; word alignment, which stands
alone, already lives in ``words.py``.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections import Counter
from itertools import repeat
from operator import sub

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from .model import Annotation, Article, Candidate, Evidence, Match, Selector
from .words import COMMON_WORD, WordIndex, align, respelt, split_words, word_key

# --- normalisation ---------------------------------------------------------------------------

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ARABIC_MARKS = "".join(
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
_CHAR_MAP = {
    **{c: "'" for c in _SINGLE_QUOTES},
    **{c: '"' for c in _DOUBLE_QUOTES},
    **{c: "-" for c in _DASHES},
    **{c: "" for c in _INVISIBLE + _ARABIC_MARKS},
    "\u2026": "...",
}


_SPACE_RUN = re.compile(r"[\s\u00a0\u202f\u2007]+")
_TRANSLATION = str.maketrans(_CHAR_MAP)
_SPECIAL = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "]")


class NormalisedText:
    """A text with the forgiving normalisation applied, and a map back to original offsets.

    Build it once per article and pass it to every ``locate``: its word index (made on first
    use) finds each quote in time proportional to the quote, not to the article.
    """

    __slots__ = ("_grams", "_index", "origin", "original", "text")

    def __init__(self, original: str):
        out: list[str] = []
        origin: list[int] = []
        pos = 0
        for run in _SPACE_RUN.finditer(original):  # word runs copied whole, space runs -> " "
            self._words(original, pos, run.start(), out, origin)
            out.append(" ")
            origin.append(run.start())
            pos = run.end()
        self._words(original, pos, len(original), out, origin)
        self.original = original
        self.text = "".join(out)
        self.origin = origin
        self._index: WordIndex | None = None
        self._grams: dict[str, list[int]] | None = None  # made on first use, see _grams

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
            for m in _CHAR_MAP.get(ch, ch):
                out.append(m)
                origin.append(i)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) back to the smallest original range covering it."""
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        stop = self.origin[end - 1] + 1
        while stop < len(self.original) and self.original[stop] in _ARABIC_MARKS:
            stop += 1  # a word's marks belong to it, though normalising dropped them
        return self.origin[start], stop

    def from_original(self, offset: int) -> int:
        """The first normalised index whose original offset is >= ``offset``."""
        from bisect import bisect_left

        return bisect_left(self.origin, offset)


def _cuts_marks(text: str, end: int) -> bool:
    """Would a passage ending at ``end`` leave its last word's Arabic marks outside? Then it is
    found through the normalised text, whose map back keeps a word's marks with it."""
    return end < len(text) and text[end] in _ARABIC_MARKS


def _resolve(normalised, text: str) -> NormalisedText:
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
    return _SPACE_RUN.sub(" ", text).translate(_TRANSLATION)  # = NormalisedText(text).text


# --- results ---------------------------------------------------------------------------------


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


# --- exact and forgiving matching ------------------------------------------------------------


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, i = [], haystack.find(needle)
    while i != -1:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def _context_ok(nt: NormalisedText, start: int, end: int, prefix: str, suffix: str) -> bool:
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


def _fitting(
    nt: NormalisedText, q: str, hits: list[tuple[int, int]], prefix: str, suffix: str
) -> list[tuple[int, int]]:
    """The hits that ``_context_ok`` keeps."""
    starts = _fitting_starts(nt, q, prefix, suffix)
    return hits if starts is None else [h for h in hits if h[0] in starts]


_GAPS = ("", " ", "  ")  # what may stand between a quote and its context (see _context_ok)


def _fitting_starts(nt: NormalisedText, q: str, prefix: str, suffix: str) -> set[int] | None:
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


def _context_score(nt: NormalisedText, start: int, end: int, prefix: str, suffix: str) -> float:
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


def _proximity(nt: NormalisedText, start: int, end: int, near: tuple[int, int] | None) -> float:
    """1 inside the last known paragraph, fading to 0 with distance; 0 when none is known."""
    if near is None:
        return 0.0
    a, b = nt.from_original(near[0]), nt.from_original(near[1])
    if start < b and end > a:
        return 1.0
    distance = a - end if end <= a else start - b
    return 0.5 * max(0.0, 1 - distance / PROXIMITY_REACH)


def locate(
    text: str,
    selector: Selector,
    normalised: NormalisedText | None = None,
    near: tuple[int, int] | None = None,
) -> Match:
    """Find ``selector`` in ``text``. Pure; pass ``normalised`` to reuse work across notes.

    ``normalised`` may also be a zero-argument callable that builds it (deferred: a quote
    found once as typed in a short article never needs it). ``near`` is the original-offset
    range of the note's last known paragraph, if recorded: evidence that helps choose
    between places, never enough on its own to anchor a passage.
    """
    quote = selector.quote
    if not quote.strip():
        return Match("orphan")
    has_context = bool(selector.prefix or selector.suffix)
    if not isinstance(normalised, NormalisedText):
        # Nothing built yet: two C-level scans settle a quote typed exactly, found once.
        first = text.find(quote)
        if (
            first != -1
            and not has_context
            and text.find(quote, first + 1) == -1
            and not _cuts_marks(text, first + len(quote))
        ):
            return Match("exact", first, first + len(quote), 1.0)
    nt = _resolve(normalised, text)
    q = normalise(quote).strip()
    if not q:  # nothing visible (a lone zero-width character): only as typed, if unique
        raw = _occurrences(text, quote)
        if len(raw) == 1 and not has_context:
            return Match("exact", raw[0], raw[0] + len(quote), 1.0)
        return Match("orphan")
    if has_context:  # most notes with context: it fits exactly one occurrence
        fit = _fitting_starts(nt, q, selector.prefix, selector.suffix)
        if fit is not None and len(fit) == 1:
            (start,) = fit
            if len(nt.words.find(q, limit=2)) == 2:
                return _result(text, quote, nt, (start, start + len(q)), evidence="context")
    hits = [(s, s + len(q)) for s in nt.words.find(q)]
    if not hits:
        return _approximate(nt, selector, q, near)

    def result(rng: tuple[int, int], confidence: float = 1.0, changed=False, evidence="") -> Match:
        return _result(text, quote, nt, rng, confidence, changed, evidence)

    if not has_context:  # typed exactly, the quote may single out one occurrence, as typed
        starts = (nt.to_original(*h)[0] for h in hits)
        typed = [o for o in starts if text.startswith(quote, o)]
        if not typed and (quote[:1], quote[-1:]) != (q[:1], q[-1:]):
            typed = _occurrences(text, quote)[:2]  # its edges vanished in normalising: scan
        if len(typed) == 1 and not _cuts_marks(text, typed[0] + len(quote)):
            return Match("exact", typed[0], typed[0] + len(quote), 1.0)
    if len(hits) == 1:
        changed = has_context and not _context_ok(nt, *hits[0], selector.prefix, selector.suffix)
        if changed:  # its context may stand around the note's own passage, respelt since
            other = _respelt_in_context(nt, selector, q, hits)
            if other is not None:
                return Match("ambiguous", candidates=[*_exact(nt, hits), other])
        return result(hits[0], changed=changed)
    if has_context:
        fitting = _fitting(nt, q, hits, selector.prefix, selector.suffix)
        if len(fitting) == 1:
            return result(fitting[0], evidence="context")
        if not fitting:
            other = _respelt_in_context(nt, selector, q, hits)
            if other is not None:
                return Match("ambiguous", candidates=[*_exact(nt, hits), other])
        hits = fitting or hits
    # Several places hold the quote: weigh what else is known (context, last paragraph).
    scored = sorted(
        (
            (_evidence(nt, h, selector, near), -h[0], h)
            for h in hits
            if has_context or near is not None
        ),
        reverse=True,
    )
    if len(scored) >= 2:
        (best, _, best_h), (second, _, _) = scored[0], scored[1]
        if best >= MIN_EVIDENCE and best - second >= MIN_EVIDENCE_MARGIN:
            by_context = (
                has_context and _context_score(nt, *best_h, *_ctx(selector)) >= MIN_EVIDENCE
            )
            return result(
                best_h,
                confidence=round(best, 3),
                changed=True,
                evidence="context" if by_context else "paragraph",
            )
    return Match("ambiguous", candidates=_exact(nt, hits))


def _result(
    text: str,
    quote: str,
    nt: NormalisedText,
    rng: tuple[int, int],
    confidence: float = 1.0,
    changed: bool = False,
    evidence: Evidence = "",
) -> Match:
    """An exact or forgiven match on the normalised range ``rng``."""
    start, end = nt.to_original(*rng)
    status = "exact" if text[start:end] == quote else "forgiven"
    return Match(status, start, end, confidence, context_changed=changed, evidence=evidence)


def _exact(nt: NormalisedText, hits: list[tuple[int, int]]) -> list[Candidate]:
    return [Candidate(*nt.to_original(*h), 1.0) for h in hits]


def _respelt_in_context(
    nt: NormalisedText, selector: Selector, q: str, hits: list[tuple[int, int]]
) -> Candidate | None:
    """A place other than the exact occurrences where the note's prefix or suffix stands and,
    next to it, the quote respelt (a typo fixed since): then the exact occurrence, whose
    context does not fit, may be another passage, and the note must say which."""
    index = nt.words
    quote_words = split_words(q)
    n = len(quote_words)
    reach = max(MIN_WORD_SLACK, n // 4)
    windows: list[tuple[int, int]] = []  # (first word index, where the quote's first word is)
    p = normalise(selector.prefix).strip() if selector.prefix else ""
    s = normalise(selector.suffix).strip() if selector.suffix else ""
    for i in index.find(p) if p else ():
        first = bisect.bisect_left(index.starts, i + len(p))
        windows.append((max(0, first - reach), first - max(0, first - reach)))
    for i in index.find(s) if s else ():
        last = bisect.bisect_left(index.starts, i)
        first = max(0, last - n)
        windows.append((max(0, first - reach), first - max(0, first - reach)))
    for lo, offset in windows[:MAX_CANDIDATES]:
        aligned = align(quote_words, index.words[lo : lo + n + 2 * reach], offset, reach + 1)
        if aligned is None or aligned.replaced:
            continue
        start, end = index.starts[lo + aligned.first], index.ends[lo + aligned.last]
        start, end = _trim_marks(nt.text, start, end, q)
        sim = Indel.normalized_similarity(q, nt.text[start:end])
        if (
            sim >= min_similarity(len(q))
            and all(end <= hs or start >= he for hs, he in hits)
            and _context_score(nt, start, end, *_ctx(selector)) >= CONTEXT_FIT
        ):
            return Candidate(*nt.to_original(start, end), round(sim, 3), round(sim, 3))
    return None


def _ctx(selector: Selector) -> tuple[str, str]:
    return selector.prefix, selector.suffix


def _evidence(
    nt: NormalisedText, rng: tuple[int, int], selector: Selector, near: tuple[int, int] | None
) -> float:
    """Score (0..1) of the evidence other than the quote for one place: context counts
    more than the last known paragraph (EVIDENCE_CONTEXT_SHARE), which moves with edits."""
    parts: list[tuple[float, float]] = []
    if selector.prefix or selector.suffix:
        parts.append((EVIDENCE_CONTEXT_SHARE, _context_score(nt, *rng, *_ctx(selector))))
    if near is not None:
        parts.append((1 - EVIDENCE_CONTEXT_SHARE, _proximity(nt, *rng, near)))
    total = sum(w for w, _ in parts)
    return sum(w * s for w, s in parts) / total if total else 0.0


# --- approximate search ----------------------------------------------------------------------


def min_similarity(quote_length: int) -> float:
    """Least likeness a passage needs to stand for a quote of this length (see MAX_SHORT_EDITS)."""
    if quote_length < SHORT_QUOTE:
        return max(MIN_QUOTE_SIMILARITY, 1 - MAX_SHORT_EDITS / (2 * quote_length))
    return MIN_QUOTE_SIMILARITY


def _trim_marks(text: str, s: int, e: int, q: str) -> tuple[int, int]:
    """Leave out marks at the passage's edges where the quote has none ('Taliban.' for a
    quote ending 'Taliban'): the passage still starts and ends on whole words."""
    if q[-1:].isalnum():
        while e - s > 1 and not text[e - 1].isalnum():
            e -= 1
    if q[:1].isalnum():
        while e - s > 1 and not text[s].isalnum():
            s += 1
    return s, e


def _fuzzy_places(nt: NormalisedText, q: str) -> list[tuple[float, int, int, int]]:
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
        s, e = _trim_marks(nt.text, s, e, q)
        replaced = aligned.replaced
        if all(e <= ps or s >= pe for _, ps, pe, _ in places):
            places.append((Indel.normalized_similarity(q, nt.text[s:e]), s, e, replaced))
    places.sort(key=lambda p: (-p[0], p[1]))
    return places[:MAX_CANDIDATES]


def _approximate(
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
    places = _char_places(nt, q) if spaceless else _fuzzy_places(nt, q)
    bracket = _bracketed(nt, selector, q) if has_context else None
    if bracket is not None:
        places = [p for p in places if p[2] <= bracket[0] or p[1] >= bracket[1]]
        s, e = bracket
        small, replaced = _small_change(q, nt.text[s:e], spaceless)
        places.append((Indel.normalized_similarity(q, nt.text[s:e]), s, e, replaced))
    scored: list[_Place] = []
    for sim, s, e, replaced in places:
        confidence = sim
        context = 0.0
        if has_context:
            context = _context_score(nt, s, e, selector.prefix, selector.suffix)
            confidence = (1 - CONTEXT_WEIGHT) * sim + CONTEXT_WEIGHT * context
        if near is not None:  # weighs in, but never vouches: paragraph numbers shift
            proximity = _proximity(nt, s, e, near)
            confidence = (1 - PROXIMITY_WEIGHT) * confidence + PROXIMITY_WEIGHT * proximity
        moved = _paragraphs_moved(nt, s, e, near)
        far = bool(replaced) and moved > MAX_PARAGRAPHS_MOVED
        bracketed = bracket == (s, e)
        # a place the quote itself vouches for is judged on its likeness: recorded context
        # that no longer fits (the sentence moved) does not make it less the quote's
        sure = sim if not replaced else confidence
        acceptable = not far and (
            (bracketed and small)
            or (
                sim >= min_similarity(len(q))
                and sure >= MIN_CONFIDENCE
                and (not replaced or context >= MIN_CONTEXT_SUPPORT)
            )
        )
        scored.append(_Place(confidence, sim, acceptable, s, e, bracketed, context, moved, far))
    if not scored:
        return Match("orphan", reason="no passage of the article is like it")
    scored.sort(key=lambda c: (-c.confidence, c.start))
    candidates = [
        Candidate(*nt.to_original(c.start, c.end), round(c.confidence, 3), round(c.similarity, 3))
        for c in scored[:3]
    ]
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


# --- evidence of place: context that brackets, distance moved --------------------------------


def _bracketed(nt: NormalisedText, selector: Selector, q: str) -> tuple[int, int] | None:
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


def _small_change(q: str, passage: str, spaceless: bool) -> tuple[bool, int]:
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


def _paragraphs_moved(
    nt: NormalisedText, start: int, end: int, near: tuple[int, int] | None
) -> int:
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


# --- text without spaces between words -------------------------------------------------------


_SPACELESS_SCRIPT = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9f]"
)
"""Thai, Lao, Myanmar, Khmer, kana and CJK ideographs: scripts written without spaces
between words (Korean is written with spaces, and searched by words)."""


def is_spaceless(text: str) -> bool:
    """Is ``text`` mostly in scripts written without spaces (SPACELESS_SHARE)?"""
    letters = sum(ch.isalnum() for ch in text)
    return bool(letters) and len(_SPACELESS_SCRIPT.findall(text)) >= SPACELESS_SHARE * letters


def _grams(nt: NormalisedText) -> dict[str, list[int]]:
    """Where each pair of adjacent characters (no space in it) stands in the text."""
    if nt._grams is None:
        grams: dict[str, list[int]] = {}
        text = nt.text
        for i in range(len(text) - 1):
            pair = text[i : i + 2]
            if " " not in pair:
                grams.setdefault(pair, []).append(i)
        nt._grams = grams
    return nt._grams


def _splits_a_word(text: str, i: int) -> bool:
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


def _char_places(nt: NormalisedText, q: str) -> list[tuple[float, int, int, int]]:
    """``_fuzzy_places`` character by character, for text without spaces between words:
    (similarity, start, end, characters replaced), best first.

    Bounded work as there: the rarest SEED_GRAMS character pairs of the quote vote for
    where it starts; at most SEARCHED_PLACES places are looked at, each by trying the
    passage's edges within a few characters (MAX_CHAR_SLACK) of where the votes put them.
    """
    grams = _grams(nt)
    pairs = [(q[i : i + 2], i) for i in range(len(q) - 1) if " " not in q[i : i + 2]]
    usable = sorted((len(grams[g]), i, grams[g]) for g, i in pairs if g in grams)
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
            if text[s] == " " or _splits_a_word(text, s):
                continue
            for e in range(
                max(s + 1, diagonal + n - reach), min(len(text), diagonal + n + reach) + 1
            ):
                if text[e - 1] == " " or _splits_a_word(text, e):
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


# --- notes in articles -----------------------------------------------------------------------


def last_known_range(note: Annotation, article: Article) -> tuple[int, int] | None:
    """Offsets of the paragraph the note records as its last known place, if it still exists."""
    if note.paragraph is None or not 1 <= note.paragraph <= len(article.paragraphs):
        return None
    para = article.paragraphs[note.paragraph - 1]
    return para.start, para.end


def locate_note(note: Annotation, article: Article, normalised: NormalisedText | None = None):
    """The matcher's verdict for one note: its selector plus its last known paragraph."""
    return locate(article.body, note.selector, normalised, last_known_range(note, article))


# --- choosing context ------------------------------------------------------------------------


def unique_context(
    text: str, start: int, end: int, max_words: int = 8, normalised: NormalisedText | None = None
) -> tuple[str, str]:
    """The shortest (prefix, suffix) that makes ``text[start:end]`` land on itself.

    ('', '') when the passage is already unique. Words are taken from the same paragraph
    when possible, and every proposal is checked with ``locate`` itself, so what ``glossator
    new``, ``check --fix`` and the page's "Propose a note" write is what the build will find.
    """
    nt = normalised or NormalisedText(text)
    quote = text[start:end]

    def lands(prefix: str, suffix: str) -> bool:
        m = locate(text, Selector(quote, prefix, suffix), nt)
        return (
            (m.start, m.end) == (start, end) and m.evidence == "context" and not m.context_changed
        )

    first = locate(text, Selector(quote), nt)
    if first.found and (first.start, first.end) == (start, end):
        return "", ""
    for cross in (False, True):  # words from the passage's own paragraph first
        for words in range(1, max_words + 1):
            prefix = _words_before(text, start, words, cross)
            suffix = _words_after(text, end, words, cross)
            for p, s in ((prefix, ""), ("", suffix), (prefix, suffix)):
                if (p or s) and lands(p, s):
                    return p, s
    return _words_before(text, start, max_words, True), _words_after(text, end, max_words, True)


def suggest_context(
    text: str, ranges: list[tuple[int, int]], index: int, max_words: int = 8
) -> str:
    """The shortest ``prefix: "…"`` / ``suffix: "…"`` line(s) that single out ``ranges[index]``."""
    start, end = ranges[index]
    prefix, suffix = unique_context(text, start, end, max_words)
    parts = []
    if prefix:
        parts.append(f"prefix: {_yaml_quoted(prefix)}")
    if suffix:
        parts.append(f"suffix: {_yaml_quoted(suffix)}")
    return " and ".join(parts) or "a longer quote (the passages around it are identical)"


def _yaml_quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _words_before(text: str, pos: int, n: int, cross: bool = False) -> str:
    """Up to ``n`` words before ``pos``; across a paragraph break only if ``cross``."""
    chunk = text[max(0, pos - 300) : pos]
    _head, sep, tail = chunk.rpartition("\n\n")
    if sep and not cross:
        chunk = tail
    if cross:
        chunk = " ".join(chunk.split()) + (" " if chunk[-1:].isspace() else "")
    chars = n * SPACELESS_WORD_CHARS
    if is_spaceless(chunk[-chars:]):
        return chunk[-chars:]
    parts = chunk.split(" ")
    return " ".join(parts[-(n + 1) :]) if len(parts) > n else chunk


def _words_after(text: str, pos: int, n: int, cross: bool = False) -> str:
    """Up to ``n`` words after ``pos``; across a paragraph break only if ``cross``."""
    chunk = text[pos : pos + 300]
    head, sep, _tail = chunk.partition("\n\n")
    if sep and not cross:
        chunk = head
    if cross:
        chunk = (" " if chunk[:1].isspace() else "") + " ".join(chunk.split())
    chars = n * SPACELESS_WORD_CHARS
    if is_spaceless(chunk[:chars]):
        return chunk[:chars]
    parts = chunk.split(" ")
    return " ".join(parts[: n + 1]) if len(parts) > n else chunk
