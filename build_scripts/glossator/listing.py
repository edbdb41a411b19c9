"""The list of articles on the home page (replacing ``<!-- glossator:articles -->``)."""

from __future__ import annotations

from .model import Edition
from .render import attr, esc, render_byline, render_counts

PLACEHOLDER = "<!-- glossator:articles -->"


def render_listing(edition: Edition, url_for) -> str:
    """``url_for(slug)`` gives the article's URL relative to the page the list is on."""
    items = []
    articles = sorted(
        edition.articles.values(), key=lambda a: (a.published or "", a.title), reverse=True
    )
    for article in articles:
        notes = edition.notes.get(article.slug, [])
        summary = (
            f'<p class="glossator-summary">{esc(article.summary)}</p>' if article.summary else ""
        )
        items.append(
            f'<li class="glossator-listing-item" data-article="{attr(article.slug)}">'
            '<h2 class="glossator-listing-title">'
            f'<a href="{attr(url_for(article.slug))}">{esc(article.title)}</a></h2>'
            f"{render_byline(article)}{summary}{render_counts(notes)}</li>"
        )
    if not items:
        return '<p class="glossator-articles-empty">No articles yet.</p>'
    return f'<ul class="glossator-articles">{"".join(items)}</ul>'
