"""Search from the header and the collection pages, on a generated edition of 60 articles.

Chromium drives the built site as a reader would: nothing of search is fetched before the
search box is opened; a note found by search opens on its page; the kind radios restrict the
results; the year, publication and topic pages and the all-articles index list exactly the
articles they should and are reached from each article's header; axe finds no violations.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_a11y import axe_violations

from corpus import write_edition
from glossator.pages.collection import PUBLICATION, TOPIC, YEAR, groups, newest_first
from glossator.pipeline.edition import load_edition
from projects import mkdocs_build, write_project

pytestmark = pytest.mark.browser

ARTICLES, NOTES = 60, 6
SEARCH_FILES = ("/pagefind/", "/assets/glossator/search.js", "/assets/glossator/search.css")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = write_project(tmp_path_factory.mktemp("collection"), {})
    write_edition(root, ARTICLES, NOTES)
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def edition(project):
    return load_edition(project)


@pytest.fixture(scope="module")
def url(project) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(project / "site"))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_page(browser, url):
    """open_page(path, width=1280, scheme="light") -> (page, fetched URLs, errors)."""
    contexts = []

    def make(path: str, width: int = 1280, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        fetched: list[str] = []
        errors: list[str] = []

        def guard(route) -> None:
            parts = urlsplit(route.request.url)
            if parts.hostname == "127.0.0.1" or parts.scheme in ("data", "blob"):
                fetched.append(parts.path)
                route.continue_()
            else:
                errors.append(f"outside request: {route.request.url}")
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + path, wait_until="load")
        return page, fetched, errors

    yield make
    for context in contexts:
        context.close()


def search(page, query: str) -> list[dict]:
    page.wait_for_selector("#glossator-search[data-ready]", state="attached")
    page.evaluate("document.getElementById('glossator-search-status').textContent = ''")
    page.fill("#glossator-search-query", query)
    page.wait_for_function(
        "() => /result/.test(document.getElementById('glossator-search-status').textContent)"
    )
    return page.eval_on_selector_all(
        ".glossator-search-hit",
        """els => els.map(li => ({kind: li.dataset.kind,
              href: li.querySelector('a').getAttribute('href'),
              title: li.querySelector('.glossator-search-title').textContent,
              badge: li.querySelector('.glossator-search-kind').textContent}))""",
    )


# --- search ------------------------------------------------------------------------------------


def test_nothing_of_search_is_fetched_before_the_box_is_opened(open_page):
    page, fetched, errors = open_page("/")
    page.wait_for_timeout(300)
    page.click(".glossator-articles .glossator-item-title a")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert [f for f in fetched if f.startswith(SEARCH_FILES)] == []
    page.keyboard.press("/")  # opens the box as in material, and focuses it
    page.wait_for_function("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.id") == "glossator-search-query"
    assert search(page, "ceasefire")
    assert any(f.startswith("/pagefind/") for f in fetched)
    assert errors == []


def test_a_note_result_shows_its_kind_and_title_and_opens_the_note(open_page, edition):
    page, _, errors = open_page("/")
    note = next(n for n in edition.notes["article-0007"] if n.id == "note-03")
    page.keyboard.press("/")
    # every note body carries a unique token such as ref7x3
    hits = search(page, "ref7x3")
    assert hits[0]["kind"] == note.kind
    assert hits[0]["badge"].lower() == note.kind
    assert hits[0]["title"] == note.annotation.title
    assert hits[0]["href"].endswith(f"/article-0007/#{note.id}")
    page.click(".glossator-search-hit a")
    page.wait_for_function(
        f"document.getElementById('{note.id}')?.classList.contains('is-active')", timeout=10000
    )
    assert urlsplit(page.url).fragment == note.id
    assert not page.evaluate("document.getElementById('__search').checked")
    assert errors == []


def test_on_a_phone_a_result_names_its_kind_in_one_piece(open_page):
    page, _, errors = open_page("/", width=320)  # the narrowest phones
    page.keyboard.press("/")
    assert len({h["kind"] for h in search(page, "passage")}) >= 2
    page.eval_on_selector_all(  # as beside a long article title (the seed's has 14 words)
        ".glossator-search-where",
        "els => els.forEach(e => { e.textContent += ' and more'.repeat(9) })",
    )
    badges = page.eval_on_selector_all(
        ".glossator-search-kind",
        "els => els.map(e => [e.textContent, e.getClientRects().length,"
        " e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)])",
    )
    broken = [(text, lines) for text, rects, lines in badges if rects > 1 or lines > 1.5]
    assert badges and broken == []  # "COUNTERPOINT", not "COUNTER" over "POINT"
    assert errors == []


@pytest.mark.parametrize("kind", ["article", "context", "counterpoint", "source"])
def test_results_can_be_restricted_to_one_kind(open_page, kind):
    page, _, errors = open_page("/")
    page.keyboard.press("/")
    # article titles say "on the talks"; note titles "about the passage"
    query = "talks" if kind == "article" else "passage"
    if kind != "article":
        assert len({h["kind"] for h in search(page, query)}) >= 2  # mixed kinds, unrestricted
    page.check(f"input[name=glossator-search-kind][value={kind}]")
    hits = search(page, query + " ")  # a new value: the box searches again
    assert hits and {h["kind"] for h in hits} == {kind}
    assert errors == []


def test_search_is_usable_from_the_keyboard(open_page):
    page, _, errors = open_page("/article-0001/")
    page.keyboard.press("/")
    search(page, "ref12x1")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and focused.endswith("/article-0012/#note-01")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "glossator-search-query"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert errors == []


# --- collection pages ---------------------------------------------------------------------------


def listed(page) -> list[str]:
    return page.eval_on_selector_all(
        "ul.glossator-items .glossator-item-title a",
        "els => els.map(a => new URL(a.href).pathname.split('/').filter(Boolean).pop())",
    )


def test_the_all_articles_index_lists_every_article_newest_first_with_counts(open_page, edition):
    page, _, errors = open_page("/articles/")
    assert listed(page) == [a.slug for a in newest_first(edition)]
    counts = page.eval_on_selector(
        "ul.glossator-items > li",
        "li => [...li.querySelectorAll('.glossator-count')].map(e => e.textContent)",
    )
    assert counts == ["2 contexts", "2 counterpoints", "2 sources"]
    assert errors == []


@pytest.mark.parametrize("kind", [YEAR, PUBLICATION, TOPIC])
def test_each_group_page_lists_exactly_its_articles(open_page, edition, kind):
    found = groups(edition)[kind]
    assert found
    group = max(found, key=lambda g: len(g.slugs))
    page, _, errors = open_page("/" + group.uri)
    assert page.inner_text("h1") == group.title()
    assert listed(page) == list(group.slugs)
    assert errors == []


def test_an_article_header_leads_to_its_year_publication_topics_and_neighbours(open_page, edition):
    ordered = newest_first(edition)
    article = ordered[5]
    page, _, errors = open_page(f"/{article.slug}/")
    links = page.eval_on_selector_all(
        ".glossator-collection a", "els => els.map(a => [a.textContent, a.getAttribute('href')])"
    )
    texts = [t for t, _ in links]
    assert f"More from {article.publication}" in texts
    assert f"More from {article.published[:4]}" in texts
    assert set(article.tags) <= set(texts)
    assert "All articles" in texts
    newer = page.get_attribute("a[rel=prev]", "href")
    older = page.get_attribute("a[rel=next]", "href")
    assert newer.rstrip("/").endswith(ordered[4].slug)
    assert older.rstrip("/").endswith(ordered[6].slug)
    page.click(".glossator-collection a.glossator-topic")
    page.wait_for_load_state("load")
    assert article.slug in listed(page)
    assert errors == []


def test_the_home_page_shows_the_newest_and_the_ways_in(open_page, edition):
    page, _, errors = open_page("/")
    newest = page.eval_on_selector_all(
        ".glossator-articles .glossator-item-title a",
        "els => els.map(a => a.getAttribute('href').replace(/\\/$/, ''))",
    )
    assert newest == [a.slug for a in newest_first(edition)[:10]]
    for heading in ("By year", "By publication", "By topic"):
        assert page.locator(f"h2:text-is('{heading}')").count() == 1
    assert errors == []


AXE_PAGES = ["/", "/articles/", "/topics/"]


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (390, "dark")])
def test_axe_finds_no_violations_on_collection_pages_and_search(
    open_page, edition, axe_source, width, scheme
):
    g = groups(edition)
    paths = [*AXE_PAGES, "/" + g[YEAR][0].uri, "/" + g[PUBLICATION][0].uri]
    for path in paths:
        page, _, errors = open_page(path, width, scheme)
        violations = axe_violations(page, axe_source)
        assert violations == [], (path, violations)
        assert errors == []
    page, _, errors = open_page("/article-0002/", width, scheme)
    page.keyboard.press("/")
    search(page, "ceasefire")
    violations = axe_violations(page, axe_source)
    assert violations == [], ("search results", violations)
