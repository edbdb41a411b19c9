"""Copied material templates stay copies: each differs from the installed theme only where
its header says, so a material upgrade that changes one of them fails here ("re-copy")
instead of silently shipping an old header or search box."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

material = pytest.importorskip("material")

REPO = Path(__file__).resolve().parents[2]
THEME = Path(material.__file__).parent / "templates"
COPIES = sorted(
    [
        *(REPO / "overrides").rglob("*.html"),
        *(REPO / "build_scripts" / "glossator" / "templates").rglob("*.html"),
    ]
)
HEADER = re.compile(r"Glossator override of mkdocs-material [\d.]+ (partials/[\w-]+\.html)")

CHANGED = {
    "partials/header.html": {'    {% if "material/search" in config.plugins %}'},
    "partials/search.html": {'<div class="md-search" data-md-component="search" role="dialog">'},
    "partials/source.html": {
        '<a href="{{ config.repo_url }}" title="{{ lang.t(\'source\') }}" class="md-source"'
        ' data-md-component="source">'
    },
}
"""The theme's lines each copy replaces: what its header says is the only change."""


def copies() -> list[tuple[Path, str]]:
    found = []
    for path in COPIES:
        m = HEADER.search(path.read_text(encoding="utf-8")[:400])
        if m:
            found.append((path, m.group(1)))
    return found


def test_every_copy_is_pinned():
    assert {name for _path, name in copies()} == set(CHANGED)


@pytest.mark.parametrize("path,name", copies(), ids=lambda v: getattr(v, "name", v))
def test_a_copy_differs_from_the_theme_only_where_it_says(path, name):
    ours = path.read_text(encoding="utf-8").split("-#}\n", 1)[1].splitlines()
    theirs = (THEME / name).read_text(encoding="utf-8").split("-#}\n", 1)[1].splitlines()
    removed = {
        line[2:] for line in difflib.ndiff(theirs, ours) if line.startswith("- ") and line[2:]
    }
    assert removed == CHANGED[name], f"material's {name} changed: re-copy {path.name}"
