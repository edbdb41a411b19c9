"""Choosing context: the shortest prefix/suffix that makes a passage land on itself.

Every proposal is checked with ``locate`` itself, so what ``glossator new``, ``check --fix``
and the page's "Propose a note" write is what the build will find.
"""

from __future__ import annotations

from glossator.anchoring.evidence import SPACELESS_WORD_CHARS
from glossator.anchoring.locate import locate
from glossator.anchoring.normalise import NormalisedText
from glossator.anchoring.spaceless import is_spaceless
from glossator.model import Selector
from glossator.text import yaml_string

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
        parts.append(f"prefix: {yaml_string(prefix)}")
    if suffix:
        parts.append(f"suffix: {yaml_string(suffix)}")
    return " and ".join(parts) or "a longer quote (the passages around it are identical)"


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
