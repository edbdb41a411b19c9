"""Every field a contributor can write, declared once: notes, their sources, article sidecars.

The validators (``annotations``, ``sources``, ``article``), the "did you mean" suggestions,
the files ``glossator new``, ``glossator import`` and ``check --fix`` write, and the W3C
mapping all read these tables, so a field added here is a field added everywhere; a test
holds the tables and ``schema/annotation.json`` (the editors' copy of the rules) together.
The table's order is the order files are written in. Imports only the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from glossator.language import TAG_HINT
from glossator.model import KINDS

FieldType = Literal["text", "url", "date", "paragraph", "kind", "sources", "slug", "tags", "lang"]

TEXT_HINT = "put the text after the colon; quote it if it starts with a special character"
PLACEHOLDER_HINT = "replace the TODO text with your own"


@dataclass(frozen=True)
class Field:
    """One field: its name, the type of value it takes, and what to tell a contributor."""

    name: str
    type: FieldType
    required: bool = False
    hint: str = ""
    """How to add the field when it is required but missing (or empty)."""
    type_hint: str = ""
    """How to write the value when it is not of the field's type."""
    placeholder: str = ""
    """The ``TODO`` text ``glossator new`` writes where only the contributor can fill in."""
    placeholder_hint: str = PLACEHOLDER_HINT
    """What to write instead, when the placeholder is still there."""
    selector: bool = False
    """Part of where the note anchors: what ``check --fix`` may rewrite."""


def _table(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


NOTE_TABLE = _table(
    Field(
        "quote",
        "text",
        required=True,
        hint='copy the passage exactly as it appears in the article: quote: "..."',
        type_hint=TEXT_HINT,
        placeholder_hint="copy the passage exactly as it appears in the article",
        selector=True,
    ),
    Field("prefix", "text", type_hint=TEXT_HINT, selector=True),
    Field("suffix", "text", type_hint=TEXT_HINT, selector=True),
    Field(
        "paragraph",
        "paragraph",
        type_hint="it records where the quote was last found; delete the line if unsure "
        "('glossator check --fix' writes it)",
        selector=True,
    ),
    Field(
        "kind",
        "kind",
        required=True,
        hint="add 'kind: context', 'kind: counterpoint' or 'kind: source'",
        type_hint=TEXT_HINT,
    ),
    Field(
        "title",
        "text",
        required=True,
        hint="add a one-line 'title: ...'",
        type_hint=TEXT_HINT,
        placeholder="TODO: one line, the gist of the note",
        placeholder_hint="write one line saying what the reader should know",
    ),
    Field(
        "body",
        "text",
        required=True,
        hint="add the note's text as Markdown, e.g. 'body: |' followed by indented lines",
        type_hint=TEXT_HINT,
        placeholder="TODO: a few neutral sentences: what the reader needs to know, and what "
        "the record\nshows. Quote sources exactly and cite them below. Markdown works: "
        "**bold**, [a](https://...).",
        placeholder_hint="write the note: neutral, a few sentences, facts a reader can check "
        "in the sources",
    ),
    Field(
        "sources",
        "sources",
        type_hint="write each source on its own line starting with '- title: ...'",
    ),
    Field(
        "author",
        "text",
        type_hint=TEXT_HINT,
        placeholder_hint="write your name or handle, or delete the line",
    ),
    Field("created", "date", type_hint="write YYYY-MM-DD"),
    Field("lang", "lang", type_hint=TAG_HINT),  # when the note is not in the article's language
)

SOURCE_TABLE = _table(  # as a citation reads: title, publisher, date, link
    Field(
        "title",
        "text",
        required=True,
        hint="every source needs 'title:' (the document's title); "
        "url, publisher and date are optional",
        placeholder="TODO: the document's own title",
        placeholder_hint="copy the document's own title",
    ),
    Field(
        "publisher",
        "text",
        placeholder="TODO: who published it",
        placeholder_hint="name who published it, or delete the line",
    ),
    Field(
        "date",
        "date",
        type_hint="write YYYY-MM-DD, or YYYY-MM / YYYY when that is all that is known",
        placeholder="TODO: YYYY-MM-DD, or YYYY-MM / YYYY",
        placeholder_hint="write its date as YYYY-MM-DD (or YYYY-MM, YYYY), or delete the line",
    ),
    Field(
        "url",
        "url",
        type_hint="links must start with https:// or http://",
        placeholder="TODO: https://... the page you read; delete this line if it is not online",
        placeholder_hint="paste the link you read the source at; delete the line if it is not "
        "online (never guess a URL)",
    ),
    Field(
        "archive_url",
        "url",
        type_hint="links must start with https:// or http://",
        placeholder_hint="paste an archived copy's link (e.g. from the Wayback Machine), "
        "or delete the line",
    ),
)

SIDECAR_TABLE = _table(
    Field(
        "slug",
        "slug",
        type_hint="use lower-case letters, digits and '-', starting with a letter or digit",
    ),
    Field("title", "text"),
    Field("lang", "lang", type_hint=TAG_HINT),  # the article's language; default the site's
    Field("author", "text"),
    Field("publication", "text"),
    Field(
        "published",
        "date",
        type_hint="write YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known",
    ),
    Field("url", "url"),
    Field("summary", "text"),
    Field("tags", "tags", type_hint="write a list, e.g. tags: [Elections, Afghanistan]"),
)
"""``seeds/<name>.yml``: an article's metadata beside its text."""
MAX_TAG = 60

FIELDS: tuple[str, ...] = tuple(NOTE_TABLE)
REQUIRED: tuple[str, ...] = tuple(f.name for f in NOTE_TABLE.values() if f.required)
SELECTOR_FIELDS: tuple[str, ...] = tuple(f.name for f in NOTE_TABLE.values() if f.selector)
SOURCE_FIELDS: tuple[str, ...] = tuple(SOURCE_TABLE)
SIDECAR_FIELDS: tuple[str, ...] = tuple(SIDECAR_TABLE)

ANNOTATION_SUFFIX = ".yml"
"""A note is ``annotations/<article-slug>/<id>.yml``; anything else there is an error."""

# --- the rules values follow -----------------------------------------------------------------

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""A note id (its file name) and an article slug: both end up in URLs and HTML ids."""
SLUG_RE = ID_RE
RESERVED_IDS = {
    "sources": "the article page's list of sources",
    "changes": "the article page's changes and corrections",
    "article": "the citation page's entry for the article",
}
"""Ids the pages give their own sections: a note named so would make two elements one link."""
RESERVED_ID_RE = re.compile(r"^(?:p\d+|" + "|".join(RESERVED_IDS) + r")$")
"""``p1``, ``p2``… are the paragraphs' own links; the rest are in RESERVED_IDS (one pattern,
which ``propose.js`` reads too)."""
TITLE_ID = "{slug}-title"
"""The article's heading: a note of article ``slug`` cannot be named ``<slug>-title``."""


