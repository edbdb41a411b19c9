"""Markdown and HTML articles: the structure kept, the text a reader sees, hostile HTML gone."""

from __future__ import annotations

import itertools
from pathlib import Path

import lxml.html
from bs4 import BeautifulSoup

from glossator.load.seeds import load_article, parse_article, parse_structured
from glossator.load.structured import render_markdown_article, sanitise_article
from projects import STRUCTURED

SEED = STRUCTURED / "seeds" / "harbour-levy.md"


def _article():
    article, problems = load_article(SEED, STRUCTURED)
    assert problems == []
    return article


def _html(article) -> str:
    return "".join(r.html or r.text for r in article.runs)


def test_every_structure_is_kept_as_html():
    soup = BeautifulSoup(_html(_article()), "html.parser")
    assert [h.get("id") for h in soup.find_all("h2")] == ["what-the-council-decided", "who-pays"]
    assert soup.find("blockquote").find("p") is not None
    outer = soup.find("ol")
    assert [li.get("id") for li in outer.find_all("li", recursive=False)] == ["p4", "p5", "p8"]
    assert [li.get_text() for li in outer.find("ul").find_all("li")] == [
        "the north pier first,",
        "then the breakwater;",
    ]
    assert soup.find("em").get_text() == "sinking fund"
    assert soup.find("strong").get_text() == "ferry service"
    assert soup.find("a", href="https://example.org/minutes").get_text() == "council's minutes"
    assert soup.find("img")["src"] == "https://example.org/pier.jpg"
    assert [td.get_text() for td in soup.find("tbody").find_all("td")] == [
        "Ferry", "unchanged", "Yacht", "doubled"
    ]  # fmt: skip
    assert soup.find("td")["align"] == "left"
    assert soup.find("br") is not None
    assert soup.find("div", class_="footnote").find("li")["id"] == "fn-minutes"
    assert soup.find("a", class_="footnote-ref")["href"] == "#fn-minutes"


def test_raw_html_is_sanitised_and_only_http_links_survive():
    html = _html(_article())
    assert "<script" not in html and "not part of the article" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert ", or by mail." in html  # the link's text stays, plain: no link without an address
    for tag in ("<a href=", "<img"):
        for piece in html.split(tag)[1:]:
            value = piece.split('"')[1] if tag == "<a href=" else piece.split('src="')[1]
            assert value.startswith(("https://", "http://", "#")), value


def test_the_body_is_the_text_a_reader_sees():
    """Glossator's text is exactly the DOM text of the rendered article: no Markdown syntax."""
    article = _article()
    markdown_text = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    rendered = sanitise_article(render_markdown_article(markdown_text))
    # lxml's HTML parser keeps every text node as it is (BeautifulSoup folds blank ones)
    assert article.body == lxml.html.fragment_fromstring(rendered, "div").text_content()
    for syntax in ("*sinking", "**ferry", "## ", "> We", "[council", "| Vessel", "[^minutes]"):
        assert syntax not in article.body
    assert "go to a sinking fund for repairs" in article.body


def test_blocks_are_counted_in_reading_order():
    paragraphs = _article().paragraphs
    assert [p.text for p in paragraphs[:9]] == [
        paragraphs[0].text,
        "What the council decided",
        "The motion, read out by the clerk, had three parts:",
        "raise the levy from the start of the next season;",
        "put two thirds of it into the repair fund:",
        "the north pier first,",
        "then the breakwater;",
        "review the levy after three years.",
        "We can pay for the pier now, or pay far more for it later.\n"
        "Nobody on this council wants the second bill.",
    ]
    assert paragraphs[0].text.startswith("The town council voted")
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert paragraphs[1].element_id == "what-the-council-decided"
    assert paragraphs[2].element_id == "p3"
    assert paragraphs[-1].text.startswith("The minutes are published")  # the footnote, last
    body = _article().body
    assert all(body[p.start : p.end] == p.text for p in paragraphs)
    assert all(a.end <= b.start for a, b in itertools.pairwise(paragraphs))


def test_a_markdown_article_needs_its_title_line(tmp_path: Path):
    seed = tmp_path / "seeds" / "untitled.md"
    seed.parent.mkdir()
    seed.write_text("Just a paragraph.\n\nAnother.\n", encoding="utf-8")
    article, problems = load_article(seed, tmp_path)
    assert article is None
    assert [p.format().splitlines()[0] for p in problems] == [
        "seeds/untitled.md:1:1: error: a Markdown article starts with its title: '# Title'"
    ]
    assert problems[0].code == "bad-article"


def test_a_cms_export_takes_its_first_heading_as_title():
    article = parse_structured(
        '<h1>Harbour <em>news</em></h1><p onclick="x()">One <b>two</b>.</p><h1>Later</h1>',
        "news",
        markdown=False,
    )
    assert article.title == "Harbour news"
    assert article.body == "One two.Later"
    assert [p.text for p in article.paragraphs] == ["One two.", "Later"]
    assert "<h2" in "".join(r.html for r in article.runs)  # a second h1 becomes a subheading


def test_a_plain_text_article_has_no_runs_and_keeps_its_paragraphs():
    article = parse_article("Title\n\nOne *two*.\n\n## Three\n", "t")
    assert article.runs == ()
    assert article.body == "One *two*.\n\n## Three"


def test_a_cms_export_is_an_article_and_a_note_cannot_take_a_heading_s_id(tmp_path: Path):
    from glossator.pipeline.edition import load_edition

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "news.html").write_text(
        "<h1>Harbour news</h1><h2>Who pays</h2><p>Yachts pay <em>double</em>.</p>",
        encoding="utf-8",
    )
    notes = tmp_path / "annotations" / "news"
    notes.mkdir(parents=True)
    note = "quote: pay double\nkind: context\ntitle: T\nbody: B.\n"
    (notes / "who-pays.yml").write_text(note, encoding="utf-8")
    (notes / "double.yml").write_text(note.replace("pay double", "Yachts pay"), encoding="utf-8")
    edition = load_edition(tmp_path)
    assert edition.articles["news"].title == "Harbour news"
    assert [n.id for n in edition.notes["news"]] == ["double"]
    (problem,) = edition.problems
    assert problem.format().startswith(
        "annotations/news/who-pays.yml:1:1: error: note id 'who-pays' is the link of a heading"
    )
