"""Links in a note's body that the page cannot publish, found before the sanitiser drops them.

The renderer keeps only http(s) links and links into the page (``fields.BODY_HREF_RE``); a
``javascript:`` or a relative ``minutes.pdf`` would become a dead link without a word. Here
each is found where the contributor wrote it, so ``check`` can say which and where.
"""

from __future__ import annotations

import re

from glossator.fields import BODY_HREF_RE

_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
"""``[text](target "title")``: the target."""
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
"""``[label]: target``: a reference definition's target."""
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
"""``<scheme:…>``: an autolink."""


def unpublishable_links(body: str) -> list[str]:
    """Every link target in ``body`` the page would drop, in the order written, once each."""
    found: dict[str, None] = {}
    for pattern in (_INLINE, _REFERENCE, _AUTOLINK):
        for m in pattern.finditer(body):
            target = m.group(1)
            if not BODY_HREF_RE.match(target):
                found.setdefault(target, None)
    return sorted(found, key=body.find)


def position_in(text: str, needle: str, fallback: tuple[int, int]) -> tuple[int, int]:
    """1-based line and column of ``needle``'s first occurrence in the file's ``text``."""
    at = text.find(needle)
    if at < 0:
        return fallback
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1
