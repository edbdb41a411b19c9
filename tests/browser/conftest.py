"""Browser fixtures: the real site built once per test session, served on 127.0.0.1, driven by
Debian's headless Chromium through Playwright. Nothing here reaches beyond the loopback address:
any other request is refused and recorded, and the tests assert none was made.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from glossator_browser import ARTICLE, REPO, SCREENSHOTS, Tab

from projects import CHROMIUM, CHROMIUM_ARGS


def pytest_terminal_summary(terminalreporter) -> None:
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.glob("*.png")):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built from the repository with this interpreter's MkDocs."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    assert (out / ARTICLE / "index.html").is_file(), "the seed article was not rendered"
    return out


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # Module scope, not session: Playwright's sync API runs an event loop, and another test
    # module (tests/test_xss_browser.py) starts its own in the same xdist worker.
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip(f"{CHROMIUM} is missing (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, base_url: str) -> Iterator[Callable[..., Tab]]:
    """Factory: tab(width=1280, height=900, scheme="light", **context options) -> Tab."""
    contexts = []

    def make(width: int = 1280, height: int = 900, scheme: str = "light", **options: object) -> Tab:
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme, **options
        )
        contexts.append(context)
        page = context.new_page()
        record = Tab(page=page, base=base_url)

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

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    try:
        from importlib import resources

        return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()
    except ModuleNotFoundError:
        pytest.fail("axe-core is missing: pip install 'axe-playwright-python>=0.1.8'")
