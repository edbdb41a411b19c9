"""The languages fixture (an English, a French, a Japanese and an Arabic article on one English
site) in Chromium: the Arabic page mirrored at 1280 and 390 px (notes left of the text, the
leader line drawn leftwards, nothing overlapping, axe 0); one search box finding a Japanese
word of an article, a Japanese word of a note and a French word typed without its accents."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from glossator_browser import PHONE, SCREENSHOTS, WIDE, open_tab, serve
from test_a11y import axe_violations

from catalogue import messages_in_code
from glossator.interface import Interface
from projects import REPO, mkdocs_build

pytestmark = pytest.mark.browser

FIXTURE = REPO / "tests" / "fixtures" / "languages"


def _site(tmp_path_factory, language: str) -> Path:
    root: Path = tmp_path_factory.mktemp(f"languages-{language}")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", f"language: {language}"))
    done = mkdocs_build(root, "--strict")
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> Iterator[str]:
    with serve(_site(tmp_path_factory, "en")) as base:
        yield base


@pytest.fixture(scope="module")
def french_url(tmp_path_factory) -> Iterator[str]:
    with serve(_site(tmp_path_factory, "fr")) as base:
        yield base


@pytest.fixture
def opened(browser, url, request):
    tabs = []

    def make(path: str, size: dict, site: str = url):
        tab = open_tab(browser, site, **size)
        tabs.append(tab)
        tab.page.goto(site + path, wait_until="load")
        tab.page.wait_for_selector(".glossator-article.is-js")
        return tab

    yield make
    for tab in tabs:
        assert tab.outside == [], tab.outside
        assert tab.errors == [], tab.errors
        tab.page.context.close()


def _boxes(page) -> dict:
    return page.evaluate(
        """() => {
          const box = el => { const r = el.getBoundingClientRect();
            return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
          const a = document.querySelector('.glossator-article');
          return {
            direction: getComputedStyle(a).direction,
            text: [...a.querySelectorAll(':scope > p[id]')].map(box),
            notes: [...a.querySelectorAll('.glossator-note')].filter(n => n.offsetParent)
              .map(n => ({...box(n), id: n.id,
                start: getComputedStyle(n).borderRightWidth,
                end: getComputedStyle(n).borderLeftWidth})),
            width: document.documentElement.scrollWidth,
            head: [...document.querySelectorAll(
              '.md-content h1, .glossator-byline, .glossator-collection, .glossator-counts, ' +
              '.glossator-cite-article')].map(box),
          };
        }"""
    )


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_the_arabic_page_is_mirrored_on_a_wide_screen(opened, axe_source):
    page = opened("/souq-books/", WIDE).page
    page.wait_for_selector(".glossator-article.is-laid-out")
    page.click('mark[data-annotation="muddat-al-tarmim"]')
    page.wait_for_timeout(400)
    b = _boxes(page)
    assert b["direction"] == "rtl"
    assert len(b["notes"]) == 2
    text_left = min(p["left"] for p in b["text"])
    for note in b["notes"]:
        assert note["right"] <= text_left, note  # in the left margin
        assert float(note["start"].rstrip("px")) > 0 and note["end"] == "0px"  # edge on the right
    first, second = sorted(b["notes"], key=lambda n: n["top"])
    assert first["bottom"] <= second["top"]  # no overlap
    for note in b["notes"]:
        for other in b["head"]:  # nor with the title, byline, counts (left-to-right, left side)
            apart = note["bottom"] <= other["top"] or note["top"] >= other["bottom"]
            assert apart or note["right"] <= other["left"] or note["left"] >= other["right"], (
                note,
                other,
            )
    line = page.evaluate(
        """() => { const a = document.querySelector('.glossator-article').getBoundingClientRect();
          const d = document.querySelector('.glossator-link path').getAttribute('d');
          const n = document.querySelector('#muddat-al-tarmim').getBoundingClientRect();
          const m = document.querySelector('mark[data-annotation="muddat-al-tarmim"]')
            .getClientRects()[0];
          return {d: d, note: n.right - a.left, mark: m.left - a.left}; }"""
    )
    numbers = [
        float(x) for x in line["d"].replace("M", " ").replace("H", " ").replace("V", " ").split()
    ]
    x0, _y0, mid, _ny, nx = numbers
    assert nx == pytest.approx(line["note"], abs=1)  # ends at the note's right edge
    assert x0 > mid > nx  # drawn leftwards, from the passage to its note
    assert x0 == pytest.approx(line["mark"], abs=6) or x0 <= line["mark"] + 6
    assert axe_violations(page, axe_source) == []
    _shot(page, "languages-arabic-1280.png")


def test_the_arabic_page_on_a_phone(opened, axe_source):
    page = opened("/souq-books/", PHONE).page
    page.click('mark[data-annotation="market-name"]')
    page.wait_for_selector("#market-name.is-active")
    b = _boxes(page)
    assert b["width"] <= PHONE["width"]  # nothing wider than the screen
    (note,) = b["notes"]
    assert note["left"] >= 0 and note["right"] <= PHONE["width"]
    assert float(note["start"].rstrip("px")) > 0 and note["end"] == "0px"
    under = [p for p in b["text"] if p["bottom"] <= note["top"] + 1]
    assert under, "the note opens under its paragraph"
    body = page.locator("#market-name .glossator-note-body")
    assert body.evaluate("e => getComputedStyle(e).direction") == "ltr"  # an English note
    assert axe_violations(page, axe_source) == []
    _shot(page, "languages-arabic-390.png")


def test_the_japanese_page(opened, axe_source):
    page = opened("/shibuya-shops/", WIDE).page
    page.wait_for_selector(".glossator-article.is-laid-out")
    assert page.locator(".glossator-article").get_attribute("lang") == "ja"
    assert axe_violations(page, axe_source) == []
    _shot(page, "languages-japanese-1280.png")


def _search(page, query: str) -> list[dict]:
    page.evaluate("document.getElementById('glossator-search-status').textContent = ''")
    page.fill("#glossator-search-query", query)
    page.wait_for_function(
        "() => /result/.test(document.getElementById('glossator-search-status').textContent)"
    )
    return page.eval_on_selector_all(
        ".glossator-search-hit",
        """els => els.map(li => ({kind: li.dataset.kind,
              href: li.querySelector('a').getAttribute('href'),
              lang: li.querySelector('article').lang,
              title: li.querySelector('.glossator-search-title').textContent}))""",
    )


def test_one_search_box_finds_words_in_every_language(opened):
    page = opened("/harbour-ferry/", WIDE).page
    page.focus("#glossator-search-query")  # opens the box, fetches search.js
    page.wait_for_selector("#glossator-search[data-ready]", state="attached")
    sushi = _search(page, "寿司")  # in the Japanese article's text
    assert [(h["kind"], h["href"].split("/")[-2]) for h in sushi] == [("article", "shibuya-shops")]
    statistics = _search(page, "統計")  # in a Japanese note
    assert [(h["kind"], h["title"]) for h in statistics] == [("context", "数字は示されていない")]
    assert statistics[0]["href"].endswith("/shibuya-shops/#hitode-busoku")
    assert (sushi[0]["lang"], statistics[0]["lang"]) == ("ja", "ja")  # shown in their language
    french = _search(page, "rejouissent")  # "réjouissent", typed without its accent
    assert [h["href"].split("/")[-2] for h in french] == ["marche-couvert"]
    english = _search(page, "ferry")
    assert "harbour-ferry" in {h["href"].split("/")[-2] for h in english}
    assert french[0]["lang"] == "fr" and {h["lang"] for h in english} == {""}


def test_a_french_site_shows_no_english_word_once_its_scripts_have_run(opened, french_url):
    page = opened("/marche-couvert/", WIDE, french_url).page
    page.click('mark[data-annotation="duree-travaux"]')
    page.wait_for_selector("#duree-travaux.is-active")
    page.click("#duree-travaux .glossator-cite summary")
    page.focus("#glossator-search-query")
    page.wait_for_selector("#glossator-search[data-ready]", state="attached")
    page.fill("#glossator-search-query", "marche")
    page.wait_for_function(
        "() => /résultat/.test(document.getElementById('glossator-search-status').textContent)"
    )
    shown = page.evaluate(
        """() => { const own = '.glossator-article p[id], .glossator-note-title, ' +
            '.glossator-note-body, h1, .glossator-search-title, .glossator-search-excerpt';
          const clone = document.body.cloneNode(true);
          clone.querySelectorAll(own + ', script').forEach(e => e.remove());
          const attrs = [...clone.querySelectorAll('[aria-label], [title]')]
            .map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || ''));
          return clone.innerText + '\\n' + attrs.join('\\n'); }"""
    )
    french = Interface("fr")
    english = [
        m
        for m in messages_in_code()
        if not re.search(r"\{\w+\}", m) and len(m) > 3 and french.t(m) != m
    ]
    left = [m for m in english if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", shown)]
    assert left == [], left
    assert "Copier le lien" in shown and "Afficher" in shown and "6 octobre 2025" in shown
    _shot(page, "languages-french-site-1280.png")