NOTE_LABEL = "{id}-label"
"""Each note's heading on the page (its passages' ``aria-describedby``): a note named
``<other>-label`` beside a note ``<other>`` would give the page two elements of one id."""


def label_owner(note_id: str, ids: set[str]) -> str:
    """The note among ``ids`` whose heading has the id ``note_id`` ("" when none)."""
    before, after = NOTE_LABEL.split("{id}")
    if not (note_id.startswith(before) and note_id.endswith(after)):
        return ""
    other = note_id[len(before) : len(note_id) - len(after)]  # one lookup, not one per note
    return other if other in ids and NOTE_LABEL.format(id=other) == note_id else ""


def reserved_id(note_id: str, slug: str) -> str:
    """What the page already uses ``note_id`` for, on the page of article ``slug`` ("": free)."""
    if note_id == TITLE_ID.format(slug=slug):
        return "the article's title"
    if RESERVED_ID_RE.match(note_id):
        return RESERVED_IDS.get(note_id, "paragraph links")
    return ""


URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
BODY_HREF_RE = re.compile(r"^(https?://|#[A-Za-z0-9_-]+$)", re.IGNORECASE)
"""A link a note's body may publish: another site over http(s), or a place on the page (#p3).
Anything else (``javascript:``, ``mailto:``, a relative ``minutes.pdf``) is dropped."""
LINK_REL = "noopener noreferrer nofollow"
"""Every link to another site, in notes and articles: no opener, no referrer, no endorsement."""
RAW_HTML_RE = re.compile(r"<(?!https?://|mailto:)[A-Za-z!/?][^>]*>")
MAX_TITLE = 160
PLACEHOLDER_RE = re.compile(r"^\s*TODO\b")
"""What ``glossator new`` writes where only the contributor can fill in: never valid."""


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and PLACEHOLDER_RE.match(value) is not None


__all__ = [
    "FIELDS",
    "KINDS",
    "NOTE_TABLE",
    "REQUIRED",
    "SIDECAR_FIELDS",
    "SIDECAR_TABLE",
    "SOURCE_FIELDS",
    "SOURCE_TABLE",
    "Field",
]
