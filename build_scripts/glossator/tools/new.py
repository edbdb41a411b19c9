"""``glossator new``: a note file that anchors on the first try, with the rest left to fill in.

The hard part of a first note is the quote: it must be the article's exact text, and unique.
So the contributor's quote is located with the build's own matcher (forgiving white space,
curly quotes and dashes), the article's original text is written instead of what was typed,
and a prefix/suffix is added only when the passage occurs more than once. Everything only
the contributor can write is a ``TODO`` placeholder, which ``glossator check`` refuses with a
clear message until it is replaced. Pure functions here; the CLI does the writing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass

from glossator.anchoring import locate, unique_context
from glossator.anchoring.messages import COPY_EXACTLY, closest_passage, in_context, not_found
from glossator.fields import FIELDS, ID_RE, NOTE_TABLE, RESERVED_ID_RE, SOURCE_TABLE, reserved_id
from glossator.model import KINDS, NEEDS_SOURCE, Article, Selector
from glossator.text import yaml_string

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "which",
        "who",
        "will",
        "with",
    ]
)
MAX_ID_WORDS = 5
MAX_ID_LENGTH = 48


class NewNoteError(Exception):
    """The note cannot be drafted as asked: ``message`` says why, ``hint`` what to do."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Draft:
    id: str
    text: str  # the YAML file's content
    quote: str  # as it appears in the article
    prefix: str
    suffix: str
    paragraph: int
    start: int
    end: int


def make_id(quote: str, taken: set[str]) -> str:
    """A short, readable file name from the quote's first significant words, unique in ``taken``.

    'using the infamous ‘weapons of mass destruction’ lie' -> 'using-infamous-weapons-mass-destruction'
    """
    ascii_text = unicodedata.normalize("NFKD", quote).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    keep = [w for w in words if w not in STOP_WORDS] or words
    base = ""
    for word in keep[:MAX_ID_WORDS]:
        candidate = f"{base}-{word}" if base else word
        if len(candidate) > MAX_ID_LENGTH:
            break
        base = candidate
    base = base or "note"
    if RESERVED_ID_RE.match(base) or not ID_RE.match(base):
        base = f"note-{base}"
    note_id, n = base, 2
    while note_id in taken:
        note_id, n = f"{base}-{n}", n + 1
    return note_id


def has_id_words(text: str) -> bool:
    """Whether ``text`` holds a word an id can be made of (Latin letters, accents dropped).

    Ids are lower-case Latin letters, digits and '-' (they are URLs and HTML ids). A quote
    in Japanese, Chinese or Arabic has none, and no romanisation is at hand offline: ``new``
    then takes the id from an English ``--title``, or asks for ``--id`` with a suggestion,
    rather than writing ``note``, ``note-2``… that would become the note's permanent URL."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.search(r"[a-z]{2,}", folded) is not None


def today() -> str:
    """Today's date, or the one in SOURCE_DATE_EPOCH (reproducible output, tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def find_passage(
    article: Article, quote: str, paragraph: int | None = None, occurrence: int | None = None
) -> tuple[int, int]:
    """Where ``quote`` is in the article (forgiving invisible differences), or NewNoteError.

    When it occurs more than once, ``paragraph`` and/or ``occurrence`` (1-based, in article
    order) choose; without them the error lists every occurrence.
    """
    body = article.body
    if not quote.strip():
        raise NewNoteError("the quote is empty", 'pass the passage with --quote "..."')
    match = locate(body, Selector(quote))
    if match.status in ("exact", "forgiven"):
        places = [(match.start, match.end)]
    elif match.status == "ambiguous" and all(c.confidence >= 1.0 for c in match.candidates):
        places = [(c.start, c.end) for c in match.candidates]
    else:
        hint = COPY_EXACTLY
        if match.candidates:
            best = match.candidates[0]
            hint = (
                closest_passage(article, best.start, best.end)
                + "\ncopy it exactly from the article; a note never paraphrases its quote"
            )
        raise NewNoteError(not_found(article, quote), hint)
    if paragraph is not None:
        places = [p for p in places if article.paragraph_at(p[0]).number == paragraph]
        if not places:
            raise NewNoteError(
                f"the quote does not occur in paragraph {paragraph}",
                "occurs in paragraph(s) "
                + ", ".join(
                    str(article.paragraph_at(s).number)
                    for s, _ in (
                        [(c.start, c.end) for c in match.candidates]
                        if match.candidates
                        else [(match.start, match.end)]
                    )
                ),
            )
    if occurrence is not None:
        if not 1 <= occurrence <= len(places):
            raise NewNoteError(
                f"--occurrence {occurrence} is out of range: the quote occurs {len(places)} "
                f"time{'s' if len(places) != 1 else ''} here",
                "count occurrences from 1, in article order",
            )
        places = [places[occurrence - 1]]
    if len(places) > 1:
        listing = "\n".join(
            f"{i}. paragraph {article.paragraph_at(s).number}: {in_context(body, s, e)}"
            for i, (s, e) in enumerate(places, 1)
        )
        raise NewNoteError(
            f"the quote occurs {len(places)} times in article '{article.slug}'",
            f"choose one with --paragraph N (or --occurrence N):\n{listing}",
        )
    return places[0]


