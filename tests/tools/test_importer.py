"""``glossator import`` as a new user meets it: a Hypothesis API export of annotations made on
the original article's web page (tests/fixtures/opendata/hypothesis-export.json), whose text is
the fixture's article. Ten annotations in: five notes written, five reported by number, and
none placed on a guess (a quote from the page's paywall, a word from its menu that the article
uses five times, a reply, a page note and an empty highlight).
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from glossator.cli import main
from glossator.pipeline.edition import load_edition
from projects import OPENDATA, copy_opendata

SLUG = "harbour-bridge-reopens"
EXPORT = OPENDATA / "hypothesis-export.json"
NOT_IMPORTED = {
    4: "is not in the article",
    5: 'quote "council" occurs 5 times in the article',
    6: "a reply to another annotation",
    7: "no TextQuoteSelector",
    8: "a highlight with no text",
}


@pytest.fixture
def project(tmp_path):
    return copy_opendata(tmp_path / "p")


def _new_notes(project) -> dict[str, dict]:
    folder = project / "annotations" / SLUG
    before = {p.name for p in (OPENDATA / "annotations" / SLUG).iterdir()}
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(folder.iterdir())
        if p.name not in before
    }


def test_every_annotation_becomes_a_note_or_a_reported_problem(project, capsys):
    assert main(["-C", str(project), "import", str(EXPORT), SLUG]) == 1
    out, err = capsys.readouterr()
    rows = json.loads(EXPORT.read_text(encoding="utf-8"))["rows"]
    notes = _new_notes(project)
    reported = {int(n) for n in re.findall(r"error: annotation (\d+) \(", err)}
    assert len(notes) + len(reported) == len(rows) == 10
    assert reported == set(NOT_IMPORTED)
    for number, reason in NOT_IMPORTED.items():
        line = next(x for x in err.splitlines() if f"annotation {number} (" in x and "error" in x)
        assert reason in line, line
        assert re.match(rf"{re.escape(str(EXPORT))}:\d+:\d+: error: ", line), line
    assert (
        "10 annotation(s) read: 5 became notes, 0 already present (skipped), 5 not imported" in err
    )
    # what was written passes the build's own check, and anchors where the quote is
    edition = load_edition(project)
    assert not [p for p in edition.problems if p.is_error], [p.format() for p in edition.problems]
    anchored = {n.id: n for n in edition.notes[SLUG]}
    body = edition.articles[SLUG].body
    for note_id in notes:
        n = anchored[note_id]
        assert body[n.start : n.end] == n.annotation.quote
    assert out.count("created ") == 5


def test_hypothesis_fields_map_onto_notes(project, capsys):
    main(["-C", str(project), "import", str(EXPORT), SLUG])
    err = capsys.readouterr().err
    notes = list(_new_notes(project).values())
    by_quote = {n["quote"]: n for n in notes}
    cost = by_quote["almost twice the first estimate"]
    assert cost["kind"] == "counterpoint"  # from the tag
    assert cost["author"] == "Ada Checker"  # display name
    assert cost["created"] == "2024-03-21"
    assert cost["sources"] == [
        {
            "title": "the council's 2022 budget papers",
            "url": "https://council.example.net/budget-2022.pdf",
        }
    ]
    lane = by_quote["the cycle lane on the bridge will stay closed until the autumn"]
    assert lane["author"] == "ben"  # acct:ben@hypothes.is without a display name
    assert "tags not kept (notes have a kind, not tags): transport" in err
    assert "tags not kept (notes have a kind, not tags): closure" in err
    traffic = by_quote["carries about 30,000 vehicles a day"]
    assert traffic["kind"] == "context"
    assert "annotation 3 (https://hypothes.is/a/hX03aBcD): no kind given" in err
    # the page's line break and double space are the article's single space in the note
    assert "two years after engineers closed it when cracks were found" in by_quote
    # a unique quote is placed even when its context is the page's breadcrumb trail
    assert by_quote["The Harbour Bridge reopened to traffic"].get("prefix", "") == ""


def test_dry_run_reports_the_same_and_writes_nothing(project, capsys):
    assert main(["-C", str(project), "import", str(EXPORT), SLUG, "--dry-run"]) == 1
    out, err = capsys.readouterr()
    assert _new_notes(project) == {}
    assert out.count("# imported from https://hypothes.is/a/") == 5
    assert set(map(int, re.findall(r"error: annotation (\d+) \(", err))) == set(NOT_IMPORTED)
    assert (
        "10 annotation(s) read: 5 would become notes, 0 already present (skipped), 5 not imported"
        in err
    )


def test_a_paged_export_says_what_is_missing(project, tmp_path, capsys):
    doc = json.loads(EXPORT.read_text(encoding="utf-8"))
    doc["total"] = 250
    partial = tmp_path / "page1.json"
    partial.write_text(json.dumps(doc), encoding="utf-8")
    main(["-C", str(project), "import", str(partial), SLUG, "--dry-run"])
    assert "says 250 annotation(s) matched but holds 10" in capsys.readouterr().err


def test_not_json_is_located(project, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"rows": [\n  {"text": "x",}\n]}', encoding="utf-8")
    assert main(["-C", str(project), "import", str(bad), SLUG]) == 1
    assert re.search(r"bad\.json:2:\d+: error: not JSON", capsys.readouterr().err)


def test_importing_twice_skips_what_is_there_and_leaves_the_project_valid(project, capsys):
    main(["-C", str(project), "import", str(EXPORT), SLUG])
    first = _new_notes(project)
    capsys.readouterr()
    assert main(["-C", str(project), "import", str(EXPORT), SLUG]) == 1  # the 5 refused again
    out, err = capsys.readouterr()
    assert _new_notes(project) == first
    assert "created" not in out
    skipped = re.findall(r": skipped: annotation (\d+) \(\S+\) is already (\S+\.yml)", err)
    assert len(skipped) == 5 and {f"annotations/{SLUG}/{i}.yml" for i in first} == {
        path for _, path in skipped
    }
    assert "10 annotation(s) read: 0 became notes, 5 already present (skipped), 5 not" in err
    assert load_edition(project).ok


def test_our_own_export_is_recognised_by_its_ids(project, capsys, tmp_path):
    assert main(["-C", str(project), "export", SLUG]) == 0
    exported = tmp_path / "ours.jsonld"
    exported.write_text(capsys.readouterr().out, encoding="utf-8")
    before = sorted(p.name for p in (project / "annotations" / SLUG).iterdir())
    assert main(["-C", str(project), "import", str(exported), SLUG]) == 0
    err = capsys.readouterr().err
    assert sorted(p.name for p in (project / "annotations" / SLUG).iterdir()) == before
    assert err.count(": skipped: ") == len(before)
    assert load_edition(project).ok


def test_a_new_annotation_on_a_noted_passage_with_the_same_kind_is_skipped(project):
    from glossator.pipeline.edition import load_edition as load
    from glossator.tools.importer import Present, plan_import

    edition = load(project)
    article = edition.articles[SLUG]
    note = edition.notes[SLUG][0]
    quote = article.body[note.start : note.end]
    item = {
        "type": "Annotation",
        "id": "https://elsewhere.example/a/1",
        "body": [{"type": "TextualBody", "value": "Another text."}],
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": quote}]},
    }
    # an annotation with no kind is imported as context
    same = plan_import([item], article, {note.id}, present=[Present(note.id, quote, "context")])[0]
    assert same[0].present == note.id and same[0].fields is None
    other = plan_import([item], article, {note.id}, present=[Present(note.id, quote, "source")])[0]
    assert other[0].present == "" and other[0].fields["quote"] == quote
