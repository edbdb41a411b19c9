"""Contributor Markdown to safe HTML.

Note bodies come from strangers. Raw HTML is switched off in the Markdown parser (so it
shows as text), and the result still goes through an allow-list sanitiser (nh3) as a second,
independent wall: only a few inline and block tags, only http(s) or in-page links, and every
link to another site gets rel="noopener noreferrer nofollow".
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "br", "hr",
    "sup", "sub", "del", "cite", "q", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
LINK_REL = "noopener noreferrer nofollow"
_SAFE_HREF = re.compile(r"^(https?://|#[A-Za-z0-9_-]+$)", re.IGNORECASE)
_NEEDS_MARKDOWN = re.compile(r"[\\`*_\[\]<>#!&|~]|^\s*([-+>]|\d+[.)])\s|\n\s*\n|  \n", re.MULTILINE)


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "href":
        return value if _SAFE_HREF.match(value.strip()) else None
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


@lru_cache(maxsize=4096)  # the page and its search entries render the same bodies back to back
def render_markdown(text: str) -> str:
    """Markdown body -> sanitised HTML. Plain prose skips the parser (most notes are prose)."""
    text = text.strip()
    if not text:
        return ""
    if not _NEEDS_MARKDOWN.search(text):
        return "<p>" + html.escape(text, quote=False) + "</p>"
    md = _parser()
    md.reset()
    return sanitise_html(md.convert(text))


def plain_text(fragment: str) -> str:
    """Text of a sanitised fragment, for search entries and meta descriptions."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
