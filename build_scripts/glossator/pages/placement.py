"""Where notes sit in the page's article, and so where its text is interrupted.

The page puts each group of notes after a top-level element of the article (a paragraph, a
list, a block quote, a table), never inside one: the HTML stays valid and reads well without
JavaScript. A group never sits inside a passage either: a note whose passage crosses two
paragraphs, or overlaps one that does, is shown after the last of them. So every passage,
and the text around it up to the nearest group of notes, is contiguous text on the page,
which is what lets a W3C consumer find an exported ``TextQuoteSelector`` verbatim.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

from glossator.model import PARAGRAPH_SEPARATOR, AnchoredNote, Article, Run


def article_runs(article: Article) -> tuple[Run, ...]:
    """The article as tags and text runs; a plain text is its paragraphs as ``p``s, separated
    by the body's own separator, so the page's article text is ``Article.body`` either way."""
    if article.runs:
        return article.runs
    runs: list[Run] = []
    for p in article.paragraphs:
        if runs:
            runs.append(Run(text=PARAGRAPH_SEPARATOR, start=p.start - len(PARAGRAPH_SEPARATOR)))
        runs += [
            Run(html=f'<p id="p{p.number}">'),
            Run(text=p.text, start=p.start, markable=True),
            Run(html="</p>", closes_block=True),
        ]
    return tuple(runs)


def _block_ends(runs: tuple[Run, ...]) -> list[tuple[int, int]]:
    """(body offset, run index) after each top-level element, first run at an offset."""
    ends: list[tuple[int, int]] = []
    offset = 0
    for i, run in enumerate(runs):
        offset += len(run.text)
        if run.closes_block and (not ends or ends[-1][0] != offset):
            ends.append((offset, i))
    return ends


def place_notes(runs: tuple[Run, ...], notes: list[AnchoredNote]) -> dict[int, list[AnchoredNote]]:
    """Notes by the index of the run after which they are shown, each group in note order."""
    ends = _block_ends(runs)
    if not ends:
        return {len(runs) - 1: list(notes)} if notes and runs else {}
    offsets = [o for o, _ in ends]
    inside = [False] * len(ends)
    for n in notes:  # a point strictly inside a passage would cut it in two
        for k in range(bisect_right(offsets, n.start), bisect_left(offsets, n.end)):
            inside[k] = True
    free = [k for k in range(len(ends)) if not inside[k]] or [len(ends) - 1]
    free_offsets = [offsets[k] for k in free]
    placed: dict[int, list[AnchoredNote]] = defaultdict(list)
    for n in notes:
        k = bisect_left(free_offsets, n.end)
        point = free[min(k, len(free) - 1)]
        placed[ends[point][1]].append(n)
    return dict(placed)


def note_breaks(article: Article, notes: list[AnchoredNote]) -> list[int]:
    """Body offsets where the page's article text is interrupted by a group of notes."""
    runs = article_runs(article)
    placed = place_notes(runs, notes)
    starts = [0]
    for run in runs:
        starts.append(starts[-1] + len(run.text))
    return sorted(starts[i + 1] for i in placed)
