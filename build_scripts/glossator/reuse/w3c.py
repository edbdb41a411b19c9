"""W3C Web Annotation Data Model export and import of notes.

Our format already is a TextQuoteSelector (quote/prefix/suffix), so a note maps onto a
standard annotation without loss: Hypothesis and other annotation tools can read our notes,
and annotations made there can become pull requests here. What the model has no term for
(a note's title, kind and structured sources) travels under a ``glossator:`` namespace.

The selector is written from the article as anchored, not copied from the note's YAML: the
exact passage, and the characters around it, are what a reader's tool will find on the page
even when the note's own quote forgave white space or its prefix was shorter.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any
from urllib.parse import urljoin

from glossator.fields import SOURCE_FIELDS
from glossator.language import canonical
from glossator.model import KINDS, AnchoredNote, Article, Source
from glossator.pages.placement import note_breaks

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "https://glossator.dev/ns#"
CONTEXT_NAME = "glossator.jsonld"
"""Our JSON-LD context, published at the site's root beside the site-wide annotations.jsonld."""
DC, SCHEMA = "http://purl.org/dc/terms/", "https://schema.org/"
GLOSSATOR_CONTEXT: dict[str, Any] = {
    "@context": {
        "@version": 1.1,
        "glossator": NAMESPACE,
        "dcterms": DC,
        "schema": SCHEMA,
        "glossator:title": {"@id": "glossator:title"},
        "glossator:kind": {"@id": "glossator:kind"},
        # YYYY, YYYY-MM or YYYY-MM-DD: exactly Dublin Core's W3CDTF dates
        "glossator:created": {"@id": "glossator:created", "@type": "dcterms:W3CDTF"},
        "glossator:sources": {
            "@id": "glossator:sources",
            "@container": "@list",  # in the order the note cites them
            "@context": {
                "title": "dcterms:title",
                "publisher": "dcterms:publisher",
                "date": {"@id": "dcterms:date", "@type": "dcterms:W3CDTF"},
                "url": {"@id": "schema:url", "@type": "@id"},
                "archive_url": {"@id": "schema:archivedAt", "@type": "@id"},
            },
        },
    }
}
"""What every ``glossator:`` key means, so JSON-LD expansion keeps all of a note: the sources'
fields are Dublin Core and schema.org terms; title, kind and a partial created date are ours
(a ``glossator:`` key cannot be remapped to another vocabulary's IRI in JSON-LD 1.1)."""


def context_url(root: str) -> str:
    """Where the site publishes our context; ``root`` is the site's address or "/"."""
    return f"{root}{CONTEXT_NAME}"


def context(root: str) -> list[str]:
    return [W3C_CONTEXT, context_url(root)]


CONTEXT = context("/")
# the closest standard motivation for each kind (a consumer that ignores our namespace
# still sees what the note is for); docs/data-and-reuse.md says why each was chosen
MOTIVATIONS = {"context": "describing", "counterpoint": "assessing", "source": "linking"}
SOURCE_KEYS = tuple(f.name for f in fields(Source))
CONTEXT_CHARS = 32  # prefix/suffix length, as Hypothesis writes them
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in ("", None, [], {})}


