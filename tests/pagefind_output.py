"""Read what Pagefind wrote into a built site: its fragments are gzipped JSON, one per record
(one record per article, its notes as headings; one per hand-written page)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def decode(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return data[len(SIGNATURE) :]


def fragments(site: Path) -> list[dict]:
    """Every record: ``url``, ``content`` (plain text), ``meta``, ``filters``, ``anchors``."""
    return [json.loads(decode(p)) for p in sorted((site / "pagefind" / "fragment").iterdir())]


def note_kinds(record: dict) -> dict[str, str]:
    """A record's notes and their kinds, from its ``notes`` metadata (``id:kind`` pairs)."""
    pairs = (pair.rsplit(":", 1) for pair in record["meta"].get("notes", "").split())
    return {note_id: kind for note_id, kind in pairs}


def note_anchors(site: Path) -> dict[str, tuple[str, str, str]]:
    """``page#id`` -> (kind, note title, article title) for every note heading of a record."""
    out = {}
    for record in fragments(site):
        kinds = note_kinds(record)
        for anchor in record["anchors"]:
            if anchor["id"] in kinds:
                out[f"{record['meta']['page']}#{anchor['id']}"] = (
                    kinds[anchor["id"]],
                    anchor["text"],
                    record["meta"]["title"],
                )
    return out
