"""Finding a note's quoted passage in an article's text: pure functions, str in, offsets out.

The order of attempts follows what a contributor can and cannot see:

1. the quote as typed, character for character;
2. the quote with the differences nobody can see or type easily forgiven: runs of white
   space (including a paragraph break), curly vs straight quotes, dash variants, an
   ellipsis character vs three dots, zero-width characters. Matching stays case-sensitive;
3. only when the quote no longer occurs at all (the article was edited), an approximate
   search that must be *confident* and *unambiguous*: a minimum score and a clear margin
   over the runner-up. A near-tie is reported with its candidates, never guessed — moving a
   note silently to a similar sentence elsewhere is the worst thing an annotator can do.

The range returned is always the article's original text; normalisation only decides where.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

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


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in "\u00a0\u202f\u2007"


class NormalisedText:
    """A text with the forgiving normalisation applied, and a map back to original offsets."""

    __slots__ = ("origin", "original", "text")

    def __init__(self, original: str):
        out: list[str] = []
        origin: list[int] = []
        in_space = False
        for i, ch in enumerate(original):
            if _is_space(ch):
                if not in_space:
                    out.append(" ")
                    origin.append(i)
                in_space = True
                continue
            in_space = False
            mapped = _CHAR_MAP.get(ch, ch)
            for m in mapped:
                out.append(m)
                origin.append(i)
        self.original = original
        self.text = "".join(out)
        self.origin = origin

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


def normalise(text: str) -> str:
    return NormalisedText(text).text


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selector:
    """A W3C TextQuoteSelector: the quote, and optionally a little text on either side."""

    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    score: float  # 0..1


@dataclass
class Match:
    """Where (and how surely) a selector lands in a text.

    status: ``exact`` (as typed), ``forgiven`` (white-space/quote/dash differences),
    ``reanchored`` (approximate, confident), ``ambiguous`` or ``orphan`` (no range).
    """

    status: str
    start: int | None = None
    end: int | None = None
    confidence: float = 0.0
    candidates: list[Candidate] = field(default_factory=list)
    context_changed: bool = False  # prefix/suffix no longer match around a unique quote

    @property
    def found(self) -> bool:
        return self.start is not None


MIN_CONFIDENCE = 0.80
"""Below this an approximate match is not trusted (a typo fix or a few inserted words score 0.9+)."""
MIN_MARGIN = 0.08
"""Best and runner-up closer than this are a near-tie: report, don't guess."""
MIN_QUOTE_SIMILARITY = 0.75
"""The passage itself must still resemble the quote; context alone never anchors a note."""


# --- matching --------------------------------------------------------------------------------


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


def locate(text: str, selector: Selector, normalised: NormalisedText | None = None) -> Match:
    """Find ``selector`` in ``text``. Pure; pass ``normalised`` to reuse work across notes."""
    quote = selector.quote
    if not quote.strip():
        return Match("orphan")
    # Fast path: the quote exactly as typed, and no context needed to pick the occurrence.
    raw = _occurrences(text, quote)
    if len(raw) == 1 and not (selector.prefix or selector.suffix):
        return Match("exact", raw[0], raw[0] + len(quote), 1.0)

    nt = normalised or NormalisedText(text)
    q = normalise(quote).strip()
    hits = [(s, s + len(q)) for s in _occurrences(nt.text, q)]
    if not hits:
        return _approximate(nt, selector, q)

    def result(status_range: tuple[int, int], *, confidence: float = 1.0, changed=False) -> Match:
        start, end = nt.to_original(*status_range)
        status = "exact" if text[start:end] == quote else "forgiven"
        return Match(status, start, end, confidence, context_changed=changed)

    if len(hits) == 1 and not (selector.prefix or selector.suffix):
        return result(hits[0])
    if selector.prefix or selector.suffix:
        fitting = [h for h in hits if _context_ok(nt, *h, selector.prefix, selector.suffix)]
        if len(fitting) == 1:
            return result(fitting[0])
        if not fitting:
            if len(hits) == 1:
                return result(hits[0], changed=True)
            scored = sorted(
                ((_context_score(nt, *h, selector.prefix, selector.suffix), h) for h in hits),
                reverse=True,
            )
            (best, best_h), (second, _) = scored[0], scored[1]
            if best >= 0.6 and best - second >= 0.15:
                return result(best_h, confidence=round(best, 3), changed=True)
        hits = fitting or hits
    candidates = [Candidate(*nt.to_original(*h), 1.0) for h in hits]
    return Match("ambiguous", candidates=candidates)


