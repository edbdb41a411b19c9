"""annotations.jsonld expands without loss: every key is defined by a context it links.

Expanded with pyld and the official Web Annotation context, then compacted back, the export
must come out as it went in: a key no context defines is silently dropped by expansion (the
sources' fields were, making every source an empty node in RDF). The contexts are served from
files (no network): the W3C one from ../shared/interop beside the repository, ours from the
built site.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from projects import REPO

pyld = pytest.importorskip("pyld", reason="pyld is a test extra: pip install -e '.[test]'")
rdflib = pytest.importorskip("rdflib", reason="rdflib is a test extra: pip install -e '.[test]'")
from pyld import jsonld  # noqa: E402

INTEROP = REPO.parent / "shared" / "interop"
ANNO = INTEROP / "web-annotation" / "anno.jsonld"
W3C = "http://www.w3.org/ns/anno.jsonld"
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
SCHEMA = rdflib.Namespace("https://schema.org/")
GLOSSATOR = rdflib.Namespace("https://glossator.dev/ns#")
AS = rdflib.Namespace("http://www.w3.org/ns/activitystreams#")


@pytest.fixture(scope="module")
def contexts(structured_site: Path) -> dict[str, dict]:
    if not ANNO.is_file():
        pytest.skip(f"the official W3C context is not at {ANNO} (../shared/interop)")
    anno = json.loads(ANNO.read_text(encoding="utf-8"))
    # the file is the 2017 one; the served context has had this line since 2021
    # (w3c/web-annotation#444), and notes of kind counterpoint use it
    anno["@context"].setdefault("assessing", "oa:assessing")
    ours = json.loads((structured_site / "glossator.jsonld").read_text(encoding="utf-8"))
    return {W3C: anno, "https://notes.example.org/glossator.jsonld": ours}


@pytest.fixture(scope="module")
def loader(contexts):
    def load(url: str, options: object = None) -> dict:
        if url not in contexts:
            raise jsonld.JsonLdError(f"not served offline: {url}", "loading document failed")
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": contexts[url]}  # fmt: skip

    return load


def _one(value: object) -> object:
    if isinstance(value, dict):
        return {k: _one(v) for k, v in value.items() if k != "@context"}
    if isinstance(value, list):
        return _one(value[0]) if len(value) == 1 else [_one(v) for v in value]
    return value


def lost(document: dict, loader) -> list[str]:
    """Paths of keys (and values) that do not survive expansion and compaction."""
    options = {"documentLoader": loader}
    back = jsonld.compact(jsonld.expand(document, options), {"@context": document["@context"]},
                          options)  # fmt: skip
    out: list[str] = []

    def walk(a: object, b: object, path: str) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in a:
                if key not in b:
                    out.append(f"{path}/{key}")
                else:
                    walk(a[key], b[key], f"{path}/{key}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{path}[{i}]")
        elif a != b:
            out.append(f"{path}: {a!r} became {b!r}")

    walk(_one(document), _one(back), "")
    return out


@pytest.mark.parametrize("name", ["harbour-levy/annotations.jsonld", "annotations.jsonld"])
def test_the_export_round_trips_through_pyld_with_nothing_dropped(structured_site, loader, name):
    document = json.loads((structured_site / name).read_text(encoding="utf-8"))
    assert document["@context"] == [W3C, "https://notes.example.org/glossator.jsonld"]
    if name != "annotations.jsonld":  # an article's page; the site-wide head links the pages
        items = document["items"]
        assert any(
            s.get("date") and s.get("publisher")
            for i in items
            for s in i.get("glossator:sources", [])
        )
    assert lost(document, loader) == []


def test_in_rdf_the_site_collection_links_its_pages(structured_site, loader):
    """What a Linked Data harvester reads: the collection's first and last pages, and each
    page saying which collection it is part of (ActivityStreams terms, by W3C's context)."""
    options = {"documentLoader": loader, "format": "application/n-quads"}
    graph = rdflib.Graph()
    for path in [
        structured_site / "annotations.jsonld",
        *structured_site.glob("*/annotations.jsonld"),
    ]:
        graph.parse(data=jsonld.to_rdf(json.loads(path.read_text()), options), format="nt")
    collection = rdflib.URIRef("https://notes.example.org/annotations.jsonld")
    first = graph.value(collection, AS.first)
    assert first is not None and graph.value(first, AS.partOf) == collection
    assert graph.value(collection, AS.last) is not None
    pages = set(graph.subjects(AS.partOf, collection))
    assert len(pages) == len(list(structured_site.glob("*/annotations.jsonld"))) > 0
    items = [i for p in pages for i in graph.objects(p, AS.items)]
    assert items, "each page's items are in the graph"


def test_without_our_context_the_sources_would_be_lost(structured_site, loader):
    """The check above can fail: with only the W3C context and our prefix, expansion drops the
    sources' fields, as it did before the context was published."""
    document = json.loads((structured_site / "harbour-levy" / "annotations.jsonld").read_text())
    document["@context"] = [W3C, {"glossator": "https://glossator.dev/ns#"}]
    dropped = lost(document, loader)
    assert any(path.endswith("/title") and "sources" in path for path in dropped), dropped


def test_in_rdf_every_source_is_described_with_dublin_core(structured_site, loader):
    document = json.loads((structured_site / "harbour-levy" / "annotations.jsonld").read_text())
    quads = jsonld.to_rdf(document, {"documentLoader": loader, "format": "application/n-quads"})
    graph = rdflib.Graph()
    graph.parse(data=quads, format="nt")  # one graph: N-Quads lines are N-Triples
    titles = {str(o) for o in graph.objects(None, DCTERMS.title)}
    assert "Council minutes" in titles
    dates = set(graph.objects(None, DCTERMS.date))
    assert rdflib.Literal("2024-05", datatype=DCTERMS.W3CDTF) in dates
    assert rdflib.URIRef("https://example.org/minutes") in set(graph.objects(None, SCHEMA.url))
    created = set(graph.objects(None, GLOSSATOR.created))  # a year only: not an xsd:dateTime
    assert rdflib.Literal("2024", datatype=DCTERMS.W3CDTF) in created
    kinds = {str(o) for o in graph.objects(None, GLOSSATOR.kind)}
    assert kinds == {"context", "counterpoint", "source"}
