"""Browser fixtures: the real site built once per test session, served on 127.0.0.1, driven by
one headless Debian Chromium per test worker through Playwright. Nothing here reaches beyond the
loopback address: any other request is refused and recorded, and the tests assert none was made.

Every test in this folder is marked ``browser`` (``make test-fast`` leaves them out); a test
that drives Chromium belongs here, so that it shares the build and the browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from glossator_browser import ARTICLE, REPO, SCREENSHOTS, Tab, open_tab, serve

from projects import CHROMIUM, CHROMIUM_ARGS

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before -m selects on the mark
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter) -> None:
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.glob("*.png")):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")


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
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium per worker, for every test in this folder (one Playwright loop each)."""
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
    opened: list[Tab] = []

    def make(**options: object) -> Tab:
        opened.append(open_tab(browser, base_url, **options))
        return opened[-1]

    yield make
    for t in opened:
        t.page.context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    try:
        from importlib import resources

        return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()
    except ModuleNotFoundError:
        pytest.fail("axe-core is missing: pip install 'axe-playwright-python>=0.1.8'")
