"""The preview's problem panel: each problem on its article's page, as `glossator check` says it."""

from __future__ import annotations

from bs4 import BeautifulSoup

from glossator.model import Article, Edition, Problem
from glossator.pages.preview import GENERAL, problems_by_article, render_problems


def edition_with(*problems: Problem) -> Edition:
    article = Article(slug="doha-talks", title="Talks", paragraphs=[], path="seeds/doha.txt")
    return Edition(articles={"doha-talks": article}, problems=list(problems))


def test_problems_go_to_the_page_of_their_article():
    note = Problem("notes/doha-talks/city.yml", 1, 8, "error", "quote not found", "closest passage")
    sidecar = Problem("seeds/doha.yml", 2, 1, "error", "unknown field")
    seed = Problem("seeds/doha.txt", 0, 0, "warning", "no paragraphs")
    orphan = Problem("notes/gone/x.yml", 1, 1, "error", "no article 'gone'")
    stray = Problem("notes/x.yml", 1, 1, "error", "misplaced")
    found = problems_by_article(edition_with(note, sidecar, seed, orphan, stray), "notes")
    assert found["doha-talks"] == [note, sidecar, seed]
    assert found[GENERAL] == [orphan, stray]


def test_panel_says_what_check_says_escaped():
    problem = Problem(
        "annotations/a/b.yml", 3, 8, "error", 'quote not found: "<b>x</b>"', 'closest passage: "y"'
    )
    panel = BeautifulSoup(render_problems([problem]), "html.parser")
    item = panel.select_one("li.glossator-problem--error")
    assert item.code.get_text() == "annotations/a/b.yml:3:8"
    assert 'quote not found: "<b>x</b>"' in item.get_text()
    assert "hint: closest passage" in item.get_text()
    assert panel.find("b") is None
    assert "1 error." in panel.get_text()
    assert render_problems([]) == ""
