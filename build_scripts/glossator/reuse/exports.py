"""What a build publishes for reuse besides the pages: exports, feeds and citations of each
article, and the site-wide collection and feed. The HTML that points to them (the "Cite"
blocks, the cite page, the ``<link rel="alternate">``s) is in ``reuse/html.py``.

Pure: everything comes in as the model (articles, anchored notes), the publisher's details
(``SiteInfo``) and the dates known for each note; files come out as ``{path: bytes}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from glossator.model import AnchoredNote, Article
from glossator.pages.escape import attr
from glossator.pages.markup import render_markdown
from glossator.reuse.changes import NoteDates
from glossator.reuse.citation import Citation, cite_article, cite_note
from glossator.reuse.feeds import (
    EPOCH,
    FEED_NAME,
    SITE_FEED_LIMIT,
    Entry,
    atom,
    newest_first,
    to_datetime,
)
from glossator.reuse.siteinfo import SiteInfo
from glossator.reuse.w3c import CONTEXT_NAME, GLOSSATOR_CONTEXT, collection, notes_to_w3c

EXPORT_NAME = "annotations.jsonld"
CITE_DIR = "cite"
ALL_BIBTEX = "all_bibtex"
ALL_CSL = "all_csl"
"""The cite page's blocks holding every entry (ids no note can have: note ids have no '_')."""


@dataclass
class ArticleData:
    """One article and what is known about it, as every output needs it."""

    article: Article
    notes: list[AnchoredNote]
    dates: dict[str, NoteDates]  # note id -> dates from the history (empty without one)
    fallback: dict[str, str]  # note id (and "" for the article) -> last-resort ISO date
    added: str = ""  # the day the article's text was added, when the history knows
    citations: dict = field(default_factory=dict, repr=False)

    def added_on(self, note: AnchoredNote) -> str:
        """When the note joined the edition: its first commit, else its ``created`` field."""
        d = self.dates.get(note.id)
        return (d.added if d else "") or note.annotation.created

    def updated_on(self, note: AnchoredNote) -> str:
        """The moment of its last commit (a feed orders and dates entries by the time of day)."""
        d = self.dates.get(note.id)
        known = (d.changed_time or d.added_time or d.changed or d.added) if d else ""
        return known or note.annotation.created or self.fallback.get(note.id, "")


def note_citation(data: ArticleData, note: AnchoredNote, site: SiteInfo) -> Citation:
    """Made once per build and note: the page, the cite page and the files all show it."""
    key = (note.id, site)
    if key not in data.citations:
        data.citations[key] = cite_note(note.annotation, data.article, site, data.added_on(note))
    return data.citations[key]


def article_citation(data: ArticleData, site: SiteInfo) -> Citation:
    key = ("", site)
    if key not in data.citations:
        data.citations[key] = cite_article(data.article, site, len(data.notes))
    return data.citations[key]


# --- files -----------------------------------------------------------------------------------