def draft_note(
    article: Article,
    quote: str,
    kind: str,
    taken: set[str],
    *,
    title: str = "",
    note_id: str = "",
    paragraph: int | None = None,
    occurrence: int | None = None,
    author: str = "",
    schema: str = "",
) -> Draft:
    """The file ``glossator new`` writes. Raises NewNoteError for anything it cannot do."""
    if kind not in KINDS:
        raise NewNoteError(f"unknown kind '{kind}'", "kind is one of: " + ", ".join(KINDS))
    start, end = find_passage(article, quote, paragraph, occurrence)
    body = article.body
    exact = body[start:end]
    prefix, suffix = unique_context(body, start, end)
    if note_id:
        if not ID_RE.match(note_id) or reserved_id(note_id, article.slug):
            raise NewNoteError(
                f"'{note_id}' is not allowed as a note id"
                + (
                    f" (the page uses it for {reserved_id(note_id, article.slug)})"
                    if ID_RE.match(note_id)
                    else ""
                ),
                "use lower-case letters, digits and '-', e.g. 'wmd-claim'",
            )
        if note_id in taken:
            raise NewNoteError(
                f"a note named '{note_id}' already exists for this article",
                "choose another --id; glossator new never overwrites a file",
            )
    number = article.paragraph_at(start).number
    if not note_id:
        words = exact if has_id_words(exact) else title if has_id_words(title) else ""
        if not words:
            suggestion = make_id(f"{kind} p{number}", taken)
            raise NewNoteError(
                "the quote has no Latin letters to make the note's id from",
                f"name the note with --id: a few words in Latin letters saying what it is "
                f"about, e.g. --id staff-shortage (or --id {suggestion})",
            )
        note_id = make_id(words, taken)
    lines = []
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
    lines += [
        f"# A {kind} note on paragraph {number} of '{article.slug}'. Replace every TODO, then run:",
        f"#   glossator check {article.slug}",
    ]
    fields = _template(exact, prefix, suffix, number, kind, title, author)
    for name in FIELDS:  # the table's order, as every file Glossator writes
        lines += fields.get(name, [])
    return Draft(note_id, "\n".join(lines) + "\n", exact, prefix, suffix, number, start, end)


def _template(
    quote: str, prefix: str, suffix: str, number: int, kind: str, title: str, author: str
) -> dict[str, list[str]]:
    """Each field's lines; what only the contributor can write is the table's placeholder."""
    twice = "  # the quote occurs more than once"
    optional = kind not in NEEDS_SOURCE
    fields = {
        "quote": [f"quote: {yaml_string(quote)}"],
        "prefix": [f"prefix: {yaml_string(prefix)}{twice}"] if prefix else [],
        "suffix": [f"suffix: {yaml_string(suffix)}{twice}"] if suffix else [],
        "paragraph": [
            f"paragraph: {number}  # where the quote was found; helps if the article is edited"
        ],
        "kind": [f"kind: {kind}"],
        "title": [
            "title: " + yaml_string(title if title.strip() else NOTE_TABLE["title"].placeholder)
        ],
        "body": ["body: |", *(f"  {line}" for line in NOTE_TABLE["body"].placeholder.split("\n"))],
        "sources": [
            "sources:"
            + (
                "  # optional for a context note: delete the block if you cite none"
                if optional
                else ""
            )
        ],
        "author": [f"author: {yaml_string(author.strip())}"] if author.strip() else [],
        "created": [f"created: {today()}"],
    }
    lead = "  - "
    for spec in SOURCE_TABLE.values():
        if spec.placeholder:
            fields["sources"].append(f"{lead}{spec.name}: {yaml_string(spec.placeholder)}")
            lead = "    "
    return fields
