"""What the repository's history says about each article and note: the commits that added,
changed or removed each file, newest first, and the files changed since the last commit.

Types and the parsing of git's output only; ``history/gitlog.py`` runs git.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUS_WORDS = {"A": "added", "M": "changed", "D": "removed"}


CORRECTION_TRAILER = "Correction"
"""The git trailer an editor writes to tell readers what a commit corrected:
``Correction: the talks resumed on 3 August, not 3 July.`` (the only commit text published)."""
LOG_FORMAT = (
    f"%x1e%H%x1f%cI%x1f%an%x1f%s%x1f%(trailers:key={CORRECTION_TRAILER},valueonly,unfold,"
    "separator=%x1d)"
)
"""``git log --format``: one record per commit, fields apart, corrections apart."""


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # committer date, ISO 8601 with offset: when the change reached the edition
    author: str
    subject: str  # for maintainers only: never published (it is the engineering log)
    corrections: tuple[str, ...] = ()  # the ``Correction:`` trailers: what readers are told

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
    """Parse ``git log -z --name-status --format=LOG_FORMAT`` output (or the same without
    the corrections field)."""
    changes: dict[str, list[Change]] = {}
    for record in text.split("\x1e")[1:]:
        header, _, rest = record.partition("\0")
        parts = header.split("\x1f")
        if len(parts) not in (4, 5):
            continue
        said = parts[4].split("\x1d") if len(parts) == 5 else []
        corrections = tuple(" ".join(c.split()) for c in said if c.strip())
        commit = Commit(*parts[:4], corrections)
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
