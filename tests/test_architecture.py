"""The layers, checked on the source: data flows one way, so each layer can change alone.

model  <-  loaders (read files)  <-  the edition walk  <-  outputs (pure)  <-  plugin / CLI

The model imports nothing of ours; outputs take the model and never read files; nothing but
the adapters (``plugin``, ``safe_build``) knows MkDocs, and nothing imports the adapters or
the CLI. Modules named here that do not exist yet are skipped, so a layer can grow new ones.
"""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "build_scripts" / "glossator"
ADAPTERS = {"plugin.py", "safe_build.py"}
FRONT_ENDS = {"plugin", "safe_build", "cli", "__main__"}
LOADERS = {"article", "annotations", "fieldvalues", "yamlsource", "edition", "cache", "project"}
OUTPUTS = {
    "render",
    "search",
    "listing",
    "w3c",
    "feeds",
    "citation",
    "jsonld",
    "searchindex",
    "collections",
    "provenance",
    "changes",
    "reuse",
    "reusepages",
    "siteinfo",
    "hypothesis",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def our_imports(path: Path) -> set[str]:
    """The package's own modules ``path`` imports (``from .x import``, ``from . import x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module.split(".")[0])
            else:
                names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("glossator"):
            rest = node.module.split(".")[1:]
            names |= {rest[0]} if rest else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[1] for a in node.names if a.name.startswith("glossator.")}
    return names


def modules() -> dict[str, Path]:
    return {p.stem: p for p in sorted(PACKAGE.glob("*.py"))}


def test_core_modules_do_not_import_mkdocs():
    offenders = [
        p.name
        for p in sorted(PACKAGE.glob("*.py"))
        if p.name not in ADAPTERS and {"mkdocs", "material"} & imported_modules(p)
    ]
    assert offenders == []


def test_the_model_imports_nothing_of_ours():
    assert our_imports(PACKAGE / "model.py") == set()


def test_the_table_of_fields_imports_only_the_model():
    assert our_imports(PACKAGE / "fields.py") <= {"model"}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_modules_import_no_loader(name):
    path = modules().get(name)
    if path is None:
        pytest.skip(f"{name}.py does not exist (yet)")
    assert our_imports(path) & LOADERS == set(), f"{name}.py reads files: import the model"


def test_no_core_module_imports_a_front_end():
    offenders = {
        name: sorted(our_imports(path) & FRONT_ENDS)
        for name, path in modules().items()
        if name not in FRONT_ENDS and our_imports(path) & FRONT_ENDS
    }
    assert offenders == {}


def test_the_checks_see_relative_and_absolute_imports(tmp_path):
    """The rules above would pass vacuously if imports were missed: they are not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from .article import load_article\n"
        "from . import cache\n"
        "import glossator.edition\n"
        "from glossator.plugin import GlossatorPlugin\n"
        "def f():\n    from .cli import main\n",
        encoding="utf-8",
    )
    assert our_imports(sample) == {"article", "cache", "edition", "plugin", "cli"}
    assert {"render", "search", "listing", "w3c"} <= set(modules())


MAX_LINES = 300
REASON_PENDING: set[str] = set()
"""Long modules whose owner is rewriting them now; the reason goes at the top with that work."""


def test_modules_over_300_lines_say_why_at_their_top():
    """A long module is a smell unless its docstring says why it stays one piece."""
    unexplained = {}
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_LINES and name not in REASON_PENDING:
            docstring = ast.get_docstring(ast.parse(text)) or ""
            if not re.search(r"\bwhy\b", docstring, re.IGNORECASE):
                unexplained[name] = lines
    assert unexplained == {}, "split these, or say at their top why they are one piece"
