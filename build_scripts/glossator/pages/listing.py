"""The home page's articles (replacing ``<!-- glossator:articles -->`` in ``docs/index.md``).

Only the newest articles and the ways in (years, publications, topics, the all-articles
index), never a list of everything: the home page stays light at any size of collection.
"""

from __future__ import annotations

from glossator.interface import ENGLISH, N_, Interface, Nn_
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
    directory_uri,
    newest_first,
    render_item,
    render_ways,
)

PLACEHOLDER = "<!-- glossator:articles -->"
NEWEST_ON_HOME = 10
WAYS_ON_HOME = 24  # publications and topics shown, those with most articles


WAYS = (
    (YEAR, N_("By year"), "", ""),
    (PUBLICATION, N_("By publication"), *Nn_("All {n} publication", "All {n} publications")),
    (TOPIC, N_("By topic"), *Nn_("All {n} topic", "All {n} topics")),
)


def render_listing(
    edition: Edition, all_groups: dict[str, list[Group]], link: Link, ui: Interface = ENGLISH
) -> str:
    """The newest articles, then the ways in: small at any size of collection."""
    if not edition.articles:
        return f'<p class="glossator-articles-empty">{esc(ui.t("No articles yet."))}</p>'
    newest = newest_first(edition)[:NEWEST_ON_HOME]
    parts = ['<section class="glossator-home" data-pagefind-ignore>']
    parts.append(
        f'<h2 id="newest">{esc(ui.t("Newest articles"))}</h2><ul class="glossator-articles">'
    )
    for article in newest:
        summary = (
            f'<p class="glossator-summary">{esc(article.summary)}</p>' if article.summary else ""
        )
        item = render_item(article, edition, link, heading="h3", ui=ui)
        parts.append(item.replace("</li>", f"{summary}</li>", 1) if summary else item)
    parts.append("</ul>")
    parts.append(
        f'<p><a class="glossator-all" href="{attr(link(INDEX_URI))}">'
        + (
            esc(ui.t("All articles"))  # never "All 1 article"
            if len(edition.articles) == 1
            else esc(ui.tn("All {n} article", "All {n} articles", len(edition.articles)))
        )
        + "</a></p>"
    )
    for kind, heading, one, many in WAYS:
        found = all_groups[kind]
        if not found or (kind == YEAR and len(found) == 1 and found[0].key == UNDATED):
            continue
        parts.append(f'<h2 id="by-{kind}">{esc(ui.t(heading))}</h2>')
        parts.append(render_ways(found, link, None if kind == YEAR else WAYS_ON_HOME, ui))
        if kind != YEAR and len(found) > WAYS_ON_HOME:
            label = esc(ui.tn(one, many, len(found)))
            parts.append(f'<p><a href="{attr(link(directory_uri(kind)))}">{label}</a></p>')
    parts.append("</section>")
    return "".join(parts)
