"""The whole edition: every article and every note, loaded, validated and anchored once.

This is the one pipeline behind both the MkDocs plugin and the CLI, so a build and
``glossator check`` can never disagree. Nothing is dropped quietly: every annotation file
ends up either as an anchored note or as at least one error naming it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .anchoring import (
    Match,
    NormalisedText,
    Selector,
    locate,
    min_similarity,
    normalise,
    suggest_context,
)
from .annotations import Annotation, parse_annotation
from .article import Article, load_article
from .problems import Problem
from .suggest import did_you_mean

ANNOTATION_SUFFIX = ".yml"


@dataclass
class AnchoredNote:
    annotation: Annotation
    start: int
    end: int
    paragraph: int  # 1-based number of the paragraph where the passage starts
    match: Match

    @property
    def id(self) -> str:
        return self.annotation.id

    @property
    def kind(self) -> str:
        return self.annotation.kind


@dataclass
class Edition:
    articles: dict[str, Article] = field(default_factory=dict)
    notes: dict[str, list[AnchoredNote]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    annotation_files: int = 0
    article_files: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def all_notes(self) -> list[AnchoredNote]:
        return [n for slug in sorted(self.notes) for n in self.notes[slug]]


def _excerpt(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _in_context(body: str, start: int, end: int, words: int = 4) -> str:
    """'…words before [the passage] words after…' on one line, whole words only."""
    before = body[max(0, start - 80) : start].split()[-words:] if start else []
    after = body[end : end + 80].split()[:words]
    return f'"…{" ".join(before)} [{_excerpt(body[start:end], 50)}] {" ".join(after)}…"'


def anchor_problems(note: Annotation, article: Article, match: Match) -> list[Problem]:
    """Turn a match into the messages a contributor needs: where, what, and how to fix it."""
    line, col = note.position("quote")
    body = article.body
    shown = _excerpt(note.quote, 60)

    def problem(severity: str, message: str, hint: str, code: str) -> list[Problem]:
        return [Problem(note.path, line, col, severity, message, hint, code)]

    def para(offset: int) -> int:
        return article.paragraph_at(offset).number

    if match.status == "orphan":
        close = [c for c in match.candidates if c.similarity >= 0.5]
        if not close:
            return problem(
                "error",
                f"quote not found in article '{article.slug}': \"{shown}\"",
                "copy the passage from the article exactly (white space, quote marks and "
                "dashes may differ; letters and case may not)",
                "not-found",
            )
        best = close[0]
        hint = f'closest passage (paragraph {para(best.start)}): "{_excerpt(body[best.start : best.end])}"'
        if best.similarity >= min_similarity(len(note.quote.strip())):
            hint += (
                "\nit looks like the quote, but the note's prefix/suffix or paragraph say the "
                "passage was elsewhere; if it is the same passage, copy it into 'quote'"
            )
        others = [c for c in close[1:] if c.similarity >= 0.75]
        for c in others:
            hint += f'\nalso close (paragraph {para(c.start)}): "{_excerpt(body[c.start : c.end])}"'
        return problem(
            "error",
            f"quote not found in article '{article.slug}': \"{shown}\"",
            hint,
            "not-found",
        )
    if match.status == "ambiguous":
        ranges = [(c.start, c.end) for c in match.candidates]
        if all(c.score >= 1.0 for c in match.candidates):
            lines = []
            for i, (s, e) in enumerate(ranges):
                choice = suggest_context(body, ranges, i)
                lines.append(
                    f"{_ordinal(i + 1)}, paragraph {para(s)}, {_in_context(body, s, e)}: add {choice}"
                )
            fit = " and its prefix/suffix fit more than one" if note.prefix or note.suffix else ""
            return problem(
                "error",
                f'quote "{shown}" occurs {len(ranges)} times in the article{fit}; '
                "say which one with a prefix or suffix",
                "\n".join(lines),
                "ambiguous",
            )
        lines = [
            f'paragraph {para(c.start)} (confidence {c.score:.2f}): "{_excerpt(body[c.start : c.end], 60)}"'
            for c in match.candidates
        ]
        return problem(
            "error",
            f'quote not found exactly, and {len(lines)} passages are about as close: "{shown}"',
            "candidates:\n"
            + "\n".join(lines)
            + "\ncopy the intended passage into 'quote' ('glossator check --fix' does not guess)",
            "ambiguous-approximate",
        )
    if match.status == "reanchored":
        return problem(
            "warning",
            f'quote re-anchored to "{_excerpt(body[match.start : match.end])}" '
            f"in paragraph {para(match.start)} (confidence {match.confidence:.2f})",
            "the article changed; run 'glossator check --fix' to update the note",
            "reanchored",
        )
    if match.evidence == "paragraph":
        return problem(
            "warning",
            f"quote occurs more than once; anchored in paragraph {para(match.start)}, "
            "where the note was last found",
            "run 'glossator check --fix' to add a prefix/suffix that singles it out",
            "chosen-by-paragraph",
        )
    if match.context_changed:
        return problem(
            "warning",
            "prefix/suffix no longer match the text around the quote; anchored on the quote "
            f"in paragraph {para(match.start)}",
            "run 'glossator check --fix' to update prefix/suffix",
            "context-changed",
        )
    return []


def last_known_range(note: Annotation, article: Article) -> tuple[int, int] | None:
    """Offsets of the paragraph the note records as its last known place, if it still exists."""
    if note.paragraph is None or not 1 <= note.paragraph <= len(article.paragraphs):
        return None
    para = article.paragraphs[note.paragraph - 1]
    return para.start, para.end


def match_note(note: Annotation, article: Article, normalised: NormalisedText | None = None):
    """The matcher's verdict for one note: its selector plus its last known paragraph."""
    selector = Selector(note.quote, note.prefix, note.suffix)
    return locate(article.body, selector, normalised, last_known_range(note, article))