def quote_selector(
    body: str, start: int, end: int, breaks: list[int] | tuple[int, ...] = ()
) -> dict[str, str]:
    """TextQuoteSelector for ``body[start:end]``, as the published page has it.

    ``breaks`` are where the page's article text is interrupted by notes
    (``placement.note_breaks``): prefix and suffix stop there, so ``prefix + exact + suffix``
    is verbatim text of the page. They are 32 characters (as Hypothesis writes them), longer
    where that is not yet unique in the article, up to the nearest break.
    """
    low = max((b for b in breaks if b <= start), default=0)
    high = min((b for b in breaks if b >= end), default=len(body))
    exact = body[start:end]
    chars = CONTEXT_CHARS
    while True:
        prefix = body[max(low, start - chars) : start]
        suffix = body[end : min(high, end + chars)]
        whole = start - len(prefix) <= low and end + len(suffix) >= high
        if whole or body.count(prefix + exact + suffix) <= 1:
            break
        chars *= 2
    return _clean({"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix})


def _created(value: str) -> dict[str, str]:
    """``created`` must be an xsd:dateTime; a partial date (2024-05) travels in our namespace."""
    if FULL_DATE.match(value or ""):
        return {"created": f"{value}T00:00:00Z"}
    return {"glossator:created": value} if value else {}


def note_to_w3c(
    note: AnchoredNote,
    article: Article,
    page_url: str,
    breaks: list[int] | None = None,
    lang: str = "",
) -> dict[str, Any]:
    """One note as a Web Annotation; ``page_url`` is the article page's absolute URL and
    ``breaks`` where notes interrupt the page's text (``notes_to_w3c`` works them out);
    ``lang`` the article's language (the body's ``language`` is the note's own, if it has one).

    No ``TextPositionSelector``: a consumer counts the text of the page's article element,
    and the notes in it; positions would change whenever any earlier note changed
    (docs/data-and-reuse.md)."""
    a = note.annotation
    return _clean(
        {
            "id": f"{page_url}#{a.id}",
            "type": "Annotation",
            "motivation": MOTIVATIONS[a.kind],
            **_created(a.created),
            "creator": {"type": "Person", "name": a.author} if a.author else None,
            "body": [
                {
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "format": "text/markdown",
                    "language": a.lang or article.lang or lang,
                    "value": a.body,
                },
                {"type": "TextualBody", "purpose": "tagging", "value": a.kind},
            ],
            "target": {
                "source": page_url,
                "selector": [quote_selector(article.body, note.start, note.end, breaks or ())],
            },
            "glossator:title": a.title,
            "glossator:kind": a.kind,
            "glossator:sources": [
                _clean({k: getattr(s, k) for k in SOURCE_KEYS}) for s in a.sources
            ],
        }
    )


def notes_to_w3c(
    article: Article, notes: list[AnchoredNote], page_url: str, lang: str = ""
) -> list[dict]:
    """An article's notes as Web Annotations, their selectors cut as the page shows them."""
    breaks = note_breaks(article, notes)
    return [note_to_w3c(n, article, page_url, breaks, lang) for n in notes]


def collection(
    collection_id: str, label: str, items: list[dict], root: str = "/"
) -> dict[str, Any]:
    """An AnnotationCollection holding ``items`` in one embedded AnnotationPage; ``root`` is
    the site's address, where our context is published."""
    doc: dict[str, Any] = {
        "@context": context(root),
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
    }
    if items:  # the model: a collection with annotations must link its first page
        doc["first"] = {
            "id": f"{collection_id}-page1",
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        }
    return doc


def paged_collection(
    collection_id: str, label: str, total: int, first: str, last: str, root: str = "/"
) -> dict[str, Any]:
    """A collection whose pages are documents of their own (``first`` and ``last`` are their
    addresses), so no one file holds every annotation of a large site."""
    doc: dict[str, Any] = {
        "@context": context(root),
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": total,
    }
    if total:
        doc["first"], doc["last"] = first, last
    return doc


def annotation_page(
    page_id: str,
    label: str,
    items: list[dict],
    part_of: dict[str, Any],
    start: int,
    prev: str | None,
    next_page: str | None,
    root: str = "/",
) -> dict[str, Any]:
    """One page of a paged collection, as its own document: ``part_of`` describes the
    collection (its id, label and total), ``prev``/``next_page`` are its neighbours' addresses."""
    doc: dict[str, Any] = {
        "@context": context(root),
        "id": page_id,
        "type": "AnnotationPage",
        "label": label,
        "partOf": part_of,
        "startIndex": start,
    }
    if prev:
        doc["prev"] = prev
    if next_page:
        doc["next"] = next_page
    doc["items"] = items
    return doc


def article_to_w3c(
    article: Article, notes: list[AnchoredNote], page_url: str, lang: str = ""
) -> dict[str, Any]:
    """An article's notes as one AnnotationCollection with a single embedded page; ``lang``
    is the site's language (the article's when its sidecar gives none)."""
    items = notes_to_w3c(article, notes, page_url, lang)
    root = urljoin(page_url, "../")  # an article page is <root><slug>/
    return collection(f"{page_url}#annotations", f"Notes on: {article.title}", items, root)


class W3CImportError(ValueError):
    """An annotation we cannot turn into a note, with the reason."""


def _selectors(annotation: dict) -> list[dict]:
    target = annotation.get("target") or {}
    if isinstance(target, list):
        target = next((t for t in target if isinstance(t, dict)), {})
    selectors = target.get("selector", []) if isinstance(target, dict) else []
    if isinstance(selectors, dict):
        selectors = [selectors]
    return [s for s in selectors if isinstance(s, dict)]


def w3c_to_fields(annotation: dict) -> dict[str, Any]:
    """The YAML fields of a note from one Web Annotation (ours or another tool's)."""
    if not isinstance(annotation, dict):
        raise W3CImportError(f"expected an annotation (a JSON object), got {_shape(annotation)}")
    quote = next((s for s in _selectors(annotation) if s.get("type") == "TextQuoteSelector"), None)
    if quote is None or not str(quote.get("exact") or "").strip():
        raise W3CImportError(f"{annotation.get('id', '?')}: no TextQuoteSelector to anchor by")
    bodies = annotation.get("body") or []
    if isinstance(bodies, (dict, str)):
        bodies = [bodies]
    text, tags, lang = "", [], ""
    for b in bodies:
        if isinstance(b, str):
            text = text or b
        elif not isinstance(b, dict):
            continue
        elif b.get("purpose") == "tagging":
            tags.append(str(b.get("value", "")))
        elif b.get("type", "TextualBody") == "TextualBody" and not text:
            text = str(b.get("value", ""))
            lang = canonical(str(b.get("language") or "")) or ""
    ours = annotation.get("glossator:kind") in KINDS
    kind = annotation.get("glossator:kind") if ours else next((t for t in tags if t in KINDS), "")
    creator = annotation.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    author = creator.get("name", "") if isinstance(creator, dict) else str(creator or "")
    sources = [
        {k: v for k, v in s.items() if k in SOURCE_FIELDS}
        for s in annotation.get("glossator:sources", [])
        if isinstance(s, dict) and s.get("title")
    ]
    fields = {
        "quote": str(quote["exact"]),
        "prefix": str(quote.get("prefix") or ""),
        "suffix": str(quote.get("suffix") or ""),
        "kind": kind,  # absent when neither our namespace nor a tag names one
        "title": annotation.get("glossator:title") or title_from_text(text) or "Imported note",
        "body": text or "TODO: write the note",
        "sources": sources,
        "author": author,
        "created": annotation.get("glossator:created") or str(annotation.get("created", ""))[:10],
        "lang": lang,  # the importer drops it when it is the article's
        # tags that are not a kind have no field of their own: kept for the importer to report
        "tags": [t for t in tags if t and t != kind],
    }
    return {k: v for k, v in fields.items() if v not in ("", [], None)}


def title_from_text(text: str, limit: int = 80) -> str:
    """A note's first sentence (link text for links), whole words, at most ``limit`` characters."""
    flat = " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).split())
    first = re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _shape(value: object) -> str:
    if isinstance(value, dict):
        keys = ", ".join(sorted(map(str, value))[:8]) or "no keys"
        kind = f" of type {value['type']!r}" if "type" in value else ""
        return f"a JSON object{kind} with keys: {keys}"
    if isinstance(value, list):
        return f"a JSON list of {len(value)} item(s)"
    return f"a JSON {type(value).__name__} ({str(value)[:40]!r})"


def _types(value: dict) -> set[str]:
    kind = value.get("type", value.get("@type"))
    return set(kind) if isinstance(kind, list) else {kind}


def annotation_items(document: object) -> list[object]:
    """The annotations a W3C document holds, in order; an error naming any other shape.

    Reads an Annotation, an AnnotationPage (``items``), an AnnotationCollection with its pages
    embedded (``first`` and the ``next`` pages it links to inline) or, as often found in the
    wild, with ``items`` directly on it, and a plain JSON list of annotations. A collection
    whose pages are only linked, not embedded, is refused: its notes would be lost unseen.
    """
    if isinstance(document, list):
        return list(document)
    if not isinstance(document, dict):
        raise W3CImportError(f"expected W3C Web Annotation JSON-LD, found {_shape(document)}")
    types = _types(document)
    if "Annotation" in types:
        return [document]
    if "AnnotationPage" in types:
        return _page_items(document)
    if "AnnotationCollection" in types:
        items = list(document.get("items") or [])
        page = document.get("first")
        seen = 0
        while page is not None:
            if not isinstance(page, dict):
                raise W3CImportError(
                    f"the collection's pages are links ({str(page)[:60]!r}), not embedded: "
                    "fetch each page and import those"
                )
            items += _page_items(page)
            page = page.get("next")
            seen += 1
            if seen > 10_000:
                raise W3CImportError("the collection's pages go round in a loop")
        total = document.get("total")
        if isinstance(total, int) and total != len(items):
            raise W3CImportError(
                f"the collection says it holds {total} annotation(s) but {len(items)} are "
                "embedded: fetch the missing pages and import those"
            )
        return items
    raise W3CImportError(
        "expected an Annotation, AnnotationPage or AnnotationCollection, found " + _shape(document)
    )


def _page_items(page: dict) -> list[object]:
    items = page.get("items")
    if not isinstance(items, list):
        raise W3CImportError(f"an AnnotationPage without an 'items' list: {_shape(page)}")
    return list(items)


def import_items(document: dict | list) -> list[tuple[str, dict[str, Any]]]:
    """(original id, fields) for every annotation in a W3C document, in order."""
    return [(str(item.get("id", "")), w3c_to_fields(item)) for item in annotation_items(document)]


__all__ = [
    "CONTEXT",
    "CONTEXT_NAME",
    "GLOSSATOR_CONTEXT",
    "annotation_items",
    "annotation_page",
    "article_to_w3c",
    "collection",
    "import_items",
    "note_to_w3c",
    "notes_to_w3c",
    "paged_collection",
    "w3c_to_fields",
]
