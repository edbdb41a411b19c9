"""What a build publishes for reuse besides the pages: exports, feeds, citations, and the
HTML that points to them (the "Cite" blocks, the cite page, the ``<link rel="alternate">``s).

Pure: everything comes in as the model (articles, anchored notes), the publisher's details
(``SiteInfo``) and the dates known for each note; files come out as ``{path: bytes}``.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from .changes import NoteDates
from .citation import Citation, cite_article, cite_note
from .feeds import FEED_NAME, SITE_FEED_LIMIT, Entry, atom, newest_first
from .markup import render_markdown
from .model import KIND_LABELS, AnchoredNote, Article
from .siteinfo import SiteInfo
from .w3c import edition_to_w3c, site_to_w3c

EXPORT_NAME = "annotations.jsonld"
CITE_DIR = "cite"
BIBTEX_NAME = "citations.bib"
CSL_NAME = "citations.json"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


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
        d = self.dates.get(note.id)
        known = (d.changed or d.added) if d else ""
        return known or note.annotation.created or self.fallback.get(note.id, "")


def note_citation(data: ArticleData, note: AnchoredNote, site: SiteInfo) -> Citation:
    return cite_note(note.annotation, data.article, site, data.added_on(note))


def article_citation(data: ArticleData, site: SiteInfo) -> Citation:
    return cite_article(data.article, site, len(data.notes))


# --- HTML ------------------------------------------------------------------------------------


def render_cite(citation: Citation, cite_href: str, anchor: str, what: str) -> str:
    """A closed "Cite" disclosure: the permalink and the citation as text, formats one link away."""
    return (
        f'<details class="glossator-cite"><summary>Cite<span class="glossator-sr"> {_esc(what)}'
        "</span></summary>"
        f'<p class="glossator-cite-text" data-glossator-copy>{_esc(citation.text)}</p>'
        f'<p class="glossator-cite-more"><a href="{_esc(cite_href)}#{_esc(anchor)}">'
        f'BibTeX and CSL-JSON<span class="glossator-sr"> for {_esc(what)}</span></a></p>'
        "</details>"
    )


def _formats(citation: Citation, anchor: str, heading: str) -> str:
    def block(label: str, fmt: str, text: str) -> str:
        return (
            f'<h3 id="{_esc(anchor)}-{fmt}">{label}</h3>'
            f'<pre class="glossator-cite-code" tabindex="0" data-glossator-copy '
            f'aria-labelledby="{_esc(anchor)}-{fmt}"><code>{_esc(text)}</code></pre>'
        )

    return (
        f'<section class="glossator-cite-entry" aria-labelledby="{_esc(anchor)}">'
        f'<h2 id="{_esc(anchor)}">{heading}</h2>'
        f'<p>Permalink: <a href="{_esc(citation.url)}">{_esc(citation.url)}</a></p>'
        + block("Text", "text", citation.text)
        + block("BibTeX", "bibtex", citation.bibtex.strip())
        + block("CSL-JSON", "csl", citation.csl_json)
        + "</section>"
    )


def render_cite_page(data: ArticleData, site: SiteInfo, article_href: str) -> str:
    """The static page with every citation of an article and its notes, in every format."""
    article = data.article
    parts = [
        f"<h1>Cite: {_esc(article.title)}</h1>",
        f'<p>Citations of <a href="{_esc(article_href)}">the annotated article</a> and of '
        "each of its notes, as text, BibTeX and CSL-JSON (read by Zotero, Pandoc and LaTeX). "
        f'All of them in one file: <a href="../{BIBTEX_NAME}" download>BibTeX</a> · '
        f'<a href="../{CSL_NAME}" download>CSL-JSON</a>.</p>',
        _formats(article_citation(data, site), "article", "The annotated article"),
    ]
    for note in data.notes:
        label = KIND_LABELS[note.kind]
        parts.append(
            _formats(
                note_citation(data, note, site), note.id, f"{label}: {_esc(note.annotation.title)}"
            )
        )
    return "\n".join(parts)


def head_links(
    article_title: str | None, site: SiteInfo, to_root: str, to_article: str = ""
) -> str:
    """``<link rel="alternate">`` for an article's feed and export (if any) and the site's.

    ``to_root`` and ``to_article`` lead from the page to the site's root and to the article's
    folder (``""`` or ``"../"``, ``""`` or ``"slug/"``, as the site's URL style makes them).
    """
    links = []
    # rel is a token list, and " alternate" is the token "alternate" to browsers and crawlers;
    # written so because mkdocs-material's language switcher reads every link whose rel is
    # exactly "alternate" as another language's site and fetches a sitemap.xml beside it
    alt = 'rel=" alternate"'
    if article_title is not None:
        t = _esc(article_title)
        d = _esc(to_article)
        links += [
            f'<link {alt} type="application/atom+xml" href="{d}{FEED_NAME}" '
            f'title="Notes on: {t} (Atom)">',
            f'<link {alt} type="application/ld+json" href="{d}{EXPORT_NAME}" '
            f'title="Notes on: {t} (W3C Web Annotations)">',
        ]
    links += [
        f'<link {alt} type="application/atom+xml" href="{_esc(to_root)}{FEED_NAME}" '
        f'title="{_esc(site.name)}: new notes and articles (Atom)">',
        f'<link {alt} type="application/ld+json" href="{_esc(to_root)}{EXPORT_NAME}" '
        f'title="{_esc(site.name)}: all notes (W3C Web Annotations)">',
    ]
    if site.license_url:
        links.append(f'<link rel="license" href="{_esc(site.license_url)}">')
    return "".join(links)


# --- files -----------------------------------------------------------------------------------


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _note_entry(data: ArticleData, note: AnchoredNote, site: SiteInfo) -> Entry:
    a = note.annotation
    url = f"{site.page_url(data.article.slug)}#{a.id}"
    quote = data.article.body[note.start : note.end]
    return Entry(
        id=url,
        title=f"{KIND_LABELS[a.kind]}: {a.title}",
        link=url,
        updated=data.updated_on(note),
        published=data.added_on(note),
        author=a.author or site.name,
        category=a.kind,
        summary=f"On “{' '.join(quote.split())}” in “{data.article.title}”",
        content_html=f"<blockquote><p>{_esc(quote)}</p></blockquote>{render_markdown(a.body)}",
    )


def _article_entry(data: ArticleData, site: SiteInfo) -> Entry:
    article = data.article
    url = site.page_url(article.slug)
    return Entry(
        id=url,
        title=f"New article: {article.title}",
        link=url,
        updated=data.added or data.fallback.get("", ""),
        author=article.author,
        category="article",
        summary=article.summary or article.title,
    )


def article_files(data: ArticleData, site: SiteInfo) -> dict[str, bytes]:
    """``<slug>/annotations.jsonld``, ``feed.xml``, ``citations.bib`` and ``citations.json``."""
    article, slug = data.article, data.article.slug
    page = site.page_url(slug)
    entries = newest_first([_note_entry(data, n, site) for n in data.notes])
    cites = [article_citation(data, site)] + [note_citation(data, n, site) for n in data.notes]
    return {
        f"{slug}/{EXPORT_NAME}": _json(edition_to_w3c(article, data.notes, page)),
        f"{slug}/{FEED_NAME}": atom(
            f"{page}{FEED_NAME}",
            f"Notes on: {article.title}",
            page,
            f"{page}{FEED_NAME}",
            site,
            entries,
        ),
        f"{slug}/{BIBTEX_NAME}": "\n".join(c.bibtex for c in cites).encode("utf-8"),
        f"{slug}/{CSL_NAME}": _json([c.csl for c in cites]),
    }


def site_files(articles: list[ArticleData], site: SiteInfo) -> dict[str, bytes]:
    """The site-wide collection of every note and the site feed (newest notes and articles)."""
    root = site.url or "/"
    pages = [(d.article, d.notes, site.page_url(d.article.slug)) for d in articles]
    entries = [_article_entry(d, site) for d in articles]
    entries += [_note_entry(d, n, site) for d in articles for n in d.notes]
    return {
        EXPORT_NAME: _json(site_to_w3c(site.name, pages, f"{root}{EXPORT_NAME}")),
        FEED_NAME: atom(
            f"{root}{FEED_NAME}",
            f"{site.name}: new notes and articles",
            root,
            f"{root}{FEED_NAME}",
            site,
            newest_first(entries)[:SITE_FEED_LIMIT],
        ),
    }
