"""Articles with structure (``seeds/<name>.md``, ``seeds/<name>.html``) as runs and blocks.

A Markdown article is rendered as Python-Markdown renders it with ``extra``; a CMS export is
taken as HTML. Either way the result goes through an allow-list sanitiser (nh3), because
articles come from many hands too: no script, no style, only http(s) links and images.

The sanitised HTML is then cut into ``Run``s: every tag, and every text node with its
offset. The text nodes joined are ``Article.body``, exactly the text a browser's DOM holds
for the article, so a quote copied from the published page matches, matching stays
str-in/offsets-out, and the page only has to put ``mark``s into text runs. ``paragraphs``
are the blocks that hold text, in reading order.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import nh3

from glossator.fields import LINK_REL, RESERVED_ID_RE
from glossator.model import Paragraph, Run, topic_slug

ALLOWED_TAGS = {
    "p", "a", "em", "strong", "b", "i", "u", "s", "code", "pre", "blockquote", "ul", "ol",
    "li", "br", "hr", "sup", "sub", "del", "ins", "cite", "q", "abbr", "mark", "small",
    "h1", "h2", "h3", "h4", "h5", "h6", "img", "figure", "figcaption", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "caption", "dl", "dt", "dd", "div", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    "sup": {"id"},
    "li": {"id"},
    "div": {"class"},
}
FOOTNOTE_CLASSES = {"footnote", "footnote-ref", "footnote-backref"}
FOOTNOTE_ID = re.compile(r"^fn(ref)?-[\w-]+$")
_SAFE_HREF = re.compile(r"^(https?://|#[\w-]+$)", re.IGNORECASE)
_SAFE_SRC = re.compile(r"^https?://", re.IGNORECASE)

BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "th", "td", "pre", "dt", "dd", "figcaption",
          "caption", "blockquote", "div", "figure"}  # fmt: skip
"""Elements whose own text is one block (``paragraph``) of the article."""
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
VOID = {"br", "hr", "img"}
CONTAINERS = {"ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "dl", "blockquote", "div",
              "figure", None}  # fmt: skip
"""Where white space between blocks sits; a ``mark`` there would be invalid HTML."""


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "href":
        return value if _SAFE_HREF.match(value.strip()) else None
    if attr == "src":
        return value if _SAFE_SRC.match(value.strip()) else None
    if attr == "class":
        kept = [c for c in value.split() if c in FOOTNOTE_CLASSES]
        return " ".join(kept) or None
    if attr == "id":
        return value if FOOTNOTE_ID.match(value) else None
    return value


def sanitise_article(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )


def render_markdown_article(text: str) -> str:
    """The body as Python-Markdown ``extra`` renders it: footnote ids without ':' (``fn-1``),
    table alignment as attributes (no ``style``)."""
    md = markdown.Markdown(
        extensions=["extra"],
        extension_configs={
            "extra": {
                "footnotes": {"SEPARATOR": "-"},
                "tables": {"use_align_attribute": True},
            }
        },
        output_format="html",
    )
    return md.convert(text)


class _Cutter(HTMLParser):
    """Sanitised HTML into runs; the first ``h1`` of a CMS export may be taken as the title."""

    def __init__(self, take_title: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.stack: list[str] = []
        self._at = 0
        self.take_title = take_title
        self.title: list[str] | None = None
        self.in_title = 0  # depth inside the title's h1

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        text = "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs)
        return f"<{tag}{text}>"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_title:
            self.in_title += tag not in VOID
            return
        if tag == "h1":
            if self.take_title and self.title is None:
                self.title, self.in_title = [], 1
                return
            tag = "h2"  # the page has one h1, the article's title
        if tag in VOID:
            self.runs.append(Run(html=self._tag(tag, attrs), closes_block=not self.stack))
            return
        if tag == "a" and not any(name == "href" for name, _ in attrs):
            self.stack.append("")  # its address was unsafe and dropped: its text stays, plain
            return
        self.runs.append(Run(html=self._tag(tag, attrs)))
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.in_title:
            self.in_title -= 1
            return
        if not self.stack:
            return
        top = self.stack.pop()
        if not top:
            return
        self.runs.append(Run(html=f"</{top}>", closes_block=not self.stack))

    def handle_data(self, data: str) -> None:
        if self.in_title and self.title is not None:
            self.title.append(data)
            return
        parent = next((t for t in reversed(self.stack) if t), None)
        structural = parent in CONTAINERS or (parent == "li" and "\n" in data)
        markable = bool(data.strip()) or not structural
        self.runs.append(Run(text=data, start=self._at, markable=markable))
        self._at += len(data)


def cut(fragment: str, take_title: bool = False) -> tuple[str, list[Run], list[Paragraph]]:
    """(title, runs, blocks) of sanitised HTML; headings get ids, other blocks ``p<N>``."""
    cutter = _Cutter(take_title)
    cutter.feed(fragment)
    cutter.close()
    runs = cutter.runs
    title = " ".join("".join(cutter.title or []).split())
    owned: dict[int, list[int]] = {}  # a block's opening run -> its text runs (not blank)
    path: list[int] = []
    for i, run in enumerate(runs):
        if run.html.startswith("</"):
            if path:
                path.pop()
        elif run.html and _name(run.html) not in VOID:
            path.append(i)
        elif not run.html and run.text.strip():
            block = next((j for j in reversed(path) if _name(runs[j].html) in BLOCKS), None)
            if block is not None:
                owned.setdefault(block, []).append(i)
    body = "".join(r.text for r in runs)
    paragraphs: list[Paragraph] = []
    used: set[str] = set()
    for opening in sorted(owned, key=lambda j: runs[owned[j][0]].start):
        first, last = runs[owned[opening][0]], runs[owned[opening][-1]]
        start, end = first.start, last.start + len(last.text)
        number = len(paragraphs) + 1
        html_id = ""
        if _name(runs[opening].html) in HEADINGS:
            html_id = _unique(topic_slug(body[start:end]) or "section", used)
        paragraphs.append(Paragraph(number, start, body[start:end], html_id))
        runs[opening] = Run(html=_with_id(runs[opening].html, html_id or f"p{number}"))
    _trim_overlaps(paragraphs)
    return title, runs, paragraphs


def _trim_overlaps(paragraphs: list[Paragraph]) -> None:
    """A list item's text runs on past its nested list: each block ends where the next starts."""
    for k in range(len(paragraphs) - 1):
        p, nxt = paragraphs[k], paragraphs[k + 1]
        if p.end > nxt.start:
            paragraphs[k] = Paragraph(p.number, p.start, p.text[: nxt.start - p.start].rstrip(),
                                      p.html_id)  # fmt: skip


def _name(tag_html: str) -> str:
    m = re.match(r"</?([a-z0-9]+)", tag_html)
    return m.group(1) if m else ""


def _with_id(tag_html: str, element_id: str) -> str:
    """The block's opening tag with our id: a footnote's ``li`` keeps its own."""
    if " id=" in tag_html:
        return tag_html
    return tag_html[:-1] + f' id="{html.escape(element_id, quote=True)}">'


def _unique(base: str, used: set[str]) -> str:
    name, n = base, 1
    while name in used or RESERVED_ID_RE.match(name) or name == "sources":
        n += 1
        name = f"{base}-{n}"
    used.add(name)
    return name
