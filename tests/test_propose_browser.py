"""'Propose a note' in a real browser: select a passage, press the button, check the link.

Builds the real site into a temporary folder, serves it on 127.0.0.1 and drives Debian's
Chromium with Playwright. window.open is replaced before the page loads, so the GitHub
"new file" link is captured, never followed; any request off the loopback address is refused.
The YAML in the link is checked against what ``glossator new`` computes for the same passage.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from glossator.anchoring import unique_context
from glossator.annotations import parse_annotation
from glossator.edition import load_edition
from projects import CHROMIUM
from projects import CHROMIUM_ARGS as ARGS

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SLUG = "us-taliban-doha-talks-2019"
REPO_URL = "https://github.com/glossator/glossator"

SELECT = """
([paragraph, text, nth]) => {
  // select the nth occurrence of `text` in paragraph p<paragraph>, across marks if need be
  const p = document.getElementById('p' + paragraph);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let all = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data; }
  let at = -1;
  for (let i = 0; i <= nth; i++) at = all.indexOf(text, at + 1);
  if (at < 0) throw new Error('not found: ' + text);
  const point = (offset) => {
    for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
  };
  const range = document.createRange();
  range.setStart(...point(at));
  range.setEnd(...point(at + text.length));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def page(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        outside: list[str] = []

        def guard(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        context.add_init_script("window.open = (url) => { window.__opened = url; return null; };")
        tab = context.new_page()
        tab.goto(f"{site}/{SLUG}/")
        tab.wait_for_selector(".glossator-article")
        yield tab
        assert outside == [] or all("127.0.0.1" not in u for u in outside)
        browser.close()


def propose(page, paragraph: int, text: str, nth: int = 0, keyboard: bool = False) -> str:
    page.evaluate("() => { window.__opened = null; }")
    page.evaluate(SELECT, [paragraph, text, nth])
    button = page.locator("button.glossator-propose")
    button.wait_for(state="visible")
    if keyboard:  # the button's access key: Alt+N in Chromium
        page.keyboard.press("Alt+n")
    else:
        button.click()
    page.wait_for_function("() => window.__opened !== null")
    return page.evaluate("() => window.__opened")


def split(url: str) -> tuple[str, str, dict]:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    (filename,) = query["filename"]
    (value,) = query["value"]
    return f"{parts.scheme}://{parts.netloc}{parts.path}", filename, value


@pytest.fixture(scope="module")
def article():
    return load_edition(REPO).articles[SLUG]


def expected_selector(article, paragraph: int, text: str, nth: int = 0):
    para = article.paragraphs[paragraph - 1]
    at = -1
    for _ in range(nth + 1):
        at = para.text.index(text, at + 1)
    start = para.start + at
    return (text, *unique_context(article.body, start, start + len(text)))


def test_unique_passage_gives_a_prefilled_github_new_file_link(page, article):
    url = propose(page, 7, "eating dirt in Afghanistan")
    base, filename, value = split(url)
    assert base == f"{REPO_URL}/new/main"
    assert filename == f"annotations/{SLUG}/eating-dirt-afghanistan.yml"
    note = yaml.safe_load(value)
    assert value.startswith("# yaml-language-server: $schema=")
    assert note["quote"] == "eating dirt in Afghanistan"
    assert "prefix" not in note and "suffix" not in note
    assert note["paragraph"] == 7
    assert note["kind"] == "context"
    # the draft is a valid note except for the TODOs the contributor must replace
    _, problems = parse_annotation(value.encode(), filename, SLUG, "eating-dirt-afghanistan")
    assert {p.code for p in problems if p.is_error} == {"placeholder"}


def test_repeated_passage_gets_the_context_glossator_new_would_write(page, article):
    for nth, paragraph in ((0, 17), (0, 18)):
        url = propose(page, paragraph, "the City of", nth)
        note = yaml.safe_load(split(url)[2])
        quote, prefix, suffix = expected_selector(article, paragraph, "the City of", nth)
        assert (note["quote"], note.get("prefix", ""), note.get("suffix", "")) == (
            quote,
            prefix,
            suffix,
        )
        assert prefix or suffix
        assert note["paragraph"] == paragraph


def test_selection_across_marks_and_keyboard_activation(page, article):
    # "weapons of mass destruction" sits inside a mark: the quote is the article's text
    text = "using the infamous ‘weapons of mass destruction’ lie"
    url = propose(page, 1, text, keyboard=True)
    note = yaml.safe_load(split(url)[2])
    assert note["quote"] == text
    assert split(url)[1] == f"annotations/{SLUG}/using-infamous-weapons-mass-destruction.yml"


def test_no_button_outside_the_article(page):
    page.evaluate("() => window.getSelection().removeAllRanges()")
    page.wait_for_timeout(300)
    assert page.locator("button.glossator-propose:visible").count() == 0
    page.evaluate(
        """() => {
        const h = document.querySelector('h1');
        const r = document.createRange(); r.selectNodeContents(h);
        window.getSelection().removeAllRanges(); window.getSelection().addRange(r);
    }"""
    )
    page.wait_for_timeout(300)
    assert page.locator("button.glossator-propose:visible").count() == 0
