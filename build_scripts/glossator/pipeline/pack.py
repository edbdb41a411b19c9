"""The build cache's one file: pickled values by (kind, key), appended to a pack with its index.

One file, because creating thousands of small files costs more than the work they save on
some file systems. Its index is at the end (the last eight bytes say where), so the pack can
grow in place: a rebuild after one edit appends that article's entries and a new index
instead of copying a few hundred megabytes into a new pack.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: every save writes a new pack
    fcntl = None

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

    Only the pack's index is read up front; each entry is read from the file when asked for,
    so a build holds in memory only what it uses. New entries go straight to disk, not into
    memory: appended to the pack itself, under a lock, when it is whole and no other build is
    writing it, else to a new pack that ``save`` puts in place atomically. An append's index
    goes at the end only at ``save``, and ``close`` takes back what was not saved, so the pack
    stays whole (a build killed mid-append loses the cache, never correctness: a miss and a
    damaged entry look the same).

    ``prune`` keeps what the build did not use while it is no more than what it used: a build
    after a preview (whose ``site_url`` is another, and so are its pages' entries) finds its
    own entries still there. Beyond that, or when most of the file is old indexes and dropped
    entries, the pack is written anew with what was used.
    """

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.path = self.directory / "pack.pickle"
        self.hits = 0
        self.misses = 0
        self._index: dict[str, tuple[int, int]] | None = None  # the pack on disk
        self._fd: int | None = None
        self._new: dict[str, tuple[int, int]] = {}  # entries written since the last save
        self._out = None  # where they are written: the pack itself, or a new one
        self._out_path: Path | None = None  # the new pack's temporary file
        self._appending = False  # ``_out`` is the pack itself, locked
        self._base = 0  # the pack's size before this build appended to it
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
        if (
            self._out is None
            and not self._unwritable
            and not (self._pack() and self._append_to_pack())
        ):
            try:
                self._out = self._new_pack()
            except OSError:
                self._unwritable = True  # an unwritable cache only costs time
        return self._out

    def _append_to_pack(self) -> bool:
        """The pack itself to write to, when it is whole and no other build is writing it."""
        if fcntl is None or self._fd is None:  # pragma: no cover - not POSIX
            return False
        try:
            out = open(self.path, "r+b")  # noqa: SIM115 - open across calls
        except OSError:
            return False
        try:
            fcntl.flock(out.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(out.fileno()).st_ino != os.fstat(self._fd).st_ino:
                raise OSError("the pack was replaced since it was read")
            self._base = out.seek(0, os.SEEK_END)
        except OSError:
            out.close()
            return False
        self._out, self._appending = out, True
        return True

    def _new_pack(self):
        self._out_path = self.path.with_name(
            f".tmp-{os.getpid()}-{threading.get_ident()}-{self.path.name}"
        )
        self.directory.mkdir(parents=True, exist_ok=True)
        out = open(self._out_path, "w+b")  # noqa: SIM115 - open across calls
        out.write(MAGIC)
        return out

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
        """Take back what was written since the last save: an append is cut off again."""
        if self._out is not None:
            if self._appending:
                with contextlib.suppress(OSError):
                    self._out.truncate(self._base)
            self._out.close()
            self._out = None
        if not self._appending and self._out_path is not None:
            self._out_path.unlink(missing_ok=True)
        self._appending = False
        self._new = {}
        self._unwritable = True

    def _spare(self, live: dict[str, tuple[int, int]]) -> set[str]:
        """What ``prune`` drops: the entries this build did not use, if they outweigh the rest."""
        unused = {n for n in live if n not in self._used}
        spare = sum(live[n][1] for n in unused)
        used = sum(p[1] for n, p in live.items() if n not in unused)
        return unused if spare > used + sum(p[1] for p in self._new.values()) else set()

    def save(self, prune: bool = False) -> None:
        """Write the pack if it changed (with ``prune``: see the class)."""
        old = self._pack()
        live = {n: p for n, p in old.items() if n not in self._new}
        drop = self._spare(live) if prune else set()
        if not self._dirty and not drop:
            return
        keep = {n: p for n, p in live.items() if n not in drop}
        if self._out is None and self._next_pack() is None:
            return
        try:
            if self._appending and not drop and not self._crowded(keep):
                index = {**keep, **self._new}
                _finish(self._out, index)
                self._out.close()  # and with it the lock
                self._out, self._appending = None, False
            else:
                index = self._rewrite(keep)
        except OSError:
            self._abandon()
            return
        self._index, self._new, self._dirty = index, {}, False

    def _crowded(self, keep: dict[str, tuple[int, int]]) -> bool:
        """Most of the pack is old indexes and entries no longer kept: time to write it anew."""
        live = sum(p[1] for p in keep.values()) + sum(p[1] for p in self._new.values())
        return self._out.seek(0, os.SEEK_END) > 2 * live + (1 << 20)

    def _rewrite(self, keep: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        """A new pack of ``keep`` and the new entries, put in place atomically."""
        if self._appending:  # the new entries are in the pack too: copy all into a new one
            self._out.flush()
            entries, index = {**keep, **self._new}, {}
            self._out.close()
            self._out, self._appending = self._new_pack(), False
        else:
            entries, index = keep, dict(self._new)
        out = self._out
        out.seek(0, os.SEEK_END)
        for name, (offset, length) in entries.items():  # byte for byte
            blob = os.pread(self._fd, length, offset) if self._fd is not None else b""
            if len(blob) != length:
                continue
            index[name] = (out.tell(), length)
            out.write(blob)
        _finish(out, index)
        out.close()
        self._out = None
        os.replace(self._out_path, self.path)  # atomic: readers see the old pack or the new
        if self._fd is not None:
            os.close(self._fd)
        self._fd = os.open(self.path, os.O_RDONLY)
        return index

    def __del__(self) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the files (what was written since the last save is taken back)."""
        if self._out is not None:
            self._abandon()
            self._unwritable = False
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _finish(out, index: dict[str, tuple[int, int]]) -> None:
    """The index and, in the last eight bytes, where it starts: what makes the pack whole."""
    at = out.seek(0, os.SEEK_END)
    out.write(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    out.write(at.to_bytes(_TAIL, "little"))
    out.flush()
