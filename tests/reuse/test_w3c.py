"""W3C Web Annotation export and import, checked against the Web Annotation Data Model's rules.

The built ``<slug>/annotations.jsonld`` of a small edition (tests/fixtures/opendata) is held to
the model's MUSTs (https://www.w3.org/TR/annotation-model/): the published context, an IRI
``id`` and the ``Annotation`` type on every annotation, a target with a source, selector
shapes (TextQuoteSelector ``exact``; TextPositionSelector non-negative integer ``start`` <=
``end``), motivations from the W3C vocabulary, xsd:dateTime dates; each article's file is
one AnnotationPage of the site-wide collection, whose ``total`` counts the annotations found
by following its pages from ``first`` to ``last``.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup

from glossator.cli import main
from glossator.pipeline.edition import load_edition
from glossator.reuse.w3c import (
    W3CImportError,
    annotation_items,
    article_to_w3c,
    import_items,
    w3c_to_fields,
)
from projects import OPENDATA, copy_opendata, mkdocs_build

SLUG = "harbour-bridge-reopens"
PAGE = f"https://notes.example.org/{SLUG}/"
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
}
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s]+$")


def model_errors(doc: dict) -> list[str]:
    """Every way ``doc`` (an AnnotationCollection with its page embedded, or an
    AnnotationPage of a collection) breaks the Web Annotation Data Model."""
    errors = []
    context = doc.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if W3C_CONTEXT not in contexts:
        errors.append("@context lacks the published Web Annotation context")
    if doc.get("type") not in ("AnnotationCollection", "AnnotationPage") or not IRI.match(
        str(doc.get("id", ""))
    ):
        errors.append("needs type AnnotationCollection or AnnotationPage and an IRI id")
    if doc.get("type") == "AnnotationPage":
        page = doc
        part_of = doc.get("partOf")
        if not (isinstance(part_of, dict) and IRI.match(str(part_of.get("id", "")))):
            errors.append("partOf must name its collection by an IRI id")
        start = doc.get("startIndex")
        if not (isinstance(start, int) and start >= 0):
            errors.append("startIndex must be a non-negative integer")
        items = doc.get("items")
        if not isinstance(items, list):
            errors.append("an AnnotationPage must have items")
            items = []
    elif isinstance(doc.get("first"), str):  # paged: ``pages_of`` counts what they hold
        if not (IRI.match(doc["first"]) or doc["first"].startswith("/")) or not doc.get("last"):
            errors.append("a paged collection links its first and last pages")
        if not isinstance(doc.get("total"), int):
            errors.append("a paged collection says its total")
        items = []
    else:
        page = doc.get("first")
        items = page.get("items", []) if isinstance(page, dict) else []
        if doc.get("total") != len(items):
            errors.append("total differs from the number of annotations")
        if items and (page.get("type") != "AnnotationPage" or not isinstance(page["items"], list)):
            errors.append("first must be an AnnotationPage with items")
    for a in items:
        where = a.get("id", "?")
        if not IRI.match(str(a.get("id", ""))):
            errors.append(f"{where}: id must be an IRI")
        if a.get("type") != "Annotation":
            errors.append(f"{where}: type must be Annotation")
        if a.get("motivation") not in MOTIVATIONS:
            errors.append(f"{where}: motivation {a.get('motivation')!r} is not W3C's")
        for key in ("created", "modified"):
            if key in a and not DATETIME.match(a[key]):
                errors.append(f"{where}: {key} must be an xsd:dateTime")
        for body in a.get("body", []):
            if body.get("type") == "TextualBody" and "value" not in body:
                errors.append(f"{where}: TextualBody without value")
            if "purpose" in body and body["purpose"] not in MOTIVATIONS:
                errors.append(f"{where}: purpose {body['purpose']!r} is not W3C's")
        target = a.get("target")
        if not isinstance(target, dict) or not IRI.match(str(target.get("source", ""))):
            errors.append(f"{where}: target needs a source IRI")
            continue
        for s in target.get("selector", []):
            if s.get("type") == "TextQuoteSelector":
                if not isinstance(s.get("exact"), str) or not s["exact"]:
                    errors.append(f"{where}: TextQuoteSelector needs exact")
                for k in ("prefix", "suffix"):
                    if k in s and not isinstance(s[k], str):
                        errors.append(f"{where}: {k} must be a string")
            elif s.get("type") == "TextPositionSelector":
                start, end = s.get("start"), s.get("end")
                if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
                    errors.append(f"{where}: TextPositionSelector needs 0 <= start <= end")
            else:
                errors.append(f"{where}: unexpected selector {s.get('type')!r}")
    return errors


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_opendata(tmp_path_factory.mktemp("opendata"))
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    return root


def test_every_build_writes_the_annotations_the_cli_exports(built, capsys):
    doc = json.loads((built / "site" / SLUG / "annotations.jsonld").read_text(encoding="utf-8"))
    assert model_errors(doc) == []
    assert main(["-C", str(built), "export", SLUG]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert model_errors(exported) == []
    assert exported["first"]["items"] == doc["items"]
    assert (
        exported["label"]
        == doc["label"]
        == "Notes on: Harbour Bridge Reopens After Two Years of Repairs"
    )
    page = BeautifulSoup((built / "site" / SLUG / "index.html").read_text("utf-8"), "html.parser")
    links = page.head.find_all("link", rel="alternate", type="application/ld+json")
    assert [x["href"] for x in links] == ["annotations.jsonld", "../annotations.jsonld"]


def test_selectors_come_from_the_article_as_anchored(built):
    doc = json.loads((built / "site" / SLUG / "annotations.jsonld").read_text(encoding="utf-8"))
    edition = load_edition(built)
    body = edition.articles[SLUG].body
    notes = {n.id: n for n in edition.notes[SLUG]}
    assert {a["id"] for a in doc["items"]} == {PAGE + "#" + i for i in notes}
    for a in doc["items"]:
        note = notes[a["id"].rsplit("#", 1)[1]]
        # no TextPositionSelector: a consumer counts the page's text, notes and all
        (quote,) = a["target"]["selector"]
        assert quote["exact"] == body[note.start : note.end]
        # prefix and suffix stop where notes interrupt the page's text (tests/reuse/test_w3c_page_text.py)
        assert body[: note.start].endswith(quote.get("prefix", ""))
        assert body[note.end :].startswith(quote.get("suffix", ""))
        assert len(quote.get("prefix", "")) <= 32 or body.count(quote["exact"]) > 1
        assert a["glossator:kind"] == note.kind
        assert a["motivation"] == {"context": "describing", "counterpoint": "assessing"}.get(
            note.kind, "linking"
        )
    council = next(a for a in doc["items"] if a["id"].endswith("#council-fund"))
    # the YAML's prefix is 24 characters; the export gives the reader's tool the full 32
    assert council["target"]["selector"][0]["prefix"] == "t their takings by a third, and "


def test_dates_are_xsd_datetimes_and_partial_dates_are_kept(built):
    doc = json.loads((built / "site" / SLUG / "annotations.jsonld").read_text(encoding="utf-8"))
    by_id = {a["id"].rsplit("#", 1)[1]: a for a in doc["items"]}
    assert by_id["repair-cost"]["created"] == "2024-03-20T00:00:00Z"
    assert "created" not in by_id["strong-as-built"]  # 2024-03 is no xsd:dateTime
    assert by_id["strong-as-built"]["glossator:created"] == "2024-03"


def pages_of(site, collection: dict, root: str) -> list[dict]:
    """The collection's pages as a harvester finds them: from ``first``, by ``next``, each
    read from the built site (``root`` is the site's address)."""
    pages, url = [], collection.get("first")
    while url:
        assert url.startswith(root), url
        page = json.loads((site / url[len(root) :]).read_text(encoding="utf-8"))
        assert page["id"] == url
        assert page["partOf"]["id"] == collection["id"]
        assert page["partOf"]["total"] == collection["total"]
        assert page.get("prev") == (pages[-1]["id"] if pages else None)
        assert page["startIndex"] == sum(len(p["items"]) for p in pages)
        pages.append(page)
        url = page.get("next")
        assert len(pages) < 1000, "the pages go round in a loop"
    assert (pages[-1]["id"] if pages else None) == collection.get("last")
    return pages


def test_the_site_wide_collection_holds_every_note(built):
    doc = json.loads((built / "site" / "annotations.jsonld").read_text(encoding="utf-8"))
    assert model_errors(doc) == []
    assert doc["id"] == "https://notes.example.org/annotations.jsonld"
    assert doc["total"] == 4
    pages = pages_of(built / "site", doc, "https://notes.example.org/")
    files = sorted((built / "site").glob("*/annotations.jsonld"))
    assert [p["id"] for p in pages] == [
        f"https://notes.example.org/{f.parent.name}/annotations.jsonld" for f in files
    ]  # every article's page, in turn
    assert sum(len(p["items"]) for p in pages) == doc["total"]
    assert all(model_errors(p) == [] for p in pages)
    assert len((built / "site" / "annotations.jsonld").read_bytes()) < 1000  # a head, not a copy


def test_export_import_export_is_lossless(built, tmp_path, capsys):
    exported = (built / "site" / SLUG / "annotations.jsonld").read_text(encoding="utf-8")
    assert json.loads(exported)["type"] == "AnnotationPage"
    fresh = copy_opendata(tmp_path / "fresh")
    shutil.rmtree(fresh / "annotations")
    (tmp_path / "in.jsonld").write_text(exported, encoding="utf-8")
    assert main(["-C", str(fresh), "import", str(tmp_path / "in.jsonld"), SLUG]) == 0
    out = capsys.readouterr().out
    assert out.count("created ") == 4 and out.strip().endswith("no problems"), out
    assert main(["-C", str(fresh), "export", SLUG]) == 0
    assert json.loads(capsys.readouterr().out)["first"]["items"] == json.loads(exported)["items"]


# --- reading the shapes found in the wild ------------------------------------------------------

ONE = {
    "id": "https://elsewhere.example/a/1",
    "type": "Annotation",
    "body": {"type": "TextualBody", "value": "Opened by the mayor."},
    "target": {
        "source": "https://courier.example.net/x",
        "selector": {"type": "TextQuoteSelector", "exact": "opened in 1932"},
    },
}


@pytest.mark.parametrize(
    "document",
    [
        [ONE, ONE],
        {"type": "AnnotationPage", "items": [ONE, ONE]},
        {"type": "AnnotationCollection", "id": "c", "total": 2, "items": [ONE, ONE]},
        {"type": "AnnotationCollection", "id": "c", "first": {"items": [ONE, ONE]}},
        {
            "type": "AnnotationCollection",
            "id": "c",
            "total": 2,
            "first": {"type": "AnnotationPage", "items": [ONE], "next": {"items": [ONE]}},
        },
    ],
    ids=["list", "page", "items-on-collection", "embedded-first", "first-and-next"],
)
def test_every_supported_shape_yields_every_annotation(document):
    assert len(annotation_items(document)) == 2


@pytest.mark.parametrize(
    ("document", "says"),
    [
        ({"type": "AnnotationCollection", "id": "c", "first": "https://x/p1"}, "links"),
        (
            {"type": "AnnotationCollection", "id": "c", "total": 3, "items": [ONE]},
            "says it holds 3",
        ),
        ({"data": []}, "found a JSON object with keys: data"),
        ("hello", "found a JSON str"),
        ({"type": "AnnotationPage"}, "without an 'items' list"),
    ],
)
def test_a_shape_that_cannot_be_read_is_an_error_saying_what_was_found(document, says):
    with pytest.raises(W3CImportError, match=re.escape(says)):
        annotation_items(document)


def test_import_from_another_tool_takes_quote_text_and_tags():
    other = {
        **ONE,
        "body": [
            {"type": "TextualBody", "value": "The round ended on 12 August. More later."},
            {"type": "TextualBody", "purpose": "tagging", "value": "context"},
            {"type": "TextualBody", "purpose": "tagging", "value": "bridges"},
        ],
    }
    fields = w3c_to_fields(other)
    assert fields["quote"] == "opened in 1932"
    assert fields["kind"] == "context"
    assert fields["title"] == "The round ended on 12 August."
    assert fields["tags"] == ["bridges"]


def test_our_own_export_keeps_every_field():
    edition = load_edition(OPENDATA)
    doc = article_to_w3c(edition.articles[SLUG], edition.notes[SLUG], PAGE)
    by_id = {n.id: n.annotation for n in edition.notes[SLUG]}
    for original_id, fields in import_items(json.loads(json.dumps(doc))):
        a = by_id[original_id.rsplit("#", 1)[1]]
        assert (fields["kind"], fields["title"], fields["body"]) == (a.kind, a.title, a.body)
        assert fields.get("author", "") == a.author and fields.get("created", "") == a.created
        assert [s["title"] for s in fields.get("sources", [])] == [s.title for s in a.sources]


def test_cli_import_rejects_a_document_without_quotes(tmp_path, capsys):
    root = copy_opendata(tmp_path / "p")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"type": "Annotation", "id": "x", "target": "https://e.org/"}))
    assert main(["-C", str(root), "import", str(bad), SLUG]) == 1
    err = capsys.readouterr().err
    assert "annotation 1 (x) not imported: no TextQuoteSelector" in err
    assert sorted(p.name for p in (root / "annotations" / SLUG).iterdir()) == sorted(
        p.name for p in (OPENDATA / "annotations" / SLUG).iterdir()
    )


