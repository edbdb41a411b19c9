"""propose_rules: what the build hands propose.js is Python's rules, and enough to redo them."""

from __future__ import annotations

import json

import pytest

from glossator.anchoring import normalise, unique_context
from glossator.pipeline.edition import load_edition
from glossator.project import load_project
from glossator.tools import new, propose_rules
from projects import REPO, mkdocs_build, write_project

SLUG = "us-taliban-doha-talks-2019"


def test_white_space_is_what_normalisation_and_str_split_treat_as_space():
    spaces = propose_rules.white_space()
    assert set(spaces) == {c for c in map(chr, range(0x110000)) if c.isspace()}
    for c in spaces:
        assert normalise(f"a{c}b") == "a b", repr(c)
    assert normalise("a\u200bb") == "ab"  # invisible, not space


def test_the_character_map_is_the_one_normalisation_applies():
    rules = propose_rules.propose_rules("", "annotations", "", "main")
    assert len(rules["charMap"]) > 20
    for char, replacement in rules["charMap"].items():
        assert normalise(f"a{char}b") == f"a{replacement}b", repr(char)


@pytest.mark.parametrize(("paragraph", "text"), [(17, "the City of"), (7, "eating dirt")])
def test_the_filled_template_is_the_file_glossator_new_writes(monkeypatch, paragraph, text):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718445600")
    project = load_project(REPO)
    article = load_edition(REPO).articles[SLUG]
    para = article.paragraphs[paragraph - 1]
    start = para.start + para.text.index(text)
    prefix, suffix = unique_context(article.body, start, start + len(text))
    schema = project.schema_reference(project.annotations / SLUG)
    draft = new.draft_note(
        article, text, "context", set(), paragraph=paragraph, occurrence=1, schema=schema
    )
    filled = propose_rules.fill(
        propose_rules.note_template(schema),
        propose_rules.values(SLUG, paragraph, text, prefix, suffix, "2024-06-15"),
    )
    assert filled == draft.text
    assert ("prefix:" in filled or "suffix:" in filled) == bool(prefix or suffix)


def test_a_value_the_page_cannot_fill_in_fails_the_build_loudly(monkeypatch):
    drafted = new.draft_note

    def with_id(*args, **kwargs):  # as if glossator new started writing the note's id
        draft = drafted(*args, **kwargs)
        return new.Draft(**{**draft.__dict__, "text": draft.text + f"id: {draft.id}\n"})

    monkeypatch.setattr(new, "draft_note", with_id)
    with pytest.raises(RuntimeError, match="add a token"):
        propose_rules.note_template()


def test_the_build_publishes_the_rules_beside_the_script(tmp_path):
    root = write_project(
        tmp_path,
        {
            "mkdocs.yml": """\
                site_name: Test edition
                site_url: https://example.org/
                repo_url: https://example.org/group/edition/
                theme:
                  name: material
                  font: false
                plugins:
                  - glossator:
                      annotations_dir: notes
                      branch: trunk
            """,
            "seeds/one.txt": "One\n\nA paragraph.\n",
        },
    )
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    site = root / "site" / "assets" / "glossator"
    assert (site / "propose.js").is_file()
    rules = json.loads((site / "propose.json").read_text(encoding="utf-8"))
    assert rules["format"] == propose_rules.FORMAT
    assert rules["repository"] == "https://example.org/group/edition"
    assert rules["branch"] == "trunk"
    assert rules["annotationsDir"] == "notes"
    assert rules["stopWords"] == sorted(new.STOP_WORDS)
    assert "quote: {quote}" in rules["template"]
