"""The hostile build in a real browser: nothing a note or an article says may run.

Every vector in tests/fixtures/xss/vectors.py would set ``window.__xss`` or open a dialog
if it ran. Chromium loads each page (and material's search results, which are rendered
from the search index as HTML), hovers and focuses every mark and link, and we assert the
flag is still unset, no dialog opened, and the parsed DOM has no event-handler attribute
or non-http(s) URL. Requests beyond 127.0.0.1 are refused and must not even be attempted
(a surviving ``<img src=https://...>`` would be a tracking pixel).
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from glossator_browser import serve
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from glossator.safe_build import build_site

_spec = importlib.util.spec_from_file_location(
    "xss_vectors", Path(__file__).parent.parent / "fixtures" / "xss" / "vectors.py"
)
vectors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vectors)

# Runs in the page after load: everything the browser itself parsed that could execute.
AUDIT_JS = """() => {
  const bad = [];
  const ok = (u) => {
    try {
      return ['http:', 'https:'].includes(new URL(u, location.href).protocol);
    } catch (e) {
      return true;  // not a URL at all: nothing to navigate to or run
    }
  };
  for (const el of document.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name);
      if (name.toLowerCase().startsWith('on')) bad.push(`${el.tagName} ${name}=${value}`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster'].includes(name)
          && !ok(value)) bad.push(`${el.tagName} ${name}=${value}`);
      if (name === 'srcdoc') bad.push(`${el.tagName} srcdoc`);
    }
  }
  for (const tag of ['iframe', 'frame', 'object', 'embed', 'base']) {
    if (document.querySelector(tag)) bad.push(`<${tag}>`);
  }
  const content = document.querySelector('article.md-content__inner');
  for (const tag of ['script', 'style', 'img', 'form', 'input', 'link', 'meta', 'iframe']) {
    if (content && content.querySelector(tag)) bad.push(`<${tag}> in content`);
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.type === 'application/ld+json') {
      // structured data: never run, and whole (a note's "</script>" would have cut it short)
      try { JSON.parse(s.textContent); } catch (e) { bad.push('JSON-LD cut short'); }
      continue;
    }
    if (s.src && new URL(s.src).origin !== location.origin) bad.push(`script ${s.src}`);
    if (/__xss|alert\\(/.test(s.textContent)) bad.push('inline script with a payload');
  }
  return bad;
}"""

# Hover and focus what a reader touches, so inline handlers (had any survived) would fire.
TOUCH_JS = """() => {
  const targets = document.querySelectorAll(
    'article.md-content__inner a, article.md-content__inner mark, '
    + 'article.md-content__inner cite, article.md-content__inner aside');
  for (const el of targets) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'pointerover']) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  return targets.length;
}"""


def _build(root: Path) -> Path:
    site = root / "site"
    build_site(root / "mkdocs.yml", site, strict=False)
    return site


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory) -> Iterator[str]:
    with serve(_build(vectors.write_project(tmp_path_factory.mktemp("xss")))) as url:
        yield url


SEARCH_STATUS = "document.getElementById('glossator-search-status')"
SEARCH_IDLE = f"() => /^Type/.test(({SEARCH_STATUS} || {{}}).textContent || '')"
SEARCH_DONE = f"() => /result/i.test(({SEARCH_STATUS} || {{}}).textContent || '')"
"""The search box's live status: 'Type to start searching' when empty, then 'Searching…',
then 'N results' or 'No results' once this query's results are on the page."""


def visit(browser, base: str, paths: list[str], searches: list[str]) -> dict:
    """Load each path (then run each search on the first); what ran, opened or was fetched."""
    context = browser.new_context()
    dialogs: list[str] = []
    outside: list[str] = []
    findings: dict[str, list[str]] = {}
    host = urlsplit(base).netloc

    def route(r):
        if urlsplit(r.request.url).netloc == host:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    touched = 0
    try:
        for path in paths:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(150)
            touched += page.evaluate(TOUCH_JS)
            findings[path] = page.evaluate(AUDIT_JS)
            assert page.evaluate("() => window.__xss") is None, f"payload ran on {path}"
        page.goto(base + paths[0], wait_until="load")
        box = page.locator("input.md-search__input")
        for query in searches:
            box.click()
            box.fill("")
            # the previous query's results stay until this one's arrive: wait for the reset
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(SEARCH_IDLE, timeout=10000)
            box.press_sequentially(query, delay=10)  # the box searches on key events
            # Pagefind fetches index chunks per query: give a busy machine time for them
            with contextlib.suppress(PlaywrightTimeout):  # then "no results shown" says it
                page.wait_for_function(SEARCH_DONE, timeout=30000)
            page.wait_for_timeout(300)
            shown = page.locator(".md-search-result__link").count()
            findings[f"search {query!r}"] = page.evaluate(AUDIT_JS)
            findings[f"search {query!r} results"] = [] if shown else ["no results shown"]
        xss = page.evaluate("() => window.__xss")
    finally:
        context.close()
    return {
        "xss": xss,
        "dialogs": dialogs,
        "outside": outside,
        "findings": {k: v for k, v in findings.items() if v},
        "touched": touched,
    }


# words that occur in the hostile notes (material's search results render their HTML)
SEARCHES = ["window", "onerror", "javascript", "click", "vector", "quoting", "hostile"]


def test_nothing_hostile_runs_in_the_browser(browser, hostile_url):
    paths = [
        f"/{vectors.SLUG}/",
        "/",
        "/404.html",
        # hostile query and fragment: the reader script reads both
        f"/{vectors.SLUG}/?hide=<img%20src=x%20onerror=alert(1)>#<img src=x onerror=alert(1)>",
        f"/{vectors.SLUG}/#%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
    ]
    result = visit(browser, hostile_url, paths, SEARCHES)
    assert result["xss"] is None
    assert result["dialogs"] == []
    assert result["findings"] == {}
    assert result["outside"] == [], "a hostile note made the browser fetch another site"
    assert result["touched"] > len(vectors.notes())  # the hover pass did reach the notes


def test_hostile_article_title_and_metadata_do_not_run(browser, tmp_path):
    root = vectors.write_project(tmp_path / "meta", sidecar=vectors.HOSTILE_SIDECAR)
    with serve(_build(root)) as url:
        result = visit(browser, url, [f"/{vectors.SLUG}/", "/"], ["hostile", "article", "window"])
    assert result["xss"] is None
    assert result["dialogs"] == []
    assert result["findings"] == {}
