"""The page contract, checked on a real MkDocs build of a tiny project."""

import pytest
from bs4 import BeautifulSoup

from pagefind_output import fragments, note_anchors
from projects import mkdocs_build, write_project

ARTICLE = """\
A Test Article

The first paragraph mentions Doha twice: Doha.

The second paragraph
wraps onto a second line and ends here.

Third <script>window.__x=1</script> *not emphasis*.
"""

NOTES = {
    "annotations/test-article/doha-note.yml": """\
        quote: mentions Doha
        kind: context
        title: Doha is the capital of Qatar
        body: The talks were held in **Doha**.
    """,
    "annotations/test-article/cross.yml": """\
        quote: "twice: Doha. The second paragraph"
        kind: source
        title: A passage across a paragraph break
        body: Searchable-unicorn-word appears only in this note.
        sources:
          - title: The record
            url: https://example.org/record
            publisher: Example
            date: 2019-08-03
    """,
    "annotations/test-article/script.yml": """\
        quote: "<script>window.__x=1</script>"
        kind: counterpoint
        title: Escaped text
        body: The article's markup is shown as text.
        sources:
          - title: Nothing
    """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("proj")
    write_project(
        root,
        {
            "seeds/test.txt": ARTICLE,
            "seeds/test.yml": "slug: test-article\npublication: The Paper\npublished: 2019-08\n"
            "summary: A short summary.\n",
            **NOTES,
        },
    )
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site):
    return BeautifulSoup((site / "test-article" / "index.html").read_text(), "html.parser")


def test_article_page_is_at_its_slug_with_title_h1_and_description(site):
    soup = page(site)
    h1s = soup.select(".md-content h1")
    assert [h.get_text() for h in h1s] == ["A Test Article"]
    assert soup.find("meta", attrs={"name": "description"})["content"] == "A short summary."


def test_paragraphs_have_ids_and_text_is_preserved(site):
    soup = page(site)
    art = soup.select_one(".glossator-article")
    for aside in art.select(".glossator-note"):
        aside.decompose()
    assert [p["id"] for p in art.find_all("p")] == ["p1", "p2", "p3"]
    assert [p.get_text() for p in art.find_all("p")] == [
        "The first paragraph mentions Doha twice: Doha.",
        "The second paragraph\nwraps onto a second line and ends here.",
        "Third <script>window.__x=1</script> *not emphasis*.",
    ]
    assert art.find("script") is None and art.find("em") is None


def test_each_note_is_rendered_once_with_its_marks(site):
    soup = page(site)
    for nid in ("doha-note", "cross", "script"):
        assert len(soup.select(f"aside.glossator-note#{nid}")) == 1
        assert soup.select(f'mark[data-annotation="{nid}"]')
    cross = [m.get_text() for m in soup.select('mark[data-annotation="cross"]')]
    assert cross == ["twice: Doha.", "The second paragraph"]
    assert soup.select_one("#cross")["data-kind"] == "source"


def test_search_index_has_one_result_per_note_with_its_kind(site):
    notes = note_anchors(site)
    assert {"test-article/#cross", "test-article/#doha-note", "test-article/#script"} <= set(notes)
    assert notes["test-article/#cross"][0] == "source"
    records = fragments(site)
    cross = next(r for r in records if any(a["id"] == "cross" for a in r["anchors"]))
    assert "Searchable-unicorn-word" in cross["content"]
    # notes are not also folded into the article's own text record
    text = [r for r in records if r["filters"]["kind"] == ["article"]]
    assert len(text) == 1 and text[0]["meta"]["page"] == "test-article/"
    assert "Searchable-unicorn-word" not in text[0]["content"]
    # material's own search index is not shipped beside Pagefind's
    assert not (site / "search" / "search_index.json").exists()


def test_home_page_lists_articles_with_counts(site):
    soup = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    item = soup.select_one(".glossator-articles li")
    assert item.a["href"] == "test-article/"
    counts = {c["data-kind"]: c.get_text() for c in item.select(".glossator-count")}
    assert counts == {
        "context": "1 context",
        "counterpoint": "1 counterpoint",
        "source": "1 source",
    }
    assert "The Paper" in item.get_text() and "August 2019" in item.get_text()


def test_no_resources_from_other_hosts(site):
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for el in soup.find_all(tag):
                url = el.get(attr) or ""
                if tag == "link" and "stylesheet" not in (el.get("rel") or []):
                    continue
                assert not url.startswith(("http:", "https:", "//")), (html, url)


def test_invalid_annotation_fails_the_build_listing_every_problem(project):
    root = project(
        {
            "seeds/a.txt": "T\n\nSome words here.\n",
            "annotations/a/one.yml": "quote: nowhere to be found\nkind: context\ntitle: x\nbody: y\n",
            "annotations/a/two.yml": "quote: Some\nkind: contxt\ntitle: x\nbody: y\n",
        }
    )
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "annotations/a/one.yml:1:8: error: quote not found" in result.stderr
    assert "annotations/a/two.yml:2:7: error: unknown kind 'contxt'" in result.stderr
