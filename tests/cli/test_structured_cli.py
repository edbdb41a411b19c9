"""The commands on a Markdown article (tests/fixtures/structured): the text they quote, find
and write is the text a reader sees, never the Markdown source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from glossator.cli import main as glossator
from glossator.pipeline.edition import load_edition
from projects import STRUCTURED

SLUG = "harbour-levy"


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    root = tmp_path / "edition"
    shutil.copytree(STRUCTURED, root)
    return root


def run(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = glossator(["-C", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_new_drafts_a_note_on_text_across_an_emphasis(edition, capsys):
    code, out, err = run(
        edition, capsys, "new", SLUG, "--quote", "a sinking fund for repairs", "--kind", "context",
        "--dry-run",
    )  # fmt: skip
    assert code == 0, err
    note = yaml.safe_load(out)
    assert note["quote"] == "a sinking fund for repairs"
    assert note["paragraph"] == 1


def test_check_fix_turns_a_quote_typed_from_the_markdown_into_the_text(edition, capsys):
    path = edition / "annotations" / SLUG / "typed.yml"
    path.write_text(
        'quote: "go to a *sinking fund* for"\nkind: context\ntitle: Typed from the source\n'
        "body: The contributor copied the Markdown.\n",
        encoding="utf-8",
    )
    code, out, err = run(edition, capsys, "check", "--no-strict")
    assert (
        code == 0 and "typed.yml" in out + err and '"*sinking fund*" -> "sinking fund"' in out + err
    )
    code, out, err = run(edition, capsys, "check", "--fix")
    assert code == 0, out + err
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["quote"] == "go to a sinking fund for"


def test_anchors_lists_every_note_where_the_page_marks_it(edition, capsys):
    code, out, _ = run(edition, capsys, "anchors", SLUG, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    body = load_edition(edition).articles[SLUG].body
    assert len(rows) == 14
    for row in rows:
        start, end = row["start"], row["end"]
        assert "*" not in body[start:end] and "](" not in body[start:end]


def test_an_export_imports_back_into_an_empty_edition_exactly(edition, tmp_path, capsys):
    code, out, _ = run(edition, capsys, "export", SLUG)
    assert code == 0
    exported = tmp_path / "export.json"
    exported.write_text(out, encoding="utf-8")
    shutil.rmtree(edition / "annotations" / SLUG)
    code, out, err = run(edition, capsys, "import", str(exported), SLUG)
    assert code == 0, out + err
    fresh = load_edition(edition)
    assert fresh.ok and len(fresh.notes[SLUG]) == 14
    assert {n.match.status for n in fresh.notes[SLUG]} == {"exact"}


def test_a_hypothesis_annotation_quoted_from_the_page_imports(edition, tmp_path, capsys):
    """Hypothesis records the page's text: it matches now, emphasis and list items and all."""
    row = {
        "id": "hLevy001",
        "created": "2024-05-08T09:00:00+00:00",
        "uri": "https://courier.example.net/news/harbour-levy",
        "text": "The fund is reviewed each year.",
        "tags": ["context"],
        "user_info": {"display_name": "Ada Checker"},
        "target": [{
            "source": "https://courier.example.net/news/harbour-levy",
            "selector": [
                {"type": "TextPositionSelector", "start": 412, "end": 443},
                {"type": "TextQuoteSelector", "exact": "the north pier first,\nthen the breakwater",
                 "prefix": "two thirds of it into the repair fund:\n", "suffix": ";\n"},
            ],
        }],
    }  # fmt: skip
    export = tmp_path / "hypothesis.json"
    export.write_text(json.dumps({"total": 1, "rows": [row]}), encoding="utf-8")
    (edition / "annotations" / SLUG / "pier-breakwater.yml").unlink()  # same passage and kind
    code, out, err = run(edition, capsys, "import", str(export), SLUG)
    assert code == 0, out + err
    notes = {n.id: n for n in load_edition(edition).notes[SLUG]}
    imported = [n for n in notes.values() if n.annotation.author == "Ada Checker"]
    assert len(imported) == 1 and imported[0].match.status == "exact"
    assert imported[0].paragraph == 6
