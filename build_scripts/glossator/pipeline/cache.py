"""A content-addressed build cache: results keyed by a hash of every byte they depend on.

An entry's key covers the Glossator version and source code, the Python and PyYAML versions,
and the input bytes (see ``folder_key``), so an entry can only be found again by the
exact inputs that produced it: a changed input is a new key, never a stale hit. An entry
that cannot be read or unpickled is ignored and rewritten (``pack``). The cache folder is trusted like the project's own files (it holds
pickles), so it lives beside mkdocs.yml, never in anything fetched from elsewhere.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import time
from dataclasses import fields
from pathlib import Path

from glossator.fields import ANNOTATION_SUFFIX
from glossator.model import AnchoredNote, Annotation, Article, Match, Problem
from glossator.pipeline.pack import BuildCache

PACKAGE = Path(__file__).resolve().parent.parent

FolderResult = tuple[list[AnchoredNote], list[Problem], int, list[tuple[Annotation, Match]]]
"""What loading one annotation folder gives: its notes, its problems, the files counted, and
the valid notes that did not anchor (with their match)."""


def new_hash() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=20)


def feed(h: hashlib.blake2b, *parts: bytes | str) -> None:
    """Length-prefixed, so no two different sequences of parts hash the same."""
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)


def read_bytes(path: Path | str) -> bytes:
    """A whole file, without the io layers (half the time of ``Path.read_bytes``)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


@functools.cache
def code_fingerprint() -> bytes:
    """Glossator's version and every file of its source, plus the Python and PyYAML versions."""
    import yaml

    from glossator.version import __version__

    h = new_hash()
    feed(h, "glossator", __version__, sys.version, getattr(yaml, "__version__", "?"))
    for path in sorted(PACKAGE.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        feed(h, path.relative_to(PACKAGE).as_posix(), path.read_bytes())
    return h.digest()


# --- what the edition caches: one annotation folder's result ------------------------------


def _folder_head(root: Path, folder: Path, article: Article, what: str) -> hashlib.blake2b:
    h = new_hash()
    feed(h, code_fingerprint(), what, folder.relative_to(root).as_posix())
    public = [(f.name, getattr(article, f.name)) for f in fields(article) if f.name[0] != "_"]
    feed(h, repr(public))
    return h


def folder_key(
    root: Path, folder: Path, listing: list[tuple[str, bool]], article: Article
) -> tuple[str | None, dict[Path, bytes] | None]:
    """The cache key of one annotation folder, and the note files' bytes it hashed.

    A cold load parses exactly those bytes (and treats every other entry as not a note),
    so the result stored under the key is the result of the key's inputs even if files
    change meanwhile. The article is keyed by its parsed fields, not its file, for the same
    reason: they are exactly what the notes were anchored in.
    """
    h = _folder_head(root, folder, article, "bytes")
    data: dict[Path, bytes] = {}
    for name, is_dir in listing:
        if is_dir or not name.endswith(ANNOTATION_SUFFIX):
            feed(h, "other", name)  # an error whatever it holds
            continue
        path = folder / name
        try:
            data[path] = read_bytes(path)
        except OSError:
            return None, None  # reported by the cold path, never cached
        feed(h, "note", name, data[path])
    return h.hexdigest(), data


SETTLED_NS = 2_000_000_000
"""How long ago a note file must have changed for its folder to be known by its files' stat:
a file written again within its clock's resolution keeps its times, so a folder with a file
younger than this is keyed by its bytes only (git's "racily clean" rule)."""


def stat_key(
    root: Path, folder: Path, listing: list[tuple[str, bool]], article: Article
) -> str | None:
    """A cheaper key of the same folder, from its note files' stat instead of their bytes.

    The cache maps it to the folder's ``folder_key``, so a warm load reads no note file.
    Size, modification and change times, inode and device: any write changes the change
    time, which no tool sets back. None when a file is unsettled or cannot be stat'ed.
    """
    h = _folder_head(root, folder, article, "stat")
    now = time.time_ns()
    for name, is_dir in listing:
        if is_dir or not name.endswith(ANNOTATION_SUFFIX):
            feed(h, "other", name)
            continue
        known = _settled(os.path.join(folder, name), now)
        if not known:
            return None
        feed(h, "note", name, known)
    return h.hexdigest()


def _settled(path: Path | str, now: int, missing_ok: bool = False) -> str | None:
    """A file's stat as a key part, or None when it changed a moment ago or cannot be
    stat'ed (``missing_ok``: a missing file is the part "absent")."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "absent" if missing_ok else None
    except OSError:
        return None
    if now - max(st.st_mtime_ns, st.st_ctime_ns) < SETTLED_NS:
        return None
    return repr((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev))


def folder_result(value: object) -> FolderResult | None:
    """A cached folder result, if it has the shape of one (anything else is a miss)."""
    if (
        isinstance(value, tuple)
        and len(value) == 4
        and isinstance(value[0], list)
        and isinstance(value[1], list)
        and isinstance(value[2], int)
        and isinstance(value[3], list)
        and all(isinstance(n, AnchoredNote) for n in value[0])
        and all(isinstance(p, Problem) for p in value[1])
        and all(
            isinstance(u, tuple)
            and len(u) == 2
            and isinstance(u[0], Annotation)
            and isinstance(u[1], Match)
            for u in value[3]
        )
    ):
        return value  # type: ignore[return-value]
    return None


def look_up(
    cache: BuildCache,
    root: Path,
    folder: Path,
    listing: list[tuple[str, bool]],
    article: Article,
) -> tuple[str | None, str | None, FolderResult | None]:
    """A folder's stat key, and its key and cached result when an earlier load saw its files
    so (no note is read).

    On a miss the folder is keyed by its bytes where it is read (``folder_key``): the reading
    then parses those very bytes, on whichever core reads it."""
    by_stat = stat_key(root, folder, listing, article)
    known = cache.load("stat", by_stat) if by_stat is not None else None
    if isinstance(known, str):
        result = folder_result(cache.load("folders", known))
        if result is not None:
            return by_stat, known, result
    return by_stat, None, None


# --- and one article: by its file's and its sidecar's stat ---------------------------------
def _article_key(root: Path, path: Path) -> str | None:
    h = new_hash()
    feed(h, code_fingerprint(), "article", path.relative_to(root).as_posix())
    now = time.time_ns()
    for each in (path, path.with_suffix(".yml")):  # the sidecar may be absent
        known = _settled(each, now, missing_ok=each != path)
        if not known:
            return None
        feed(h, known)
    return h.hexdigest()


def cached_article(cache: BuildCache | None, root: Path, path: Path, load) -> tuple:
    """``load(path, root)`` (an article and its problems), or what it gave for the same
    files' stat: a Markdown or HTML article costs a parse, and a warm load then opens none."""
    key = _article_key(root, path) if cache is not None else None
    found = cache.load("article", key) if key is not None else None
    article, problems = found if isinstance(found, tuple) and len(found) == 2 else (0, 0)
    well_formed = isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
    if well_formed and isinstance(article, Article | None):
        return article, list(problems)
    result = load(path, root)
    if key is not None:
        cache.store("article", key, result)
    return result
