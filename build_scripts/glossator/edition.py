"""The whole edition: every article and every note, loaded, validated and anchored once.

This is the one pipeline behind both the MkDocs plugin and the CLI, so a build and
``glossator check`` can never disagree. Nothing is dropped quietly: every annotation file
ends up either as an anchored note or as at least one error naming it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .anchoring import Match, NormalisedText, Selector, locate, normalise, suggest_context
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


def anchor_problems(note: Annotation, article: Article, match: Match) -> list[Problem]:
    """Turn a match into the messages a contributor needs: where, what, and how to fix it."""
    line, col = note.position("quote")
    body = article.body
    shown = _excerpt(note.quote, 60)
    if match.status == "orphan":
        hint = "copy the passage from the article exactly"
        if match.candidates:
            best = match.candidates[0]
            para = article.paragraph_at(best.start).number
            hint = f'closest passage (paragraph {para}): "{_excerpt(body[best.start : best.end])}"'
        return [
            Problem(
                note.path,
                line,
                col,
                "error",
                f"quote not found in article '{article.slug}': \"{shown}\"",
                hint,
                "not-found",
            )
        ]
    if match.status == "ambiguous":
        exact = [c for c in match.candidates if c.score >= 1.0]
        if exact and len(exact) == len(match.candidates):
            paras = ", ".join(str(article.paragraph_at(c.start).number) for c in match.candidates)
            suggestion = suggest_context(body, [(c.start, c.end) for c in match.candidates], 0)
            where = article.paragraph_at(match.candidates[0].start).number
            hint = f"to pick the one in paragraph {where}, add {suggestion}"
            return [
                Problem(
                    note.path,
                    line,
                    col,
                    "error",
                    f'quote "{shown}" occurs {len(match.candidates)} times '
                    f"(paragraphs {paras}) and prefix/suffix do not single one out",
                    hint,
                    "ambiguous",
                )
            ]
        lines = [
            f"paragraph {article.paragraph_at(c.start).number} ({c.score:.2f}): "
            f'"{_excerpt(body[c.start : c.end], 60)}"'
            for c in match.candidates
        ]
        return [
            Problem(
                note.path,
                line,
                col,
                "error",
                f'quote not found exactly, and the closest passages are too alike to choose: "{shown}"',
                "candidates:\n"
                + "\n".join(lines)
                + "\ncopy the intended passage into 'quote' (glossator check --fix cannot decide)",
                "ambiguous-approximate",
            )
        ]
    problems = []
    if match.status == "reanchored":
        problems.append(
            Problem(
                note.path,
                line,
                col,
                "warning",
                f'quote re-anchored to "{_excerpt(body[match.start : match.end])}" '
                f"(confidence {match.confidence:.2f})",
                "the article changed; run 'glossator check --fix' to update the note",
                "reanchored",
            )
        )
    elif match.context_changed:
        problems.append(
            Problem(
                note.path,
                line,
                col,
                "warning",
                "prefix/suffix no longer match the text around the quote; "
                "anchored on the quote alone",
                "run 'glossator check --fix' to update prefix/suffix",
                "context-changed",
            )
        )
    return problems


def anchor_note(note: Annotation, article: Article, normalised: NormalisedText | None = None):
    match = locate(article.body, Selector(note.quote, note.prefix, note.suffix), normalised)
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


def _load_folder(edition: Edition, root: Path, folder: Path, only: set[Path] | None) -> None:
    slug = folder.name
    article = edition.articles.get(slug)
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    if only is not None:
        files = [p for p in files if p.resolve() in only]
    normalised = NormalisedText(article.body) if article and files else None
    notes: list[AnchoredNote] = []
    seen_quotes: dict[tuple[str, str], Annotation] = {}
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
