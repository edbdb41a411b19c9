"""The HTML that offers the reuse outputs: the "Cite" disclosure beside each note and article,
the ``<slug>/cite/`` page with every format, and the ``<link>``s in each page's head.

Pure: the citations come from ``reuse``; every value is escaped here.
"""

from __future__ import annotations

from glossator.interface import ENGLISH, Interface
from glossator.language import attributes
from glossator.pages.escape import attr
from glossator.pages.scripts import data_tag
from glossator.reuse.citation import Citation
from glossator.reuse.exports import (
    BIBTEX_NAME,
    CITE_DIR,
    CSL_NAME,
    EXPORT_NAME,
    ArticleData,
    article_citation,
    note_citation,
)
from glossator.reuse.feeds import FEED_NAME
from glossator.reuse.siteinfo import SiteInfo


def render_cite(
    citation: Citation, cite_href: str, anchor: str, what: str, ui: Interface = ENGLISH
) -> str:
    """A closed "Cite" disclosure: the permalink and the citation as text, formats one link away."""
    where = " glossator-cite-article" if anchor == "article" else ""
    return (
        f'<details class="glossator-cite{where}"><summary>{attr(ui.t("Cite"))}'
        f'<span class="glossator-sr"> {attr(what)}</span></summary>'
        f'<p class="glossator-cite-text" data-glossator-copy>{attr(citation.text)}</p>'
        f'<p class="glossator-cite-more"><a href="{attr(cite_href)}#{attr(anchor)}">'
        f"{attr(ui.t('BibTeX and CSL-JSON'))}"
        f'<span class="glossator-sr"> {attr(ui.t("for {what}", what=what))}</span></a></p>'
        "</details>"
    )


def _formats(citation: Citation, anchor: str, heading: str, ui: Interface = ENGLISH) -> str:
    def block(label: str, fmt: str, text: str) -> str:
        return (
            f'<h3 id="{attr(anchor)}-{fmt}">{label}</h3>'
            f'<pre class="glossator-cite-code" tabindex="0" data-glossator-copy '
            f'aria-labelledby="{attr(anchor)}-{fmt}"><code>{attr(text)}</code></pre>'
        )

    return (
        f'<section class="glossator-cite-entry" aria-labelledby="{attr(anchor)}">'
        f'<h2 id="{attr(anchor)}">{heading}</h2>'
        f'<p>{attr(ui.t("Permalink:"))} <a href="{attr(citation.url)}">{attr(citation.url)}</a></p>'
        + block(attr(ui.t("Text")), "text", citation.text)
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
    ui = site.ui
    title = ui.t("Cite: {title}", title=article.title)
    lang = article.lang or ui.language
    own_title = f"<bdi{attributes(lang, ui.language)}>{attr(article.title)}</bdi>"
    parts = [
        "<!doctype html>",
        f'<html lang="{attr(ui.language)}" dir="{ui.direction}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{attr(title)} - {attr(site.name)}</title>",
        f'<link rel="canonical" href="{attr(site.page_url(article.slug))}{CITE_DIR}/">',
        f'<link rel="icon" href="{attr(to_root)}{attr(site.favicon)}">' if site.favicon else "",
        head,
        f"<style>{CITE_STYLE}</style>",
        f'<script src="{attr(to_root)}assets/glossator/glossator.js" defer></script>',
        data_tag(ui),
        "</head><body>",
        f'<header><a href="{attr(to_root)}">{attr(site.name)}</a></header>',
        "<main>",
        f"<h1>{ui.t('Cite: {title}', title=own_title)}</h1>",
        "<p>"
        + ui.t(
            "Citations of {article} and of each of its notes, as text, BibTeX and CSL-JSON "
            "(read by Zotero, Pandoc and LaTeX). All of them in one file: {bibtex} · {csl}.",
            article=f'<a href="{attr(article_href)}">{attr(ui.t("the annotated article"))}</a>',
            bibtex=f'<a href="../{BIBTEX_NAME}" download>BibTeX</a>',
            csl=f'<a href="../{CSL_NAME}" download>CSL-JSON</a>',
        )
        + "</p>",
        _formats(article_citation(data, site), "article", attr(ui.t("The annotated article")), ui),
    ]
    for note in data.notes:
        heading = ui.t(
            "{kind}: {title}",
            kind=attr(ui.kind(note.kind)),
            title=f"<bdi>{attr(note.annotation.title)}</bdi>",
        )
        parts.append(_formats(note_citation(data, note, site), note.id, heading, ui))
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
