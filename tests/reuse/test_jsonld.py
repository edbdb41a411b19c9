"""schema.org JSON-LD on article pages: it parses, names the article, carries the notes as
Comments with their sources, states the notes' licence, and cannot close its own script."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from glossator.reuse.jsonld import script_json
from projects import copy_opendata, mkdocs_build

SLUG = "harbour-bridge-reopens"
PAGE = f"https://notes.example.org/{SLUG}/"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    root = copy_opendata(tmp_path_factory.mktemp("jsonld"))
    assert mkdocs_build(root).returncode == 0
    soup = BeautifulSoup((root / "site" / SLUG / "index.html").read_text("utf-8"), "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].get_text())
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def test_the_page_is_about_the_original_article(graph):
    article = graph["Article"]
    assert article["headline"] == "Harbour Bridge Reopens After Two Years of Repairs"
    assert article["author"] == {"@type": "Person", "name": "Sam Example"}
    assert article["publisher"] == {"@type": "Organization", "name": "The Riverside Courier"}
    assert article["datePublished"] == "2024-03-18"
    assert article["url"] == "https://courier.example.net/news/harbour-bridge-reopens"
    page = graph["WebPage"]
    assert page["@id"] == PAGE and page["about"] == {"@id": article["@id"]}
    assert page["publisher"]["name"] == "Riverside Notes"
    assert page["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "ClaimReview" not in json.dumps(graph)


def test_notes_are_comments_with_their_citations(graph):
    comments = {c["@id"].rsplit("#", 1)[1]: c for c in graph["Article"]["comment"]}
    assert graph["Article"]["commentCount"] == len(comments) == 4
    cost = comments["repair-cost"]
    assert cost["@type"] == "Comment" and cost["url"] == PAGE + "#repair-cost"
    assert cost["name"].startswith("The first estimate was 25 million pounds")
    assert cost["author"] == {"@type": "Person", "name": "Ada Checker"}
    assert cost["dateCreated"] == "2024-03-20"
    assert cost["license"] == "https://creativecommons.org/licenses/by/4.0/"
    first, second = cost["citation"]
    assert first == {
        "@type": "CreativeWork",
        "name": "Budget papers 2022, item 7 <Bridge & hangers>",
        "url": "https://council.example.net/budget-2022.pdf",
        "publisher": {"@type": "Organization", "name": "Riverside Council"},
        "datePublished": "2022-02",
    }
    assert second["archivedAt"].startswith("https://web.archive.org/")
    # a note without an author is the edition's
    assert comments["council-fund"]["author"] == {
        "@type": "Organization",
        "name": "Riverside Notes",
    }
    # the title holds "</script><b>": it arrived whole, so the script was not cut short
    assert comments["strong-as-built"]["name"].endswith("</script><b>")


def test_script_json_never_closes_the_script_and_reads_back_the_same():
    data = {"a": "</script><!-- \u2028 & <b>", "b": ["</SCRIPT >"]}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == data
