"""What the repository's history says about each article and note: when it was added and changed.

One ``git log --name-status`` pass reads the history of every seed and note at once (a build of
a thousand articles runs three git commands, not thousands), and the result is kept per HEAD
commit so ``mkdocs serve`` rebuilds do not read it again. Nothing here guesses: outside a git
checkout, without git, or in a shallow clone (where every file would look "added" by the one
commit fetched) there is no history, and pages say nothing about dates they cannot know. A file
changed since the last commit is marked as such instead of being dated by an older commit.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

GIT_TIMEOUT = 60
STATUS_WORDS = {"A": "added", "M": "changed", "D": "removed"}


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # committer date, ISO 8601 with offset: when the change reached the edition
    author: str
    subject: str

    @property
    def day(self) -> str:
        return self.date[:10]


@dataclass(frozen=True)
class Change:
    commit: Commit
    status: str  # "A" added, "M" changed, "D" removed
    path: str  # relative to the project root, with "/"


@dataclass
class History:
    """Changes by path (newest first), and the paths that differ from the last commit."""

    head: str = ""
    changes: dict[str, list[Change]] = field(default_factory=dict)
    uncommitted: set[str] = field(default_factory=set)

    _folders: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def of(self, path: str) -> list[Change]:
        return self.changes.get(path, [])

    def under(self, folder: str) -> list[str]:
        """Paths ever recorded directly inside ``folder`` (indexed once, for many articles)."""
        if not self._folders and self.changes:
            for path in self.changes:
                self._folders.setdefault(path.rsplit("/", 1)[0] if "/" in path else "", []).append(
                    path
                )
        return sorted(self._folders.get(folder.rstrip("/"), []))

    def added(self, path: str) -> Change | None:
        """The commit that last brought the file into being (after a removal, the re-adding)."""
        for change in self.of(path):
            if change.status == "A":
                return change
        return None

    def last_changed(self, path: str) -> Change | None:
        """The newest commit that changed the file after adding it, if any."""
        changes = self.of(path)
        return changes[0] if changes and changes[0].status == "M" else None


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def head(root: Path) -> str | None:
    """HEAD's commit in a full (not shallow) checkout holding ``root``; None otherwise."""
    out = _git(root, "rev-parse", "--is-shallow-repository", "HEAD")
    if out is None:
        return None
    lines = out.split()
    if len(lines) != 2 or lines[0] != "false":
        return None
    return lines[1]


def parse_log(text: str) -> dict[str, list[Change]]:
    """Parse ``git log -z --name-status --format=%x1e%H%x1f%cI%x1f%an%x1f%s`` output."""
    changes: dict[str, list[Change]] = {}
    for record in text.split("\x1e")[1:]:
        header, _, rest = record.partition("\0")
        parts = header.split("\x1f")
        if len(parts) != 4:
            continue
        commit = Commit(*parts)
        fields = rest.lstrip("\n").split("\0")
        for status, path in zip(fields[0::2], fields[1::2], strict=False):
            status = status.strip()[:1]
            if status in STATUS_WORDS and path:
                changes.setdefault(path, []).append(Change(commit, status, path))
    return changes


def parse_status(text: str, prefix: str) -> set[str]:
    """Paths (relative to the project) that ``git status --porcelain -z`` shows as changed."""
    found = set()
    entries = text.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if "R" in code or "C" in code:
            i += 1  # the original path follows a rename or copy
        if path.startswith(prefix):
            found.add(path[len(prefix) :])
    return found


def read_history(root: Path, folders: list[str]) -> History | None:
    """The history of everything under ``folders`` (relative to ``root``), or None if unknown."""
    sha = head(root)
    if sha is None:
        return None
    log = _git(
        root,
        "log",
        "--no-renames",
        "--relative",
        "--name-status",
        "-z",
        "--format=%x1e%H%x1f%cI%x1f%an%x1f%s",
        "--",
        *folders,
    )
    status = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", *folders)
    prefix = _git(root, "rev-parse", "--show-prefix")
    if log is None or status is None or prefix is None:
        return None
    return History(sha, parse_log(log), parse_status(status, prefix.strip()))


class HistoryReader:
    """``read_history`` remembered per HEAD commit and working-tree state (for ``mkdocs serve``)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._history: History | None = None
        self.reads = 0

    def __call__(self, root: Path, folders: list[str]) -> History | None:
        sha = head(root)
        if sha is None:
            return None
        status = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", *folders)
        key = (str(root), tuple(folders), sha, status)
        if key != self._key:
            self._history = read_history(root, folders)
            self._key = key
            self.reads += 1
        return self._history
