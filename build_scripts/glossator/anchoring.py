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
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from .model import Annotation, Article, Candidate, Match, Selector

# --- normalisation ---------------------------------------------------------------------------

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_CHAR_MAP = {
    **{c: "'" for c in _SINGLE_QUOTES},
    **{c: '"' for c in _DOUBLE_QUOTES},
    **{c: "-" for c in _DASHES},
    **{c: "" for c in _INVISIBLE},
    "\u2026": "...",
}


_SPACE_RUN = re.compile(r"[\s\u00a0\u202f\u2007]+")
_SPECIAL = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "]")


class NormalisedText:
    """A text with the forgiving normalisation applied, and a map back to original offsets."""

    __slots__ = ("origin", "original", "text")

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
        return self.origin[start], self.origin[end - 1] + 1

    def from_original(self, offset: int) -> int:
        """The first normalised index whose original offset is >= ``offset``."""
        from bisect import bisect_left

        return bisect_left(self.origin, offset)


def _resolve(normalised, text: str) -> NormalisedText:
    """``normalised`` may be built already, or be a zero-argument callable that builds it:
    most notes match exactly and never need it, so callers can defer the cost."""
    if callable(normalised):
        return normalised()
    return normalised or NormalisedText(text)


_ODD_SPACE = re.compile(r"[^\S ]|  ")


def normalise(text: str) -> str:
    if not _SPECIAL.search(text) and not _ODD_SPACE.search(text):
        return text  # most quotes: nothing to forgive, nothing to build
    return NormalisedText(text).text


# --- results ---------------------------------------------------------------------------------


MIN_CONFIDENCE = 0.80
"""Below this an approximate match is not trusted (a typo fix or a few inserted words score 0.9+)."""
MIN_MARGIN = 0.08
"""Best and runner-up closer than this are a near-tie: report, don't guess."""
MIN_QUOTE_SIMILARITY = 0.85
"""The passage itself must still resemble the quote; context alone never anchors a note."""
MAX_SHORT_EDITS = 4
"""A short quote may differ by at most this many inserted/deleted characters (one substitution
counts two): 'Najibollah' -> 'Najibullah' is a typo fix, 'the Vietnam debacle' -> 'the Vietnam
war' is another passage."""
SHORT_QUOTE = 30
MIN_FUZZY_LENGTH = 8
"""Quotes shorter than this are never matched approximately: too many passages look alike."""
MAX_CANDIDATES = 5
"""Approximate search keeps this many distinct places; the rest cannot matter for the margin."""
CONTEXT_WEIGHT = 0.25
PROXIMITY_WEIGHT = 0.10
PROXIMITY_REACH = 1500
"""Characters over which 'near the last known paragraph' fades to nothing."""
MIN_CONTEXT_SUPPORT = 0.5
MIN_PROXIMITY_SUPPORT = 0.25
"""When a note records prefix/suffix or its paragraph, an approximate match must agree with
at least one of them: similar context, or the same or the next/previous paragraph (and
within about half a page of it)."""


# --- exact and forgiving matching ------------------------------------------------------------


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, i = [], haystack.find(needle)
    while i != -1:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def _context_ok(nt: NormalisedText, start: int, end: int, prefix: str, suffix: str) -> bool:
    """Do the normalised prefix/suffix sit just before/after the normalised range?"""
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


def _context_score(nt: NormalisedText, start: int, end: int, prefix: str, suffix: str) -> float:
    """How much the text around [start, end) still looks like prefix/suffix (0..1)."""
    scores = []
    if prefix:
        p = normalise(prefix).strip()
        before = nt.text[max(0, start - len(p) - 1) : start].strip()
        scores.append(fuzz.ratio(p, before[-len(p) :]) / 100 if p else 1.0)
    if suffix:
        s = normalise(suffix).strip()
        after = nt.text[end : end + len(s) + 1].strip()
        scores.append(fuzz.ratio(s, after[: len(s)]) / 100 if s else 1.0)
    return sum(scores) / len(scores) if scores else 0.0


def _proximity(nt: NormalisedText, start: int, end: int, near: tuple[int, int] | None) -> float:
    """1 inside the last known paragraph, fading to 0 with distance; 0 when none is known."""
    if near is None:
        return 0.0
    a, b = nt.from_original(near[0]), nt.from_original(near[1])
    if start < b and end > a:
        return 1.0
    distance = a - end if end <= a else start - b
    return 0.5 * max(0.0, 1 - distance / PROXIMITY_REACH)


