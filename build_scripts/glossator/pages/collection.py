"""Ways into a collection of articles: by year, by publication, by topic, and all of them.

Every page here is a plain list (static HTML, no script), built from the model alone. Each
group has a page at ``<folder>/<key>/``; ``articles/`` lists every article grouped by year
with its counts of notes by kind. The home page shows only the newest articles and the ways
in (see ``listing``), so it stays small however many articles there are. Links are given to ``link(uri)``,
which turns a site-relative URI such as ``topics/elections/`` into one relative to the page
being written.

Topics are the ``tags:`` of an article's sidecar. Material's ``tags`` plugin is not used for
them: it renders listings into pages an author writes (it makes no page per tag), lists
titles only, and cannot give year and publication pages the same shape.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from glossator.interface import ENGLISH, N_, Interface
from glossator.model import Article, Edition, date_parts, topic_slug
from glossator.pages.article import attr, esc, isolate, render_counts

Link = Callable[[str], str]

YEAR, PUBLICATION, TOPIC = "year", "publication", "topic"
FOLDERS = {YEAR: "years", PUBLICATION: "publications", TOPIC: "topics"}
INDEX_URI = "articles/"
UNDATED = "undated"


@dataclass(frozen=True)
class Group:
    kind: str
    key: str  # URL segment
    name: str  # as shown
    slugs: tuple[str, ...]  # newest first

    @property
    def uri(self) -> str:
        return f"{FOLDERS[self.kind]}/{self.key}/"

    def title(self, ui: Interface = ENGLISH) -> str:
        if self.kind == YEAR:
            if self.key == UNDATED:
                return ui.t("Undated articles")
            return ui.t("Articles from {year}", year=self.name)
        if self.kind == TOPIC:
            return ui.t("Topic: {topic}", topic=self.name)
        return self.name

    def label(self, ui: Interface = ENGLISH) -> str:
        """The group's name as a link shows it."""
        return ui.t("Undated") if self.key == UNDATED and self.kind == YEAR else self.name


def newest_first(edition: Edition) -> list[Article]:
    """Newest first; undated last; ties by title, then slug, so the order never wobbles."""
    by_title = sorted(edition.articles.values(), key=lambda a: (a.title, a.slug))
    # stable: among articles of the same date, the title order above is kept
    return sorted(by_title, key=lambda a: (not a.published, _reversed_date(a.published)))


def _reversed_date(published: str) -> tuple[int, ...]:
    """Sorts ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) newest first; a bare year after its days."""
    parts = date_parts(published)
    return tuple(-x for x in parts) + (1,) * (3 - len(parts))


def year_of(article: Article) -> str:
    return article.published[:4] if article.published else UNDATED


def groups(edition: Edition) -> dict[str, list[Group]]:
    """Every group, by kind: years newest first, publications and topics by name."""
    ordered = newest_first(edition)
    members: dict[tuple[str, str], list[str]] = {}
    names: dict[tuple[str, str], Counter] = {}

    def add(kind: str, key: str, name: str, slug: str) -> None:
        if not key:
            return
        members.setdefault((kind, key), []).append(slug)
        names.setdefault((kind, key), Counter())[name] += 1

    for article in ordered:
        year = year_of(article)
        add(YEAR, year, year, article.slug)
        if article.publication:
            add(PUBLICATION, topic_slug(article.publication), article.publication, article.slug)
        for tag in article.tags:
            add(TOPIC, topic_slug(tag), tag, article.slug)
    out: dict[str, list[Group]] = {YEAR: [], PUBLICATION: [], TOPIC: []}
    for (kind, key), slugs in members.items():
        # the spelling most articles use (first seen among equals: the newest article's)
        name = names[(kind, key)].most_common(1)[0][0]
        out[kind].append(Group(kind, key, name, tuple(slugs)))
    out[YEAR].sort(key=lambda g: (g.key != UNDATED, g.key), reverse=True)
    out[PUBLICATION].sort(key=lambda g: (g.name.casefold(), g.key))
    out[TOPIC].sort(key=lambda g: (g.name.casefold(), g.key))
    return out


def article_uri(slug: str) -> str:
    return f"{slug}/"


def render_item(
    article: Article, edition: Edition, link: Link, heading: str = "", ui: Interface = ENGLISH
) -> str:
    """One article in a list: title, publication and date, counts of notes by kind."""
    title = isolate(article.title, article.lang)
    title = f'<a href="{attr(link(article_uri(article.slug)))}">{title}</a>'
    if heading:
        title = f'<{heading} class="glossator-item-title">{title}</{heading}>'
    else:
        title = f'<span class="glossator-item-title">{title}</span>'
    bits = [isolate(article.publication)] if article.publication else []
    if article.published:
        bits.append(
            f'<time datetime="{attr(article.published)}">{esc(ui.date(article.published))}</time>'
        )
    meta = f'<span class="glossator-item-meta">{" · ".join(bits)}</span>' if bits else ""
    counts = render_counts(edition.notes.get(article.slug, []), tag="span", ui=ui)
    return f'<li class="glossator-item">{title}{meta}{counts}</li>'