def _json(data: object) -> bytes:
    """Compact: these files are for programs, and Python's indenting encoder is ten times slower."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _note_entry(data: ArticleData, note: AnchoredNote, site: SiteInfo) -> Entry:
    a, ui = note.annotation, site.ui
    url = f"{site.page_url(data.article.slug)}#{a.id}"
    quote = data.article.body[note.start : note.end]
    on = ui.t("On “{quote}” in “{title}”", quote=" ".join(quote.split()), title=data.article.title)
    return Entry(
        id=url,
        title=ui.t("{kind}: {title}", kind=ui.kind(a.kind), title=a.title),
        link=url,
        updated=data.updated_on(note),
        published=(d.added_time if (d := data.dates.get(note.id)) else "") or data.added_on(note),
        author=a.author or site.name,
        category=a.kind,
        summary=on,
        lang=a.lang or data.article.lang or site.language,
        content_html=f"<blockquote><p>{attr(quote)}</p></blockquote>{render_markdown(a.body)}",
    )


def _article_entry(data: ArticleData, site: SiteInfo) -> Entry:
    article = data.article
    url = site.page_url(article.slug)
    return Entry(
        id=url,
        title=site.ui.t("New article: {title}", title=article.title),
        link=url,
        updated=data.added or data.fallback.get("", ""),
        author=article.signed_by or article.publication,
        category="article",
        summary=article.summary or article.title,
        lang=article.lang or site.language,
    )


def article_cites(data: ArticleData, site: SiteInfo) -> list[Citation]:
    """The article's citation, then each note's (page order)."""
    return [article_citation(data, site)] + [note_citation(data, n, site) for n in data.notes]


def all_bibtex(cites: list[Citation]) -> str:
    """Every entry, as one BibTeX file holds them (what Zotero and LaTeX read)."""
    return "\n".join(c.bibtex for c in cites)


def all_csl(cites: list[Citation]) -> str:
    """Every item, as one CSL-JSON file holds them (what Pandoc and Zotero read)."""
    return _json([c.csl for c in cites]).decode("utf-8").strip()


def article_files(
    data: ArticleData, site: SiteInfo, items: str, cite_page: str
) -> dict[str, bytes]:
    """``<slug>/annotations.jsonld``, ``feed.xml`` and the cite page (which also holds every
    entry as BibTeX and CSL-JSON); ``items`` are the notes as Web Annotations (``items_json``)."""
    article, slug = data.article, data.article.slug
    page = site.page_url(slug)
    entries = newest_first([_note_entry(data, n, site) for n in data.notes])
    notes_on = site.ui.t("Notes on: {title}", title=article.title)
    head, tail = _frame(f"{page}#annotations", notes_on, len(data.notes), site.url or "/")
    return {
        f"{slug}/{EXPORT_NAME}": head + items.encode("utf-8") + tail if tail else head,
        f"{slug}/{FEED_NAME}": atom(
            f"{page}{FEED_NAME}",
            notes_on,
            page,
            f"{page}{FEED_NAME}",
            site,
            entries,
            article.lang or site.language,
        ),
        f"{slug}/{CITE_DIR}/index.html": cite_page.encode("utf-8"),
    }


def w3c_items(data: ArticleData, site: SiteInfo) -> list[dict]:
    page = site.page_url(data.article.slug)
    return notes_to_w3c(data.article, data.notes, page, data.article.lang or site.language)


def items_json(items: list[dict]) -> str:
    """The annotations as the inside of a JSON array, kept so the site file is joined, not redone."""
    return _json(items).decode("utf-8").strip()[1:-1]


def _frame(collection_id: str, label: str, total: int, root: str) -> tuple[bytes, bytes]:
    """A collection's JSON around its items: the bytes before them (up to its page's ``[``)
    and after (from ``]``), so items already encoded (``items_json``) are not encoded again.
    With no items there is no page: the whole document, and nothing after it."""
    doc = collection(collection_id, label, [{}] if total else [], root)
    doc["total"] = total
    if not total:
        return _json(doc), b""
    doc["first"]["items"] = "\0"  # a marker, where the items go
    head, tail = _json(doc).decode("utf-8").rsplit('"\\u0000"', 1)
    return (head + "[").encode("utf-8"), ("]" + tail).encode("utf-8")


def collection_frame(articles: list[ArticleData], site: SiteInfo) -> tuple[bytes, bytes]:
    """The site-wide collection of every note around its items: each article's (see
    ``items_json``) go in between, comma-joined, without all being in memory at once."""
    root = site.url or "/"
    label = site.ui.t("All notes: {site}", site=site.name)
    return _frame(f"{root}{EXPORT_NAME}", label, sum(len(d.notes) for d in articles), root)


def site_files(articles: list[ArticleData], site: SiteInfo) -> dict[str, bytes]:
    """Our JSON-LD context and the site feed (newest notes and articles); the site-wide
    collection is written around its items (``collection_frame``).

    Only the newest entries are built: a feed entry renders the note's Markdown, and an
    edition of a thousand articles has tens of thousands of notes.
    """
    root = site.url or "/"
    candidates = [(d.added or d.fallback.get("", ""), d.article.slug, d, None) for d in articles]
    candidates += [(d.updated_on(n), n.id, d, n) for d in articles for n in d.notes]
    newest = sorted(candidates, key=lambda c: (to_datetime(c[0]) or EPOCH, c[1]), reverse=True)[
        :SITE_FEED_LIMIT
    ]
    entries = [
        _article_entry(d, site) if n is None else _note_entry(d, n, site) for *_, d, n in newest
    ]
    return {
        CONTEXT_NAME: _json(GLOSSATOR_CONTEXT),
        FEED_NAME: atom(
            f"{root}{FEED_NAME}",
            site.ui.t("{site}: new notes and articles", site=site.name),
            root,
            f"{root}{FEED_NAME}",
            site,
            newest_first(entries),
        ),
    }
