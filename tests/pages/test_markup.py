"""Hostile notes and articles: nothing a stranger writes may become markup on a page.

Each vector in tests/fixtures/xss/vectors.py is checked three ways: through the Markdown
renderer alone, in a real MkDocs build (parsed with BeautifulSoup), and in the search index
JSON. test_xss_browser.py loads the same build in Chromium.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from glossator.load.notes import parse_annotation
from glossator.load.seeds import parse_article
from glossator.pages.article import render_article
from glossator.pages.markup import (
    ALLOWED_TAGS,
    LINK_REL,
    render_markdown,
    sanitise_html,
    too_complex,
)
from glossator.safe_build import build_site
from pagefind_output import fragments, note_anchors

_spec = importlib.util.spec_from_file_location(
    "xss_vectors", Path(__file__).parent.parent / "fixtures" / "xss" / "vectors.py"
)
vectors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vectors)

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "xlink:href", "poster", "background",
    "srcset", "ping", "manifest", "codebase", "cite", "longdesc", "lowsrc", "dynsrc",
}  # fmt: skip
# what our renderer emits around the sanitised bodies (docs/page-contract.md)
RENDER_TAGS = {
    "h1",
    "h2",
    "div",
    "section",
    "aside",
    "mark",
    "span",
    "time",
    "p",
    "a",
    "cite",
    "bdi",
}
RENDER_TAGS |= {"ol", "li", "nav", "ul"}  # nav, ul: links to the collection pages
RENDER_TAGS |= {"details", "summary", "code"}  # "Cite", "Changes and corrections"
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_STRIPPED = "".join(chr(c) for c in range(0x21)) + "\x7f"


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: it drops tabs/newlines anywhere and C0 controls at the ends."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip(_STRIPPED)
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


def unsafe_attributes(soup: BeautifulSoup) -> list[str]:
    """Event handlers, style, and URLs whose scheme is not http(s), anywhere in ``soup``."""
    found = []
    for el in soup.find_all(True):
        for name, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            lowered = name.lower()
            if lowered.startswith("on") or (
                lowered in URL_ATTRIBUTES and url_scheme(value) not in (None, "http", "https")
            ):
                found.append(f"<{el.name} {name}={value!r}>")
            elif lowered == "srcdoc":
                found.append(f"<{el.name} srcdoc>")
    return found


# --- the renderer alone --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(vectors.VECTORS))
def test_note_body_vector_is_sanitised(name):
    html = render_markdown(vectors.VECTORS[name])
    soup = BeautifulSoup(html, "html.parser")
    tags = {el.name for el in soup.find_all(True)}
    assert tags <= ALLOWED_TAGS, f"{name}: unexpected tags {tags - ALLOWED_TAGS} in {html!r}"
    assert not unsafe_attributes(soup), f"{name}: {unsafe_attributes(soup)} in {html!r}"
    for a in soup.find_all("a"):
        href = a.get("href")
        if href is not None:
            assert href.startswith(("http://", "https://", "#")), (name, href)
        assert a.get("rel") == LINK_REL.split(), (name, a)
    # the sanitiser's output is a fixed point: a second pass would not change it
    assert sanitise_html(html) == html


@pytest.mark.parametrize(
    "body",
    [
        "<script>window.__xss=1</script>",
        "<img src=x onerror=window.__xss=1>",
        "<b>bold</b> and <i>italic</i>",
    ],
)
def test_raw_html_in_a_body_shows_as_text(body):
    html = render_markdown(body)
    assert BeautifulSoup(html, "html.parser").get_text() == body


def test_links_to_other_sites_get_rel_and_in_page_links_survive():
    html = render_markdown("See [the record](https://example.org/r) and [note](#other-note).")
    soup = BeautifulSoup(html, "html.parser")
    external, internal = soup.find_all("a")
    assert external["href"] == "https://example.org/r"
    assert external["rel"] == ["noopener", "noreferrer", "nofollow"]
    assert internal["href"] == "#other-note"


PATHOLOGICAL = {
    "unmatched-brackets": "[" * 30_000,  # quadratic in Markdown: minutes
    "unmatched-images": "![" * 15_000,
    "nested-list-one-line": "- " * 1_000,  # RecursionError in Markdown
    "nested-ordered-list": "1. " * 1_000,
    "nested-quote-list": "> - " * 1_000,
    "indented-lists": "\n".join("    " * i + "- a" for i in range(150)),
    "dash-lines": "-\n" * 30_000,  # quadratic in Markdown: 13 s
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_bodies_that_would_stall_or_crash_markdown_render_fast_as_text(name):
    text = PATHOLOGICAL[name]
    assert too_complex(text)
    started = time.perf_counter()
    html = render_markdown(text)
    assert time.perf_counter() - started < 2
    shown = BeautifulSoup(html, "html.parser").get_text()
    assert "".join(shown.split()) == "".join(text.split())  # every character still there


def test_real_notes_are_not_too_complex():
    body = "\n".join(
        [
            "Intro with [a link](https://example.org/a) and [another][r].",
            "",
            "- a list",
            "  - nested",
            "    - twice, with **bold** and *emphasis*",
            "1. ordered",
            "",
            "> a quotation",
            "> > quoted twice",
            "",
            "[r]: https://example.org/r",
        ]
        * 10
    )
    assert too_complex(body) is None
    assert "<ul>" in render_markdown(body)


@pytest.mark.parametrize("url", vectors.REJECTED_URLS)
def test_validator_rejects_non_http_source_urls(url):
    data = yaml.safe_dump(
        {
            "quote": "q",
            "kind": "source",
            "title": "t",
            "body": "b",
            "sources": [{"title": "s", "url": url}],
        }
    ).encode()
    note, problems = parse_annotation(data, "annotations/a/n.yml", "a", "n")
    assert note is None
    assert any(p.code == "bad-url" and p.is_error for p in problems), problems


@pytest.mark.parametrize(
    "note_id", ['x"onmouseover=alert(1)', "x><script>alert(1)</script>", "Upper", "p12"]
)
def test_hostile_note_ids_are_rejected(note_id):
    data = b"quote: q\nkind: context\ntitle: t\nbody: b\n"
    note, problems = parse_annotation(data, f"annotations/a/{note_id}.yml", "a", note_id)
    assert note is None
    assert any(p.code in ("bad-id", "reserved-id") for p in problems), problems


def test_article_text_is_escaped_never_interpreted():
    text = (
        "Title\n\nA <script>window.__xss=1</script> paragraph with **not bold** and "
        "[not a link](javascript:x) & &amp; entities.\n\n<img src=x onerror=alert(1)>"
    )
    article = parse_article(text, "a")
    html = render_article(article, [])
    soup = BeautifulSoup(html, "html.parser")
    body = soup.select_one(".glossator-article")
    assert [p.get_text() for p in body.find_all("p")] == [p.text for p in article.paragraphs]
    assert {el.name for el in body.find_all(True)} == {"p"}


# --- a real build ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = vectors.write_project(tmp_path_factory.mktemp("hostile"))
    site = root / "site"
    build_site(root / "mkdocs.yml", site, strict=False)  # raw HTML in bodies only warns
    return site


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_note_was_built(hostile_site):
    soup = BeautifulSoup((hostile_site / vectors.SLUG / "index.html").read_text(), "html.parser")
    ids = sorted(a["id"] for a in soup.select("aside.glossator-note"))
    assert ids == sorted(vectors.notes())


def test_no_page_carries_executable_markup(hostile_site):
    for page in _pages(hostile_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        where = page.relative_to(hostile_site)
        assert not unsafe_attributes(soup), (where, unsafe_attributes(soup)[:5])
        for script in soup.find_all("script"):
            src = script.get("src")
            if src is not None:  # the theme's and our bundles, from the site itself
                assert url_scheme(src) is None and not src.startswith("//"), (where, src)
            if script.get("type") == "application/ld+json":
                # data, never run; and whole: a note's "</script>" would cut it short
                json.loads(script.get_text())
                continue
            assert "__xss" not in script.get_text() and "alert" not in script.get_text(), where
        for tag in ("iframe", "frame", "object", "embed", "base", "template", "noscript"):
            assert soup.find(tag) is None, (where, tag)
        assert soup.find("meta", attrs={"http-equiv": True}) is None, where
        content = soup.select_one("article.md-content__inner")
        assert content is not None, where
        for tag in ("form", "input", "button", "textarea", "select", "style", "link", "img"):
            assert content.find(tag) is None, (where, tag)
        if page.parent.name == vectors.SLUG:
            tags = {el.name for el in content.find_all(True)}
            assert tags <= ALLOWED_TAGS | RENDER_TAGS, (where, tags - ALLOWED_TAGS - RENDER_TAGS)
            assert content.find("style") is None and content.find("svg") is None
            for a in content.find_all("a", href=True):
                if a["href"].startswith(("http://", "https://")):
                    assert set(LINK_REL.split()) <= set(a.get("rel", [])), (where, a)


def test_article_text_is_shown_exactly(hostile_site):
    soup = BeautifulSoup((hostile_site / vectors.SLUG / "index.html").read_text(), "html.parser")
    article = parse_article(vectors.article_text(), vectors.SLUG)
    paragraphs = soup.select(".glossator-article > p")
    assert [p.get_text() for p in paragraphs] == [p.text for p in article.paragraphs]


def test_hostile_titles_and_sources_are_text(hostile_site):
    soup = BeautifulSoup((hostile_site / vectors.SLUG / "index.html").read_text(), "html.parser")
    for i, name in enumerate(vectors.VECTORS):
        aside = soup.find("aside", id=f"v{i:03d}-{name}")
        expected = vectors.ONE_LINE.get(name, f"Vector {name}")
        assert aside.select_one(".glossator-note-title").get_text() == " ".join(expected.split())
        source = aside.select_one(".glossator-source")
        assert source.select_one("cite").get_text() == vectors.ONE_LINE.get(name, name).strip()
        href = source.select_one("cite a")["href"]
        assert href in [u.strip() for u in vectors.URL_VECTORS.values()]


def test_search_index_holds_every_note_as_text_with_site_links(hostile_site):
    # Pagefind keeps plain text (its results are put into the page as text: see
    # test_xss_browser); what must hold here is that every note is there, under its own
    # title, and that every link it will make stays inside the site
    notes = note_anchors(hostile_site)
    assert len(notes) >= len(vectors.notes())
    for record in fragments(hostile_site):
        assert record["meta"]["page"] in (f"{vectors.SLUG}/", "./")
        assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", a["id"]) for a in record["anchors"])


# --- article metadata in the theme's templates ----------------------------------------------


@pytest.mark.parametrize("where", ["seed-title", "sidecar"])
def test_article_title_and_metadata_are_escaped_in_the_theme(tmp_path, where):
    if where == "seed-title":
        root = vectors.write_project(tmp_path / "p", title=vectors.HOSTILE_TITLE)
        title, summary = vectors.HOSTILE_TITLE, None
    else:
        root = vectors.write_project(tmp_path / "p", sidecar=vectors.HOSTILE_SIDECAR)
        title, summary = vectors.HOSTILE_SIDECAR["title"], vectors.HOSTILE_SIDECAR["summary"]
    site = root / "site"
    build_site(root / "mkdocs.yml", site, strict=False)
    for page in _pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not unsafe_attributes(soup), (page, unsafe_attributes(soup)[:3])
        assert soup.find("img") is None and soup.find("svg", onload=True) is None, page
    soup = BeautifulSoup((site / vectors.SLUG / "index.html").read_text(), "html.parser")
    assert soup.title.get_text().startswith(title)
    if summary is not None:
        assert soup.find("meta", attrs={"name": "description"})["content"] == summary
    assert soup.select_one(".md-header__topic:last-child .md-ellipsis").get_text().strip() == title
    # the search index keeps the title as text, exactly
    text_record = next(r for r in fragments(site) if "article" in r["filters"]["kind"])
    assert text_record["meta"]["title"] == title
