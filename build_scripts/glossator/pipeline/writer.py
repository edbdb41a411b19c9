"""Writes a build's own files on a thread of their own, while the build goes on making pages.

Creating a file is work for the kernel (a new inode, a directory entry) more than for us: at
a thousand articles the two files each article adds cost about a millisecond apiece, two
seconds of a build, which a second core can spend while the first renders. The calls that
create and write release the interpreter, so the thread runs beside the build, not after it.

The queue is bounded, so at most a few megabytes wait; ``close`` waits for the last file and
raises the first error, so a build never succeeds with a file missing.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

BACKLOG = 256
"""Files waiting at most (a page's files are tens of kilobytes)."""


class FileWriter:
    def __init__(self) -> None:
        self._queue: queue.Queue[tuple[Path, bytes] | None] = queue.Queue(BACKLOG)
        self._error: OSError | None = None
        self._made: set[Path] = set()
        self._thread = threading.Thread(target=self._run, name="glossator-writer", daemon=True)
        self._thread.start()

    def put(self, path: Path, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put((path, data))

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # drained, not written: the build fails at close
            path, data = item
            try:
                if path.parent not in self._made:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    self._made.add(path.parent)
                with open(path, "wb") as f:
                    f.write(data)
            except OSError as exc:
                self._error = exc

    def close(self) -> None:
        """Every file written (or the first error raised)."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error
