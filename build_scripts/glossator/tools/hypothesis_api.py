"""Hypothesis API exports read as Web Annotations, so one importer serves both.

``GET /api/search`` (and the export people save from it) answers ``{"total": N, "rows": [...]}``
where each row carries ``text``, ``tags``, ``user`` (``acct:name@authority``), ``created``,
``uri`` and ``target[].selector[]`` already in the W3C selector shapes. Page notes (no
selector) and replies (``references``) are kept as rows, so the importer reports them by name.
"""

from __future__ import annotations

from typing import Any


def is_hypothesis_export(document: object) -> bool:
    return isinstance(document, dict) and isinstance(document.get("rows"), list)


def author_name(row: dict) -> str:
    """The display name when the row has one, else the handle of ``acct:handle@authority``."""
    info = row.get("user_info")
    if isinstance(info, dict) and str(info.get("display_name") or "").strip():
        return str(info["display_name"]).strip()
    user = str(row.get("user") or "")
    return user.removeprefix("acct:").split("@", 1)[0]


def row_to_w3c(row: object) -> object:
    """One API row as a W3C Annotation dict (anything that is not a row is passed on as is)."""
    if not isinstance(row, dict):
        return row
    links = row.get("links") if isinstance(row.get("links"), dict) else {}
    tags = row.get("tags") if isinstance(row.get("tags"), list) else []
    body: list[dict[str, Any]] = []
    if str(row.get("text") or "").strip():
        body.append({"type": "TextualBody", "purpose": "commenting", "value": row["text"]})
    body += [{"type": "TextualBody", "purpose": "tagging", "value": str(t)} for t in tags]
    targets = row.get("target") if isinstance(row.get("target"), list) else []
    annotation: dict[str, Any] = {
        "id": links.get("html") or links.get("incontext") or str(row.get("id") or ""),
        "type": "Annotation",
        "body": body,
        "target": [
            {"source": t.get("source") or row.get("uri", ""), "selector": t.get("selector", [])}
            for t in targets
            if isinstance(t, dict)
        ],
        "created": row.get("created", ""),
    }
    name = author_name(row)
    if name:
        annotation["creator"] = {"type": "Person", "name": name}
    if row.get("references"):
        annotation["glossator:reply"] = True
    return annotation


def shortfall(document: dict) -> str:
    """What is missing when the API's ``total`` is more than the rows saved (paged results)."""
    total = document.get("total")
    held = len(document["rows"])
    if isinstance(total, int) and not isinstance(total, bool) and total > held:
        return (
            f"the export says {total} annotation(s) matched but holds {held}: the API returns "
            "at most 200 per request; fetch the rest (search_after) and import them too"
        )
    return ""
