"""What Glossator tells a contributor when a quote does not land: one wording for every entry point.

``glossator check``, ``glossator new``, the build and ``check --fix`` all describe a failed or
uncertain match; the words (and the fix they suggest) live here so they cannot drift apart.
Each message shows the article's own text, never a re-spaced copy of it.
"""

from __future__ import annotations

from .anchoring import min_similarity, suggest_context
from .model import Annotation, Article, Match, Problem

EXCERPT = 90
"""Longest passage quoted in a message, in characters; longer ones end with an ellipsis."""
CLOSE_SIMILARITY = 0.5
"""A passage at least this like the quote is worth naming as 'closest passage'."""
ALSO_CLOSE_SIMILARITY = 0.75
"""Further passages at least this close are listed too, so the contributor can choose."""
COPY_EXACTLY = (
    "copy the passage from the article exactly (white space, quote marks and "
    "dashes may differ; letters and case may not)"
)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def not_found(article: Article, quote: str) -> str:
    return f"quote not found in article '{article.slug}': \"{excerpt(quote, 60)}\""


def closest_passage(article: Article, start: int, end: int) -> str:
    """'closest passage (paragraph N): "…"': where to copy the quote from."""
    number = article.paragraph_at(start).number
    return f'closest passage (paragraph {number}): "{excerpt(article.body[start:end])}"'


def in_context(body: str, start: int, end: int, words: int = 4) -> str:
    """'…words before [the passage] words after…' on one line, whole words only."""
    before = body[max(0, start - 80) : start].split()[-words:] if start else []
    after = body[end : end + 80].split()[:words]
    return f'"…{" ".join(before)} [{excerpt(body[start:end], 50)}] {" ".join(after)}…"'


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
        if not close:
            return problem("error", not_found(article, note.quote), COPY_EXACTLY, "not-found")
        best = close[0]
        hint = closest_passage(article, best.start, best.end)
        if best.similarity >= min_similarity(len(note.quote.strip())):
            hint += (
                "\nit looks like the quote, but the note's prefix/suffix or paragraph say the "
                "passage was elsewhere; if it is the same passage, copy it into 'quote'"
            )
        others = [c for c in close[1:] if c.similarity >= ALSO_CLOSE_SIMILARITY]
        for c in others:
            hint += f'\nalso close (paragraph {para(c.start)}): "{excerpt(body[c.start : c.end])}"'
        return problem("error", not_found(article, note.quote), hint, "not-found")
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
            "the article changed; run 'glossator check --fix' to update the note",
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
