"""``mkdocs serve`` rebuilds when an article or a note changes, without polling the edition.

MkDocs watches by polling: every half second its watcher stats every file of a watched
folder, on a thread beside the build. An edition's folders are large (a thousand articles of
forty notes are 41,000 files), so polling them took the interpreter from the build for most
of each rebuild (an edit at that size rebuilt in 9 s instead of 5). They are watched by the
system's notifications instead (inotify, FSEvents or ReadDirectoryChangesW, through watchdog,
which MkDocs already installs): nothing runs while nothing changes. Each change is relayed to
MkDocs by a file written in a small folder it does poll, which is what makes it rebuild, so
only its public ``watch`` is used. Where the system refuses a watch (a limit on watches, a
file system without notifications), that folder is polled as before.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

log = logging.getLogger("mkdocs.plugins.glossator")
RELAY_FILE = "changed"


class Relay(FileSystemEventHandler):
    """Passes a change on as a new file in ``folder``, a folder MkDocs watches."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="glossator-serve-"))
        self.changes = 0
        atexit.register(shutil.rmtree, self.folder, True)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return  # reading a file (as a build does) changes nothing
        self.changes += 1
        fresh = self.folder / f".{RELAY_FILE}-{self.changes}"
        fresh.write_text(f"{self.changes}\n", encoding="utf-8")
        os.replace(fresh, self.folder / RELAY_FILE)  # a new file each time: seen by any poll


def watch_sources(server, config, root: Path, folders: list[str]) -> object | None:
    """Articles and notes live outside ``docs/``: ``mkdocs serve`` rebuilds when they change.
    Returns the observer that watches them (None when every folder is polled by MkDocs)."""
    watched = {str(Path(p).resolve()) for p in config.watch}
    paths = [(root / folder).resolve() for folder in folders]
    paths = [p for p in paths if p.is_dir() and str(p) not in watched]
    if not paths:
        return None
    relay, observer = Relay(), Observer()
    try:
        observer.start()
    except OSError as exc:  # pragma: no cover - a system without any notifications
        log.info(f"watching the articles and notes by polling ({exc})")
        for path in paths:
            server.watch(str(path))
        return None
    notified = False
    for path in paths:
        try:  # a watch scheduled on a running observer starts at once, or raises here
            observer.schedule(relay, str(path), recursive=True)
            notified = True
        except OSError as exc:  # e.g. inotify's limit of watches: poll this one
            log.info(f"watching '{path}' by polling ({exc})")
            server.watch(str(path))
    if not notified:
        observer.stop()
        return None
    # MkDocs names the relay among the paths it watches: say what it stands for
    log.info(f"Changes to the articles and notes are relayed through '{relay.folder}'")
    server.watch(str(relay.folder))
    return observer
