""" "Cite" as a reader uses it: reached and opened from the keyboard, the citation copied with
the Copy button; without JavaScript the citation is on the page and every format one link
away; axe finds nothing on the pages the citations and the reuse page add."""

from __future__ import annotations

import pytest
from glossator_browser import ARTICLE, PHONE, WIDE
from test_a11y import axe_violations

pytestmark = pytest.mark.browser


def _tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_article_citation_is_copied_from_the_keyboard(tab):
    t = tab(**WIDE, permissions=["clipboard-read", "clipboard-write"])
    page = t.open()
    _tab_to(page, "details.glossator-cite-article > summary")
    page.keyboard.press("Enter")
    details = page.locator("details.glossator-cite-article")
    assert details.get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('button.glossator-copy-citation')")
    page.keyboard.press("Enter")
    expected = details.locator(".glossator-cite-text").inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    # unsigned: cited by its title and the publication, with no author
    assert expected.startswith("“US Begins Serious Peace Talks")
    assert "The News Line (August 2019)." in expected and "unsigned" not in expected
    assert details.locator("[role=status]").inner_text() == "Copied to the clipboard"
    assert t.errors == [] and t.outside == []


@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_a_note_citation_is_copied_from_the_keyboard(tab, size):
    t = tab(**size, permissions=["clipboard-read", "clipboard-write"])
    page = t.open()
    note = page.locator(".glossator-note").nth(2)
    note_id = note.get_attribute("id")
    mark = page.locator(f"mark[data-annotation='{note_id}']").first
    mark.focus()
    page.keyboard.press("Enter")  # opens the note
    _tab_to(page, f"#{note_id} details.glossator-cite > summary")
    page.keyboard.press(" ")
    page.keyboard.press("Tab")
    page.keyboard.press(" ")
    text = note.locator(".glossator-cite-text").inner_text()
    assert text.endswith(f"/{ARTICLE}/#{note_id}")
    assert page.evaluate("navigator.clipboard.readText()") == text
    # the link to every format is next
    page.keyboard.press("Tab")
    href = page.evaluate("document.activeElement.href")
    assert href == f"{t.base}/{ARTICLE}/cite/#{note_id}"
    assert t.errors == [] and t.outside == []


def test_without_javascript_the_citation_is_on_the_page_and_formats_one_link_away(tab):
    t = tab(**WIDE, java_script_enabled=False)
    page = t.page
    page.goto(t.base + f"/{ARTICLE}/")
    note = page.locator(".glossator-note").first
    note_id = note.get_attribute("id")
    note.locator("details.glossator-cite > summary").click()
    assert note.locator(".glossator-cite-text").is_visible()
    note.locator(".glossator-cite-more a").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/{ARTICLE}/cite/#{note_id}")
    bibtex = page.locator(f"#{note_id}-bibtex + pre").inner_text()
    assert bibtex.startswith(f"@misc{{{ARTICLE}-{note_id},")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("path", [f"/{ARTICLE}/cite/", "/data-and-reuse/"], ids=["cite", "reuse"])
def test_axe_finds_no_violations_on_the_reuse_pages(tab, axe_source, path, size, scheme):
    t = tab(**size, scheme=scheme)
    page = t.page
    page.goto(t.base + path)
    page.wait_for_selector("button.glossator-copy-citation" if "cite" in path else "h1")
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_axe_with_citations_open(tab, axe_source, size, scheme):
    page = tab(**size, scheme=scheme).open()
    page.evaluate("document.querySelectorAll('details.glossator-cite').forEach(d => d.open = true)")
    first = page.get_attribute(".glossator-note", "id")
    page.locator(f"mark[data-annotation='{first}']").first.click()
    page.wait_for_timeout(300)
    assert axe_violations(page, axe_source) == []
