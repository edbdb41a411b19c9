"""Reading the repository's history with the ``git`` command, once per build.

One ``git log --name-status`` pass reads the history of every seed and note at once (a build of
a thousand articles runs four git commands, not thousands), and the result is kept per HEAD
commit and working-tree state, so ``mkdocs serve`` rebuilds do not read it again. Nothing here
guesses: outside a git checkout, without git, or in a shallow clone (where every file would look
"added" by the one commit fetched) there is no history, and pages say nothing about dates they
cannot know. A file changed since the last commit is marked as such instead of being dated by
an older commit.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from glossator.history.provenance import LOG_FORMAT, History, parse_log, parse_status

GIT_TIMEOUT = 60


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
        f"--format={LOG_FORMAT}",
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
