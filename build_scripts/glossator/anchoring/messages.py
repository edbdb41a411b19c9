"""What Glossator tells a contributor when a quote does not land: one wording for every entry point.

``glossator check``, ``glossator new``, the build and ``check --fix`` all describe a failed or
uncertain match; the words (and the fix they suggest) live here so they cannot drift apart.
Each message shows the article's own text, never a re-spaced copy of it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from glossator.anchoring.approximate import min_similarity
from glossator.anchoring.context import suggest_context
from glossator.anchoring.spaceless import is_spaceless
from glossator.model import Annotation, Article, Match, Problem
from glossator.text import excerpt

CLOSE_SIMILARITY = 0.5
"""A passage at least this like the quote is worth naming as 'closest passage'."""
ALSO_CLOSE_SIMILARITY = 0.75
"""Further passages at least this close are listed too, so the contributor can choose."""
COPY_EXACTLY = (
    "copy the passage from the article exactly (white space, quote marks and "
    "dashes may differ; letters and case may not)"
)


def ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def not_found(article: Article, quote: str) -> str:
    return f"quote not found in article '{article.slug}': \"{excerpt(quote, 60)}\""


def closest_passage(article: Article, start: int, end: int) -> str:
    """'closest passage (paragraph N): "…"': where to copy the quote from."""
    number = article.paragraph_at(start).number
    return f'closest passage (paragraph {number}): "{excerpt(article.body[start:end])}"'


CONTEXT_REACH = 80
"""Characters looked at on either side of a passage for the words shown around it."""
_TOKEN = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")


def in_context(body: str, start: int, end: int, words: int = 4) -> str:
    """'…words before [the passage] words after…' on one line.

    The article's own text, punctuation and spacing included (``[the people], by``), with
    only line breaks shown as spaces; never a word cut in two at the edges.
    """
    lo, hi = max(0, start - CONTEXT_REACH), min(len(body), end + CONTEXT_REACH)
    before = list(_TOKEN.finditer(body, lo, start))
    if before and before[0].start() == lo > 0 and not body[lo - 1].isspace():
        before.pop(0)  # the reach ended inside a word
    after = list(_TOKEN.finditer(body, end, hi))
    if after and after[-1].end() == hi < len(body) and not body[hi].isspace():
        after.pop()
    a = before[-words].start() if len(before) >= words else (before[0].start() if before else start)
    b = after[words - 1].end() if len(after) >= words else (after[-1].end() if after else end)
    shown_before = _SPACES.sub(" ", body[a:start])
    shown_after = _SPACES.sub(" ", body[end:b])
    return f'"…{shown_before}[{excerpt(body[start:end], 50)}]{shown_after}…"'


def word_differences(quote: str, passage: str, limit: int = 4) -> str:
    """The words that differ between a quote and the passage it stands for, e.g.
    '"Five" -> "Four"; "seven" missing from the article; "long" added in the article'."""
    a, b = quote.split(), passage.split()
    joiner = " "
    if is_spaceless(quote):  # no spaces between words: the characters that differ
        a, b, joiner = list(quote), list(passage), ""
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = joiner.join(a[i1:i2]), joiner.join(b[j1:j2])
        if op == "replace":
            parts.append(f'"{excerpt(old, 40)}" -> "{excerpt(new, 40)}"')
        elif op == "delete":
            parts.append(f'"{excerpt(old, 40)}" missing from the article')
        elif op == "insert":
            parts.append(f'"{excerpt(new, 40)}" added in the article')
    if len(parts) > limit:
        parts = [*parts[:limit], f"{len(parts) - limit} more"]
    return "; ".join(parts) or "white space, quote marks or dashes only"


def what_differs(quote: str, passage: str) -> str:
    """Quote and passage one above the other, then the words that differ."""
    return (
        f'the note says:    "{excerpt(quote)}"\n'
        f'the article says: "{excerpt(passage)}"\n'
        f"differs: {word_differences(quote, passage)}"
    )


BOTH_WAYS_OUT = (
    "if the note's quote is wrong, copy the passage from the article exactly into 'quote'; "
    "if the article changed, run 'glossator check --fix' to update the note"
)


def strict_failure(problems: Iterable[Problem], shown: bool = True) -> str:
    """Why a strict build fails on Glossator's warnings alone ('' when there are none).

    ``shown``: whether the warnings were printed already (``-q`` hides them; then they are
    listed here, so a quiet CI log still says what to fix).
    """
    warnings = sorted(p for p in problems if not p.is_error)
    if not warnings:
        return ""
    n = len(warnings)
    text = f"Aborted with {n} Glossator warning{'s' if n != 1 else ''} in strict mode"
    if not shown:
        text += ":\n" + "\n".join(p.format() for p in warnings)
    return text + "\n(run 'glossator check' for the same list and how to fix each)"


def anchor_problems(note: Annotation, article: Article, match: Match) -> list[Problem]:
    """Turn a match into the messages a contributor needs: where, what, and how to fix it."""
    line, col = note.position("quote")
    body = article.body
    shown = excerpt(note.quote, 60)

    def problem(severity: str, message: str, hint: str, code: str) -> list[Problem]:
        return [Problem(note.path, line, col, severity, message, hint, code)]

    def para(offset: int) -> int:
        return article.paragraph_at(offset).number

    if match.status == "orphan":
        close = [c for c in match.candidates if c.similarity >= CLOSE_SIMILARITY]
        why = f"\nnot re-anchored: {match.reason}" if match.reason else ""
        if not close:
            return problem("error", not_found(article, note.quote), COPY_EXACTLY + why, "not-found")
        best = close[0]
        hint = closest_passage(article, best.start, best.end)
        if best.similarity >= min_similarity(len(note.quote.strip())):
            hint += "\ndiffers: " + word_differences(note.quote, body[best.start : best.end])
            if note.prefix or note.suffix:
                hint += (
                    "\nit looks like the quote, but the note's prefix/suffix say the passage "
                    "was elsewhere; if it is the same passage, copy it into 'quote'"
                )
            else:  # a word replaced: a similar sentence elsewhere looks just the same
                hint += (
                    "\na word differs, not only its spelling, and the note has no prefix/suffix "
                    "to confirm the place (a similar sentence elsewhere would look the same): "
                    "if it is the passage meant, copy it exactly into 'quote'"
                )
        others = [c for c in close[1:] if c.similarity >= ALSO_CLOSE_SIMILARITY]
        for c in others:
            hint += f'\nalso close (paragraph {para(c.start)}): "{excerpt(body[c.start : c.end])}"'
        return problem("error", not_found(article, note.quote), hint + why, "not-found")
    if match.status == "ambiguous":
        ranges = [(c.start, c.end) for c in match.candidates]
        if all(c.confidence >= 1.0 for c in match.candidates):
            lines = []
            for i, (s, e) in enumerate(ranges):
                choice = suggest_context(body, ranges, i)
                lines.append(
                    f"{ordinal(i + 1)}, paragraph {para(s)}, {in_context(body, s, e)}: add {choice}"
                )
            fit = " and its prefix/suffix fit more than one" if note.prefix or note.suffix else ""
            return problem(
                "error",
                f'quote "{shown}" occurs {len(ranges)} times in the article{fit}; '
                "say which one with a prefix or suffix",
                "\n".join(lines),
                "ambiguous",
            )
        lines = [
            f'paragraph {para(c.start)} (confidence {c.confidence:.2f}): "{excerpt(body[c.start : c.end], 60)}"'
            for c in match.candidates
        ]
        if any(c.confidence >= 1.0 for c in match.candidates):  # exact, but context elsewhere
            return problem(
                "error",
                f'quote "{shown}" occurs as typed, but its prefix/suffix fit another passage '
                "that differs slightly",
                "candidates:\n"
                + "\n".join(lines)
                + "\ncopy the intended passage into 'quote' and fix prefix/suffix to match it",
                "ambiguous-context",
            )
        return problem(
            "error",
            f'quote not found exactly, and {len(lines)} passages are about as close: "{shown}"',
            "candidates:\n"
            + "\n".join(lines)
            + "\ncopy the intended passage into 'quote' ('glossator check --fix' does not guess)",
            "ambiguous-approximate",
        )
    if match.status == "reanchored":
        return problem(
            "warning",
            f'quote re-anchored to "{excerpt(body[match.start : match.end])}" '
            f"in paragraph {para(match.start)} (confidence {match.confidence:.2f})",
            what_differs(note.quote, body[match.start : match.end]) + "\n" + BOTH_WAYS_OUT,
            "reanchored",
        )
    if match.evidence == "paragraph":
        return problem(
            "warning",
            f"quote occurs more than once; anchored in paragraph {para(match.start)}, "
            "where the note was last found",
            "run 'glossator check --fix' to add a prefix/suffix that singles it out",
            "chosen-by-paragraph",
        )
    if match.context_changed:
        return problem(
            "warning",
            "prefix/suffix no longer match the text around the quote; anchored on the quote "
            f"in paragraph {para(match.start)}",
            "run 'glossator check --fix' to update prefix/suffix",
            "context-changed",
        )
    return []
