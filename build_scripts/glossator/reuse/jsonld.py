"""schema.org JSON-LD for an article page: the article as published, and its notes as Comments.

Search engines and citation tools read ``<script type="application/ld+json">``. The page is a
``WebPage`` of the edition about the original ``Article`` (its headline, author, publisher,
date and address); each note is a ``Comment`` on it, with its sources as ``citation``s and the
notes' licence. ``ClaimReview`` is not used: it needs a verdict (``reviewRating``) on a claim,
and notes give context and counterpoints, not ratings (docs/data-and-reuse.md).
"""

from __future__ import annotations

import json

from glossator.model import Annotation, Article, Source
from glossator.reuse.siteinfo import SiteInfo

_UNSAFE_IN_SCRIPT = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def script_json(data: object) -> str:
    """JSON that can sit inside ``<script>``: no ``</script>``, ``<!--`` or raw line separators.

    Those characters can only occur inside JSON strings, where the escapes mean the same.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_UNSAFE_IN_SCRIPT)


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in ("", None, [], {})}


def _agent(name: str, organisation: bool = False) -> dict | None:
    if not name:
        return None
    return {"@type": "Organization" if organisation else "Person", "name": name}


def _source(source: Source) -> dict:
    return _clean(
        {
            "@type": "CreativeWork",
            "name": source.title,
            "url": source.url,
            "publisher": _agent(source.publisher, organisation=True),
            "datePublished": source.date,
            "archivedAt": source.archive_url,
        }
    )


def _comment(
    note: Annotation,
    page_url: str,
    article_id: str,
    site: SiteInfo,
    dates: tuple[str, str],
    language: str,
) -> dict:
    added, changed = dates
    return _clean(
        {
            "@type": "Comment",
            "@id": f"{page_url}#{note.id}",
            "url": f"{page_url}#{note.id}",
            "name": note.title,
            "inLanguage": note.lang or language,
            "text": note.body.strip(),
            "genre": note.kind,
            "author": _agent(note.author) or _agent(site.name, organisation=True),
            "dateCreated": added,
            "dateModified": changed,
            "parentItem": {"@id": article_id},
            "citation": [_source(s) for s in note.sources],
            "license": site.license_url,
        }
    )


def article_graph(
    article: Article,
    notes: list[Annotation],
    site: SiteInfo,
    dates: dict[str, tuple[str, str]] | None = None,
) -> dict:
    """The page's structured data; ``dates`` gives (added, last changed) per note id, if known."""
    page_url = site.page_url(article.slug)
    article_id = f"{page_url}#article"
    dates = dates or {}
    language = article.lang or site.language
    edition = _clean({"@type": "Organization", "name": site.name, "url": site.url})
    original = _clean(
        {
            "@type": "Article",
            "@id": article_id,
            "headline": article.title,
            "inLanguage": language,
            "description": article.summary,
            # an unsigned piece is the publication's own word
            "author": _agent(article.signed_by) or _agent(article.publication, organisation=True),
            "publisher": _agent(article.publication, organisation=True),
            "datePublished": article.published,
            "url": article.url,
            "sameAs": article.url,
            "commentCount": len(notes),
            "comment": [
                _comment(n, page_url, article_id, site, dates.get(n.id, (n.created, "")), language)
                for n in notes
            ],
        }
    )
    page = _clean(
        {
            "@type": "WebPage",
            "@id": page_url,
            "url": page_url,
            "name": article.title,
            "inLanguage": language,
            "about": {"@id": article_id},
            "mainEntity": {"@id": article_id},
            "isPartOf": _clean({"@type": "WebSite", "name": site.name, "url": site.url}),
            "publisher": edition,
            "license": site.license_url,
        }
    )
    return {"@context": "https://schema.org", "@graph": [page, original]}


def script_tag(data: object) -> str:
    return f'<script type="application/ld+json">{script_json(data)}</script>'
