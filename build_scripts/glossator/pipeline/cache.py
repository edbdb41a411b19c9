"""A content-addressed build cache: results keyed by a hash of every byte they depend on.

An entry's key covers the Glossator version and source code, the Python and PyYAML versions,
and the input bytes (see ``folder_key``), so an entry can only be found again by the
exact inputs that produced it: a changed input is a new key, never a stale hit. The pack is
written atomically (temp file, then ``os.replace``); an entry that cannot be read or
unpickled is ignored and rewritten. The cache folder is trusted like the project's own files (it holds
pickles), so it lives beside mkdocs.yml, never in anything fetched from elsewhere.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import threading
from dataclasses import fields
from pathlib import Path

from glossator.fields import ANNOTATION_SUFFIX
from glossator.model import AnchoredNote, Article, Problem

PACKAGE = Path(__file__).resolve().parent.parent

FolderResult = tuple[list[AnchoredNote], list[Problem], int]
"""What loading one annotation folder gives: its notes, its problems, the files counted."""


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


class BuildCache:
    """Pickled values by (kind, key), kept together in one pack file: ``directory/pack.pickle``.

    One file, because creating thousands of small files costs more than the work they save on
    some file systems. The pack is read once, each entry unpickled only when asked for; a miss
    and a damaged entry look the same. ``save`` writes it back atomically, and only if
    something changed; ``prune`` keeps just the entries this build used, so it never grows.
    """

    FORMAT = 1

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.path = self.directory / "pack.pickle"
        self.hits = 0
        self.misses = 0
        self._entries: dict[str, bytes] | None = None  # "kind/key" -> pickled (key, value)
        self._used: set[str] = set()
        self._dirty = False

    def _pack(self) -> dict[str, bytes]:
        if self._entries is None:
            self._entries = {}
            try:
                fmt, entries = pickle.loads(read_bytes(self.path))
                if fmt == self.FORMAT and isinstance(entries, dict):
                    self._entries = {
                        k: v
                        for k, v in entries.items()
                        if isinstance(k, str) and isinstance(v, bytes)
                    }
            except Exception:  # missing, unreadable, truncated, another format: start empty
                pass
        return self._entries

    def load(self, kind: str, key: str) -> object | None:
        name = f"{kind}/{key}"
        blob = self._pack().get(name)
        try:
            stored_key, value = pickle.loads(blob)  # type: ignore[arg-type]
        except Exception:  # absent (None), damaged, or from code that no longer exists
            stored_key = value = None
        if stored_key != key:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(name)
        return value

    def store(self, kind: str, key: str, value: object) -> None:
        """Best effort: a value that cannot be pickled only costs time, never the build."""
        try:
            blob = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        name = f"{kind}/{key}"
        self._pack()[name] = blob
        self._used.add(name)
        self._dirty = True

    def save(self, prune: bool = False) -> None:
        """Write the pack if it changed (with ``prune``: only the entries used since loaded)."""
        entries = self._pack()
        if prune and set(entries) != self._used:
            self._entries = entries = {k: v for k, v in entries.items() if k in self._used}
            self._dirty = True
        if not self._dirty:
            return
        tmp = self.path.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{self.path.name}")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            try:
                with open(tmp, "wb") as f:
                    pickle.dump((self.FORMAT, entries), f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.path)  # atomic: readers see the old pack or the new one
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError:
            return  # an unwritable cache only costs time
        self._dirty = False


# --- what the edition caches: one annotation folder's result ------------------------------


def folder_key(
    root: Path, folder: Path, listing: list[tuple[str, bool]], article: Article
) -> tuple[str | None, dict[Path, bytes] | None]:
    """The cache key of one annotation folder, and the note files' bytes it hashed.

    A cold load parses exactly those bytes (and treats every other entry as not a note),
    so the result stored under the key is the result of the key's inputs even if files
    change meanwhile. The article is keyed by its parsed fields, not its file, for the same
    reason: they are exactly what the notes were anchored in.
    """
    h = new_hash()
    feed(h, code_fingerprint(), folder.relative_to(root).as_posix())
    public = [(f.name, getattr(article, f.name)) for f in fields(article) if f.name[0] != "_"]
    feed(h, repr(public))
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


def folder_result(value: object) -> FolderResult | None:
    """A cached folder result, if it has the shape of one (anything else is a miss)."""
    if (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], list)
        and isinstance(value[1], list)
        and isinstance(value[2], int)
        and all(isinstance(n, AnchoredNote) for n in value[0])
        and all(isinstance(p, Problem) for p in value[1])
    ):
        return value  # type: ignore[return-value]
    return None
