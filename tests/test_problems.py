"""Problems as data: sorted, summed up, as JSON, and every one with a documented code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from glossator.pipeline.edition import load_edition
from glossator.problems import (
    CODES,
    FileProblems,
    Problem,
    display_path,
    sort_problems,
    summary,
    to_json,
)

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def test_problems_sort_by_file_then_position():
    found = [
        Problem("b.yml", 1, 1, message="x"),
        Problem("a.yml", 3, 2, message="y"),
        Problem("a.yml", 3, 1, message="z"),
        Problem("a.yml", 0, 0, message="w"),
    ]
    assert [(p.path, p.line, p.column) for p in sort_problems(found)] == [
        ("a.yml", 0, 0),
        ("a.yml", 3, 1),
        ("a.yml", 3, 2),
        ("b.yml", 1, 1),
    ]


def test_summary_counts_errors_and_warnings_in_words():
    error, warning = Problem("a", severity="error"), Problem("a", severity="warning")
    assert summary([], 1) == "1 file checked, no problems"
    assert summary([], 3) == "3 files checked, no problems"
    assert summary([error], 3) == "3 files checked: 1 error"
    assert summary([error, error, warning], 3) == "3 files checked: 2 errors, 1 warning"
    assert summary([warning, warning], 2) == "2 files checked: 2 warnings"


def test_format_puts_the_hint_on_indented_lines():
    p = Problem("a.yml", 2, 5, "error", "bad", "first\nsecond", "yaml")
    assert p.format() == "a.yml:2:5: error: bad\n    hint: first\n          second"
    assert Problem("a.yml", 0, 0, "warning", "w").format() == "a.yml: warning: w"


def test_a_file_s_problems_keep_their_order_and_path():
    found = FileProblems("annotations/a/n.yml")
    found.error(3, 1, "second in the file, first found", code="unknown-field")
    found.warning(1, 1, "a warning", code="raw-html")
    assert not FileProblems("x").has_errors
    assert found.has_errors
    assert [(p.path, p.line, p.severity) for p in found] == [
        ("annotations/a/n.yml", 3, "error"),
        ("annotations/a/n.yml", 1, "warning"),
    ]


def test_display_path_is_relative_inside_the_project_only(tmp_path):
    inside = tmp_path / "annotations" / "a" / "n.yml"
    assert display_path(inside, tmp_path) == "annotations/a/n.yml"
    assert display_path(Path("/elsewhere/n.yml"), tmp_path) == "/elsewhere/n.yml"
    assert display_path(Path("rel/n.yml"), None) == "rel/n.yml"


def bad_project(project) -> Path:
    """Problems of every origin: notes, sidecars, articles, folders, anchoring."""
    return project(
        {
            "seeds/empty.txt": "\n\n",
            "seeds/latin1.txt": "T\n\nCaf\xe9\n".encode("latin-1"),
            "seeds/title-only.txt": "Only a title\n",
            "seeds/a.txt": "A\n\nThe same words. The same words.\n",
            "seeds/a.yml": "slug: Bad\npublished: soon\nurl: x\nauthor: [x]\nextra: 1\n",
            "seeds/b.txt": "B\n\nText.\n",
            "seeds/b.yml": "- not a mapping\n",
            "annotations/stray.yml": "quote: x\n",
            "annotations/a/twice.yml": "quote: the same words\nkind: context\ntitle: t\nbody: b\n",
            "annotations/a/notes.txt": "x",
            "annotations/nowhere/n.yml": "quote: x\nkind: context\ntitle: t\nbody: b\n",
        }
    )


def test_every_problem_carries_a_documented_code(project):
    """``check --format json`` never shows an empty code, whatever the file."""
    problems = []
    for root in (FIXTURES / "errors", FIXTURES / "drift", bad_project(project)):
        problems += load_edition(root).problems
    codes = {p.code for p in problems}
    assert "" not in codes, [p.format() for p in problems if not p.code]
    assert codes <= set(CODES), codes - set(CODES)
    for p in json.loads(to_json(problems)):
        assert p["code"] in CODES
    # the bad project reaches the article and sidecar codes that had none before
    assert {"not-utf8", "empty-article", "no-body", "bad-slug", "not-mapping"} <= codes


def test_every_code_is_documented_for_readers():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (.*) \|$", text, re.MULTILINE))
    assert documented == CODES


PACKAGE = REPO / "build_scripts" / "glossator"
EMITTERS = {"error", "warning", "problem", "Problem"}
"""What the package reports problems through: ``FileProblems.error/warning``, ``Problem``
itself, and the small local ``problem(severity, message, hint, code)`` helpers."""


def emitted_codes() -> dict[str, str]:
    """Every code the source passes to an emitter (the last positional argument, or
    ``code=``), with where: found by reading the source, so a code no fixture reaches yet is
    still held to the documentation."""
    import ast

    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in EMITTERS:
                continue
            given = [k.value for k in node.keywords if k.arg == "code"]
            if len(node.args) >= 4 and not given:
                given = [node.args[-1]]
            for value in given:
                for leaf in ast.walk(value):
                    if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str):
                        where = f"{path.relative_to(REPO)}:{leaf.lineno}"
                        found.setdefault(leaf.value, where)
    return found


def test_every_code_the_source_emits_is_documented():
    emitted = emitted_codes()
    assert len(emitted) >= 30  # the scan sees the emitters (it found none if they moved)
    undocumented = {code: where for code, where in emitted.items() if code not in CODES}
    assert not undocumented, f"add these to problems.CODES and docs/architecture.md: {undocumented}"
