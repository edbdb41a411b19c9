"""Every message Glossator's code asks the catalogue for, found in the source's syntax tree.

A message is the literal first argument (and second, for a counted one) of ``t``, ``tn``,
``N_`` or ``Nn_``, wherever the call is (in f-strings too, which gettext's own extractors
skip), and ``glossator_ui.t('…')`` in the templates.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_scripts" / "glossator"
SINGLE = {"t", "N_"}
COUNTED = {"tn", "Nn_"}
TEMPLATE_CALL = re.compile(r"glossator_ui\.t\('([^']*)'\)")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def messages_in_code() -> dict[str, str | None]:
    """``{message id: plural id or None}`` for every message the package uses."""
    found: dict[str, str | None] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = _name(node.func)
            first = _text(node.args[0])
            if name in SINGLE and first is not None:
                found.setdefault(first, None)
            elif name in COUNTED and first is not None and len(node.args) > 1:
                found[first] = _text(node.args[1])
    for path in sorted((PACKAGE / "templates").rglob("*.html")):
        for message in TEMPLATE_CALL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(message, None)
    return found