def render_items(
    articles: list[Article], edition: Edition, link: Link, ui: Interface = ENGLISH
) -> str:
    items = "".join(render_item(a, edition, link, ui=ui) for a in articles)
    return f'<ul class="glossator-items">{items}</ul>'


def count_label(n: int, ui: Interface = ENGLISH) -> str:
    return ui.tn("{n} article", "{n} articles", n)


def render_group_page(group: Group, edition: Edition, link: Link, ui: Interface = ENGLISH) -> str:
    articles = [edition.articles[s] for s in group.slugs]
    return (
        f"<h1>{esc(group.title(ui))}</h1>"
        f'<p class="glossator-collection-count">{esc(count_label(len(articles), ui))} · '
        f'<a href="{attr(link(INDEX_URI))}">{esc(ui.t("All articles"))}</a></p>'
        + render_items(articles, edition, link, ui)
    )


def render_ways(
    groups_of_kind: list[Group], link: Link, limit: int | None = None, ui: Interface = ENGLISH
) -> str:
    """Links to groups with their sizes; with ``limit``, the largest ones, in their order."""
    shown = groups_of_kind
    if limit is not None and len(shown) > limit:
        keep = {
            g.key for g in sorted(shown, key=lambda g: (-len(g.slugs), g.name.casefold()))[:limit]
        }
        shown = [g for g in shown if g.key in keep]
    items = "".join(
        f'<li><a href="{attr(link(g.uri))}">{isolate(g.label(ui))}</a> '
        f'<span class="glossator-ways-count">{len(g.slugs)}</span></li>'
        for g in shown
    )
    return f'<ul class="glossator-ways">{items}</ul>'


DIRECTORY_TITLES = {PUBLICATION: N_("Publications"), TOPIC: N_("Topics"), YEAR: N_("Years")}


def render_directory(
    kind: str, all_groups: dict[str, list[Group]], link: Link, ui: Interface = ENGLISH
) -> str:
    """The page listing every publication (or topic) with its number of articles."""
    return (
        f"<h1>{esc(ui.t(DIRECTORY_TITLES[kind]))}</h1>"
        f'<p class="glossator-collection-count"><a href="{attr(link(INDEX_URI))}">'
        f"{esc(ui.t('All articles'))}</a></p>" + render_ways(all_groups[kind], link, ui=ui)
    )


def directory_uri(kind: str) -> str:
    return f"{FOLDERS[kind]}/"


def render_index(
    edition: Edition, all_groups: dict[str, list[Group]], link: Link, ui: Interface = ENGLISH
) -> str:
    """Every article, grouped by year (newest first), with counts of notes by kind."""
    years = all_groups[YEAR]
    jump = "".join(f'<li><a href="#y-{attr(g.key)}">{esc(g.label(ui))}</a></li>' for g in years)
    nav = attr(ui.t("Years"))
    parts = [
        f"<h1>{esc(ui.t('All articles'))}</h1>",
        f'<p class="glossator-collection-count">{esc(count_label(len(edition.articles), ui))}</p>',
        f'<nav aria-label="{nav}"><ul class="glossator-ways">{jump}</ul></nav>' if jump else "",
    ]
    for g in years:
        parts.append(
            f'<h2 id="y-{attr(g.key)}">{esc(g.label(ui))} '
            f'<span class="glossator-ways-count">{esc(count_label(len(g.slugs), ui))}</span></h2>'
        )
        parts.append(render_items([edition.articles[s] for s in g.slugs], edition, link, ui))
    return "".join(parts)


def render_article_ways(article: Article, link: Link, ui: Interface = ENGLISH) -> str:
    """The line under an article's byline: its publication, year and topics, and the index."""
    items = []
    if article.publication and topic_slug(article.publication):
        uri = f"{FOLDERS[PUBLICATION]}/{topic_slug(article.publication)}/"
        more = ui.t("More from {name}", name=isolate(article.publication))
        items.append(f'<a href="{attr(link(uri))}">{more}</a>')
    year = year_of(article)
    if year != UNDATED:
        more = esc(ui.t("More from {year}", year=year))
        items.append(f'<a href="{attr(link(f"{FOLDERS[YEAR]}/{year}/"))}">{more}</a>')
    for tag in article.tags:
        uri = f"{FOLDERS[TOPIC]}/{topic_slug(tag)}/"
        items.append(f'<a class="glossator-topic" href="{attr(link(uri))}">{isolate(tag)}</a>')
    items.append(f'<a href="{attr(link(INDEX_URI))}">{esc(ui.t("All articles"))}</a>')
    lis = "".join(f"<li>{x}</li>" for x in items)
    return (
        f'<nav class="glossator-collection" aria-label="{attr(ui.t("More articles"))}" '
        f"data-pagefind-ignore><ul>{lis}</ul></nav>"
    )