def test_cli_import_names_an_unreadable_shape(tmp_path, capsys):
    root = copy_opendata(tmp_path / "p")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"annotations": [ONE]}))
    assert main(["-C", str(root), "import", str(bad), SLUG]) == 1
    assert "found a JSON object with keys: annotations" in capsys.readouterr().err


def test_the_site_wide_collection_joins_every_article_in_turn(tmp_path):
    from projects import mkdocs_build, write_project

    note = "quote: {q}\nkind: context\ntitle: On {q}\nbody: Some context.\n"
    root = write_project(
        tmp_path,
        {
            "seeds/alpha.txt": "Alpha\n\nThe harbour opened in May.\n",
            "seeds/beta.txt": "Beta\n\nNothing to note here.\n",
            "seeds/gamma.txt": "Gamma\n\nThe council met twice. The mayor spoke.\n",
            "annotations/alpha/harbour.yml": note.format(q="The harbour opened"),
            "annotations/gamma/council.yml": note.format(q="The council met"),
            "annotations/gamma/mayor.yml": note.format(q="The mayor spoke"),
        },
    )
    assert mkdocs_build(root).returncode == 0
    doc = json.loads((root / "site" / "annotations.jsonld").read_text(encoding="utf-8"))
    assert model_errors(doc) == []
    pages = pages_of(root / "site", doc, "https://example.org/")
    assert [p["id"] for p in pages] == [
        f"https://example.org/{s}/annotations.jsonld" for s in ("alpha", "beta", "gamma")
    ]
    assert pages[1]["items"] == []  # an article without notes is an empty page, not a gap
    ids = [a["id"].rsplit("/", 2)[-2:] for p in pages for a in p["items"]]
    assert ids == [["alpha", "#harbour"], ["gamma", "#council"], ["gamma", "#mayor"]]
    assert doc["total"] == 3
    assert [p["startIndex"] for p in pages] == [0, 1, 1]
