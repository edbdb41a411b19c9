"""One verdict: a strict build and ``glossator check`` fail on the same notes, at any verbosity.

Through the real entry points: ``mkdocs build`` (or ProperDocs, see ``projects.ENGINE``) in a
subprocess with ``-q``, ``-v`` and neither, and the ``glossator`` console script.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from projects import engine_build, write_project

SPEECHES = Path(__file__).parent.parent / "fixtures" / "speeches"
GETTYSBURG = (SPEECHES / "seeds" / "gettysburg.txt").read_text(encoding="utf-8")
TYPO_NOTE = """\
quote: "Four score and seven yaers ago our fathers"
kind: context
title: A quote with a typo
body: The quote was typed, not copied.
"""


@pytest.fixture
def drifted(tmp_path) -> Path:
    """A project whose only problem is a warning: a quote that re-anchors (a typo in it)."""
    return write_project(
        tmp_path,
        {
            "seeds/gettysburg.txt": GETTYSBURG,
            "annotations/gettysburg/typo.yml": TYPO_NOTE,
        },
    )


@pytest.mark.parametrize("verbosity", [["-q"], ["-v"], []], ids=["quiet", "verbose", "default"])
def test_a_strict_build_fails_on_a_glossator_warning_at_any_verbosity(drifted, verbosity):
    result = engine_build(drifted, "--strict", *verbosity)
    output = result.stdout + result.stderr  # the engine prints its verdict on stdout
    assert result.returncode == 1, output
    assert "Aborted with 1 Glossator warning in strict mode" in output
    # the warning itself is printed whatever the verbosity, so a quiet CI log says what to fix
    assert "annotations/gettysburg/typo.yml:1:8: warning: quote re-anchored to" in output


def test_a_build_that_is_not_strict_passes_with_the_warning(drifted):
    result = engine_build(drifted, "-q")
    assert result.returncode == 0, result.stderr
    assert 'id="typo"' in (drifted / "site" / "gettysburg" / "index.html").read_text()


def test_strict_in_mkdocs_yml_counts_too(drifted):
    config = drifted / "mkdocs.yml"
    config.write_text(config.read_text() + "strict: true\n")
    result = engine_build(drifted, "-q")
    assert result.returncode == 1
    assert "Glossator warning" in result.stdout + result.stderr


def _glossator(root: Path, *args: str) -> subprocess.CompletedProcess:
    script = shutil.which("glossator", path=str(Path(sys.executable).parent))
    return subprocess.run(
        [script, "-C", str(root), *args], capture_output=True, text=True, check=False
    )


def test_check_gives_the_strict_verdict_and_says_what_differs(drifted):
    done = _glossator(drifted, "check")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "annotations/gettysburg/typo.yml:1:8: warning: quote re-anchored to "
        '"Four score and seven years ago our fathers" in paragraph 1 (confidence 0.98)',
        '    hint: the note says:    "Four score and seven yaers ago our fathers"',
        '          the article says: "Four score and seven years ago our fathers"',
        '          differs: "yaers" -> "years"',
        "          if the note's quote is wrong, copy the passage from the article exactly "
        "into 'quote'; if the article changed, run 'glossator check --fix' to update the note",
        "2 files checked: 1 warning",
    ]
    assert "--no-strict" in done.stderr
    assert _glossator(drifted, "check", "--no-strict").returncode == 0


def test_check_fix_then_passes_and_the_strict_build_too(drifted):
    assert _glossator(drifted, "check", "--fix").returncode == 0
    result = engine_build(drifted, "--strict", "-q")
    assert result.returncode == 0, result.stderr
