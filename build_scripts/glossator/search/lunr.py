"""Search entries for notes, in mkdocs-material's search index format.

Notes carry ``data-search-exclude`` so material's own indexer skips them (it would fold
them into the paragraph's section); instead each note gets an entry of its own whose
location is ``<slug>/#<id>``, so a hit on a note opens the page at that note.
"""

from __future__ import annotations

from glossator.interface import ENGLISH, Interface
from glossator.model import AnchoredNote, Article
from glossator.pages.article import esc
from glossator.pages.markup import render_markdown


def article_search_html(article: Article) -> str:
    """What the search indexer reads for an article page: its title and text, nothing else.

    The full page carries marks and notes; parsing all that markup only to skip it made
    material's indexer the slowest step of a large build.
    """
    paragraphs = "".join(f"<p>{esc(p.text)}</p>" for p in article.paragraphs)
    return f"<h1>{esc(article.title)}</h1>{paragraphs}"


def note_entries(
    article: Article, notes: list[AnchoredNote], page_url: str, ui: Interface = ENGLISH
) -> list[dict]:
    entries = []
    for n in notes:
        a = n.annotation
        sources = "; ".join(", ".join(x for x in (s.title, s.publisher) if x) for s in a.sources)
        text = render_markdown(a.body)
        if sources:
            text += f"<p>{esc(ui.t('Sources'))}{esc(ui.t(': '))}{esc(sources)}</p>"
        entries.append(
            {
                "location": f"{page_url}#{a.id}",
                "title": esc(ui.t("{kind}: {title}", kind=ui.kind(a.kind), title=a.title)),
                "text": text,
            }
        )
    return entries
