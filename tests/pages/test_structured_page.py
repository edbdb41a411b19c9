"""The page of a Markdown article: its structure, its text, and each note's marks."""

from __future__ import annotations

import lxml.html
import pytest

from glossator.pages.article import render_article
from glossator.pipeline.edition import load_edition
from projects import STRUCTURED

BLOCKS = {"p", "li", "h2", "h3", "blockquote", "ul", "ol", "table", "tr", "td", "th", "div"}
NO_TEXT_CHILDREN = {"ul", "ol", "table", "thead", "tbody", "tr"}


@pytest.fixture(scope="module")
def page():
    edition = load_edition(STRUCTURED)
    assert edition.ok, [p.format() for p in edition.problems]
    article, notes = edition.articles["harbour-levy"], edition.notes["harbour-levy"]
    html = render_article(article, notes)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return article, notes, root


def _article_text(root) -> str:
    """The text of .glossator-article with the notes left out, as a reader's tool takes it."""
    element = root.find_class("glossator-article")[0]
    copy = lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode"))
    for group in copy.find_class("glossator-notes"):
        tail = group.tail or ""
        parent = group.getparent()
        previous = group.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(group)
    return copy.text_content()


def test_the_page_text_without_notes_is_the_article(page):
    article, _, root = page
    assert _article_text(root) == article.body


def test_each_note_is_marked_in_text_runs_only(page):
    article, notes, root = page
    for n in notes:
        marks = root.xpath(f'//mark[@data-annotation="{n.id}"]')
        assert marks, n.id
        # in order, the marks hold the passage; only white space between blocks is unmarked
        text = "".join(m.text_content() for m in marks)
        assert "".join(text.split()) == "".join(article.body[n.start : n.end].split()), n.id
        for m in marks:
            assert not any(d.tag in BLOCKS for d in m.iterdescendants()), n.id
            assert m.getparent().tag not in NO_TEXT_CHILDREN, n.id
    crossing = [n for n in notes if len(root.xpath(f'//mark[@data-annotation="{n.id}"]')) > 1]
    assert len(crossing) >= 10  # emphasis, strong, link, heading, list, quote, cells, <br>


def test_overlapping_and_nested_notes_keep_their_marks(page):
    _, _, root = page
    nested = root.xpath(
        '//mark[@data-annotation="sinking-fund"]//mark[@data-annotation="fund-term"]'
    )
    outer = root.xpath(
        '//mark[@data-annotation="fund-term"]//mark[@data-annotation="sinking-fund"]'
    )
    assert nested or outer  # one inside the other, whichever way the runs nest them
    assert root.xpath(
        '//mark[@data-annotation="levy-and-money"]//mark[@data-annotation="sinking-fund"]'
    )


def test_notes_sit_between_top_level_blocks_and_never_inside_a_passage(page):
    _, notes, root = page
    article_el = root.find_class("glossator-article")[0]
    groups = article_el.find_class("glossator-notes")
    assert groups and all(g.getparent() is article_el for g in groups)
    for ul in root.iter("ul", "ol"):
        assert all(child.tag == "li" for child in ul), "only li inside a list"
    # a note across the paragraph and the list is shown after the list, with the one that
    # starts in the heading: the passage itself is never cut by notes
    after_list = next(g for g in groups if g.getprevious().tag == "ol")
    assert {a.get("id") for a in after_list.iter("aside")} >= {"three-parts", "heading-cross"}
    assert {n.id for n in notes} == {a.get("id") for a in root.iter("aside")}


def test_headings_are_linkable_and_notes_point_at_their_block(page):
    _, _, root = page
    assert root.get_element_by_id("who-pays").tag == "h2"
    note = root.get_element_by_id("heading-cross")
    assert note.get("data-paragraph") == "what-the-council-decided"
    assert root.get_element_by_id(root.get_element_by_id("yacht").get("data-paragraph")).tag == "td"
