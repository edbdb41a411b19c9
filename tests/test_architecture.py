"""The core must stay free of MkDocs so another front end is a thin adapter."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_scripts" / "glossator"
ADAPTERS = {"plugin.py", "safe_build.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_modules_do_not_import_mkdocs():
    offenders = [
        p.name
        for p in sorted(PACKAGE.glob("*.py"))
        if p.name not in ADAPTERS and {"mkdocs", "material"} & imported_modules(p)
    ]
    assert offenders == []
