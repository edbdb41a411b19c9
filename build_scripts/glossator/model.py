"""The data Glossator works on, from seed text to anchored note: every type in one place.

Loaders (``article``, ``annotations``, ``edition``) read files into these types; matching and
output modules (``anchoring``, ``render``, ``search``, ``listing``, ``w3c``…) take them and
never read files. This module imports nothing of Glossator's own, so any module can depend
on it without pulling a loader, and a newcomer can learn the whole vocabulary from one file.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Literal

# --- vocabulary ------------------------------------------------------------------------------

Kind = Literal["context", "counterpoint", "source"]
KINDS: tuple[Kind, ...] = ("context", "counterpoint", "source")
KIND_LABELS: dict[str, str] = {
    "context": "Context",
    "counterpoint": "Counterpoint",
    "source": "Source",
}
NEEDS_SOURCE: tuple[Kind, ...] = ("counterpoint", "source")
"""Kinds whose claim is only as good as the record behind it: at least one source required."""

UNSIGNED_RE = re.compile(r"\bunsigned\b", re.IGNORECASE)
"""An author field saying nobody signed the piece ('Editorial (unsigned)'): the publication
speaks, so no person is named as its author in citations and structured data."""

PARAGRAPH_SEPARATOR = "\n\n"
SLOTS = {"slots": True} if sys.version_info >= (3, 11) else {}
"""The types an edition holds by the tens of thousands keep their fields in slots, not in a
dict each: a third less memory for a thousand articles' notes, and quicker to unpickle from
the build cache. (Python 3.10 could not pickle a frozen class with slots.)"""
"""How ``Article.body`` joins paragraphs, so that a tool can rebuild offsets from the file."""

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
PARTIAL_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
"""Dates as sources give them: a year, a month or a day (ISO 8601 prefixes)."""


def date_parts(value: str) -> tuple[int, ...]:
    """(year,), (year, month) or (year, month, day) of a partial ISO date; () for other text.

    The one reader of partial dates: citations, feeds, sorting and display all start here.
    """
    if not value or not PARTIAL_DATE_RE.match(value[:10]) or len(value) not in (4, 7, 10):
        return ()
    return tuple(int(p) for p in value.split("-"))


def format_partial_date(value: str) -> str:
    """'2019-08' -> 'August 2019'; '2019-08-03' -> '3 August 2019'; other text unchanged."""
    parts = date_parts(value)
    if not parts:
        return value or ""
    if len(parts) == 1:
        return str(parts[0])
    year, month = parts[0], parts[1]
    name = _MONTHS[month - 1] if 1 <= month <= 12 else f"{month:02d}"
    return f"{parts[2]} {name} {year}" if len(parts) == 3 else f"{name} {year}"


# --- problems --------------------------------------------------------------------------------

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column (0 when unknown).

    Every check returns problems instead of raising, so one run reports everything that is
    wrong at once and the plugin and the CLI print exactly the same lines.
    """

    path: str
    line: int = 0
    column: int = 0
    severity: Severity = field(default="error", compare=False)
    message: str = field(default="", compare=False)
    hint: str = field(default="", compare=False)
    code: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        """``path:line:column: error: message`` plus an indented ``hint:`` line when there is one."""
        text = f"{self.location()}: {self.severity}: {self.message}"
        if self.hint:
            text += "\n    hint: " + self.hint.replace("\n", "\n          ")
        return text

    def as_dict(self) -> dict:
        return asdict(self)


# --- articles --------------------------------------------------------------------------------


@dataclass(frozen=True, **SLOTS)
class Paragraph:
    """A block of the article in reading order: a paragraph, heading, list item, cell…"""

    number: int  # 1-based, as in the page's id="p<N>"
    start: int  # offset of its first character in Article.body
    text: str
    html_id: str = ""  # the element's own id when it has one (a heading's); else p<N>

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def element_id(self) -> str:
        return self.html_id or f"p{self.number}"


@dataclass(frozen=True, **SLOTS)
class Run:
    """One piece of an article's rendered HTML, in order: a tag, or a text node.

    The text runs joined are ``Article.body``, so offsets stay plain string offsets and the
    page's article text is the body. ``markable`` text may hold a ``mark`` (white space
    between blocks may not: a ``mark`` in a ``ul`` is invalid HTML); ``closes_block`` ends a
    top-level element, after which notes may be placed.
    """

    html: str = ""  # the tag as HTML; "" for text
    text: str = ""
    start: int = -1  # offset of the text in Article.body; -1 for a tag
    markable: bool = False
    closes_block: bool = False


def topic_slug(tag: str) -> str:
    """A topic's URL segment: 'Peace talks' and 'peace-talks' name the same topic."""
    return re.sub(r"[\W_]+", "-", tag.casefold()).strip("-")