def anchor_note(note: Annotation, article: Article, normalised: NormalisedText | None = None):
    """Locate one note in its article: the anchored note (or None) and what to tell the author."""
    match = match_note(note, article, normalised)
    problems = anchor_problems(note, article, match)
    if not match.found:
        return None, problems
    paragraph = article.paragraph_at(match.start).number
    return AnchoredNote(note, match.start, match.end, paragraph, match), problems


def load_edition(
    root: Path,
    seeds_dir: str = "seeds",
    annotations_dir: str = "annotations",
    only: set[Path] | None = None,
) -> Edition:
    """Load everything under ``root``; ``only`` limits which annotation files are checked."""
    edition = Edition()
    seeds = root / seeds_dir
    notes_root = root / annotations_dir
    seen_paths: dict[str, str] = {}
    for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        edition.article_files += 1
        article, problems = load_article(path, root)
        edition.problems += problems
        if article is None:
            continue
        if article.slug in edition.articles:
            edition.problems.append(
                Problem(
                    article.path,
                    0,
                    0,
                    "error",
                    f"slug '{article.slug}' is already used by {seen_paths[article.slug]}",
                    "give one of them a different 'slug' in its .yml sidecar",
                    "duplicate-slug",
                )
            )
            continue
        seen_paths[article.slug] = article.path
        edition.articles[article.slug] = article
    if not notes_root.is_dir():
        return edition
    for entry in sorted(notes_root.iterdir()):
        if entry.name.startswith("."):
            continue
        rel = entry.relative_to(root).as_posix()
        if not entry.is_dir():
            edition.annotation_files += 1  # counted, so "files = notes + errors" always holds
            edition.problems.append(
                Problem(
                    rel,
                    0,
                    0,
                    "error",
                    "annotation files belong in a folder named after their article",
                    f"move it to {annotations_dir}/<article-slug>/{entry.name}",
                    "misplaced",
                )
            )
            continue
        _load_folder(edition, root, entry, only)
    return edition


def _quotes_of(paths: list[Path], root: Path, slug: str) -> dict[tuple[str, str], Annotation]:
    """(quote, kind) of the valid notes among ``paths``, for the duplicate check."""
    seen: dict[tuple[str, str], Annotation] = {}
    for path in paths:
        if path.suffix != ANNOTATION_SUFFIX or not path.is_file():
            continue
        note, _ = parse_annotation(
            path.read_bytes(), path.relative_to(root).as_posix(), slug, path.stem
        )
        if note is not None:
            seen.setdefault((normalise(note.quote).strip(), note.kind), note)
    return seen


def _load_folder(edition: Edition, root: Path, folder: Path, only: set[Path] | None) -> None:
    slug = folder.name
    article = edition.articles.get(slug)
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    seen_quotes: dict[tuple[str, str], Annotation] = {}
    if only is not None:
        selected = [p for p in files if p.resolve() in only]
        if selected:  # a checked file must not duplicate a note it was not checked with
            seen_quotes = _quotes_of([p for p in files if p not in selected], root, slug)
        files = selected
    # built on first need only: most quotes match as typed and never use it
    normalised = functools.cache(lambda: NormalisedText(article.body)) if article else None
    notes: list[AnchoredNote] = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        if path.is_dir() or path.suffix != ANNOTATION_SUFFIX:
            edition.problems.append(
                Problem(
                    rel,
                    0,
                    0,
                    "error",
                    f"not an annotation file (expected <id>{ANNOTATION_SUFFIX})",
                    f"rename it to end in {ANNOTATION_SUFFIX}, or move it out of "
                    "the annotations folder",
                    "not-annotation",
                )
            )
            edition.annotation_files += 1
            continue
        edition.annotation_files += 1
        try:
            data = path.read_bytes()
        except OSError as exc:
            edition.problems.append(
                Problem(rel, 0, 0, "error", f"cannot read file: {exc.strerror}", code="io")
            )
            continue
        note, problems = parse_annotation(data, rel, slug, path.stem)
        edition.problems += problems
        if note is None:
            continue
        if article is None:
            edition.problems.append(
                Problem(
                    rel,
                    0,
                    0,
                    "error",
                    f"no article with slug '{slug}' for this note"
                    f"{did_you_mean(slug, edition.articles)}",
                    "articles: " + (", ".join(sorted(edition.articles)) or "none"),
                    "no-article",
                )
            )
            continue
        key = (normalise(note.quote).strip(), note.kind)
        if key in seen_quotes:
            first = seen_quotes[key]
            edition.problems.append(
                Problem(
                    rel,
                    *note.position("quote"),
                    "error",
                    f"same quote and kind as {first.path}",
                    "merge the two notes into one, or choose another kind",
                    "duplicate-note",
                )
            )
            continue
        seen_quotes[key] = note
        anchored, problems = anchor_note(note, article, normalised)
        edition.problems += problems
        if anchored is not None:
            notes.append(anchored)
    if article is not None:
        notes.sort(key=lambda n: (n.start, -n.end, n.id))
        edition.notes[slug] = notes
