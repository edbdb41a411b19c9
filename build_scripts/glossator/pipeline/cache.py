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
import time
from dataclasses import fields
from pathlib import Path

from glossator.fields import ANNOTATION_SUFFIX
from glossator.model import AnchoredNote, Annotation, Article, Match, Problem

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


MAGIC = b"glossator-cache-2\n"
_TAIL = 8  # the index's offset, at the end of the pack


def read_index(data_or_fd: int) -> dict[str, tuple[int, int]]:
    """A pack's index, ``"kind/key" -> (offset, length)`` of each pickled entry in the file.

    Raises for anything that is not a whole pack of this format (the caller starts empty)."""
    size = os.fstat(data_or_fd).st_size
    if os.pread(data_or_fd, len(MAGIC), 0) != MAGIC or size < len(MAGIC) + _TAIL:
        raise ValueError("not a pack")
    at = int.from_bytes(os.pread(data_or_fd, _TAIL, size - _TAIL), "little")
    index = pickle.loads(os.pread(data_or_fd, size - _TAIL - at, at))
    if not isinstance(index, dict):
        raise ValueError("not an index")
    for name, place in index.items():
        if not (isinstance(name, str) and isinstance(place, tuple) and len(place) == 2):
            raise ValueError("not an index")
        offset, length = place
        if not (isinstance(offset, int) and isinstance(length, int)):
            raise ValueError("not an index")
        if offset < len(MAGIC) or length < 0 or offset + length > at:
            raise ValueError("an entry outside the pack")
    return index


class BuildCache:
    """Pickled values by (kind, key), kept together in one pack file: ``directory/pack.pickle``.

    One file, because creating thousands of small files costs more than the work they save on
    some file systems. Only the pack's index is read up front; each entry is read from the
    file when asked for, so a build holds in memory only what it uses. New entries go straight
    to the next pack's temporary file, not into memory. ``save`` puts that file in place
    atomically, and only if something changed; ``prune`` keeps just the entries this build
    used, so the pack never grows. A miss and a damaged entry look the same.
    """

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.path = self.directory / "pack.pickle"
        self.hits = 0
        self.misses = 0
        self._index: dict[str, tuple[int, int]] | None = None  # the pack on disk
        self._fd: int | None = None
        self._new: dict[str, tuple[int, int]] = {}  # entries written to the next pack
        self._out = None  # the next pack, being written
        self._out_path: Path | None = None
        self._used: set[str] = set()
        self._dirty = False
        self._unwritable = False

    def _pack(self) -> dict[str, tuple[int, int]]:
        if self._index is None:
            self._index = {}
            try:
                self._fd = os.open(self.path, os.O_RDONLY)
                self._index = read_index(self._fd)
            except Exception:  # missing, unreadable, truncated, another format: start empty
                self._index = {}
        return self._index

    def _read(self, name: str) -> bytes | None:
        try:
            if name in self._new:
                offset, length = self._new[name]
                self._out.flush()
                return os.pread(self._out.fileno(), length, offset)
            place = self._pack().get(name)
            if place is None or self._fd is None:
                return None
            return os.pread(self._fd, place[1], place[0])
        except OSError:
            return None

    def stored(self) -> frozenset[str]:
        """The entries on disk (``kind/key``): a reader in another process cannot ``load``."""
        return frozenset(self._pack())

    def load(self, kind: str, key: str) -> object | None:
        name = f"{kind}/{key}"
        blob = self._read(name)
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

    def _next_pack(self):
        if self._out is None and not self._unwritable:
            self._out_path = self.path.with_name(
                f".tmp-{os.getpid()}-{threading.get_ident()}-{self.path.name}"
            )
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                self._out = open(self._out_path, "w+b")  # noqa: SIM115 - open across calls
                self._out.write(MAGIC)
            except OSError:
                self._unwritable = True  # an unwritable cache only costs time
                self._out = None
        return self._out

    def store(self, kind: str, key: str, value: object) -> None:
        """Best effort: a value that cannot be pickled only costs time, never the build."""
        try:
            blob = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        out = self._next_pack()
        if out is None:
            return
        name = f"{kind}/{key}"
        try:
            out.seek(0, os.SEEK_END)
            self._new[name] = (out.tell(), len(blob))
            out.write(blob)
        except OSError:
            self._abandon()
            return
        self._used.add(name)
        self._dirty = True

    def _abandon(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        if self._out_path is not None:
            self._out_path.unlink(missing_ok=True)
        self._new = {}
        self._unwritable = True

    def save(self, prune: bool = False) -> None:
        """Write the pack if it changed (with ``prune``: only the entries used since loaded)."""
        old = self._pack()
        keep = [n for n in old if n not in self._new and (not prune or n in self._used)]
        if not self._dirty and len(keep) == len(old):
            return
        out = self._next_pack()
        if out is None:
            return
        try:
            out.seek(0, os.SEEK_END)
            index = dict(self._new)
            for name in keep:  # carried over from the old pack, byte for byte
                offset, length = old[name]
                blob = os.pread(self._fd, length, offset) if self._fd is not None else b""
                if len(blob) != length:
                    continue
                index[name] = (out.tell(), length)
                out.write(blob)
            at = out.tell()
            out.write(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
            out.write(at.to_bytes(_TAIL, "little"))
            out.close()
            os.replace(self._out_path, self.path)  # atomic: readers see the old pack or the new
        except OSError:
            self._abandon()
            return
        if self._fd is not None:
            os.close(self._fd)
        self._fd = os.open(self.path, os.O_RDONLY)
        self._index, self._new, self._out, self._dirty = index, {}, None, False

    def __del__(self) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the files (an unsaved next pack is removed)."""
        if self._out is not None:
            self._abandon()
            self._unwritable = False
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


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