def _paragraphs_apart(nt: NormalisedText, start: int, end: int, near: tuple[int, int]) -> int:
    """How many paragraph breaks lie between [start, end) (normalised) and ``near`` (original)."""
    s, e = nt.to_original(start, end)
    a, b = near
    if s < b and e > a:
        return 0
    gap = nt.original[b:s] if s >= b else nt.original[e:a]
    return gap.count("\n\n")


def locate(
    text: str,
    selector: Selector,
    normalised: NormalisedText | None = None,
    near: tuple[int, int] | None = None,
) -> Match:
    """Find ``selector`` in ``text``. Pure; pass ``normalised`` to reuse work across notes.

    ``near`` is the original-offset range of the note's last known paragraph, if recorded:
    evidence that helps choose between places, never enough on its own to anchor a passage.
    """
    quote = selector.quote
    if not quote.strip():
        return Match("orphan")
    has_context = bool(selector.prefix or selector.suffix)
    # Fast path: the quote exactly as typed, and no context needed to pick the occurrence.
    raw = _occurrences(text, quote)
    if len(raw) == 1 and not has_context:
        return Match("exact", raw[0], raw[0] + len(quote), 1.0)

    nt = _resolve(normalised, text)
    q = normalise(quote).strip()
    hits = [(s, s + len(q)) for s in _occurrences(nt.text, q)]
    if not hits:
        return _approximate(nt, selector, q, near)

    def result(rng: tuple[int, int], confidence: float = 1.0, changed=False, evidence="") -> Match:
        start, end = nt.to_original(*rng)
        status = "exact" if text[start:end] == quote else "forgiven"
        return Match(status, start, end, confidence, context_changed=changed, evidence=evidence)

    if len(hits) == 1:
        changed = has_context and not _context_ok(nt, *hits[0], selector.prefix, selector.suffix)
        return result(hits[0], changed=changed)
    if has_context:
        fitting = [h for h in hits if _context_ok(nt, *h, selector.prefix, selector.suffix)]
        if len(fitting) == 1:
            return result(fitting[0], evidence="context")
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
        if best >= 0.6 and best - second >= 0.15:
            by_context = has_context and _context_score(nt, *best_h, *_ctx(selector)) >= 0.6
            return result(
                best_h,
                confidence=round(best, 3),
                changed=True,
                evidence="context" if by_context else "paragraph",
            )
    candidates = [Candidate(*nt.to_original(*h), 1.0) for h in hits]
    return Match("ambiguous", candidates=candidates)


def _ctx(selector: Selector) -> tuple[str, str]:
    return selector.prefix, selector.suffix


def _evidence(
    nt: NormalisedText, rng: tuple[int, int], selector: Selector, near: tuple[int, int] | None
) -> float:
    """Score (0..1) of the evidence other than the quote for one place."""
    parts: list[tuple[float, float]] = []
    if selector.prefix or selector.suffix:
        parts.append((0.7, _context_score(nt, *rng, *_ctx(selector))))
    if near is not None:
        parts.append((0.3, _proximity(nt, *rng, near)))
    total = sum(w for w, _ in parts)
    return sum(w * s for w, s in parts) / total if total else 0.0


# --- approximate search ----------------------------------------------------------------------


def min_similarity(quote_length: int) -> float:
    """Least likeness a passage needs to stand for a quote of this length (see MAX_SHORT_EDITS)."""
    if quote_length < SHORT_QUOTE:
        return max(MIN_QUOTE_SIMILARITY, 1 - MAX_SHORT_EDITS / (2 * quote_length))
    return MIN_QUOTE_SIMILARITY


