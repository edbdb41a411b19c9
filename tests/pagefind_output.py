"""Read what Pagefind wrote into a built site: its fragments are gzipped JSON, one per record."""

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


def note_anchors(site: Path) -> dict[str, tuple[str, str, str]]:
    """``page#id`` -> (kind, note title, article title) for every note record's heading."""
    out = {}
    for record in fragments(site):
        kind = record["filters"]["kind"][0]
        if kind in ("context", "counterpoint", "source"):
            for anchor in record["anchors"]:
                out[f"{record['meta']['page']}#{anchor['id']}"] = (
                    kind,
                    anchor["text"],
                    record["meta"]["title"],
                )
    return out
