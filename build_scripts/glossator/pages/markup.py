"""Contributor Markdown to safe HTML.

Note bodies come from strangers. Raw HTML is switched off in the Markdown parser (so it
shows as text), and the result still goes through an allow-list sanitiser (nh3) as a second,
independent wall: only a few inline and block tags, only http(s) or in-page links, and every
link to another site gets rel="noopener noreferrer nofollow".

Python-Markdown is not built for hostile input: its link parsing is quadratic in unmatched
'[' (2,000 of them take seconds, a 64 KB file minutes), some block parsing is quadratic in
lines (32,000 lines of '-' take 13 s), and every list or quote level is a recursion (a
thousand '- ' on one line overflow the stack). A body shaped like that is shown as plain
paragraphs instead, so one pull request cannot stall or crash the build.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3

from glossator.fields import BODY_HREF_RE, LINK_REL
from glossator.pages.escape import esc

ALLOWED_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "br", "hr",
    "sup", "sub", "del", "cite", "q", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
_NEEDS_MARKDOWN = re.compile(r"[\\`*_\[\]<>#!&|~]|^\s*([-+>]|\d+[.)])\s|\n\s*\n|  \n", re.MULTILINE)
MAX_BRACKETS = 200
"""More '[' than any note needs; Markdown's cost grows with their square."""
MAX_LINES = 500
"""Far more lines than a note of a few hundred words has."""
MAX_NESTING = 20
"""List/quote levels (markers and 4-space indents) on one line; a real note uses two or three."""
_MARKER = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ \t]+|>[ \t]*")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "href":
        return value if BODY_HREF_RE.match(value.strip()) else None
    return value


@lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def sanitise_html(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )


def _nesting(line: str) -> int:
    rest = line.lstrip(" \t")
    depth = len(line[: len(line) - len(rest)].expandtabs(4)) // 4
    pos = 0
    while (m := _MARKER.match(rest, pos)) and m.end() > pos:
        depth += 1
        pos = m.end()
    return depth


def too_complex(text: str) -> str | None:
    """Why Markdown would be too slow or too deep for ``text``; None when it is fine."""
    if text.count("[") > MAX_BRACKETS:
        return f"more than {MAX_BRACKETS} '[' characters"
    if text.count("\n") >= MAX_LINES:
        return f"more than {MAX_LINES} lines"
    if any(_nesting(line) > MAX_NESTING for line in text.splitlines()):
        return f"lists or quotes nested more than {MAX_NESTING} levels deep"
    return None


def _plain(text: str) -> str:
    """The text as escaped paragraphs: what a body too hostile for Markdown is shown as."""
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    return "".join(f"<p>{esc(b)}</p>" for b in blocks)


@lru_cache(maxsize=4096)  # the page and its search entries render the same bodies back to back
def render_markdown(text: str) -> str:
    """Markdown body -> sanitised HTML. Plain prose skips the parser (most notes are prose)."""
    text = text.strip()
    if not text:
        return ""
    if not _NEEDS_MARKDOWN.search(text):
        return "<p>" + esc(text) + "</p>"
    if too_complex(text):
        return _plain(text)
    md = _parser()
    md.reset()
    try:
        return sanitise_html(md.convert(text))
    except RecursionError:  # a shape the checks above missed: never crash the build
        _parser.cache_clear()
        return _plain(text)
