"""Search records: what Pagefind reads for an article, its notes by kind, and other pages."""

from __future__ import annotations

from bs4 import BeautifulSoup

from glossator.model import Annotation, Article, Paragraph, Source
from glossator.pipeline.edition import anchor_note
from glossator.search.records import article_records, page_record


def note(nid, kind, title, body="Body.", quote="Doha"):
    return Annotation(
        id=nid,
        article="a",
        path=f"annotations/a/{nid}.yml",
        quote=quote,
        kind=kind,
        title=title,
        body=body,
        sources=[Source(title="Record <1>", publisher="Agency")],
    )


ARTICLE = Article(
    slug="a",
    title="Talks <in> Doha",
    paragraphs=[Paragraph(1, 0, "Talks in Doha & elsewhere <b>x</b>.")],
    publication="The Paper",
)


def parse(record):
    soup = BeautifulSoup(record.html, "html.parser")
    meta = {m["data-pagefind-meta"]: m.get_text() for m in soup.select("[data-pagefind-meta]")}
    kind = soup.select_one("[data-pagefind-filter=kind]").get_text()
    return soup, meta, kind


def test_one_text_record_and_one_record_per_kind_with_a_heading_per_note():
    notes = [
        anchor_note(note("n1", "context", "First <note>"), ARTICLE)[0],
        anchor_note(note("n2", "source", "Second", body="A *source* body."), ARTICLE)[0],
        anchor_note(note("n3", "context", "Third"), ARTICLE)[0],
    ]
    records = article_records(ARTICLE, notes, "a/")
    kinds = [parse(r)[2] for r in records]
    assert kinds == ["article", "context", "source"]
    assert len({r.path for r in records}) == 3
    soup, meta, _ = parse(records[1])
    assert meta == {"title": "Talks <in> Doha", "page": "a/", "lang": "en"}
    body = soup.select_one("[data-pagefind-body]")
    assert [(h["id"], h.get_text()) for h in body.find_all("h2")] == [
        ("n1", "First <note>"),
        ("n3", "Third"),
    ]
    assert "Record <1>, Agency" in body.get_text()
    source = parse(records[2])[0].select_one("[data-pagefind-body]")
    assert source.find("em").get_text() == "source"  # the note's sanitised Markdown


def test_text_record_holds_the_article_text_only_and_escaped():
    notes = [anchor_note(note("n1", "context", "Unicorn"), ARTICLE)[0]]
    soup, meta, kind = parse(article_records(ARTICLE, notes, "a/")[0])
    body = soup.select_one("[data-pagefind-body]")
    assert kind == "article" and meta["page"] == "a/"
    assert body.find("b") is None and "<b>x</b>" in body.get_text()
    assert "Unicorn" not in body.get_text()
    assert "The Paper" in body.get_text()


def test_page_record_keeps_headings_and_points_at_the_page():
    record = page_record("about", "About", '<h2 id="how">How</h2><p>Text</p>', "about/")
    soup, meta, kind = parse(record)
    assert kind == "page" and meta == {"title": "About", "page": "about/", "lang": "en"}
    assert soup.select_one("[data-pagefind-body] h2#how")
    assert parse(page_record("index", "Home", "<p>x</p>", ""))[1]["page"] == "./"


def test_a_markdown_article_is_searched_by_the_text_a_reader_sees():
    from glossator.pipeline.edition import load_edition
    from glossator.search.records import article_records
    from projects import STRUCTURED

    edition = load_edition(STRUCTURED)
    article = edition.articles["harbour-levy"]
    (text, *_) = article_records(article, edition.notes["harbour-levy"], "harbour-levy/")
    assert "go to a sinking fund for repairs" in text.html
    assert "What the council decided" in text.html and "## " not in text.html
    assert "*sinking" not in text.html and "](https://" not in text.html
    assert "Yacht" in text.html and "published a week after each meeting" in text.html


def test_a_note_in_another_language_than_its_article_is_indexed_in_its_own():
    english = note("n1", "context", "In English")
    english.lang = "en"
    notes = [
        anchor_note(english, ARTICLE)[0],
        anchor_note(note("n2", "context", "日本語の注釈"), ARTICLE)[0],
    ]
    records = article_records(ARTICLE, notes, "a/", "ja")
    found = {r.path: (r.lang, parse(r)[0].html["lang"]) for r in records}
    assert found == {
        "articles/a/article.html": ("ja", "ja"),
        "articles/a/context.html": ("ja", "ja"),
        "articles/a/context-en.html": ("en", "en"),
    }
    (english_record,) = [r for r in records if r.lang == "en"]
    assert [h["id"] for h in parse(english_record)[0].select("h2")] == ["n1"]
