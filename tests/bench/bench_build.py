"""Build-time figures: Glossator against plain mkdocs-material on the same texts.

Generates N articles (default 1,000) with K notes each (default 40) into a temporary folder,
builds them once as a Glossator edition and once as plain Markdown pages with the same
theme and search plugin, and prints wall time, peak memory and output size for each. The
Glossator edition is built cold (no build cache) and then warm (the cache the cold build
left, as on a second `mkdocs build` or a `mkdocs serve` reload).

    python tests/bench/bench_build.py [--articles 1000] [--notes 40] [--runs 1]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "talks",
    "peace",
    "agreement",
    "Doha",
    "envoy",
    "Taliban",
    "withdrawal",
    "troops",
    "ceasefire",
    "government",
    "election",
    "Kabul",
    "province",
    "council",
    "officials",
    "reported",
    "statement",
    "week",
    "round",
    "negotiators",
    "foreign",
    "said",
    "would",
    "could",
    "before",
    "after",
    "during",
    "between",
    "against",
    "security",
    "forces",
    "border",
    "village",
    "district",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "on",
    "for",
    "with",
    "by",
    "from",
    "that",
    "this",
    "which",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "not",
]


def make_article(rng: random.Random, n: int, paragraphs: int = 18) -> tuple[str, list[str]]:
    paras = []
    for p in range(paragraphs):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
        words[0] = words[0].capitalize()
        paras.append(" ".join(words) + f" (marker {n}-{p}).")
    return f"Article number {n} on the talks", paras


def make_notes(rng: random.Random, paras: list[str], count: int) -> list[str]:
    body = "\n\n".join(paras)
    notes, used = [], set()
    while len(notes) < count:
        p = rng.randrange(len(paras))
        words = paras[p].split(" ")
        i = rng.randrange(0, max(1, len(words) - 8))
        quote = " ".join(words[i : i + rng.randint(4, 9)])
        if body.count(quote) != 1 or quote in used:
            continue
        used.add(quote)
        kind = ("context", "counterpoint", "source")[len(notes) % 3]
        notes.append(
            f'quote: "{quote}"\nkind: {kind}\ntitle: Note {len(notes)} about the passage\n'
            "body: |\n  A note of a typical length, with *emphasis* and a\n"
            "  [link](https://example.org/record) to the record it describes.\n"
            "sources:\n  - title: The record\n    publisher: Example Agency\n"
            "    date: 2019-08-03\n    url: https://example.org/record\n"
        )
    return notes


MKDOCS = """site_name: Bench
theme:
  name: material
  font: false
nav:
  - Home: index.md
not_in_nav: |
  /*.md
plugins:
  - search
{extra}
"""


def generate(root: Path, articles: int, notes: int) -> tuple[Path, Path]:
    rng = random.Random(20191)
    plain, gloss = root / "plain", root / "glossator"
    for site in (plain, gloss):
        (site / "docs").mkdir(parents=True)
        (site / "docs" / "index.md").write_text("# Home\n\n<!-- glossator:articles -->\n")
    (plain / "mkdocs.yml").write_text(MKDOCS.format(extra=""))
    (gloss / "mkdocs.yml").write_text(MKDOCS.format(extra="  - glossator"))
    (gloss / "seeds").mkdir()
    for n in range(articles):
        title, paras = make_article(rng, n)
        slug = f"article-{n:04d}"
        (plain / "docs" / f"{slug}.md").write_text(f"# {title}\n\n" + "\n\n".join(paras) + "\n")
        (gloss / "seeds" / f"{slug}.txt").write_text(title + "\n\n" + "\n\n".join(paras) + "\n")
        folder = gloss / "annotations" / slug
        folder.mkdir(parents=True)
        for i, text in enumerate(make_notes(rng, paras, notes)):
            (folder / f"note-{i:02d}.yml").write_text(text)
    return plain, gloss


def build(project: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one `mkdocs build` in a child process."""
    out = project / "site"
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=project,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--notes", type=int, default=40)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="glossator-bench-") as tmp:
        plain, gloss = generate(Path(tmp), args.articles, args.notes)
        results = {}

        def cold(project: Path) -> tuple[float, float]:
            shutil.rmtree(project / ".cache", ignore_errors=True)  # Glossator's build cache
            return build(project)

        cases = (
            ("plain mkdocs-material", plain, build),
            ("glossator (cold)", gloss, cold),
            ("glossator (warm)", gloss, build),  # after the cold runs filled the cache
        )
        for name, project, run in cases:
            runs = [run(project) for _ in range(args.runs)]
            secs = statistics.median(r[0] for r in runs)
            results[name] = secs
            notes = 0 if project == plain else args.notes
            print(
                f"{name:22s} {args.articles} articles x {notes} notes: {secs:6.2f} s, "
                f"peak {max(r[1] for r in runs):6.0f} MB, site {size_mb(project / 'site'):6.1f} MB"
            )
        for name in ("glossator (cold)", "glossator (warm)"):
            ratio = results[name] / results["plain mkdocs-material"]
            print(f"ratio {name} / plain: {ratio:.2f} (target <= 1.15)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
