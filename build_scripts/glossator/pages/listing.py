"""The home page's articles (replacing ``<!-- glossator:articles -->`` in ``docs/index.md``).

Only the newest articles and the ways in (years, publications, topics, the all-articles
index), never a list of everything: the home page stays light at any size of collection.
"""

from __future__ import annotations

from glossator.model import Edition
from glossator.pages.article import attr, esc
from glossator.pages.collection import (
    INDEX_URI,
    PUBLICATION,
    TOPIC,
    UNDATED,
    YEAR,
    Group,
    Link,
    count_label,
    directory_uri,
    newest_first,
    render_item,
    render_ways,
)

PLACEHOLDER = "<!-- glossator:articles -->"
NEWEST_ON_HOME = 10
WAYS_ON_HOME = 24  # publications and topics shown, those with most articles


def render_listing(edition: Edition, all_groups: dict[str, list[Group]], link: Link) -> str:
    """The newest articles, then the ways in: small at any size of collection."""
    if not edition.articles:
        return '<p class="glossator-articles-empty">No articles yet.</p>'
    newest = newest_first(edition)[:NEWEST_ON_HOME]
    parts = ['<section class="glossator-home" data-pagefind-ignore>']
    parts.append('<h2 id="newest">Newest articles</h2><ul class="glossator-articles">')
    for article in newest:
        summary = (
            f'<p class="glossator-summary">{esc(article.summary)}</p>' if article.summary else ""
        )
        item = render_item(article, edition, link, heading="h3")
        parts.append(item.replace("</li>", f"{summary}</li>", 1) if summary else item)
    parts.append("</ul>")
    parts.append(
        f'<p><a class="glossator-all" href="{attr(link(INDEX_URI))}">'
        f"{'All articles' if len(edition.articles) == 1 else 'All ' + count_label(len(edition.articles))}</a></p>"
    )
    for kind, heading in ((YEAR, "By year"), (PUBLICATION, "By publication"), (TOPIC, "By topic")):
        found = all_groups[kind]
        if not found or (kind == YEAR and len(found) == 1 and found[0].key == UNDATED):
            continue
        parts.append(f'<h2 id="by-{kind}">{heading}</h2>')
        parts.append(render_ways(found, link, None if kind == YEAR else WAYS_ON_HOME))
        if kind != YEAR and len(found) > WAYS_ON_HOME:
            label = "publications" if kind == PUBLICATION else "topics"
            parts.append(
                f'<p><a href="{attr(link(directory_uri(kind)))}">All {len(found)} {label}</a></p>'
            )
    parts.append("</section>")
    return "".join(parts)
