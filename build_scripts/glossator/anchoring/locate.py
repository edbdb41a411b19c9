"""Finding a note's quoted passage in an article's text: pure functions, str in, offsets out.

The order of attempts follows what a contributor can and cannot see:

1. the quote as typed, character for character;
2. the quote with the differences nobody can see or type easily forgiven (``normalise``);
3. only when the quote no longer occurs at all (the article was edited), an approximate
   search (``approximate``) that must be *confident* and *unambiguous*, and agree with
   whatever else the note records (``evidence``). A near-tie is reported with its
   candidates, never guessed.

The range returned is always the article's original text; normalisation only decides where.
"""

from __future__ import annotations

import bisect

from rapidfuzz.distance import Indel

from glossator.anchoring.approximate import approximate, min_similarity, trim_marks
from glossator.anchoring.evidence import (
    CONTEXT_FIT,
    MAX_CANDIDATES,
    MIN_EVIDENCE,
    MIN_EVIDENCE_MARGIN,
    MIN_WORD_SLACK,
    context_ok,
    context_score,
    ctx,
    evidence,
    fitting,
    fitting_starts,
    occurrences,
)
from glossator.anchoring.normalise import NormalisedText, cuts_marks, normalise, resolve
from glossator.anchoring.words import align, split_words
from glossator.model import Annotation, Article, Candidate, Evidence, Match, Selector


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
            and not cuts_marks(text, first + len(quote))
        ):
            return Match("exact", first, first + len(quote), 1.0)
    nt = resolve(normalised, text)
    q = normalise(quote).strip()
    if not q:  # nothing visible (a lone zero-width character): only as typed, if unique
        raw = occurrences(text, quote)
        if len(raw) == 1 and not has_context:
            return Match("exact", raw[0], raw[0] + len(quote), 1.0)
        return Match("orphan")
    if has_context:  # most notes with context: it fits exactly one occurrence
        fit = fitting_starts(nt, q, selector.prefix, selector.suffix)
        if fit is not None and len(fit) == 1:
            (start,) = fit
            if len(nt.words.find(q, limit=2)) == 2:
                return _result(text, quote, nt, (start, start + len(q)), evidence="context")
    hits = [(s, s + len(q)) for s in nt.words.find(q)]
    if not hits:
        return approximate(nt, selector, q, near)

    def result(rng: tuple[int, int], confidence: float = 1.0, changed=False, evidence="") -> Match:
        return _result(text, quote, nt, rng, confidence, changed, evidence)

    if not has_context:  # typed exactly, the quote may single out one occurrence, as typed
        starts = (nt.to_original(*h)[0] for h in hits)
        typed = [o for o in starts if text.startswith(quote, o)]
        if not typed and (quote[:1], quote[-1:]) != (q[:1], q[-1:]):
            typed = occurrences(text, quote)[:2]  # its edges vanished in normalising: scan
        if len(typed) == 1 and not cuts_marks(text, typed[0] + len(quote)):
            return Match("exact", typed[0], typed[0] + len(quote), 1.0)
    if len(hits) == 1:
        changed = has_context and not context_ok(nt, *hits[0], selector.prefix, selector.suffix)
        if changed:  # its context may stand around the note's own passage, respelt since
            other = _respelt_in_context(nt, selector, q, hits)
            if other is not None:
                return Match("ambiguous", candidates=[*_exact(nt, hits), other])
        return result(hits[0], changed=changed)
    if has_context:
        fits = fitting(nt, q, hits, selector.prefix, selector.suffix)
        if len(fits) == 1:
            return result(fits[0], evidence="context")
        if not fits:
            other = _respelt_in_context(nt, selector, q, hits)
            if other is not None:
                return Match("ambiguous", candidates=[*_exact(nt, hits), other])
        hits = fits or hits
    # Several places hold the quote: weigh what else is known (context, last paragraph).
    scored = sorted(
        (
            (evidence(nt, h, selector, near), -h[0], h)
            for h in hits
            if has_context or near is not None
        ),
        reverse=True,
    )
    if len(scored) >= 2:
        (best, _, best_h), (second, _, _) = scored[0], scored[1]
        if best >= MIN_EVIDENCE and best - second >= MIN_EVIDENCE_MARGIN:
            by_context = has_context and context_score(nt, *best_h, *ctx(selector)) >= MIN_EVIDENCE
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
        start, end = trim_marks(nt.text, start, end, q)
        sim = Indel.normalized_similarity(q, nt.text[start:end])
        if (
            sim >= min_similarity(len(q))
            and all(end <= hs or start >= he for hs, he in hits)
            and context_score(nt, start, end, *ctx(selector)) >= CONTEXT_FIT
        ):
            return Candidate(*nt.to_original(start, end), round(sim, 3), round(sim, 3))
    return None


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