# --- approximate search ----------------------------------------------------------------------


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
    if (s, e) != best[:2]:
        score = Indel.normalized_similarity(q, hay[s:e])
    while s < e and hay[s] == " ":
        s += 1
    while e > s and hay[e - 1] == " ":
        e -= 1
    return s, e, score


def _windows(nt: NormalisedText, q: str) -> list[tuple[int, int]]:
    """Overlapping windows of about three quote lengths, so every region gets a best match."""
    n = len(nt.text)
    size = max(3 * len(q), 200)
    step = max(len(q), 100)
    if n <= size:
        return [(0, n)]
    return [(i, min(n, i + size)) for i in range(0, max(1, n - len(q)), step)]


def _approximate(nt: NormalisedText, selector: Selector, q: str) -> Match:
    cands: list[tuple[float, float, int, int]] = []  # (confidence, quote similarity, start, end)
    seen: set[tuple[int, int]] = set()
    cutoff = 100 * MIN_QUOTE_SIMILARITY * 0.8
    for w_start, w_end in _windows(nt, q):
        window = nt.text[w_start:w_end]
        align = fuzz.partial_ratio_alignment(q, window, score_cutoff=cutoff)
        if align is None:
            continue
        s, e, sim = _refine(q, nt.text, w_start + align.dest_start, w_start + align.dest_end)
        if (s, e) in seen or e <= s:
            continue
        seen.add((s, e))
        context = _context_score(nt, s, e, selector.prefix, selector.suffix)
        has_context = bool(selector.prefix or selector.suffix)
        confidence = 0.7 * sim + 0.3 * context if has_context else sim
        cands.append((confidence, sim, s, e))
    cands.sort(key=lambda c: (-c[0], c[2]))
    # the runner-up must be a different place, not the same passage seen from another window
    distinct: list[tuple[float, float, int, int]] = []
    for c in cands:
        if all(c[3] <= d[2] or c[2] >= d[3] for d in distinct):
            distinct.append(c)
    candidates = [
        Candidate(*nt.to_original(s, e), round(conf, 3)) for conf, _, s, e in distinct[:3]
    ]
    if not distinct:
        return Match("orphan")
    best_conf, best_sim, s, e = distinct[0]
    runner_up = distinct[1][0] if len(distinct) > 1 else 0.0
    if best_sim >= MIN_QUOTE_SIMILARITY and best_conf >= MIN_CONFIDENCE:
        if best_conf - runner_up >= MIN_MARGIN:
            start, end = nt.to_original(s, e)
            return Match("reanchored", start, end, round(best_conf, 3), candidates)
        return Match("ambiguous", confidence=round(best_conf, 3), candidates=candidates)
    return Match("orphan", confidence=round(best_conf, 3), candidates=candidates)


def suggest_context(
    text: str, ranges: list[tuple[int, int]], index: int, max_words: int = 8
) -> str:
    """The shortest ``prefix: "…"`` or ``suffix: "…"`` that singles out ``ranges[index]``.

    Grows whole words outwards from the passage until no other occurrence shares them.
    """
    start, end = ranges[index]
    others = [r for i, r in enumerate(ranges) if i != index]
    for words in range(1, max_words + 1):
        prefix = _words_before(text, start, words)
        if prefix and all(
            not normalise(text[: o[0]]).rstrip().endswith(normalise(prefix).rstrip())
            for o in others
        ):
            return f'prefix: "{prefix}"'
        suffix = _words_after(text, end, words)
        if suffix and all(
            not normalise(text[o[1] :]).lstrip().startswith(normalise(suffix).lstrip())
            for o in others
        ):
            return f'suffix: "{suffix}"'
    return "a longer quote (the passages around it are identical)"


def _words_before(text: str, pos: int, n: int) -> str:
    chunk = text[max(0, pos - 200) : pos]
    parts = chunk.split(" ")
    return " ".join(parts[-(n + 1) :]) if len(parts) > n else chunk


def _words_after(text: str, pos: int, n: int) -> str:
    chunk = text[pos : pos + 200]
    parts = chunk.split(" ")
    return " ".join(parts[: n + 1]) if len(parts) > n else chunk
