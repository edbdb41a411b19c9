"""The page of a Markdown article (tests/fixtures/structured) in Chromium: accessible in both
schemes and sizes, notes opening from marks in every kind of block, and no request leaving."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from glossator_browser import PHONE, WIDE, open_tab, serve
from test_a11y import axe_violations

SIZES = {"1280": WIDE, "390": PHONE}
PATH = "/harbour-levy/"


@pytest.fixture(scope="module")
def structured_base(structured_site: Path) -> Iterator[str]:
    with serve(structured_site) as url:
        yield url


@pytest.fixture
def structured_tab(browser, structured_base):
    opened = []

    def make(**options):
        opened.append(open_tab(browser, structured_base, **options))
        t = opened[-1]
        t.page.goto(structured_base + PATH)
        t.page.wait_for_selector(".glossator-article.is-js")
        return t

    yield make
    for t in opened:
        t.page.context.close()


def _page_errors(t) -> list[str]:
    # the fixture's image is on example.org, which the test browser refuses to fetch
    return [e for e in t.errors if "Failed to load resource" not in e]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_no_violations_on_a_markdown_article(structured_tab, axe_source, size, scheme):
    t = structured_tab(**SIZES[size], scheme=scheme)
    violations = axe_violations(t.page, axe_source)
    assert violations == [], "\n".join(violations)
    t.page.locator("mark[data-annotation='pier-breakwater']").first.click()
    t.page.wait_for_timeout(300)
    violations = axe_violations(t.page, axe_source)
    assert violations == [], "with a note open:\n" + "\n".join(violations)
    assert _page_errors(t) == []
    # refused: the article's own image, and the theme's repository facts (repo_url is set)
    assert "https://example.org/pier.jpg" in t.outside
    assert all(u == "https://example.org/pier.jpg" or u.startswith("https://api.github.com/")
               for u in t.outside), t.outside  # fmt: skip


@pytest.mark.parametrize(
    "note", ["ferry", "three-parts", "pier-breakwater", "quote-out", "yacht", "letters"]
)
def test_a_mark_in_any_block_opens_its_note_beside_it(structured_tab, note):
    t = structured_tab(**WIDE)
    marks = t.page.locator(f"mark[data-annotation='{note}']")
    assert marks.count() >= 2  # the passage crosses an element boundary
    marks.last.click()
    aside = t.page.locator(f"#{note}")
    assert "is-active" in (aside.get_attribute("class") or "")
    box, mark = aside.bounding_box(), marks.first.bounding_box()
    assert box["x"] > mark["x"]  # in the margin, to the right of the text
    assert abs(box["y"] - mark["y"]) < 200  # level with the passage's start
    assert _page_errors(t) == []


SELECT_BETWEEN = """
([startText, endText]) => {
  // from the start of startText to the end of endText in the article's own text (no notes)
  const article = document.querySelector('.glossator-article');
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {acceptNode: (n) =>
    n.parentNode.closest('.glossator-notes') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const nodes = [];
  let all = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data; }
  const point = (offset) => {
    for (let k = nodes.length - 1; k >= 0; k--) if (nodes[k][1] <= offset) return [nodes[k][0], offset - nodes[k][1]];
  };
  const start = all.indexOf(startText), end = all.indexOf(endText, start) + endText.length;
  const range = document.createRange();
  range.setStart(...point(start));
  range.setEnd(...point(end));
  window.getSelection().removeAllRanges();
  window.getSelection().addRange(range);
}
"""
EPOCH = 1718445600  # 2024-06-15 10:00 UTC, for the page and for glossator new alike


@pytest.mark.parametrize(
    ("start_text", "end_text"),
    [
        ("go to a sinking", "for repairs"),  # across an emphasis
        ("the north pier first", "then the breakwater"),  # across two list items
        ("had three parts", "raise the levy"),  # from a paragraph into a list
        ("What the council", "The motion"),  # from a heading into its paragraph
    ],
)
def test_propose_drafts_what_glossator_new_writes_on_a_markdown_article(
    browser, structured_base, capsys, monkeypatch, start_text, end_text
):
    import datetime as dt
    from urllib.parse import parse_qs, urlsplit

    from glossator.cli import main as glossator
    from glossator.pipeline.edition import load_edition
    from projects import STRUCTURED

    t = open_tab(browser, structured_base, timezone_id="UTC")
    try:
        t.page.clock.set_fixed_time(dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc))
        t.page.add_init_script("window.open = (url) => { window.__opened = url; return null; };")
        t.page.goto(structured_base + PATH)
        t.page.wait_for_selector(".glossator-article.is-js")
        t.page.evaluate("() => { window.__opened = null; }")
        t.page.evaluate(SELECT_BETWEEN, [start_text, end_text])
        t.page.locator("button.glossator-propose").click()
        t.page.wait_for_function("() => window.__opened !== null")
        (value,) = parse_qs(urlsplit(t.page.evaluate("() => window.__opened")).query)["value"]
    finally:
        t.page.context.close()
    body = load_edition(STRUCTURED).articles["harbour-levy"].body
    start = body.index(start_text)
    quote = body[start : body.index(end_text, start) + len(end_text)]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    capsys.readouterr()
    args = ["-C", str(STRUCTURED), "new", "harbour-levy", "--quote", quote, "--kind", "context"]
    assert glossator([*args, "--dry-run"]) == 0, capsys.readouterr().err
    assert value == capsys.readouterr().out
    assert "*" not in value.split("quote:")[1].split("\n")[0]  # the text read, no Markdown
