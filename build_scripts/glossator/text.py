"""How Glossator quotes text back to people: one excerpt rule, one YAML string rule.

Messages, tables and imports all show a passage on one line, cut with an ellipsis; the
files that ``new``, ``check --fix``, ``import`` and the page's "Propose a note" write all
quote values the same way. Written once here so the terminal and the files never disagree.
"""

from __future__ import annotations

import json

EXCERPT = 90
"""Longest passage quoted in a message, in characters; longer ones end with an ellipsis."""

YAML_ESCAPED = "\u0085\u2028\u2029\ufeff"
"""Characters YAML would read as a line break or drop (a byte order mark) even inside a
double-quoted scalar; written as escapes so the value reads back unchanged."""


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``value``.

    JSON string syntax is valid YAML; the few characters YAML would fold as line breaks
    are escaped too.
    """
    text = json.dumps(value, ensure_ascii=False)
    for ch in YAML_ESCAPED:
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text