def _refine(q: str, hay: str, start: int, end: int) -> tuple[int, int, float]:
    """Adjust [start, end) to maximise similarity with ``q`` (words inserted or deleted inside)."""
    slack = max(8, len(q) // 3)
    best = (start, end, Indel.normalized_similarity(q, hay[start:end]))
    for _ in range(2):
        s0, e0, _score = best
        for e in range(max(s0 + 1, e0 - slack), min(len(hay), e0 + slack) + 1):
            score = Indel.normalized_similarity(q, hay[s0:e])
            if score > best[2]:
                best = (s0, e, score)
        s0, e0, _score = best
        for s in range(max(0, s0 - slack), min(e0 - 1, s0 + slack) + 1):
            score = Indel.normalized_similarity(q, hay[s:e0])
            if score > best[2]:
                best = (s, e0, score)
    s, e, score = best
    # do not start or end in the middle of a word when the quote does not
    while 0 < s < e and hay[s - 1].isalnum() and hay[s].isalnum() and q[:1].isalnum():
        s -= 1
    while s < e < len(hay) and hay[e - 1].isalnum() and hay[e].isalnum() and q[-1:].isalnum():
        e += 1
    while s < e and hay[s] == " ":
        s += 1
    while e > s and hay[e - 1] == " ":
        e -= 1
    if (s, e) != best[:2]:
        score = Indel.normalized_similarity(q, hay[s:e])
    return s, e, score


_WORD_START = re.compile(r"(?:^|(?<= ))[^ ]")


def _fuzzy_places(hay: str, q: str) -> list[tuple[float, int, int]]:
    """Distinct places that resemble ``q``, best first: (similarity, start, end).

    Every word start is scored with a quote-length window (one C-level pass), the best
    non-overlapping starts are kept, and each is refined to its best boundaries. Keeping
    several places, not one per window, is what lets a near-duplicate show up as a runner-up.
    """
    size = len(q)
    starts = [m.start() for m in _WORD_START.finditer(hay)]
    if not starts:
        return []
    windows = [hay[i : i + size] for i in starts]
    floor = 0.6 * min_similarity(size)
    scored = process.extract(
        q, windows, scorer=Indel.normalized_similarity, limit=None, score_cutoff=floor
    )
    chosen: list[int] = []
    for _choice, _score, index in scored:  # already best first
        start = starts[index]
        if all(abs(start - c) >= size // 2 for c in chosen):
            chosen.append(start)
            if len(chosen) == 2 * MAX_CANDIDATES:
                break
    places: list[tuple[float, int, int]] = []
    for start in chosen:
        s, e, sim = _refine(q, hay, start, min(len(hay), start + size))
        if e > s and all(e <= ps or s >= pe for _, ps, pe in places):
            places.append((sim, s, e))
    places.sort(key=lambda p: (-p[0], p[1]))
    return places[:MAX_CANDIDATES]


def _approximate(
    nt: NormalisedText, selector: Selector, q: str, near: tuple[int, int] | None
) -> Match:
    if len(q) < MIN_FUZZY_LENGTH:
        return Match("orphan")
    has_context = bool(selector.prefix or selector.suffix)
    # (confidence, similarity, supported, start, end)
    scored: list[tuple[float, float, bool, int, int]] = []
    for sim, s, e in _fuzzy_places(nt.text, q):
        confidence = sim
        supported = not has_context and near is None  # nothing recorded that could object
        if has_context:
            context = _context_score(nt, s, e, selector.prefix, selector.suffix)
            confidence = (1 - CONTEXT_WEIGHT) * sim + CONTEXT_WEIGHT * context
            supported = supported or context >= MIN_CONTEXT_SUPPORT
        if near is not None:
            proximity = _proximity(nt, s, e, near)
            confidence = (1 - PROXIMITY_WEIGHT) * confidence + PROXIMITY_WEIGHT * proximity
            supported = supported or (
                proximity >= MIN_PROXIMITY_SUPPORT and _paragraphs_apart(nt, s, e, near) <= 1
            )
        scored.append((confidence, sim, supported, s, e))
    if not scored:
        return Match("orphan")
    scored.sort(key=lambda c: (-c[0], c[3]))
    candidates = [
        Candidate(*nt.to_original(s, e), round(conf, 3), round(sim, 3))
        for conf, sim, _, s, e in scored[:3]
    ]
    best_conf, best_sim, supported, s, e = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    # A passage that merely resembles the quote, somewhere the recorded evidence says the
    # note never was (other context, another part of the article), is not the note's
    # passage edited: it is a similar sentence. That is exactly where other tools go wrong.
    if best_sim >= min_similarity(len(q)) and best_conf >= MIN_CONFIDENCE and supported:
        if best_conf - runner_up >= MIN_MARGIN:
            start, end = nt.to_original(s, e)
            return Match("reanchored", start, end, round(best_conf, 3), candidates)
        return Match("ambiguous", confidence=round(best_conf, 3), candidates=candidates)
    return Match("orphan", confidence=round(best_conf, 3), candidates=candidates)


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
    parts = chunk.split(" ")
    return " ".join(parts[: n + 1]) if len(parts) > n else chunk
