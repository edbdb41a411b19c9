"""The layers, checked on the source: data flows one way, so each layer can change alone.

    rules (model, fields, problems, project, text)  <-  load/  anchoring/
        <-  pipeline/  <-  pages/ search/ reuse/ history/ (pure outputs)  <-  tools/
        <-  cli/ plugin/ safe_build (front ends)

A layer is a folder (or, for the rules and the front ends, a named top-level module). The
rules are written on the folders, so a new module is checked the moment it exists; a module
that belongs to no layer fails the test instead of being skipped.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "build_scripts" / "glossator"

RULES = {
    "model", "fields", "problems", "project", "suggest", "text", "version", "language", "interface",
}  # fmt: skip
"""Top-level modules every layer may use: the vocabulary and the rules written once."""
FRONT_ENDS = {"cli", "plugin", "safe_build", "__main__", "__init__"}
"""What users and MkDocs call; nothing of the core may import them."""
OUTPUTS = {"pages", "search", "reuse", "history"}

ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "fields": {"model", "language"},
    "language": set(),
    "interface": {"language", "model"},
    "problems": {"model"},
    "project": {"problems", "fields", "model"},
    "suggest": set(),
    "text": set(),
    "version": set(),
    "anchoring": {"model", "text"},
    "load": RULES,
    **{layer: RULES | OUTPUTS | {"anchoring"} for layer in OUTPUTS},
    "pipeline": RULES | OUTPUTS | {"load", "anchoring", "pipeline"},
    "tools": RULES | OUTPUTS | {"load", "anchoring", "pipeline"},
    "cli": RULES | OUTPUTS | {"load", "anchoring", "pipeline", "tools"},
    "plugin": RULES | OUTPUTS | {"load", "anchoring", "pipeline", "tools"},
    "safe_build": set(),
    "__main__": {"cli"},
    "__init__": RULES | {"anchoring", "load", "pipeline", "pages", "version"},
}
"""Which layers each layer may import (its own modules always)."""
MKDOCS_ALLOWED = {"plugin", "safe_build"}


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def package_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def imports(path: Path) -> tuple[set[str], set[str]]:
    """(the layers of ours that ``path`` imports, the top-level third-party packages)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ours, theirs = set(), set()
    here = path.relative_to(PACKAGE).parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "glossator":
                    ours.add(parts[1] if len(parts) > 1 else "__init__")
                else:
                    theirs.add(parts[0])
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this file's folder
                base = list(here[: len(here) - (node.level - 1)])
                parts = base + (node.module.split(".") if node.module else [])
                if parts:
                    ours.add(parts[0])
                else:
                    ours |= {a.name for a in node.names}
            elif node.module and node.module.split(".")[0] == "glossator":
                parts = node.module.split(".")
                ours |= {parts[1]} if len(parts) > 1 else {a.name for a in node.names}
            elif node.module:
                theirs.add(node.module.split(".")[0])
    return ours, theirs


@pytest.mark.parametrize("path", package_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_each_module_imports_only_the_layers_below(path):
    layer = layer_of(path)
    assert layer in ALLOWED, f"{path.relative_to(PACKAGE)} belongs to no layer: add it to one"
    ours, theirs = imports(path)
    wrong = ours - ALLOWED[layer] - {layer}
    assert wrong == set(), f"{path.relative_to(PACKAGE)} ({layer}) imports {sorted(wrong)}"
    if layer not in MKDOCS_ALLOWED:
        assert {"mkdocs", "material", "properdocs"} & theirs == set(), "only plugin/ knows MkDocs"


def test_nothing_of_the_core_imports_a_front_end():
    for layer, allowed in ALLOWED.items():
        if layer not in FRONT_ENDS:
            assert allowed & FRONT_ENDS == set(), layer


def test_the_checks_see_every_kind_of_import(tmp_path):
    """The rules above would pass vacuously if imports were missed: they are not."""
    folder = tmp_path / "glossator" / "pages"
    folder.mkdir(parents=True)
    sample = folder / "sample.py"
    sample.write_text(
        "from .markup import render_markdown\n"
        "from .. import cache\n"
        "from ..load.seeds import parse_article\n"
        "import glossator.pipeline.edition\n"
        "from glossator.plugin import GlossatorPlugin\n"
        "from glossator import tools\n"
        "import mkdocs.plugins\n"
        "def f():\n    from glossator.cli import main\n",
        encoding="utf-8",
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "glossator"
    try:
        ours, theirs = imports(sample)
    finally:
        PACKAGE = saved
    assert ours == {"pages", "cache", "load", "pipeline", "plugin", "tools", "cli"}
    assert theirs == {"mkdocs"}


def test_a_module_in_no_layer_fails(tmp_path):
    stray = PACKAGE / "stray_for_test.py"
    assert layer_of(stray) not in ALLOWED


MAX_LINES = 400
"""No module longer than this: split it on the seams it already has (the aim is 300)."""


@pytest.mark.parametrize("path", package_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_is_over_the_line_budget(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)}: {lines} lines; split it"
