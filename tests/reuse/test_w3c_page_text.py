"""Every exported TextQuoteSelector is verbatim text of the page, found once, where it is marked.

A strict W3C consumer requires ``prefix + exact + suffix`` as it stands in the text of the page's
``.glossator-article`` element, notes and all. Checked here on the rendered article of the seed
edition and of the Markdown fixture; tests/browser/test_w3c_consumer.py runs a real consumer.
"""

from __future__ import annotations

import lxml.html
import pytest

from glossator.pages.article import render_article
from glossator.pipeline.edition import load_edition
from glossator.reuse.w3c import notes_to_w3c
from projects import REPO, STRUCTURED


def _articles():
    for root in (REPO, STRUCTURED):
        edition = load_edition(root)
        for slug, article in edition.articles.items():
            yield pytest.param(article, edition.notes.get(slug, []), id=slug)


@pytest.mark.parametrize(("article", "notes"), list(_articles()))
def test_selectors_are_found_once_in_the_page_text_at_their_marks(article, notes):
    html = render_article(article, notes)
    element = lxml.html.fragment_fromstring(html, create_parent="div").find_class(
        "glossator-article"
    )[0]
    text = element.text_content()
    items = notes_to_w3c(article, notes, "https://example.org/a/")
    assert len(items) == len(notes) > 0
    for note, item in zip(notes, items, strict=True):
        (selector,) = item["target"]["selector"]
        assert selector["type"] == "TextQuoteSelector"
        whole = selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")
        assert text.count(whole) == 1, (note.id, whole)
        at = text.index(whole) + len(selector.get("prefix", ""))
        marked = _marked_start(element, note.id)
        assert at == marked, note.id
        assert selector["exact"] == article.body[note.start : note.end]


def _marked_start(element, note_id: str) -> int:
    """Where the note's first mark starts in the element's text (found with a sentinel)."""
    copy = lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode"))
    first = copy.xpath(f'.//mark[@data-annotation="{note_id}"]')[0]
    first.text = "\ue000" + (first.text or "")
    return copy.text_content().index("\ue000")
