"""Matcher speed: anchoring alone, many quotes against one long article.

A generated article of 200,000 characters (paragraphs of sentences drawn from a fixed
vocabulary, with curly quotes, dashes, line breaks and a few phrases repeated throughout),
and quotes of four kinds, in these shares:

- exact (55%): a run of 4-15 words copied as it stands;
- forgiven (15%): the same, typed with straight quotes and hyphens, one space for a line break;
- ambiguous with context (20%): a repeated phrase, with the prefix/suffix of one occurrence;
- approximate (10%): a run of words that differs from the article by a little (two letters
  swapped, a word inserted or deleted), so only the approximate search finds it.

Each run anchors the first 2,500, 5,000 and 10,000 quotes with ``anchoring.locate`` and one
``NormalisedText`` of the article (built in the run, its time counted), as the build does for
one article's notes; the time per quote should not grow with the number of quotes. Times
are the process's CPU time (``time.process_time``): on a shared machine, wall time measures
the neighbours too.

    python tests/bench/bench_matcher.py [--chars 200000] [--quotes 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "build_scripts"))

from glossator.anchoring import NormalisedText, locate, normalise  # noqa: E402
from glossator.model import Selector  # noqa: E402

SOURCES = [REPO / "tests" / "fixtures" / "speeches" / "seeds", REPO / "seeds"]
REPEATED = [
    "the great task remaining before us",
    "as was said at the time",
    "according to officials familiar with the matter",
    "in the words of the report",
]
TARGET_SECONDS = 1.0


def vocabulary() -> list[str]:
    words: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            words += [w.strip(".,;:!?\"'()—–-“”‘’") for w in path.read_text().split()]
    return sorted({w for w in words if w.isalpha()})


def article(chars: int, rng: random.Random) -> str:
    """Paragraphs of sentences; some words quoted, some clauses set off by dashes, some
    paragraphs wrapped over several lines, and the REPEATED phrases again and again."""
    vocab = vocabulary()
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            words = rng.choices(vocab, k=rng.randint(8, 24))
            if rng.random() < 0.3:
                i = rng.randrange(len(words))
                words[i] = f"“{words[i]}”"
            if rng.random() < 0.2:
                words.insert(rng.randrange(1, len(words)), "—")
            if rng.random() < 0.25:
                words.insert(rng.randrange(len(words)), rng.choice(REPEATED))
            sentences.append(" ".join(words).capitalize() + ".")
        text = " ".join(sentences)
        if rng.random() < 0.3:  # wrapped: line breaks where some spaces were
            text = "".join(ch if ch != " " or rng.random() > 0.1 else "\n" for ch in text)
        paragraphs.append(text)
        size += len(text) + 2
    return "\n\n".join(paragraphs)[:chars].rsplit(" ", 1)[0] + "."


def quotes(body: str, n: int, rng: random.Random) -> list[tuple[str, Selector]]:
    """(kind, selector) for ``n`` quotes, in a fixed mix of kinds."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", body)]
    out: list[tuple[str, Selector]] = []
    phrase_at = [(i, phrase) for phrase in REPEATED for i in _occurrences(body, phrase) if i > 40]
    for k in range(n):
        roll = k % 20  # a fixed mix: 11 exact, 3 forgiven, 4 ambiguous, 2 approximate in 20
        first = rng.randrange(len(spans) - 16)
        last = first + rng.randint(3, 14)
        start, end = spans[first][0], spans[last][1]
        quote = body[start:end]
        if roll < 11:
            out.append(("exact", Selector(quote)))
        elif roll < 14:
            out.append(("forgiven", Selector(normalise(quote))))
        elif roll < 18:
            i, phrase = rng.choice(phrase_at)
            prefix = body[i - 30 : i]
            out.append(("ambiguous with context", Selector(phrase, prefix=prefix)))
        else:
            out.append(("approximate", Selector(_edited(quote, rng))))
    return out


def _occurrences(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _edited(quote: str, rng: random.Random) -> str:
    """The quote with the article's words changed a little (as if the article was edited
    since): two letters swapped in a word, a word inserted, or a word deleted."""
    words = quote.split(" ")
    i = len(words) // 2
    how = rng.randrange(3)
    if how == 0 and len(words[i]) >= 4:
        words[i] = words[i][0] + words[i][2] + words[i][1] + words[i][3:]
    elif how == 1:
        words.insert(i, "indeed")
    else:
        del words[i]
    return " ".join(words)


def run(body: str, selected: list[tuple[str, Selector]]) -> tuple[float, Counter]:
    """Seconds to anchor ``selected`` in ``body``, normalising the article once."""
    outcomes: Counter = Counter()
    gc.disable()  # as the build's and the CLI's entry points do while loading an edition
    try:
        started = time.process_time()
        nt = NormalisedText(body)
        for kind, selector in selected:
            outcomes[kind, locate(body, selector, nt).status] += 1
        return time.process_time() - started, outcomes
    finally:
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--quotes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(11)
    body = article(args.chars, rng)
    all_quotes = quotes(body, args.quotes, rng)
    print(f"article: {len(body):,} characters, {len(body.split()):,} words")
    counts = [args.quotes // 4, args.quotes // 2, args.quotes]
    base = best = 0.0
    outcomes: Counter = Counter()
    for n in counts:
        times = []
        for _ in range(args.runs):
            seconds, outcomes = run(body, all_quotes[:n])
            times.append(seconds)
        best = min(times)
        base = base or best / n
        print(
            f"{n:>6,} quotes: {best:.3f} s CPU (median of {args.runs}: {statistics.median(times):.3f} s), "
            f"{best / n * 1e6:.0f} µs per quote (x{best / n / base:.2f} the first row's)"
        )
    print(f"outcomes for {counts[-1]:,} quotes:")
    for (kind, status), count in sorted(outcomes.items()):
        print(f"  {kind:24} {status:12} {count:>6,}")
    verdict = "met" if best < TARGET_SECONDS else "NOT met"
    print(f"target {args.quotes:,} quotes in under {TARGET_SECONDS:.0f} s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
