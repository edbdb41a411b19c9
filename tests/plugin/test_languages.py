"""One site with an English, a French, a Japanese and an Arabic article (tests/fixtures/
languages): each page and every export says its language; a French site's interface is
French, dates and plural forms included."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from catalogue import messages_in_code
from glossator.interface import Interface
from projects import REPO, mkdocs_build

FIXTURE = REPO / "tests" / "fixtures" / "languages"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _build(tmp_path_factory, language: str):
    root = tmp_path_factory.mktemp(f"languages-{language}")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", f"language: {language}"))
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return _build(tmp_path_factory, "en")


@pytest.fixture(scope="module")
def french_site(tmp_path_factory):
    return _build(tmp_path_factory, "fr")


def _page(site, slug):
    return BeautifulSoup((site / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(
    ("slug", "lang", "direction"),
    [("marche-couvert", "fr", None), ("shibuya-shops", "ja", None), ("souq-books", "ar", "rtl")],
)
def test_an_article_in_another_language_says_so_in_its_page(site, slug, lang, direction):
    page = _page(site, slug)
    assert page.html["lang"] == "en"  # the site's: the theme's words are English
    for element in (page.find("h1"), page.select_one(".glossator-article")):
        assert element.get("lang") == lang
        assert element.get("dir") == direction


def test_an_article_in_the_sites_language_needs_no_attribute(site):
    article = _page(site, "harbour-ferry").select_one(".glossator-article")
    assert "lang" not in article.attrs and "dir" not in article.attrs


def test_a_note_in_another_language_than_its_article_carries_its_own(site):
    page = _page(site, "souq-books")
    english = page.select_one("#market-name .glossator-note-body")
    assert (english["lang"], english["dir"]) == ("en", "ltr")
    arabic = page.select_one("#muddat-al-tarmim .glossator-note-body")
    assert "lang" not in arabic.attrs  # the article's language, inherited
    kind = page.select_one("#muddat-al-tarmim .glossator-kind")
    assert (kind["lang"], kind["dir"]) == ("en", "ltr")  # Glossator's word, in English


def test_every_export_says_the_language(site):
    export = json.loads((site / "souq-books" / "annotations.jsonld").read_text())
    bodies = {item["id"].split("#")[1]: item["body"][0]["language"] for item in export["items"]}
    assert bodies == {"market-name": "en", "muddat-al-tarmim": "ar"}
    page = _page(site, "shibuya-shops")
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    assert {node["@type"]: node["inLanguage"] for node in graph} == {
        "WebPage": "ja",
        "Article": "ja",
    }
    assert graph[1]["comment"][0]["inLanguage"] == "ja"
    cite = _page(site, "marche-couvert")
    csl = [
        json.loads(pre.get_text())[0] for pre in cite.select('pre[data-glossator-copy="CSL-JSON"]')
    ]
    assert {item["language"] for item in csl} == {"fr"}
    bib = "".join(pre.get_text() for pre in cite.select('pre[data-glossator-copy="BibTeX"]'))
    assert bib.count("language = {fr}") == 2
    feed = ET.fromstring((site / "souq-books" / "feed.xml").read_bytes())
    assert feed.get(XML_LANG) == "ar"
    entries = {
        e.find("{http://www.w3.org/2005/Atom}id").text.split("#")[1]: e.get(XML_LANG)
        for e in feed.findall("{http://www.w3.org/2005/Atom}entry")
    }
    assert entries == {"market-name": "en", "muddat-al-tarmim": None}
    assert ET.fromstring((site / "feed.xml").read_bytes()).get(XML_LANG) == "en"


def test_each_language_has_its_own_search_bundle(site):
    for name, code in (("pagefind", "en"), ("pagefind-fr", "fr"), ("pagefind-ja", "ja")):
        entry = json.loads((site / name / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [code]
    bundles = json.loads(
        _page(site, "harbour-ferry").select_one("#glossator-search")["data-bundles"]
    )
    assert bundles == {
        "ar": "pagefind-ar",
        "en": "pagefind",
        "fr": "pagefind-fr",
        "ja": "pagefind-ja",
    }


def _interface_text(page: BeautifulSoup) -> str:
    """What Glossator and the theme write, without the article's and notes' own words."""
    for own in page.select(
        ".glossator-article p[id], .glossator-note-title, .glossator-note-body, h1, script[type='application/ld+json']"
    ):
        own.decompose()
    data = page.find("script", id="glossator-data")
    words = json.loads(data.string)
    data.decompose()
    attrs = [
        v for el in page.find_all(True) for k, v in el.attrs.items() if k in ("aria-label", "title")
    ]
    return "\n".join([page.get_text(" "), *attrs, json.dumps(words, ensure_ascii=False)])


def test_a_french_site_has_no_english_word_left(french_site):
    french = Interface("fr")
    english = [
        m
        for m in messages_in_code()
        if not re.search(r"\{\w+\}", m) and len(m) > 3 and french.t(m) != m
    ]
    for slug in ("marche-couvert", "souq-books"):
        text = _interface_text(_page(french_site, slug))
        left = [m for m in english if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text)]
        assert left == [], f"{slug}: English left: {left}"
    page = _page(french_site, "marche-couvert")
    assert page.select_one(".glossator-byline time").get_text() == "6 octobre 2025"
    counts = [b.get_text() for b in page.select(".glossator-count")]
    assert counts == ["1 contexte"]  # no "0" badges
    arabic = _page(french_site, "souq-books")
    assert next(b.get_text() for b in arabic.select(".glossator-count")) == "2 contextes"
    assert page.select_one(".glossator-cite summary").get_text().startswith("Citer")
    assert "lang" not in page.select_one(".glossator-article").attrs  # French on a French site


def test_a_site_with_articles_only_in_other_languages_indexes_them(tmp_path):
    root = tmp_path / "only-japanese"
    shutil.copytree(FIXTURE, root)
    for slug in ("harbour-ferry", "marche-couvert", "souq-books"):
        shutil.rmtree(root / "annotations" / slug)
        for ext in ("txt", "yml"):
            (root / "seeds" / f"{slug}.{ext}").unlink()
    (root / "docs" / "index.md").write_text("<!-- glossator:articles -->\n")  # no words at all
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    assert (root / "site" / "pagefind-ja" / "pagefind.js").is_file()
