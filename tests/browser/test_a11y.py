"""axe-core finds no violations (all rules axe runs by default, none disabled) on the home page,
the about page and the article, at 1280 px and 390 px, in the light and dark schemes, with a note
closed and open."""

from __future__ import annotations

import pytest
from glossator_browser import ARTICLE, PHONE, WIDE

SIZES = {"1280": WIDE, "390": PHONE}


def axe_violations(page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for v in result["violations"]:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {n['target']}: {n['failureSummary']}" for n in v["nodes"][:5])
    return lines


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", ["/", f"/{ARTICLE}/", "/about/"], ids=["home", "article", "about"])
def test_axe_finds_no_violations(tab, axe_source, path, size, scheme):
    t = tab(**SIZES[size], scheme=scheme)
    page = t.open(path)
    violations = axe_violations(page, axe_source)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize(
    ("size", "scheme"), [("1280", "light"), ("1280", "dark"), ("390", "light"), ("390", "dark")]
)
def test_axe_with_a_note_open_and_a_kind_hidden(tab, axe_source, size, scheme):
    t = tab(**SIZES[size], scheme=scheme)
    page = t.open()
    first = page.get_attribute(".glossator-note", "id")
    page.locator(f"mark[data-annotation='{first}']").first.click()
    page.click("button.glossator-count[data-kind='counterpoint']")
    page.wait_for_timeout(300)
    violations = axe_violations(page, axe_source)
    assert violations == [], "\n".join(violations)
    t.errors.clear()


def test_notes_are_named_by_kind_and_tied_to_their_passages(tab):
    t = tab(**WIDE)
    page = t.open()
    facts = page.evaluate(
        """() => [...document.querySelectorAll('.glossator-note')].map((n) => {
          const label = document.getElementById(n.getAttribute('aria-labelledby'));
          const marks = [...document.querySelectorAll(`mark[data-annotation="${n.id}"]`)];
          return {role: n.getAttribute('role'), kind: n.dataset.kind,
                  name: label ? label.textContent : '',
                  marks: marks.length,
                  details: marks.every((m) => m.getAttribute('aria-details') === n.id),
                  described: marks.every((m) =>
                    m.getAttribute('aria-describedby') === n.id + '-label'),
                  tabbable: marks.filter((m) => m.tabIndex === 0).length,
                  icon: getComputedStyle(n.querySelector('.glossator-icon')).maskImage};
        })"""
    )
    assert facts
    for f in facts:
        assert f["role"] == "note"
        assert f["name"].lower().startswith(f["kind"] + ": "), f["name"]
        assert f["marks"] >= 1 and f["details"] and f["described"]
        assert f["tabbable"] == 1
        assert f["icon"].startswith('url("data:image/svg+xml'), "each kind has an icon"
    assert {f["kind"] for f in facts} == {"context", "counterpoint", "source"}
    # the accessible name Chromium computes carries the kind
    snapshot = page.locator(f"#{page.get_attribute('.glossator-note', 'id')}").aria_snapshot()
    assert "note" in snapshot.lower()
