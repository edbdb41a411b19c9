"""Shared constants and helpers for the browser tests (imported by conftest and the tests)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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


def open_tab(
    browser, base: str, width: int = 1280, height: int = 900, scheme: str = "light", **options
) -> Tab:
    """A new browser context and page on ``base``; every request beyond 127.0.0.1 is refused
    and recorded in ``Tab.outside`` (close it with ``tab.page.context.close()``)."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, **options
    )
    page = context.new_page()
    record = Tab(page=page, base=base)

    def guard(route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            record.outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and record.errors.append(m.text))
    page.on("pageerror", lambda e: record.errors.append(str(e)))
    return record


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``directory`` served on 127.0.0.1 (a free port) while the block runs; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
