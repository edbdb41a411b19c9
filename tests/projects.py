"""Tiny throwaway projects written from dicts, and a real MkDocs build of them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; `make test` installs it, nothing downloads one
CHROMIUM_ARGS = [  # headless on a closed network, as root
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

MKDOCS_YML = """\
site_name: Test edition
site_url: https://example.org/
theme:
  name: material
  font: false
plugins:
  - search
  - glossator
"""


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text}`` under ``root``; text is dedented; mkdocs.yml by default."""
    files = {
        "mkdocs.yml": MKDOCS_YML,
        "docs/index.md": "# Home\n\n<!-- glossator:articles -->\n",
        **files,
    }
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", ENGINE, "build", "-q", "-d", str(root / "site"), *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


ENGINE = os.environ.get("GLOSSATOR_ENGINE", "mkdocs")
"""The MkDocs-compatible engine the build tests run: ``mkdocs`` or ``properdocs`` (its
maintained fork; `make test` runs the build tests once more with it, in .venv-properdocs)."""


def engine_build(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``<engine> build`` of ``root`` into ``root/site``, with exactly the options given."""
    return subprocess.run(
        [sys.executable, "-m", ENGINE, "build", "-d", str(root / "site"), *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


OPENDATA = REPO / "tests" / "fixtures" / "opendata"
"""A small edition that is not the seed: one article, four notes, a Hypothesis export of it."""


def copy_opendata(root: Path) -> Path:
    """The opendata fixture copied to ``root`` (outside any git checkout: no history)."""
    import shutil

    shutil.copytree(OPENDATA, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".cache"))
    return root


STRUCTURED = REPO / "tests" / "fixtures" / "structured"
"""A Markdown article that is not the seed: headings, a nested list, a block quote, emphasis,
links, an image, a table, a footnote, a hard line break and raw HTML, with a note across each
boundary (tests/load/test_structured.py, tests/browser/test_w3c_consumer.py)."""
