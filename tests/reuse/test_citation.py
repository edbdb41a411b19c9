"""Citations of notes and articles, parsed as Zotero and Pandoc would read them: BibTeX with
bibtexparser, CSL-JSON as JSON with CSL's variables; values checked against the notes."""

from __future__ import annotations

import json

import bibtexparser
import pytest
from bs4 import BeautifulSoup

from glossator.reuse.citation import bibtex_escape
from projects import copy_opendata, mkdocs_build

SLUG = "harbour-bridge-reopens"
PAGE = f"https://notes.example.org/{SLUG}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_opendata(tmp_path_factory.mktemp("cite"))
    assert mkdocs_build(root).returncode == 0
    return root / "site"


def _unescape(value: str) -> str:
    for raw, escaped in (("&", r"\&"), ("%", r"\%"), ("#", r"\#"), ("_", r"\_"), ("$", r"\$")):
        value = value.replace(escaped, raw)
    return value.replace(r"\{", "{").replace(r"\}", "}")


def all_of_them(site, fmt: str) -> str:
    """Every citation on the article's page in one format, in page order, as its "All of
    them at once" gathers them (each CSL-JSON block is a one-item array)."""
    page = BeautifulSoup((site / SLUG / "index.html").read_text("utf-8"), "html.parser")
    blocks = [pre.get_text() for pre in page.select(f'pre[data-glossator-copy="{fmt}"]')]
    if fmt == "BibTeX":
        return "\n\n".join(blocks)
    return json.dumps([item for text in blocks for item in json.loads(text)])


def test_bibtex_parses_with_every_note_and_the_article(site):
    library = bibtexparser.parse_string(all_of_them(site, "BibTeX"))
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert set(entries) == {SLUG} | {
        f"{SLUG}-{i}" for i in ("repair-cost", "strong-as-built", "opened-1932", "council-fund")
    }
    cost = entries[f"{SLUG}-repair-cost"]
    assert cost.entry_type == "misc"
    assert cost["author"] == "{Ada Checker}"
    assert _unescape(cost["title"]) == (
        '{The first estimate was 25 million pounds, so "almost twice" overstates it}'
    )
    assert (cost["date"], cost["year"]) == ("2024-03-20", "2024")
    assert cost["url"] == PAGE + "#repair-cost"
    assert cost["howpublished"] == "Riverside Notes"
    assert "Harbour Bridge Reopens After Two Years of Repairs" in cost["note"]
    # no author in the note: the edition is the author
    assert entries[f"{SLUG}-council-fund"]["author"] == "{Riverside Notes}"
    assert entries[SLUG]["author"] == "{Sam Example}"


def test_csl_json_carries_what_zotero_needs(site):
    items = {i["id"]: i for i in json.loads(all_of_them(site, "CSL-JSON"))}
    cost = items[f"{SLUG}-repair-cost"]
    assert cost["type"] == "webpage"
    assert cost["author"] == [{"literal": "Ada Checker"}]
    assert cost["issued"] == {"date-parts": [[2024, 3, 20]]}
    assert cost["container-title"] == "Riverside Notes"
    assert cost["reviewed-title"] == "Harbour Bridge Reopens After Two Years of Repairs"
    assert cost["URL"] == PAGE + "#repair-cost"
    assert items[f"{SLUG}-strong-as-built"]["issued"] == {"date-parts": [[2024, 3]]}
    article = items[SLUG]
    assert article["type"] == "article-newspaper"
    assert article["issued"] == {"date-parts": [[2024, 3, 18]]}
    assert article["container-title"] == "The Riverside Courier"


def test_every_note_offers_cite_on_the_page_in_every_format(site):
    page = BeautifulSoup((site / SLUG / "index.html").read_text("utf-8"), "html.parser")
    notes = page.select("aside.glossator-note")
    assert notes
    for note in notes:
        cite = note.select_one("details.glossator-cite")
        assert cite is not None and cite.summary.get_text().startswith("Cite")
        assert cite.select_one(".glossator-cite-text").get_text().endswith(PAGE + "#" + note["id"])
        formats = cite.select_one("details.glossator-cite-formats")
        assert formats.summary.get_text().startswith("BibTeX and CSL-JSON")
        blocks = {pre["data-glossator-copy"]: pre.get_text() for pre in formats.select("pre")}
        assert set(blocks) == {"BibTeX", "CSL-JSON"}
        key = f"{SLUG}-{note['id']}"
        assert bibtexparser.parse_string(blocks["BibTeX"]).entries[0].key == key
        assert json.loads(blocks["CSL-JSON"])[0]["id"] == key
    article = page.select_one("details.glossator-cite-article")
    assert (
        json.loads(article.select_one('pre[data-glossator-copy="CSL-JSON"]').get_text())[0]["id"]
        == SLUG
    )
    # every entry at once is gathered by the page's script; without one it stays hidden
    every = article.select_one(".glossator-cite-all")
    assert every.has_attr("hidden")
    assert [a["download"] for a in every.select("a")] == [f"{SLUG}.bib", f"{SLUG}.json"]
    # the citations are on the page: no separate files or cite page
    assert not (site / SLUG / "citations.bib").exists()
    assert not (site / SLUG / "cite").exists()


def test_bibtex_escapes_what_latex_would_read_as_commands():
    assert bibtex_escape("50% & {x} #1 a_b $5 ~^\\") == (
        r"50\% \& \{x\} \#1 a\_b \$5 \textasciitilde{}\textasciicircum{}\textbackslash{}"
    )


def test_an_unsigned_editorial_is_cited_without_an_author():
    """'Editorial (unsigned)' names nobody: the citation has no author, the structured data
    credits the publication as an Organization, never a Person called 'Editorial'."""
    from glossator.model import Article
    from glossator.reuse.citation import cite_article
    from glossator.reuse.jsonld import article_graph
    from glossator.reuse.siteinfo import site_info

    article = Article(
        slug="editorial", title="A Leader", paragraphs=[], author="Editorial (unsigned)",
        publication="The Courier", published="2019-08",
    )  # fmt: skip
    site = site_info("Riverside Notes", "https://notes.example.org/")
    cite = cite_article(article, site, 2)
    assert "author" not in cite.csl and "author" not in cite.bibtex
    assert cite.text.startswith("“A Leader.” The Courier (August 2019). Annotated edition")
    entry = bibtexparser.parse_string(cite.bibtex).entries[0]
    assert entry["title"] == "{A Leader}"
    original = article_graph(article, [], site)["@graph"][1]
    assert original["author"] == {"@type": "Organization", "name": "The Courier"}


@pytest.mark.parametrize(
    ("title", "cited"),
    [
        ("It Cannot Win A Land War In Asia!", "“It Cannot Win A Land War In Asia!”"),
        ("Is the bridge safe?", "“Is the bridge safe?”"),
        ("The bridge reopens", "“The bridge reopens.”"),
        ("He said “enough.”", "“He said “enough.””"),
    ],
)
def test_a_title_ending_in_punctuation_is_not_given_a_second_stop(title, cited):
    from glossator.model import Annotation, Article
    from glossator.reuse.citation import cite_article, cite_note
    from glossator.reuse.siteinfo import site_info

    site = site_info("Riverside Notes", "https://notes.example.org/")
    article = Article(slug="a", title=title, paragraphs=[], publication="The Courier")
    assert cited in cite_article(article, site, 2).text
    note = Annotation(
        path="n.yml", article="a", id="n", quote="q", kind="context", title=title, body="b"
    )
    assert cited in cite_note(note, article, site, "2024-03-20").text
