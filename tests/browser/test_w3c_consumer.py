"""A real W3C consumer finds every exported note on the published page, where it is marked.

Apache Annotator's ``createTextQuoteSelectorMatcher`` (from npm, bundled for the page with
esbuild) requires ``prefix + exact + suffix`` verbatim in the DOM text. For each note of the
seed edition and of the Markdown fixture it must find exactly one match, over the page's
``.glossator-article`` element and over ``document.body``, starting where the note's first
mark starts and ending where its last ends. The packages are installed from
``tests/browser/w3c_consumer/package.json`` (and its lock) into ``.cache/``, never committed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from glossator_browser import ARTICLE, REPO, WIDE, serve

CONSUMER = Path(__file__).resolve().parent / "w3c_consumer"

MATCH = """async ({selector, id}) => {
  const {createTextQuoteSelectorMatcher} = window.AnnotatorDom;
  const offset = (scope, node, at) => {
    const r = document.createRange();
    r.setStart(scope, 0);
    r.setEnd(node, at);
    return r.toString().length;
  };
  const marks = [...document.querySelectorAll(`mark[data-annotation="${id}"]`)];
  const out = {};
  for (const [name, scope] of [["article", document.querySelector(".glossator-article")],
                               ["body", document.body]]) {
    const found = [];
    for await (const m of createTextQuoteSelectorMatcher(selector)(scope)) {
      found.push({text: m.toString(), start: offset(scope, m.startContainer, m.startOffset),
                  end: offset(scope, m.endContainer, m.endOffset)});
    }
    const last = marks[marks.length - 1];
    const after = document.createRange();
    after.setStart(scope, 0);
    after.setEndAfter(last);
    out[name] = {found, markStart: offset(scope, marks[0], 0), markEnd: after.toString().length};
  }
  return out;
}"""


@pytest.fixture(scope="session")
def annotator_js() -> str:
    """The consumer bundled as one script; npm installs it into .cache/ once per lock file."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: the W3C consumer (Apache Annotator) comes from npm")
    lock = (CONSUMER / "package-lock.json").read_bytes()
    cache = REPO / ".cache" / f"w3c-consumer-{hashlib.sha256(lock).hexdigest()[:12]}"
    bundle = cache / "annotator.js"
    if not bundle.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json", "entry.js"):
            shutil.copy(CONSUMER / name, cache / name)
        run = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
        proc = subprocess.run(run, cwd=cache, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"npm ci failed:\n{proc.stdout}\n{proc.stderr}"
        esbuild = cache / "node_modules" / ".bin" / "esbuild"
        args = [str(esbuild), "entry.js", "--bundle", "--format=iife"]
        args += ["--global-name=AnnotatorDom", "--outfile=annotator.js"]
        proc = subprocess.run(args, cwd=cache, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, f"esbuild failed:\n{proc.stdout}\n{proc.stderr}"
    return bundle.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def structured_url(structured_site: Path) -> Iterator[str]:
    with serve(structured_site) as url:
        yield url


def _items(site: Path, slug: str) -> list[dict]:
    doc = json.loads((site / slug / "annotations.jsonld").read_text(encoding="utf-8"))
    return doc["items"]


def _check(page, items: list[dict]) -> list[str]:
    wrong = []
    for item in items:
        note = item["id"].rsplit("#", 1)[1]
        (selector,) = item["target"]["selector"]
        result = page.evaluate(MATCH, {"selector": selector, "id": note})
        for scope, r in result.items():
            spans = [(f["start"], f["end"]) for f in r["found"]]
            if spans != [(r["markStart"], r["markEnd"])]:
                wrong.append(f"{note} over {scope}: matches {spans}, marked {r['markStart']}-"
                             f"{r['markEnd']}")  # fmt: skip
            elif r["found"][0]["text"] != selector["exact"]:
                wrong.append(f"{note} over {scope}: matched text differs from exact")
    return wrong


@pytest.mark.parametrize("edition", ["seed", "markdown"])
def test_a_w3c_consumer_finds_every_note_where_it_is_marked(
    browser, annotator_js, site_dir, base_url, structured_site, structured_url, edition
):
    site, url, slug = (
        (site_dir, base_url, ARTICLE)
        if edition == "seed"
        else (structured_site, structured_url, "harbour-levy")
    )
    context = browser.new_context(viewport={"width": WIDE["width"], "height": WIDE["height"]})
    try:
        page = context.new_page()
        page.route("**/*", _loopback_only)
        page.goto(f"{url}/{slug}/")
        page.wait_for_selector(".glossator-article.is-js")
        page.add_script_tag(content=annotator_js)
        items = _items(site, slug)
        assert len(items) >= 10
        assert _check(page, items) == []
    finally:
        context.close()


def _loopback_only(route) -> None:
    if "//127.0.0.1" in route.request.url:
        route.continue_()
    else:
        route.abort()
