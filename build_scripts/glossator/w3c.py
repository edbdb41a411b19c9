"""W3C Web Annotation Data Model export and import of notes.

Our format already is a TextQuoteSelector (quote/prefix/suffix), so a note maps onto a
standard annotation without loss: Hypothesis and other annotation tools can read our notes,
and annotations made there can become pull requests here. What the model has no term for
(a note's title, kind and structured sources) travels under a ``glossator:`` namespace.
"""

from __future__ import annotations

from typing import Any

from .fields import SOURCE_FIELDS
from .model import KINDS, AnchoredNote, Article

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "https://glossator.dev/ns#"
CONTEXT = [W3C_CONTEXT, {"glossator": NAMESPACE}]
# the closest standard motivation for each kind (a consumer that ignores our namespace
# still sees what the note is for)
MOTIVATIONS = {"context": "describing", "counterpoint": "assessing", "source": "linking"}


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in ("", None, [], {})}


def note_to_w3c(note: AnchoredNote, article: Article, page_url: str) -> dict[str, Any]:
    """One note as a Web Annotation; ``page_url`` is the article page's absolute URL."""
    a = note.annotation
    body = article.body
    quote_selector = _clean(
        {
            "type": "TextQuoteSelector",
            "exact": body[note.start : note.end],
            "prefix": a.prefix,
            "suffix": a.suffix,
        }
    )
    return _clean(
        {
            "id": f"{page_url}#{a.id}",
            "type": "Annotation",
            "motivation": MOTIVATIONS[a.kind],
            "created": a.created,
            "creator": {"type": "Person", "name": a.author} if a.author else None,
            "body": [
                {
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "format": "text/markdown",
                    "value": a.body,
                },
                {"type": "TextualBody", "purpose": "tagging", "value": a.kind},
            ],
            "target": {
                "source": page_url,
                "selector": [
                    quote_selector,
                    {"type": "TextPositionSelector", "start": note.start, "end": note.end},
                ],
            },
            "glossator:title": a.title,
            "glossator:kind": a.kind,
            "glossator:sources": [_clean(vars(s).copy()) for s in a.sources],
        }
    )


def edition_to_w3c(article: Article, notes: list[AnchoredNote], page_url: str) -> dict[str, Any]:
    """An article's notes as one AnnotationCollection with a single embedded page."""
    items = [note_to_w3c(n, article, page_url) for n in notes]
    return {
        "@context": CONTEXT,
        "id": f"{page_url}#annotations",
        "type": "AnnotationCollection",
        "label": f"Notes on: {article.title}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


class W3CImportError(ValueError):
    """An annotation we cannot turn into a note, with the reason."""


def _items(document: dict | list) -> list[dict]:
    if isinstance(document, list):
        return document
    kind = document.get("type")
    if kind == "Annotation":
        return [document]
    if kind == "AnnotationCollection":
        first = document.get("first") or {}
        return list(first.get("items", [])) if isinstance(first, dict) else []
    if kind == "AnnotationPage":
        return list(document.get("items", []))
    raise W3CImportError(
        f"expected an Annotation, AnnotationPage or AnnotationCollection, got {kind!r}"
    )


def w3c_to_fields(annotation: dict) -> dict[str, Any]:
    """The YAML fields of a note from one Web Annotation (ours or another tool's)."""
    target = annotation.get("target") or {}
    if isinstance(target, list):
        target = target[0] if target else {}
    selectors = target.get("selector", []) if isinstance(target, dict) else []
    if isinstance(selectors, dict):
        selectors = [selectors]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    if quote is None or not quote.get("exact"):
        raise W3CImportError(f"{annotation.get('id', '?')}: no TextQuoteSelector to anchor by")
    bodies = annotation.get("body") or []
    if isinstance(bodies, (dict, str)):
        bodies = [bodies]
    text, tags = "", []
    for b in bodies:
        if isinstance(b, str):
            text = text or b
        elif b.get("purpose") == "tagging":
            tags.append(str(b.get("value", "")))
        elif b.get("type", "TextualBody") == "TextualBody" and not text:
            text = str(b.get("value", ""))
    kind = annotation.get("glossator:kind") or next((t for t in tags if t in KINDS), "context")
    first_line = " ".join(text.split())[:80] if text else "Imported note"
    creator = annotation.get("creator")
    author = creator.get("name", "") if isinstance(creator, dict) else str(creator or "")
    sources = [
        {k: v for k, v in s.items() if k in SOURCE_FIELDS}
        for s in annotation.get("glossator:sources", [])
        if isinstance(s, dict) and s.get("title")
    ]
    fields = {
        "quote": quote["exact"],
        "prefix": quote.get("prefix", ""),
        "suffix": quote.get("suffix", ""),
        "kind": kind,
        "title": annotation.get("glossator:title") or first_line,
        "body": text or "TODO: write the note",
        "sources": sources,
        "author": author,
        "created": str(annotation.get("created", ""))[:10],
    }
    return {k: v for k, v in fields.items() if v not in ("", [], None)}


def import_items(document: dict | list) -> list[tuple[str, dict[str, Any]]]:
    """(original id, fields) for every annotation in a W3C document, in order."""
    return [(str(item.get("id", "")), w3c_to_fields(item)) for item in _items(document)]


__all__ = ["CONTEXT", "edition_to_w3c", "import_items", "note_to_w3c", "w3c_to_fields"]
