"""What a build publishes for reuse besides the pages: exports, feeds, citations, and the
HTML that points to them (the "Cite" blocks, the cite page, the ``<link rel="alternate">``s).

Pure: everything comes in as the model (articles, anchored notes), the publisher's details
(``SiteInfo``) and the dates known for each note; files come out as ``{path: bytes}``.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from .changes import NoteDates
from .citation import Citation, cite_article, cite_note
from .feeds import EPOCH, FEED_NAME, SITE_FEED_LIMIT, Entry, atom, newest_first, to_datetime
from .markup import render_markdown
from .model import KIND_LABELS, AnchoredNote, Article
from .siteinfo import SiteInfo
from .w3c import collection, note_to_w3c

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
    citations: dict = field(default_factory=dict, repr=False)

    def added_on(self, note: AnchoredNote) -> str:
        """When the note joined the edition: its first commit, else its ``created`` field."""
        d = self.dates.get(note.id)
        return (d.added if d else "") or note.annotation.created

    def updated_on(self, note: AnchoredNote) -> str:
        d = self.dates.get(note.id)
        known = (d.changed or d.added) if d else ""
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


CITE_STYLE = """
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#5f6368;--a:#1f56c4;--code:#f3f4f6}
@media (prefers-color-scheme:dark){:root{--fg:#e3e5ea;--bg:#1e2129;--muted:#a9adb8;--a:#93b6ff;
--code:#2a2e38}}
body{margin:0;color:var(--fg);background:var(--bg);font:1rem/1.6 system-ui,sans-serif}
header,main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem}
header{border-bottom:1px solid var(--code)}
a{color:var(--a)}
h1{font-size:1.6rem;line-height:1.25;font-weight:400}
h2{margin-top:2.2rem;font-size:1.2rem}
h3{margin:1rem 0 .3rem;font-size:.9rem;color:var(--muted)}
pre{margin:0;padding:.6rem .8rem;overflow-wrap:anywhere;white-space:pre-wrap;background:var(--code);
border-radius:.25rem;font-size:.85rem}
pre:focus-visible,a:focus-visible,button:focus-visible{outline:2px solid var(--a);outline-offset:2px}
.glossator-copy-citation{margin:.4rem 0 0;padding:.15rem .7rem;font:inherit;font-size:.85rem;
color:var(--a);background:none;border:1px solid currentcolor;border-radius:.25rem;cursor:pointer}
.glossator-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
"""


def render_cite_document(
    data: ArticleData, site: SiteInfo, article_href: str, to_root: str, head: str = ""
) -> str:
    """``<slug>/cite/``: every citation of an article and its notes, in every format.

    A page of its own, written directly rather than through the theme: it is a utility page
    for copying from, and the theme's rendering would cost as much as the article's own.
    """
    article = data.article
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>Cite: {_esc(article.title)} - {_esc(site.name)}</title>",
        f'<link rel="canonical" href="{_esc(site.page_url(article.slug))}{CITE_DIR}/">',
        head,
        f"<style>{CITE_STYLE}</style>",
        f'<script src="{_esc(to_root)}assets/glossator/glossator.js" defer></script>',
        "</head><body>",
        f'<header><a href="{_esc(to_root)}">{_esc(site.name)}</a></header>',
        "<main>",
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
    parts.append("</main></body></html>\n")
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
    """Compact: these files are for programs, and Python's indenting encoder is ten times slower."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


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


def article_files(
    data: ArticleData, site: SiteInfo, items: list[dict], cite_page: str
) -> dict[str, bytes]:
    """``<slug>/annotations.jsonld``, ``feed.xml``, ``citations.bib``, ``citations.json`` and
    the cite page; ``items`` are the notes as Web Annotations (made once, also for the site)."""
    article, slug = data.article, data.article.slug
    page = site.page_url(slug)
    entries = newest_first([_note_entry(data, n, site) for n in data.notes])
    cites = [article_citation(data, site)] + [note_citation(data, n, site) for n in data.notes]
    return {
        f"{slug}/{EXPORT_NAME}": _json(
            collection(f"{page}#annotations", f"Notes on: {article.title}", items)
        ),
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
        f"{slug}/{CITE_DIR}/index.html": cite_page.encode("utf-8"),
    }


def w3c_items(data: ArticleData, site: SiteInfo) -> list[dict]:
    page = site.page_url(data.article.slug)
    return [note_to_w3c(n, data.article, page) for n in data.notes]


def items_json(items: list[dict]) -> str:
    """The annotations as the inside of a JSON array, kept so the site file is joined, not redone."""
    return _json(items).decode("utf-8").strip()[1:-1]


def _collection_json(collection_id: str, label: str, fragments: list[str], total: int) -> bytes:
    """A collection whose one page holds the annotations of every fragment (see items_json)."""
    doc = collection(collection_id, label, [{}] if total else [])
    doc["total"] = total
    if not total:
        return _json(doc)
    doc["first"]["items"] = "\0"  # a marker, replaced by the joined fragments
    head, tail = _json(doc).decode("utf-8").rsplit('"\\u0000"', 1)
    return (head + "[" + ",".join(f for f in fragments if f) + "]" + tail).encode("utf-8")


def site_files(
    articles: list[ArticleData], fragments: dict[str, str], site: SiteInfo
) -> dict[str, bytes]:
    """The site-wide collection of every note and the site feed (newest notes and articles).

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
        EXPORT_NAME: _collection_json(
            f"{root}{EXPORT_NAME}",
            f"All notes: {site.name}",
            [fragments[d.article.slug] for d in articles],
            sum(len(d.notes) for d in articles),
        ),
        FEED_NAME: atom(
            f"{root}{FEED_NAME}",
            f"{site.name}: new notes and articles",
            root,
            f"{root}{FEED_NAME}",
            site,
            newest_first(entries),
        ),
    }
