"""The table of fields drives every validator: what it declares is what a contributor is told."""

from __future__ import annotations

import pytest

from glossator.fields import NOTE_TABLE, SIDECAR_FIELDS, SOURCE_TABLE
from glossator.load.notes import parse_annotation
from glossator.load.seeds import read_sidecar

NOTE = 'quote: "a"\nkind: source\ntitle: t\nbody: b\n'


def note_problems(text: str) -> list:
    return parse_annotation(text.encode(), "n.yml", "article", "n")[1]


def sidecar_problems(tmp_path, text: str) -> tuple[dict, list]:
    path = tmp_path / "a.yml"
    path.write_text(text, encoding="utf-8")
    return read_sidecar(path, "seeds/a.yml")


DATES = {
    "2019-08-03": "2019-08-03",
    '"2019-08"': "2019-08",
    "2019": "2019",
    "' 2019-08-03 '": "2019-08-03",
    "2019-08-03T10:00:00Z": "2019-08-03",
    "soon": None,
    "08/03/2019": None,
    "yes": None,
    "[2019]": None,
}


@pytest.mark.parametrize(("written", "read"), DATES.items())
def test_one_date_reader_for_notes_sources_and_sidecars(tmp_path, written, read):
    note, problems = parse_annotation(
        f"{NOTE}sources:\n  - title: s\n    date: {written}\ncreated: {written}\n".encode(),
        "n.yml",
        "article",
        "n",
    )
    meta, sidecar = sidecar_problems(tmp_path, f"published: {written}\n")
    if read is None:
        assert note is None
        assert [p.code for p in problems] == ["bad-date", "bad-date"]
        assert [p.code for p in sidecar] == ["bad-date"]
    else:
        assert problems == [] and sidecar == []
        assert (note.created, note.sources[0].date, meta["published"]) == (read, read, read)


@pytest.mark.parametrize("name", [n for n, f in NOTE_TABLE.items() if f.type == "text"])
def test_a_placeholder_left_in_a_note_field_gets_that_fields_hint(name):
    fields = {"quote": '"a"', "kind": "source", "title": "t", "body": "b"}
    fields[name] = '"TODO: fill me"'
    text = "".join(f"{k}: {v}\n" for k, v in fields.items()) + "sources:\n  - title: s\n"
    (problem,) = note_problems(text)
    assert (problem.code, problem.hint) == ("placeholder", NOTE_TABLE[name].placeholder_hint)


@pytest.mark.parametrize("name", SOURCE_TABLE)
def test_a_placeholder_left_in_a_source_gets_that_fields_hint(name):
    source = {"title": "s", name: '"TODO: fill me"'}
    lines = "".join(f"    {k}: {v}\n" for k, v in source.items()).replace("    ", "  - ", 1)
    problems = note_problems(f"{NOTE}sources:\n{lines}")
    assert [(p.code, p.hint) for p in problems if p.code == "placeholder"] == [
        ("placeholder", SOURCE_TABLE[name].placeholder_hint)
    ]


@pytest.mark.parametrize("name", [n for n, f in NOTE_TABLE.items() if f.required])
def test_a_missing_required_field_gets_that_fields_hint(name):
    text = "".join(line + "\n" for line in NOTE.splitlines() if not line.startswith(name))
    problems = [p for p in note_problems(text + "sources:\n  - title: s\n") if p.code]
    assert (problems[0].code, problems[0].hint) == ("missing-field", NOTE_TABLE[name].hint)


def test_every_sidecar_field_is_read_and_others_are_named(tmp_path):
    values = {
        "slug": "a-slug",
        "title": "A title",
        "lang": "fr",
        "author": "Someone",
        "publication": "A paper",
        "published": "2019-08",
        "url": "https://example.org/a",
        "summary": "What it says.",
        "tags": "[Elections, Peace talks]",
    }
    assert tuple(values) == SIDECAR_FIELDS
    meta, problems = sidecar_problems(
        tmp_path, "".join(f"{k}: {v}\n" for k, v in values.items()) + "publsher: X\n"
    )
    assert meta == {**values, "tags": ("Elections", "Peace talks")}
    assert [(p.code, p.message) for p in problems] == [
        ("unknown-field", "unknown field 'publsher' (did you mean 'published'?)")
    ]


def test_sidecar_problems_each_carry_a_code(tmp_path):
    _, problems = sidecar_problems(
        tmp_path, "slug: Bad Slug\ntitle: [a]\npublished: soon\nurl: www.example.org\n"
    )
    assert [(p.line, p.code) for p in problems] == [
        (2, "wrong-type"),
        (3, "bad-date"),
        (1, "bad-slug"),
        (4, "bad-url"),
    ]
    assert [p.code for p in sidecar_problems(tmp_path, "- a\n")[1]] == ["not-mapping"]
    assert [p.code for p in sidecar_problems(tmp_path, "a: [\n")[1]] == ["yaml"]


CONTEXT = "quote: a\nkind: context\ntitle: t\nbody: b\n"


@pytest.mark.parametrize(
    ("note_id", "what"),
    [
        ("p3", "paragraph links"),
        ("sources", "list of sources"),
        ("changes", "changes and corrections"),
        ("article", "citation page"),
        ("doha-talks-title", "the article's title"),
    ],
)
def test_ids_the_page_uses_are_refused_naming_the_file(note_id, what):
    path = f"annotations/doha-talks/{note_id}.yml"
    note, problems = parse_annotation(CONTEXT.encode(), path, "doha-talks", note_id)
    assert note is None
    [problem] = problems
    assert problem.code == "reserved-id" and problem.path == path
    assert f"note id '{note_id}' is reserved for" in problem.message and what in problem.message


@pytest.mark.parametrize("note_id", ["p3-note", "sources-cited", "other-title", "p"])
def test_ids_near_the_reserved_ones_are_free(note_id):
    assert parse_annotation(CONTEXT.encode(), "n.yml", "doha-talks", note_id)[1] == []


def test_glossator_new_refuses_a_reserved_id(tmp_path):
    from glossator.model import Article, Paragraph
    from glossator.tools.new import NewNoteError, draft_note

    text = "The talks in Doha went on."
    article = Article("doha-talks", "Talks", [Paragraph(1, 0, text)])
    with pytest.raises(NewNoteError, match="the article's title"):
        draft_note(article, "talks in Doha", "context", note_id="doha-talks-title", taken=set())


def test_a_note_named_like_another_notes_heading_is_refused(project):
    from glossator.pipeline.edition import load_edition

    note = "quote: {q}\nkind: context\ntitle: t\nbody: b\n"
    root = project(
        {
            "seeds/a.txt": "T\n\nOne passage here and another passage there.\n",
            "annotations/a/passage.yml": note.format(q="One passage"),
            "annotations/a/passage-label.yml": note.format(q="another passage"),
            "annotations/a/other-label.yml": note.format(q="passage there"),
        }
    )
    edition = load_edition(root)
    [problem] = edition.problems
    assert problem.path == "annotations/a/passage-label.yml" and problem.code == "reserved-id"
    assert "heading of note 'passage'" in problem.message
    assert sorted(n.id for n in edition.notes["a"]) == ["other-label", "passage"]
