"""Shared constants and helpers for the browser tests (imported by conftest and the tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
ARTICLE = "us-taliban-doha-talks-2019"
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class Tab:
    """A page plus what it logged: console errors, page errors and refused outside requests."""

    page: object
    base: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def open(self, path: str = f"/{ARTICLE}/") -> object:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        if "/" + ARTICLE in path:
            self.page.wait_for_selector(".glossator-article.is-js")
        return self.page
