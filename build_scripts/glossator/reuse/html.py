"""The HTML that offers the reuse outputs: the "Cite" disclosure beside each note and article
(as text, BibTeX and CSL-JSON), and the ``<link>``s in each page's head.

Pure: the citations come from ``reuse``; every value is escaped here.
"""

from __future__ import annotations

from glossator.interface import ENGLISH, Interface
from glossator.pages.escape import attr, esc
from glossator.reuse.citation import Citation
from glossator.reuse.exports import EXPORT_NAME
from glossator.reuse.feeds import FEED_NAME
from glossator.reuse.siteinfo import SiteInfo


def _format(label: str, text: str) -> str:
    """One format of a citation: its name, and the text in a block the Copy button copies."""
    return (
        f'<p class="glossator-cite-format">{label}</p>'
        f'<pre class="glossator-cite-code" data-glossator-copy="{label}"><code>{esc(text)}'
        "</code></pre>"
    )


def render_cite(
    citation: Citation, what: str, ui: Interface = ENGLISH, article: bool = False
) -> str:
    """A closed "Cite" disclosure: the citation as text, and inside a second disclosure as
    BibTeX and CSL-JSON (what Zotero, Pandoc and LaTeX read). The article's also offers every
    citation of the page at once, which the page's script gathers from the notes' blocks."""
    key = attr(citation.key)
    every = (  # without a script there is nothing to gather with: hidden until there is
        '<p class="glossator-cite-all" hidden>'
        f"{attr(ui.t('All of them at once'))}: "
        f'<a href="#" download="{key}.bib" data-glossator-all="BibTeX">BibTeX</a> · '
        f'<a href="#" download="{key}.json" data-glossator-all="CSL-JSON">CSL-JSON</a></p>'
        if article
        else ""
    )
    return (
        f'<details class="glossator-cite{" glossator-cite-article" if article else ""}">'
        f'<summary>{attr(ui.t("Cite"))}<span class="glossator-sr"> {attr(what)}</span></summary>'
        f'<p class="glossator-cite-text" data-glossator-copy>{attr(citation.text)}</p>'
        f'<details class="glossator-cite-formats"><summary>{attr(ui.t("BibTeX and CSL-JSON"))}'
        f'<span class="glossator-sr"> {attr(ui.t("for {what}", what=what))}</span></summary>'
        + _format("BibTeX", citation.bibtex.strip())
        + _format("CSL-JSON", citation.csl_json)
        + every
        + "</details></details>"
    )


def head_links(
    article_title: str | None, site: SiteInfo, to_root: str, to_article: str = ""
) -> str:
    """``<link rel="alternate">`` for an article's feed and export (if any) and the site's.

    ``to_root`` and ``to_article`` lead from the page to the site's root and to the article's
    folder (``""`` or ``"../"``, ``""`` or ``"slug/"``, as the site's URL style makes them).
    """
    links = []
    ui = site.ui
    # rel is a token list, and " alternate" is the token "alternate" to browsers and crawlers;
    # written so because mkdocs-material's language switcher reads every link whose rel is
    # exactly "alternate" as another language's site and fetches a sitemap.xml beside it
    alt = 'rel=" alternate"'
    if article_title is not None:
        d = attr(to_article)
        t = attr(ui.t("Notes on: {title}", title=article_title))
        links += [
            f'<link {alt} type="application/atom+xml" href="{d}{FEED_NAME}" title="{t} (Atom)">',
            f'<link {alt} type="application/ld+json" href="{d}{EXPORT_NAME}" '
            f'title="{t} ({attr(ui.t("W3C Web Annotations"))})">',
        ]
    feed = attr(ui.t("{site}: new notes and articles", site=site.name))
    export = attr(ui.t("{site}: all notes", site=site.name))
    links += [
        f'<link {alt} type="application/atom+xml" href="{attr(to_root)}{FEED_NAME}" '
        f'title="{feed} (Atom)">',
        f'<link {alt} type="application/ld+json" href="{attr(to_root)}{EXPORT_NAME}" '
        f'title="{export} ({attr(ui.t("W3C Web Annotations"))})">',
    ]
    if site.license_url:
        links.append(f'<link rel="license" href="{attr(site.license_url)}">')
    return "".join(links)
