"""A synthetic edition of any size, the same for a given size: seeds, sidecars and notes.

Used by ``make bench`` (1,000 articles x 40 notes) and by the browser tests of search and the
collection pages (a few dozen articles). Articles are spread over years, publications and
topics, so every collection page has something on it; each note's passage is unique in its
article, so every note anchors. ``write_plain`` writes the same texts as plain Markdown
pages, for the plain mkdocs-material side of the bench.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = " ".join(  # the bench's vocabulary: common words repeat, as in real reporting
    (
        "talks peace agreement Doha envoy Taliban withdrawal troops ceasefire government",
        "election Kabul province council officials reported statement week round",
        "negotiators foreign said would could before after during between against",
        "security forces border village district the a of and to in on for with by",
        "from that this which was were has have had will not",
    )
).split(" ")
PUBLICATIONS = [f"{name} {kind}" for name in ("Northern", "Harbour", "Valley", "Capital",
                "Evening", "Morning", "Coastal", "Union") for kind in ("Courier", "Herald",
                "Ledger", "Observer")]  # fmt: skip
TOPICS = [
    "Elections", "Ceasefire", "Refugees", "Trade", "Energy", "Courts", "Health", "Budget",
    "Border security", "Diplomacy", "Water", "Education", "Press freedom", "Housing",
    "Climate", "Labour", "Policing", "Transport", "Agriculture", "Corruption",
]  # fmt: skip
KINDS = ("context", "counterpoint", "source")


def slug_of(n: int) -> str:
    return f"article-{n:04d}"


def make_article(rng: random.Random, n: int, paragraphs: int = 18) -> tuple[str, list[str]]:
    paras = []
    for p in range(paragraphs):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
        words[0] = words[0].capitalize()
        paras.append(" ".join(words) + f" (marker {n}-{p}).")
    return f"Article number {n} on the talks", paras


def make_sidecar(rng: random.Random, n: int) -> str:
    year = 2000 + rng.randrange(25)
    tags = rng.sample(TOPICS, rng.randint(1, 3))
    return (
        f"publication: {PUBLICATIONS[rng.randrange(len(PUBLICATIONS))]}\n"
        f"published: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
        f"summary: Summary of article {n}, a report on the talks.\n"
        f"tags: [{', '.join(tags)}]\n"
    )


def make_notes(rng: random.Random, n: int, paras: list[str], count: int) -> list[str]:
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
        kind = KINDS[len(notes) % 3]
        notes.append(
            f'quote: "{quote}"\nkind: {kind}\n'
            f"title: Note {len(notes)} of article {n} about the passage\n"
            "body: |\n  A note of a typical length, with *emphasis* and a\n"
            f"  [link](https://example.org/record) to the record it describes (ref{n}x{len(notes)}).\n"
            "sources:\n  - title: The record\n    publisher: Example Agency\n"
            "    date: 2019-08-03\n    url: https://example.org/record\n"
        )
    return notes


def _rng(seed: int, n: int, part: str) -> random.Random:
    """One generator per article and part: an article's text never depends on its notes."""
    return random.Random(f"{seed}-{n}-{part}")


def write_edition(root: Path, articles: int, notes: int, seed: int = 20191) -> Path:
    """``seeds/`` and ``annotations/`` under ``root`` (the project folder); returns root."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        title, paras = make_article(_rng(seed, n, "text"), n)
        slug = slug_of(n)
        (root / "seeds" / f"{slug}.txt").write_text(title + "\n\n" + "\n\n".join(paras) + "\n")
        (root / "seeds" / f"{slug}.yml").write_text(make_sidecar(_rng(seed, n, "meta"), n))
        folder = root / "annotations" / slug
        folder.mkdir(parents=True, exist_ok=True)
        for i, text in enumerate(make_notes(_rng(seed, n, "notes"), n, paras, notes)):
            (folder / f"note-{i:02d}.yml").write_text(text)
    return root


def write_plain(root: Path, articles: int, seed: int = 20191) -> Path:
    """The same article texts as Markdown pages under ``root/docs`` (no notes)."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        title, paras = make_article(_rng(seed, n, "text"), n)
        (root / "docs" / f"{slug_of(n)}.md").write_text(
            f"# {title}\n\n" + "\n\n".join(paras) + "\n"
        )
    return root
