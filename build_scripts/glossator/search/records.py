"""What the Pagefind indexer reads: small HTML records built from the edition, not the pages.

Pagefind ranks *records* and filters per record, and it makes sub-results only from headings
that carry an id. So each article is one record: its text (before any heading with an id)
and then every note as a heading (``id`` = the note's id, text = its title) followed by its
body and sources. Every note hit is a sub-result whose anchor is the note's id, which the
reader's browser turns into ``<page>#<id>`` — the note opened on its page. The record's
``kind`` filter holds ``article`` and each note kind present, and its ``notes`` metadata says
each note's kind (``id:kind`` pairs), so the search box shows, for a kind chosen, only those
sub-results. One record per article rather than one per kind: a quarter of the files, which
at a thousand articles is thousands fewer files for a host to count. A note written in
another language than its article is indexed in its own language, in one more record (per
language) holding only such notes.

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
NOTES_META = "notes"
ROOT_META = "root"


@dataclass(frozen=True)
class SearchRecord:
    path: str  # where the file goes inside the scratch folder (unique per record)
    html: str
    lang: str = "en"  # the language Pagefind indexes it in (its words, stemming, segmenting)


def _record(
    path: str,
    title: str,
    page: str,
    kinds: list[str],
    body: str,
    lang: str,
    notes: str = "",
    root: str = "",
) -> SearchRecord:
    head = (
        f'<!doctype html><html lang="{esc(lang)}"><head><meta charset="utf-8"></head><body>'
        f'<span data-pagefind-meta="title">{esc(title)}</span>'
        f'<span data-pagefind-meta="page">{esc(page or "./")}</span>'
        + (f'<span data-pagefind-meta="{ROOT_META}">{esc(root)}</span>' if root else "")
        + (f'<span data-pagefind-meta="{NOTES_META}">{esc(notes)}</span>' if notes else "")
        + "".join(f'<span data-pagefind-filter="{KIND_FILTER}">{esc(k)}</span>' for k in kinds)
        + f'<span data-pagefind-meta="lang">{esc(lang)}</span>'  # results shown in their language
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


def _notes_record(
    path: str,
    article: Article,
    page: str,
    here: list[AnchoredNote],
    body: str,
    lang: str,
    root: str,
) -> SearchRecord:
    """``body`` (the article's text, or nothing), then the notes ``here``."""
    kinds = [TEXT_KIND] if body else []
    kinds += [k for k in KINDS if any(n.kind == k for n in here)]
    body += "".join(_note_section(n) for n in here)
    notes = " ".join(f"{n.id}:{n.kind}" for n in here)
    return _record(path, article.title, page, kinds, body, lang, notes, root)


def article_records(
    article: Article, notes: list[AnchoredNote], page: str, lang: str = "en", root: str = ""
) -> list[SearchRecord]:
    """The article's record: its text, then its notes (page order), each a heading; and one
    record per other language its notes are written in (``lang`` is the article's).

    ``root`` (the site's path, e.g. ``/2019/``) is given when other shards merge this index:
    their search box finds the page under it rather than under its own root."""
    byline = " · ".join(x for x in (article.publication, article.author) if x)
    text = "".join(f"<p>{esc(p.text)}</p>" for p in article.paragraphs)
    body = f"<h1>{esc(article.title)}</h1>" + (f"<p>{esc(byline)}</p>" if byline else "") + text
    own = [n for n in notes if (n.annotation.lang or lang) == lang]
    records = [_notes_record(f"articles/{article.slug}.html", article, page, own, body, lang, root)]
    for tongue in sorted({n.annotation.lang for n in notes if n.annotation.lang} - {lang}):
        here = [n for n in notes if n.annotation.lang == tongue]
        path = f"articles/{article.slug}-{tongue}.html"
        records.append(_notes_record(path, article, page, here, "", tongue, root))
    return records


def page_record(
    name: str, title: str, content_html: str, page: str, lang: str = "en", root: str = ""
) -> SearchRecord:
    """A hand-written page (about, contributing...): its rendered Markdown, headings and all.

    ``content_html`` is the page's own HTML as MkDocs rendered it from the project's Markdown
    (trusted like the templates); its headings with ids become sub-results.
    """
    return _record(f"pages/{name}.html", title, page, [PAGE_KIND], content_html, lang, root=root)
