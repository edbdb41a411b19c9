"""What the repository's history says about each article and note: the commits that added,
changed or removed each file, newest first, and the files changed since the last commit.

Types and the parsing of git's output only; ``history/gitlog.py`` runs git.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
