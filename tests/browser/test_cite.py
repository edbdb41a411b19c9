""" "Cite" as a reader uses it: reached and opened from the keyboard, the citation copied with
the Copy button, BibTeX and CSL-JSON one disclosure further, every citation of the page
downloaded at once; without JavaScript every format is still on the page; axe finds nothing
with the citations open, nor on the reuse page."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
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
    assert details.locator("[role=status]").first.inner_text() == "Copied to the clipboard"
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
    # BibTeX and CSL-JSON are one disclosure further, each with its own Copy button
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.activeElement.matches('details.glossator-cite-formats > summary')"
    )
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label == "Copy BibTeX citation"
    page.keyboard.press("Enter")
    bibtex = page.evaluate("navigator.clipboard.readText()")
    assert bibtex.startswith(f"@misc{{{ARTICLE}-{note_id},")
    assert t.errors == [] and t.outside == []


def test_every_citation_of_the_page_downloads_at_once(tab):
    t = tab(**WIDE)
    page = t.open()
    article = page.locator("details.glossator-cite-article")
    article.locator("summary").first.click()
    article.locator("details.glossator-cite-formats > summary").click()
    notes = page.locator(".glossator-note").count()
    with page.expect_download() as bib:
        article.get_by_role("link", name="BibTeX").click()
    assert bib.value.suggested_filename == f"{ARTICLE}.bib"
    library = bibtexparser.parse_string(Path(bib.value.path()).read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert len(library.entries) == notes + 1  # the article and every note
    with page.expect_download() as csl:
        article.get_by_role("link", name="CSL-JSON").click()
    items = json.loads(Path(csl.value.path()).read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == [e.key for e in library.entries]
    assert t.errors == [] and t.outside == []


def test_without_javascript_every_format_is_on_the_page(tab):
    t = tab(**WIDE, java_script_enabled=False)
    page = t.page
    page.goto(t.base + f"/{ARTICLE}/")
    note = page.locator(".glossator-note").first
    note_id = note.get_attribute("id")
    note.locator("details.glossator-cite > summary").click()
    assert note.locator(".glossator-cite-text").is_visible()
    note.locator("details.glossator-cite-formats > summary").click()
    bibtex = note.locator('pre[data-glossator-copy="BibTeX"]')
    assert bibtex.is_visible()
    assert bibtex.inner_text().startswith(f"@misc{{{ARTICLE}-{note_id},")
    csl = json.loads(note.locator('pre[data-glossator-copy="CSL-JSON"]').inner_text())
    assert csl[0]["id"] == f"{ARTICLE}-{note_id}"
    # nothing to gather with: "All of them at once" is not offered
    assert page.locator(".glossator-cite-all").is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_axe_finds_no_violations_on_the_reuse_page(tab, axe_source, size, scheme):
    t = tab(**size, scheme=scheme)
    page = t.page
    page.goto(t.base + "/data-and-reuse/")
    page.wait_for_selector("h1")
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_axe_with_citations_open(tab, axe_source, size, scheme):
    page = tab(**size, scheme=scheme).open()
    page.evaluate(
        "document.querySelectorAll('details.glossator-cite, details.glossator-cite-formats')"
        ".forEach(d => d.open = true)"
    )
    first = page.get_attribute(".glossator-note", "id")
    page.locator(f"mark[data-annotation='{first}']").first.click()
    page.wait_for_timeout(300)
    assert axe_violations(page, axe_source) == []
