import json
from pathlib import Path

import pytest

from glossator.edition import load_edition
from glossator.w3c import W3CImportError, edition_to_w3c, import_items, w3c_to_fields

REPO = Path(__file__).resolve().parent.parent
SLUG = "us-taliban-doha-talks-2019"
URL = f"https://example.org/{SLUG}/"


@pytest.fixture(scope="module")
def exported():
    edition = load_edition(REPO)
    return edition, edition_to_w3c(edition.articles[SLUG], edition.notes[SLUG], URL)


def test_collection_holds_every_note_as_a_web_annotation(exported):
    edition, doc = exported
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == len(edition.notes[SLUG])
    for item in items:
        assert item["type"] == "Annotation"
        assert item["id"].startswith(URL + "#")
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        body = edition.articles[SLUG].body
        pos = selectors["TextPositionSelector"]
        assert body[pos["start"] : pos["end"]] == selectors["TextQuoteSelector"]["exact"]
    json.dumps(doc)  # serialisable as JSON-LD


def test_round_trip_keeps_every_field(exported):
    edition, doc = exported
    by_id = {n.id: n.annotation for n in edition.notes[SLUG]}
    for original_id, fields in import_items(json.loads(json.dumps(doc))):
        a = by_id[original_id.rsplit("#", 1)[1]]
        assert fields["kind"] == a.kind
        assert fields["title"] == a.title
        assert fields["body"] == a.body
        assert len(fields.get("sources", [])) == len(a.sources)
        assert fields.get("prefix", "") == a.prefix


def test_import_from_another_tool_takes_quote_text_and_tags():
    hypothesis_style = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hyp.example/a/1",
        "type": "Annotation",
        "body": [
            {"type": "TextualBody", "value": "The round ended on 12 August."},
            {"type": "TextualBody", "purpose": "tagging", "value": "context"},
        ],
        "target": {
            "source": "https://example.org/x",
            "selector": {"type": "TextQuoteSelector", "exact": "eighth round", "prefix": "the "},
        },
    }
    fields = w3c_to_fields(hypothesis_style)
    assert fields == {
        "quote": "eighth round",
        "prefix": "the ",
        "kind": "context",
        "title": "The round ended on 12 August.",
        "body": "The round ended on 12 August.",
    }


def test_annotation_without_a_quote_cannot_be_imported():
    with pytest.raises(W3CImportError, match="no TextQuoteSelector"):
        w3c_to_fields({"id": "x", "type": "Annotation", "target": "https://example.org/"})


def test_cli_export_then_import_recreates_valid_notes(tmp_path, capsys):
    import shutil

    from glossator.cli import main

    assert main(["-C", str(REPO), "export", SLUG, "--base-url", "https://example.org"]) == 0
    exported = capsys.readouterr().out
    assert json.loads(exported)["total"] == len(list((REPO / "annotations" / SLUG).glob("*.yml")))
    (tmp_path / "doc.jsonld").write_text(exported, encoding="utf-8")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert main(["-C", str(tmp_path), "import", str(tmp_path / "doc.jsonld"), SLUG]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("no problems")
    imported = load_edition(tmp_path)
    original = load_edition(REPO)
    key = lambda n: (n.start, n.end, n.kind, n.annotation.title)  # noqa: E731
    assert sorted(map(key, imported.notes[SLUG])) == sorted(map(key, original.notes[SLUG]))
    # importing again never overwrites: new files get new ids
    assert main(["-C", str(tmp_path), "import", str(tmp_path / "doc.jsonld"), SLUG]) == 1
    assert "same quote and kind" in capsys.readouterr().out


def test_cli_import_rejects_a_document_without_quotes(tmp_path, capsys):
    from glossator.cli import main

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"type": "Annotation", "id": "x", "target": "https://e.org/"}))
    assert main(["-C", str(REPO), "import", str(bad), SLUG]) == 1
    assert "no TextQuoteSelector" in capsys.readouterr().err
