"""Pagefind bundles kept in the build cache between builds, shared with the site by hard links.

A bundle is kept once it is made and linked back into the site when a rebuild would index
exactly the same records: at a thousand articles that is a thousand files the file system
need not create, twice. Linked files are one file in two places, so each kept bundle has a
manifest of its files' sizes and times, and one written to in place is not reused.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MANIFEST = ".glossator-manifest.json"
"""In a kept bundle: each file's size and modification time, as kept."""
NOT_LINKED = shutil.ignore_patterns(MANIFEST)


def write_manifest(kept: Path) -> None:
    files = sorted(p for p in kept.rglob("*") if p.is_file())
    stats = {p.relative_to(kept).as_posix(): _stat(p) for p in files}
    (kept / MANIFEST).write_text(json.dumps(stats), encoding="utf-8")


def _stat(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def intact(kept: Path) -> bool:
    """A kept bundle is linked into the site, not copied: if anything wrote to a site file in
    place (and so to the kept one), its size or time no longer match, and it is not reused."""
    try:
        stats = json.loads((kept / MANIFEST).read_text(encoding="utf-8"))
        return bool(stats) and all(_stat(kept / rel) == st for rel, st in stats.items())
    except (OSError, ValueError):
        return False


def link(source: str, target: str) -> None:
    """A hard link (no new inode, no bytes copied), or a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
