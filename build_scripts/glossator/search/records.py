"""What the Pagefind indexer reads: small HTML records built from the edition, not the pages.

Pagefind ranks *records* and filters per record, and it makes sub-results only from headings
that carry an id. So each article gives at most four records: its text (kind ``article``) and
one record per note kind present, in which every note is a heading (``id`` = the note's id,
text = its title) followed by its body and sources. A search restricted to one kind is then an
ordinary Pagefind filter, and every note hit is a sub-result whose anchor is the note's id,
which the reader's browser turns into ``<page>#<id>`` — the note opened on its page.

Record files live in a scratch folder, never in the site; the page a record stands for is in
its ``page`` metadata (relative to the site root), because Pagefind derives its own URL from
the file name. Everything written is escaped; note bodies go through the same sanitised
Markdown as on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from glossator.model import KINDS, AnchoredNote, Article
from glossator.pages.article import esc
from glossator.pages.markup import render_markdown
from glossator.pages.scripts import PAGE_KIND, TEXT_KIND

KIND_FILTER = "kind"


@dataclass(frozen=True)
class SearchRecord:
    path: str  # where the file goes inside the scratch folder (unique per record)
    html: str
    lang: str = "en"  # the language Pagefind indexes it in (its words, stemming, segmenting)


def _record(path: str, title: str, page: str, kind: str, body: str, lang: str) -> SearchRecord:
    head = (
        f'<!doctype html><html lang="{esc(lang)}"><head><meta charset="utf-8"></head><body>'
        f'<span data-pagefind-meta="title">{esc(title)}</span>'
        f'<span data-pagefind-meta="page">{esc(page or "./")}</span>'
        f'<span data-pagefind-filter="{KIND_FILTER}">{esc(kind)}</span>'
        f'<span data-pagefind-meta="lang">{esc(lang)}</span>'  # results shown in their language
    )
    html = f"{head}<main data-pagefind-body>{body}</main></body></html>"
    return SearchRecord(path, html, lang)


def _note_section(note: AnchoredNote) -> str:
    a = note.annotation
    sources = "; ".join(
        ", ".join(x for x in (s.title, s.publisher) if x) for s in a.sources if s.title
    )
    cited = f"<p>{esc(sources)}</p>" if sources else ""  # found by its sources' names too
    return f'<h2 id="{esc(a.id)}">{esc(a.title)}</h2>{render_markdown(a.body)}{cited}'


def article_records(
    article: Article, notes: list[AnchoredNote], page: str, lang: str = "en"
) -> list[SearchRecord]:
    """The text record, then one record per kind that has notes (in ``KINDS`` order), and
    per language: a note written in another language than its article is indexed in its own
    (``lang`` is the article's)."""
    folder = f"articles/{article.slug}"
    byline = " · ".join(x for x in (article.publication, article.author) if x)
    text = "".join(f"<p>{esc(p.text)}</p>" for p in article.paragraphs)
    records = [
        _record(
            f"{folder}/{TEXT_KIND}.html",
            article.title,
            page,
            TEXT_KIND,
            f"<h1>{esc(article.title)}</h1>" + (f"<p>{esc(byline)}</p>" if byline else "") + text,
            lang,
        )
    ]
    for kind in KINDS:
        here = [n for n in notes if n.kind == kind]
        languages = sorted({n.annotation.lang or lang for n in here}, key=lambda x: x != lang)
        for tongue in languages:
            body = "".join(_note_section(n) for n in here if (n.annotation.lang or lang) == tongue)
            name = kind if tongue == lang else f"{kind}-{tongue}"
            records.append(
                _record(f"{folder}/{name}.html", article.title, page, kind, body, tongue)
            )
    return records


def page_record(
    name: str, title: str, content_html: str, page: str, lang: str = "en"
) -> SearchRecord:
    """A hand-written page (about, contributing...): its rendered Markdown, headings and all.

    ``content_html`` is the page's own HTML as MkDocs rendered it from the project's Markdown
    (trusted like the templates); its headings with ids become sub-results.
    """
    return _record(f"pages/{name}.html", title, page, PAGE_KIND, content_html, lang)