@dataclass
class Article:
    """A seed split into blocks (``paragraphs``), plus its sidecar metadata.

    Offsets everywhere in Glossator are string offsets into ``body``, the text a reader
    sees: for a plain text, the paragraphs as in the file joined by ``PARAGRAPH_SEPARATOR``;
    for Markdown, the text nodes of the rendered HTML (``runs``) in order.
    """

    slug: str
    title: str
    paragraphs: list[Paragraph]
    path: str = ""
    author: str = ""
    publication: str = ""
    published: str = ""  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    url: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()  # topics, as written in the sidecar
    lang: str = ""  # BCP 47; "" is the site's language
    runs: tuple[Run, ...] = ()  # the rendered body as tags and text; () for a plain text
    _starts: list[int] = field(default_factory=list, repr=False)

    @cached_property
    def body(self) -> str:
        if self.runs:
            return "".join(r.text for r in self.runs)
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.paragraphs)

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph holding ``offset`` (a separator belongs to the paragraph after it)."""
        if not self._starts:
            self._starts = [p.start for p in self.paragraphs]
        index = max(bisect_right(self._starts, offset) - 1, 0)
        para = self.paragraphs[index]
        if offset >= para.end and index + 1 < len(self.paragraphs):
            return self.paragraphs[index + 1]
        return para

    @property
    def signed_by(self) -> str:
        """The person who signed the article; "" when unsigned or signed by the publication."""
        if UNSIGNED_RE.search(self.author) or self.author == self.publication:
            return ""
        return self.author

    @property
    def published_label(self) -> str:
        return format_partial_date(self.published)


# --- annotations -----------------------------------------------------------------------------


@dataclass(frozen=True, **SLOTS)
class Source:
    title: str
    url: str = ""
    publisher: str = ""
    date: str = ""
    archive_url: str = ""


@dataclass(**SLOTS)
class Annotation:
    """One note as its contributor wrote it, validated but not yet placed in the article."""

    id: str
    article: str  # slug of the folder it lives in
    path: str  # as shown in messages, relative to the project
    quote: str
    kind: str
    title: str
    body: str
    prefix: str = ""
    suffix: str = ""
    sources: list[Source] = field(default_factory=list)
    author: str = ""
    created: str = ""
    paragraph: int | None = None  # last known paragraph: evidence for re-anchoring
    lang: str = ""  # BCP 47, when the note is not in its article's language
    # where each field is in the file, for the load's messages (emptied once it is anchored)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    def position(self, name: str) -> tuple[int, int]:
        """Line and column of a field's value (or of the file's start), for messages."""
        return self.positions.get(name, (1, 1))

    @property
    def selector(self) -> Selector:
        return Selector(self.quote, self.prefix, self.suffix)


# --- matching --------------------------------------------------------------------------------


@dataclass(frozen=True, **SLOTS)
class Selector:
    """A W3C TextQuoteSelector: the quote, and optionally a little text on either side."""

    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, **SLOTS)
class Candidate:
    """A place that could be the quote's, with how sure the matcher is of it."""

    start: int
    end: int
    confidence: float  # 0..1: the passage's likeness to the quote, weighed with the evidence
    similarity: float = 1.0  # likeness of the passage alone to the quote, 0..1


MatchStatus = Literal["exact", "forgiven", "reanchored", "ambiguous", "orphan"]
Evidence = Literal["", "context", "paragraph"]


@dataclass(**SLOTS)
class Match:
    """Where (and how surely) a selector lands in a text.

    status: ``exact`` (as typed), ``forgiven`` (white-space/quote/dash differences),
    ``reanchored`` (approximate, confident), ``ambiguous`` or ``orphan`` (no range).
    ``evidence`` says what chose between several places, when something had to:
    ``context`` (prefix/suffix, even if changed) or ``paragraph`` (the last known paragraph).
    """

    status: MatchStatus
    start: int | None = None
    end: int | None = None
    confidence: float = 0.0
    candidates: list[Candidate] = field(default_factory=list)
    context_changed: bool = False  # prefix/suffix no longer match around the chosen place
    evidence: Evidence = ""
    reason: str = ""  # why an edited passage was not re-anchored, in the reader's terms

    @property
    def found(self) -> bool:
        return self.start is not None


@dataclass(**SLOTS)
class AnchoredNote:
    """A note placed in its article: the range it underlines and how it got there."""

    annotation: Annotation
    start: int
    end: int
    paragraph: int  # 1-based number of the paragraph where the passage starts
    match: Match

    @property
    def id(self) -> str:
        return self.annotation.id

    @property
    def kind(self) -> str:
        return self.annotation.kind


@dataclass
class Edition:
    """Every article and note of a project; every file ended as a note or a problem."""

    articles: dict[str, Article] = field(default_factory=dict)
    notes: dict[str, list[AnchoredNote]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    annotation_files: int = 0
    article_files: int = 0
    cache_keys: dict[str, str] = field(default_factory=dict)
    """Per article slug, the key its notes were cached under (when a cache was used): a
    fingerprint of the article and its note files, for outputs that cache pages."""
    unanchored: dict[str, list[tuple[Annotation, Match]]] = field(default_factory=dict)
    """Per article slug, the valid notes that did not anchor and how the matcher saw them
    (the candidates it weighed), so tools need not read and anchor the files again."""

    def located(self, slug: str) -> list[tuple[Annotation, Match]]:
        """Every valid note of an article with its match, anchored or not (by file)."""
        found = [(n.annotation, n.match) for n in self.notes.get(slug, [])]
        found += self.unanchored.get(slug, [])
        return sorted(found, key=lambda pair: pair[0].path)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def all_notes(self) -> list[AnchoredNote]:
        return [n for slug in sorted(self.notes) for n in self.notes[slug]]
