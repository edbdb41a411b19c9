"""What a build publishes for reuse besides the pages: exports, feeds and citations of each
article, and the site-wide collection and feed. The HTML that offers them (the "Cite"
disclosures, the ``<link rel="alternate">``s) is in ``reuse/html.py``.

Pure: everything comes in as the model (articles, anchored notes), the publisher's details
(``SiteInfo``) and the dates known for each note; files come out as ``{path: bytes}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

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
from glossator.reuse.w3c import (
    CONTEXT_NAME,
    GLOSSATOR_CONTEXT,
    annotation_page,
    notes_to_w3c,
    paged_collection,
)

EXPORT_NAME = "annotations.jsonld"


@dataclass
class ArticleData:
    """One article and what is known about it, as every output needs it."""

    article: Article
    notes: list[AnchoredNote]
    dates: dict[str, NoteDates]  # note id -> dates from the history (empty without one)
    fallback: dict[str, str]  # note id (and "" for the article) -> last-resort ISO date
    added: str = ""  # the day the article's text was added, when the history knows

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
    return cite_note(note.annotation, data.article, site, data.added_on(note))


def article_citation(data: ArticleData, site: SiteInfo) -> Citation:
    return cite_article(data.article, site, len(data.notes))


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


def article_files(data: ArticleData, site: SiteInfo) -> dict[str, bytes]:
    """``<slug>/feed.xml``. The article's ``annotations.jsonld`` is a page of the site-wide
    collection, framed when it is written (``export_page``): its neighbours are not the
    article's; its citations are on its page."""
    article, slug = data.article, data.article.slug
    page = site.page_url(slug)
    entries = newest_first([_note_entry(data, n, site) for n in data.notes])
    notes_on = site.ui.t("Notes on: {title}", title=article.title)
    return {
        f"{slug}/{FEED_NAME}": atom(
            f"{page}{FEED_NAME}",
            notes_on,
            page,
            f"{page}{FEED_NAME}",
            site,
            entries,
            article.lang or site.language,
        ),
    }


def w3c_items(data: ArticleData, site: SiteInfo) -> list[dict]:
    page = site.page_url(data.article.slug)
    return notes_to_w3c(data.article, data.notes, page, data.article.lang or site.language)


def items_json(items: list[dict]) -> str:
    """The annotations as the inside of a JSON array: what the build cache keeps, so a page
    of the collection is framed around it, not encoded again."""
    return _json(items).decode("utf-8").strip()[1:-1]


@dataclass(frozen=True)
class Place:
    """Where an article's notes sit in the site-wide collection: the index of its first note,
    and the slugs of the articles before and after it (None at either end)."""

    start: int
    prev: str | None
    next: str | None


def places(articles: list[ArticleData]) -> dict[str, Place]:
    """Every article is one page of the site-wide collection, in the order given (an article
    without notes is an empty page, so adding its first note moves no other page's links)."""
    slugs = [d.article.slug for d in articles]
    out, start = {}, 0
    for i, d in enumerate(articles):
        prev = slugs[i - 1] if i else None
        out[slugs[i]] = Place(start, prev, slugs[i + 1] if i + 1 < len(slugs) else None)
        start += len(d.notes)
    return out


def export_url(site: SiteInfo, slug: str | None = None) -> str:
    """The site-wide collection's address, or (with ``slug``) that of an article's page of it."""
    root = site.url or "/"
    return f"{root}{slug}/{EXPORT_NAME}" if slug else f"{root}{EXPORT_NAME}"


def _site_label(site: SiteInfo) -> str:
    return site.ui.t("All notes: {site}", site=site.name)


def export_page(
    data: ArticleData, site: SiteInfo, place: Place, total: int, items: str
) -> dict[str, bytes]:
    """``<slug>/annotations.jsonld``: the article's notes as one AnnotationPage of the
    site-wide collection, around ``items`` (``items_json``: encoded once, maybe cached)."""
    slug = data.article.slug
    part_of = {"id": export_url(site), "label": _site_label(site), "total": total}
    doc = annotation_page(
        export_url(site, slug),
        site.ui.t("Notes on: {title}", title=data.article.title),
        [],
        part_of,
        place.start,
        place.prev and export_url(site, place.prev),
        place.next and export_url(site, place.next),
        site.url or "/",
    )
    head = _json(doc)[: -len("[]}\n")]  # items come last: splice them in, not encode them again
    return {f"{slug}/{EXPORT_NAME}": head + b"[" + items.encode("utf-8") + b"]}\n"}


def site_collection(articles: list[ArticleData], site: SiteInfo) -> bytes:
    """The site-wide collection of every note: a head linking its first and last pages (the
    articles' own ``annotations.jsonld``), which a harvester follows with ``next``."""
    total = sum(len(d.notes) for d in articles)
    slugs = [d.article.slug for d in articles]
    return _json(
        paged_collection(
            export_url(site),
            _site_label(site),
            total,
            export_url(site, slugs[0]) if slugs else "",
            export_url(site, slugs[-1]) if slugs else "",
            site.url or "/",
        )
    )


def site_files(articles: list[ArticleData], site: SiteInfo) -> dict[str, bytes]:
    """Our JSON-LD context, the site-wide collection and the site feed (newest notes and
    articles).

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
        EXPORT_NAME: site_collection(articles, site),
        FEED_NAME: atom(
            f"{root}{FEED_NAME}",
            site.ui.t("{site}: new notes and articles", site=site.name),
            root,
            f"{root}{FEED_NAME}",
            site,
            newest_first(entries),
        ),
    }
