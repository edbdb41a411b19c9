"""The tables of ``glossator list``, ``stats`` and ``anchors``: plain rows from the edition.

Each function returns rows (dicts) so that the text and JSON outputs are the same facts;
the CLI only formats them.
"""

from __future__ import annotations

from collections import Counter

from glossator.anchoring import locate_note
from glossator.load.notes import load_annotation
from glossator.model import KINDS, Edition, Match
from glossator.project import Project


def note_rows(edition: Edition, slug: str | None = None) -> list[dict]:
    """One row per anchored note: article, id, kind, paragraph, title (article order)."""
    rows = []
    for article in sorted(edition.notes) if slug is None else [slug]:
        for n in sorted(edition.notes.get(article, []), key=lambda n: (n.start, n.id)):
            rows.append(
                {
                    "article": article,
                    "id": n.id,
                    "kind": n.kind,
                    "paragraph": n.paragraph,
                    "title": n.annotation.title,
                    "path": n.annotation.path,
                }
            )
    return rows


def stats_rows(edition: Edition) -> list[dict]:
    """Per article: notes by kind, paragraphs with and without notes, sources cited."""
    rows = []
    for slug, article in sorted(edition.articles.items()):
        notes = edition.notes.get(slug, [])
        by_kind = Counter(n.kind for n in notes)
        covered: set[int] = set()
        for n in notes:  # a passage across a paragraph break covers every paragraph it touches
            first, last = n.paragraph, article.paragraph_at(max(n.start, n.end - 1)).number
            covered.update(range(first, last + 1))
        without = [p.number for p in article.paragraphs if p.number not in covered]
        citations = [s for n in notes for s in n.annotation.sources]
        distinct = {(s.url or "", " ".join(s.title.lower().split())) for s in citations}
        rows.append(
            {
                "article": slug,
                "title": article.title,
                "notes": len(notes),
                "by_kind": {k: by_kind.get(k, 0) for k in KINDS},
                "paragraphs": len(article.paragraphs),
                "paragraphs_with_notes": len(article.paragraphs) - len(without),
                "paragraphs_without_notes": without,
                "sources_cited": len(citations),
                "distinct_sources": len(distinct),
                "sources_with_link": sum(1 for s in citations if s.url),
            }
        )
    return rows


def anchor_rows(project: Project, edition: Edition, slug: str) -> tuple[list[dict], list[str]]:
    """How each valid note of one article anchors today, including the ones that do not.

    Returns the rows and the display paths of files skipped because they are invalid.
    """
    article = edition.articles[slug]
    body = article.body
    folder = project.annotations / slug
    rows, skipped = [], []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        note, _problems = load_annotation(path, project.root)
        if note is None:
            skipped.append(project.display(path))
            continue
        match = locate_note(note, article)
        found = match.found
        rows.append(
            {
                "id": note.id,
                "path": note.path,
                "status": match.status,
                "confidence": _confidence(match),
                "start": match.start,
                "end": match.end,
                "paragraph": article.paragraph_at(match.start).number if found else None,
                "text": body[match.start : match.end] if found else None,
                "candidates": [
                    {
                        "start": c.start,
                        "end": c.end,
                        "confidence": c.confidence,
                        "paragraph": article.paragraph_at(c.start).number,
                        "text": body[c.start : c.end],
                    }
                    for c in match.candidates
                ]
                if not found
                else [],
            }
        )
    rows.sort(key=lambda r: (r["start"] is None, r["start"] or 0, r["id"]))
    return rows, skipped


def _confidence(match: Match) -> float:
    """1 for an exact place; the matcher's own figure otherwise (1/n for n equal places)."""
    if match.status == "ambiguous" and match.candidates and not match.confidence:
        return round(1 / len(match.candidates), 3)
    return round(match.confidence, 3)
