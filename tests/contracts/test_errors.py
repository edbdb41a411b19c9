"""Errors that teach: one small bad file per mistake, and the exact message it gets.

tests/fixtures/errors is a tiny project (seeds/ + annotations/). Each bad file holds one
mistake a contributor makes; the table below is the exact first line ``glossator check``
prints for it (file:line:column of the offending key or value, what is wrong) and the hint
that says how to fix it. expected.txt is the whole run, so any change to any message shows
up in review. To accept a deliberate change: glossator -C tests/fixtures/errors check >
tests/fixtures/errors/expected.txt
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator import cli

FIXTURE = Path(__file__).parent.parent / "fixtures" / "errors"
NOTES = "annotations/small-article"

CASES = [
    # (file, "line:column: severity: message", first hint line)
    (
        "yaml-syntax.yml",
        "3:12: error: YAML syntax error: mapping values are not allowed in this context",
        "a value containing ': ' must be quoted, or written as a block with '|'",
    ),
    (
        "tab-indent.yml",
        "4:1: error: YAML syntax error: found a tab character that violates indentation "
        "(while scanning a plain scalar)",
        "indent with spaces, not tabs",
    ),
    (
        "duplicate-key.yml",
        "5:1: error: duplicate key 'title' (first given on line 3)",
        "keep one of them: YAML would silently use the last",
    ),
    (
        "not-a-mapping.yml",
        "1:1: error: a note must be a mapping of fields, not a list",
        "write 'quote: ...', 'kind: ...', 'title: ...', 'body: ...' on their own lines",
    ),
    (
        "empty-file.yml",
        "1:1: error: file is empty",
        "a note needs at least: quote, kind, title, body",
    ),
    (
        "missing-field.yml",
        "1:1: error: missing required field 'title'",
        "add a one-line 'title: ...'",
    ),
    (
        "unknown-field.yml",
        "3:1: error: unknown field 'titel' (did you mean 'title'?)",
        "fields: quote, prefix, suffix, paragraph, kind, title, body, sources, author, created, lang",
    ),
    (
        "wrong-type.yml",
        "4:3: error: 'title' must be text, got a list",
        "put the text after the colon; quote it if it starts with a special character",
    ),
    (
        "unknown-kind.yml",
        "2:7: error: unknown kind 'contxt' (did you mean 'context'?)",
        "kind is one of: context, counterpoint, source",
    ),
    (
        "bad-paragraph.yml",
        "2:12: error: 'paragraph' must be a paragraph number (1 or more), got 'zero'",
        "it records where the quote was last found; delete the line if unsure "
        "('glossator check --fix' writes it)",
    ),
    (
        "bad-date.yml",
        "5:10: error: 'created' must be a date, got 'last week'",
        "write YYYY-MM-DD",
    ),
    (
        "Bad_Name.yml",
        "error: file name 'Bad_Name.yml' is not a valid note id",
        "name the file with lower-case letters, digits and '-' (e.g. 'wmd-claim.yml')",
    ),
    (
        "p3.yml",
        "error: note id 'p3' is reserved for paragraph links",
        "choose a descriptive name, e.g. 'wmd-claim.yml'",
    ),
    (
        "quote-not-found.yml",
        "1:8: error: quote not found in article 'small-article': "
        '"negotiations restarted in Kabul on Sunday"',
        # the words standing for the quote's first and last words (issue 11): "negotiations"
        # stands as "talks"; "The" stands for nothing in the quote
        'closest passage (paragraph 1): "talks resumed in Doha on Saturday"',
    ),
    (
        "ambiguous-quote.yml",
        '1:8: error: quote "the City of London" occurs 2 times in the article; '
        "say which one with a prefix or suffix",
        '1st, paragraph 3, "…on. Wall Street and [the City of London] were named, and the…": '
        'add suffix: " were"',
    ),
    (
        "source-no-title.yml",
        "6:5: error: source 1 has no title",
        "every source needs 'title:' (the document's title); url, publisher and date are optional",
    ),
    (
        "bad-url.yml",
        "7:10: error: source url 'www.example.org/reuters' is not an http(s) URL",
        "links must start with https:// or http://",
    ),
    (
        "empty-body.yml",
        "4:7: error: 'body' is empty",
        "add the note's text as Markdown, e.g. 'body: |' followed by indented lines",
    ),
    (
        "missing-source.yml",
        "1:1: error: a 'counterpoint' note needs at least one source",
        "add 'sources:' with at least one '- title: ...' (and url, publisher, date)",
    ),
    (
        "same-quote-b.yml",
        "1:8: error: same quote and kind as annotations/small-article/same-quote-a.yml",
        "merge the two notes into one, or choose another kind",
    ),
    (
        "placeholder.yml",
        "4:8: error: 'title' still holds the placeholder: TODO: one line, the gist of the note",
        "write one line saying what the reader should know",
    ),
    (
        "notes.txt",
        "error: not an annotation file (expected <id>.yml)",
        "rename it to end in .yml, or move it out of the annotations folder",
    ),
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["-C", str(FIXTURE), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("name", "first", "hint"), CASES, ids=[c[0] for c in CASES])
def test_each_mistake_gets_its_exact_message(capsys, name, first, hint):
    path = f"{NOTES}/{name}"
    together = [str(FIXTURE / NOTES / "same-quote-a.yml")] if name == "same-quote-b.yml" else []
    code, out, _ = run(capsys, "check", *together, str(FIXTURE / path))
    lines = out.splitlines()
    sep = ":" if first[0].isdigit() else ": "
    assert lines[0] == f"{path}{sep}{first}"
    assert lines[1] == f"    hint: {hint}"
    assert lines[-1].endswith(("error", "errors"))
    assert code == 1


def test_no_such_article_folder(capsys):
    path = "annotations/no-such-article/orphan-folder.yml"
    code, out, _ = run(capsys, "check", str(FIXTURE / path))
    assert out.splitlines()[:2] == [
        f"{path}: error: no article with slug 'no-such-article' for this note "
        "(did you mean 'small-article'?)",
        "    hint: articles: small-article",
    ]
    assert code == 1


def test_placeholders_each_name_their_field(capsys):
    _, out, _ = run(capsys, "check", str(FIXTURE / NOTES / "placeholder.yml"))
    problems = [line.split(": error: ")[1] for line in out.splitlines() if ": error: " in line]
    assert problems == [
        "'title' still holds the placeholder: TODO: one line, the gist of the note",
        "'body' still holds the placeholder: TODO: a few neutral sentences.",
        "source 1 'title' still holds the placeholder: TODO: the document's own title",
        "source 1 'url' still holds the placeholder: TODO: https://... the page you read; "
        "delete this line if it…",
    ]


def test_good_files_have_no_problems(capsys):
    code, out, _ = run(
        capsys,
        "check",
        str(FIXTURE / NOTES / "good-context.yml"),
        str(FIXTURE / NOTES / "good-source.yml"),
    )
    assert out == "2 files checked, no problems\n"
    assert code == 0


def test_whole_fixture_project_matches_the_golden_output(capsys):
    code, out, _ = run(capsys, "check")
    assert out == (FIXTURE / "expected.txt").read_text(encoding="utf-8")
    assert code == 1


def test_every_bad_file_is_covered():
    bad = {
        p.name
        for p in (FIXTURE / NOTES).iterdir()
        if not p.name.startswith(("good-", "same-quote-a"))
    }
    assert bad == {c[0] for c in CASES}
