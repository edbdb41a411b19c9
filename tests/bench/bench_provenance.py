"""Provenance cost: reading the git history of a large edition, against plain mkdocs-material.

Generates N articles (default 1,000) with K notes each (default 10) as a git repository with
C commits (the edition, then corrections to random notes and articles), then prints:

- the seconds and the number of git commands ``read_history`` takes (one ``git log`` pass
  for the whole edition), against what asking git about each file in turn would cost
  (measured on a sample of files, scaled up);
- a plain mkdocs-material build of the same texts, and Glossator builds with provenance on
  and off, each as a ratio to the plain build.

    python tests/bench/bench_provenance.py [--articles 1000] [--notes 10] [--commits 30]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_build import build, generate

from glossator.history import gitlog

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, env=ENV, capture_output=True)


def make_history(project: Path, commits: int) -> list[Path]:
    rng = random.Random(2024)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-qm", "The edition")
    notes = sorted((project / "annotations").rglob("*.yml"))
    for c in range(commits - 1):
        for path in rng.sample(notes, 5):
            path.write_text(path.read_text() + f"# corrected in round {c}\n")
        git(project, "commit", "-qam", f"Corrections, round {c}")
    return notes


def counted(fn):
    calls = []
    real = subprocess.run

    def spy(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    subprocess.run = spy
    try:
        start = time.perf_counter()
        result = fn()
        return result, time.perf_counter() - start, len(calls)
    finally:
        subprocess.run = real


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--commits", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="glossator-bench-prov-") as tmp:
        plain, gloss = generate(Path(tmp), args.articles, args.notes)
        (gloss / ".gitignore").write_text("site/\n.cache/\n")
        notes = make_history(gloss, args.commits)
        files = sum(
            1 for d in ("seeds", "annotations") for f in (gloss / d).rglob("*") if f.is_file()
        )

        history, seconds, commands = counted(
            lambda: gitlog.read_history(gloss, ["seeds", "annotations"])
        )
        assert history is not None and len(history.changes) == files
        print(
            f"history of {files} files, {args.commits} commits: {seconds:.2f} s, "
            f"{commands} git commands"
        )
        sample = notes[:: max(1, len(notes) // 50)][:50]
        start = time.perf_counter()
        for path in sample:
            git(gloss, "log", "--format=%H %cI", "--", str(path.relative_to(gloss)))
        per_file = (time.perf_counter() - start) / len(sample)
        print(
            f"one git log per file instead: {per_file * files:.1f} s, {files} git commands "
            f"(measured on {len(sample)} files)"
        )

        plain_s, _ = build(plain)
        build(gloss)  # fills Glossator's build cache: both runs below are warm alike
        on_s, _ = build(gloss)
        config = gloss / "mkdocs.yml"
        config.write_text(
            config.read_text().replace("  - glossator", "  - glossator:\n      provenance: false")
        )
        build(gloss)  # the pages' cache keys cover the dates shown: fill it again
        off_s, _ = build(gloss)
        print(f"plain mkdocs-material: {plain_s:.2f} s")
        print(f"glossator, provenance on: {on_s:.2f} s (ratio {on_s / plain_s:.2f} to plain)")
        print(f"glossator, provenance off: {off_s:.2f} s (ratio {off_s / plain_s:.2f} to plain)")
        print(f"history read / plain build: {seconds / plain_s:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