def render_prev_next(
    newer: Article | None, older: Article | None, link: Link, ui: Interface = ENGLISH
) -> str:
    """Newer and older neighbours in the collection (the order of the all-articles index)."""
    if newer is None and older is None:
        return ""
    parts = []
    for article, rel, label in (
        (newer, "prev", ui.t("Newer article")),
        (older, "next", ui.t("Older article")),
    ):
        if article is None:
            parts.append(f'<span class="glossator-{rel}"></span>')
            continue
        parts.append(
            f'<a class="glossator-{rel}" rel="{rel}" href="{attr(link(article_uri(article.slug)))}">'
            f'<span class="glossator-prevnext-label">{esc(label)}</span>'
            f'<span class="glossator-prevnext-title">{isolate(article.title, article.lang)}</span></a>'
        )
    return (
        f'<nav class="glossator-prevnext" aria-label="{attr(ui.t("Newer and older articles"))}" '
        f"data-pagefind-ignore>{''.join(parts)}</nav>"
    )


def insert_after_byline(page_html: str, extra: str) -> str:
    """Put ``extra`` right after the article's byline (or its title when it has none)."""
    at = page_html.find('<p class="glossator-byline">')
    end = page_html.find("</p>", at) + len("</p>") if at >= 0 else page_html.find("</h1>")
    if at < 0 and end >= 0:
        end += len("</h1>")
    if end < 0:
        return extra + page_html
    return page_html[:end] + extra + page_html[end:]


@dataclass(frozen=True)
class CollectionPage:
    """A generated page: the all-articles index, a group's page, or a directory of groups."""

    src_uri: str
    what: str  # "index", "group" or "directory"
    group: Group | None = None
    kind: str = ""  # for a directory: PUBLICATION or TOPIC

    def title(self, ui: Interface = ENGLISH) -> str:
        if self.group is not None:
            return self.group.title(ui)
        if self.what == "directory":
            return ui.t(DIRECTORY_TITLES[self.kind])
        return ui.t("All articles")

    def render(
        self,
        edition: Edition,
        all_groups: dict[str, list[Group]],
        link: Link,
        ui: Interface = ENGLISH,
    ) -> str:
        if self.group is not None:
            return render_group_page(self.group, edition, link, ui)
        if self.what == "directory":
            return render_directory(self.kind, all_groups, link, ui)
        return render_index(edition, all_groups, link, ui)


def collection_pages(edition: Edition, all_groups: dict[str, list[Group]]) -> list[CollectionPage]:
    """Every generated page, by source path (``years/2019.md`` is served as ``years/2019/``)."""
    pages = [CollectionPage(INDEX_URI + "index.md", "index")] if edition.articles else []
    for kind, found in all_groups.items():
        pages.extend(CollectionPage(g.uri.rstrip("/") + ".md", "group", g) for g in found)
        if found and kind in (PUBLICATION, TOPIC):
            pages.append(CollectionPage(directory_uri(kind) + "index.md", "directory", kind=kind))
    return pages


def neighbours(edition: Edition) -> dict[str, tuple[Article | None, Article | None]]:
    """Each article's newer and older neighbour, in the all-articles index's order."""
    ordered = newest_first(edition)
    return {
        a.slug: (ordered[i - 1] if i else None, ordered[i + 1] if i + 1 < len(ordered) else None)
        for i, a in enumerate(ordered)
    }


def _relative(target: str, base: str) -> str:
    """``posixpath.relpath`` for the site's own clean URLs, without asking the process for
    its working folder (which relpath does twice a call, at a thousand pages of links)."""
    to = [p for p in target.split("/") if p not in ("", ".")]
    at = [p for p in base.split("/") if p not in ("", ".")]
    if ".." in to or ".." in at:  # not a clean URL after all
        return posixpath.relpath(target or ".", base or ".")
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def relative_link(here: str, url_of: Callable[[str], str | None]) -> Link:
    """``link(uri)`` for the page served at ``here``: site URIs ('topics/x/', 'slug/') made
    relative to it. ``url_of(src_uri)`` gives the URL a source path is served at (or None),
    so links stay right with ``use_directory_urls: false`` too."""
    base = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)

    def link(uri: str) -> str:
        target = url_of(uri.rstrip("/") + ".md")
        if target is None:
            target = url_of(uri + "index.md")
        if target is None:
            target = uri
        rel = _relative(target, base)
        if rel == ".":
            return "./"
        return rel + "/" if not target or target.endswith("/") else rel

    return link
