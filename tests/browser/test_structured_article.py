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
    assert t.outside == ["https://example.org/pier.jpg"]


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
