"""Screenshots for people to look at: the article at 1280 px and 390 px, light and dark, with a
note open; the home page. Written to test-artifacts/screenshots/ (the run prints the folder)."""

from __future__ import annotations

import pytest
from glossator_browser import PHONE, SCREENSHOTS, WIDE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_screenshots(tab, size, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = size["width"]
    t = tab(**size, scheme=scheme, has_touch=width < 600)
    written = []

    def shot(name: str, **options: object) -> None:
        path = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
        t.page.screenshot(path=str(path), **options)
        assert path.stat().st_size > 10_000
        written.append(path)

    t.open("/")
    shot("home")
    page = t.open()
    shot("article")
    ids = page.eval_on_selector_all(".glossator-note", "ns => ns.map(n => n.id)")
    target = ids[len(ids) // 3]
    mark = page.locator(f"mark[data-annotation='{target}']").first
    mark.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -200)")
    if width < 600:
        mark.tap()
    else:
        mark.click()
    page.wait_for_timeout(400)
    shot("article-open")
    if width > 600 and scheme == "light":
        page.emulate_media(media="print")
        shot("article-print", full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": 3000})
    assert t.errors == []
