from bs4 import BeautifulSoup

from glossator.load.notes import Annotation, Source
from glossator.load.seeds import parse_article
from glossator.model import AnchoredNote, Match
from glossator.pages.article import render_article, render_paragraph, text_fragment


def note(nid, start, end, kind="context", paragraph=1, **kw):
    a = Annotation(
        id=nid, article="a", path=f"annotations/a/{nid}.yml", quote="q", kind=kind,
        title=kw.pop("title", f"Title {nid}"), body=kw.pop("body", "Body."), **kw,
    )  # fmt: skip
    return AnchoredNote(a, start, end, paragraph, Match("exact", start, end, 1.0))


def marks_text(soup, nid):
    return [m.get_text() for m in soup.select(f'mark[data-annotation="{nid}"]')]


def test_plain_paragraph_is_escaped_not_interpreted():
    assert render_paragraph("<b>x</b> & *y*", 0, []) == "&lt;b&gt;x&lt;/b&gt; &amp; *y*"


def test_nested_marks_nest_without_splitting():
    html = render_paragraph("abcdefghij", 0, [note("outer", 0, 10), note("inner", 3, 6)])
    assert html == (
        '<mark class="glossator-mark" data-annotation="outer" data-kind="context" '
        'aria-details="outer">abc<mark class="glossator-mark" data-annotation="inner" '
        'data-kind="context" aria-details="inner">def</mark>ghij</mark>'
    )


def test_crossing_marks_split_and_keep_each_passage_whole():
    soup = BeautifulSoup(
        render_paragraph("abcdefghij", 0, [note("a", 0, 6), note("b", 3, 9)]), "html.parser"
    )
    assert "".join(marks_text(soup, "a")) == "abcdef"
    assert "".join(marks_text(soup, "b")) == "defghi"
    assert soup.get_text() == "abcdefghij"
    assert all(m.get_text() for m in soup.find_all("mark"))


def test_adjacent_and_identical_ranges():
    soup = BeautifulSoup(
        render_paragraph("abcdef", 0, [note("a", 0, 3), note("b", 3, 6), note("c", 0, 3)]),
        "html.parser",
    )
    assert marks_text(soup, "a") == ["abc"]
    assert marks_text(soup, "c") == ["abc"]
    assert marks_text(soup, "b") == ["def"]


def test_cross_paragraph_note_has_one_mark_per_paragraph_and_one_aside():
    art = parse_article("T\n\nFirst para.\n\nSecond para.", "a")
    start = art.body.index("para.")
    end = art.body.index("Second") + len("Second")
    soup = BeautifulSoup(render_article(art, [note("x", start, end)]), "html.parser")
    assert marks_text(soup, "x") == ["para.", "Second"]
    assert "\n\n".join(marks_text(soup, "x")) == art.body[start:end]
    assert len(soup.select("aside.glossator-note#x")) == 1


def test_page_text_without_notes_is_the_article():
    art = parse_article("Title\n\nOne <two> & three.\n\nFour\nfive.", "a")
    notes = [note("n1", 0, 3), note("n2", 4, 20, kind="counterpoint", paragraph=1,
                                     sources=[Source("S", url="https://e.org/")])]  # fmt: skip
    soup = BeautifulSoup(render_article(art, notes), "html.parser")
    container = soup.select_one(".glossator-article")
    for aside in container.select(".glossator-note"):
        aside.decompose()
    assert [p.get_text() for p in container.find_all("p")] == [p.text for p in art.paragraphs]
    assert soup.h1.get_text() == "Title"


def test_note_contract():
    art = parse_article("T\n\nAlpha beta gamma.", "a")
    n = note("beta-note", 6, 10, kind="source", title="A <title>", body="See [x](https://e.org).",
             sources=[Source("Doc", url="https://e.org/d", publisher="Pub", date="2019-08-03")])  # fmt: skip
    soup = BeautifulSoup(render_article(art, [n]), "html.parser")
    aside = soup.select_one("aside.glossator-note")
    assert aside["id"] == "beta-note"
    assert aside["data-kind"] == "source"
    assert aside["role"] == "note"
    label = soup.find(id=aside["aria-labelledby"]).get_text()
    assert label == "Source: A <title>"
    link = aside.select_one(".glossator-note-body a")
    assert link["href"] == "https://e.org"
    assert "nofollow" in link["rel"]
    src = aside.select_one(".glossator-sources li")
    assert src.get_text() == "Doc, Pub, 3 August 2019"
    assert src.a["href"] == "https://e.org/d"
    assert aside.find_previous("p")["id"] == "p1"
    index = soup.select_one(".glossator-sources-index")
    assert index.select_one('a[href="#beta-note"]') is not None


def test_descriptive_source_title_is_plain_text_not_a_cited_headline():
    art = parse_article("T\n\nAlpha beta gamma.", "a")
    described = Source("[Report on the Doha talks]", url="https://e.org/r", publisher="Pub")
    headline = Source("Talks to Start in Doha", publisher="VOA")
    n = note("n", 6, 10, kind="source", sources=[described, headline])
    soup = BeautifulSoup(render_article(art, [n]), "html.parser")
    for where in (".glossator-note .glossator-sources", ".glossator-sources-index"):
        first, second = soup.select_one(where).select("li")
        assert first.find("cite") is None and first.find(["em", "i"]) is None
        assert first.get_text().startswith("[Report on the Doha talks], Pub")
        assert first.a["href"] == "https://e.org/r"  # still linked
        assert second.cite.get_text() == "Talks to Start in Doha"


def test_text_fragment_adds_context_when_the_passage_repeats():
    body = "Peace talks – resumed, said X. Peace talks – resumed again."
    frag = text_fragment(body, 0, len("Peace talks – resumed"))
    assert frag == ":~:text=Peace%20talks%20%E2%80%93%20resumed,-%2C%20said%20X."
    assert text_fragment("A unique-ish passage.", 2, 13) == ":~:text=unique%2Dish"
