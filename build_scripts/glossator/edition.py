"""The whole edition: every article and every note, loaded, validated and anchored once.

This is the one pipeline behind both the MkDocs plugin and the CLI, so a build and
``glossator check`` can never disagree. Nothing is dropped quietly: every annotation file
ends up either as an anchored note or as at least one error naming it.
"""

from __future__ import annotations

import functools
import gc
import os
from dataclasses import dataclass, field, fields
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
from .cache import BuildCache, code_fingerprint, feed, new_hash, read_bytes
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
    cache: BuildCache | None = None,
) -> Edition:
    """Load everything under ``root``; ``only`` limits which annotation files are checked.

    With a ``cache``, an annotation folder whose inputs are byte-for-byte unchanged since an
    earlier load is not parsed or anchored again: its notes and problems come from the cache,
    exactly as a cold load gives them. Without one (the default, as for the CLI) nothing is
    read from or written to disk but the project.
    """
    # tens of thousands of small objects, almost none cyclic: the cyclic collector would
    # rescan the growing heap over and over (a third of a cold load, most of a warm one)
    enabled = gc.isenabled()
    gc.disable()
    try:
        edition = _load_edition(root, seeds_dir, annotations_dir, only, cache)
        if cache is not None:
            cache.save()
        return edition
    finally:
        if enabled:
            gc.enable()


def _load_edition(
    root: Path,
    seeds_dir: str,
    annotations_dir: str,
    only: set[Path] | None,
    cache: BuildCache | None,
) -> Edition:
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
        _load_folder(edition, root, entry, only, cache)
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


FolderResult = tuple[list[AnchoredNote], list[Problem], int]  # notes, problems, files counted


def _load_folder(
    edition: Edition,
    root: Path,
    folder: Path,
    only: set[Path] | None,
    cache: BuildCache | None = None,
) -> None:
    slug = folder.name
    article = edition.articles.get(slug)
    with os.scandir(folder) as it:  # names and kinds in one call: no stat per file
        listing = sorted((e.name, e.is_dir()) for e in it if not e.name.startswith("."))
    result: FolderResult | None = None
    # a folder without its article names every article in its errors: not worth caching
    key = data = None
    if cache is not None and only is None and article is not None:
        key, data = _folder_key(root, folder, listing, article)
    if key is not None:
        cache.keys[slug] = key
        result = _valid_result(cache.load("folders", key))
    if result is None:
        files = [folder / name for name, _ in listing]
        result = _read_folder(root, folder, files, article, edition.articles, only, data)
        if key is not None:
            cache.store("folders", key, result)
    notes, problems, count = result
    edition.problems += problems
    edition.annotation_files += count
    if article is not None:
        edition.notes[slug] = notes


def _folder_key(
    root: Path, folder: Path, listing: list[tuple[str, bool]], article: Article
) -> tuple[str | None, dict[Path, bytes] | None]:
    """The cache key of one annotation folder, and the note files' bytes it hashed.

    A cold load parses exactly those bytes (and treats every other entry as not a note),
    so the result stored under the key is the result of the key's inputs even if files
    change meanwhile. The article is keyed by its parsed fields, not its file, for the same
    reason: they are exactly what the notes were anchored in.
    """
    h = new_hash()
    feed(h, code_fingerprint(), folder.relative_to(root).as_posix())
    public = [(f.name, getattr(article, f.name)) for f in fields(article) if f.name[0] != "_"]
    feed(h, repr(public))
    data: dict[Path, bytes] = {}
    for name, is_dir in listing:
        if is_dir or not name.endswith(ANNOTATION_SUFFIX):
            feed(h, "other", name)  # an error whatever it holds
            continue
        path = folder / name
        try:
            data[path] = read_bytes(path)
        except OSError:
            return None, None  # reported by the cold path, never cached
        feed(h, "note", name, data[path])
    return h.hexdigest(), data


def _valid_result(value: object) -> FolderResult | None:
    """A cached folder result, if it has the shape of one (anything else is a miss)."""
    if (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], list)
        and isinstance(value[1], list)
        and isinstance(value[2], int)
        and all(isinstance(n, AnchoredNote) for n in value[0])
        and all(isinstance(p, Problem) for p in value[1])
    ):
        return value  # type: ignore[return-value]
    return None


def _read_folder(
    root: Path,
    folder: Path,
    files: list[Path],
    article: Article | None,
    articles: dict[str, Article],
    only: set[Path] | None,
    data: dict[Path, bytes] | None = None,
) -> FolderResult:
    """Parse, validate and anchor the notes of one folder (``data``: bytes already read)."""
    slug = folder.name
    problems_out: list[Problem] = []
    count = 0
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
        if data is not None:  # the cache key's view of the folder: it holds every note's bytes
            raw = data.get(path)
            not_note = raw is None
        else:
            raw = None
            not_note = path.is_dir() or path.suffix != ANNOTATION_SUFFIX
        if not_note:
            problems_out.append(
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
            count += 1
            continue
        count += 1
        try:
            raw = path.read_bytes() if raw is None else raw
        except OSError as exc:
            problems_out.append(
                Problem(rel, 0, 0, "error", f"cannot read file: {exc.strerror}", code="io")
            )
            continue
        note, problems = parse_annotation(raw, rel, slug, path.stem)
        problems_out += problems
        if note is None:
            continue
        if article is None:
            problems_out.append(
                Problem(
                    rel,
                    0,
                    0,
                    "error",
                    f"no article with slug '{slug}' for this note{did_you_mean(slug, articles)}",
                    "articles: " + (", ".join(sorted(articles)) or "none"),
                    "no-article",
                )
            )
            continue
        key = (normalise(note.quote).strip(), note.kind)
        if key in seen_quotes:
            first = seen_quotes[key]
            problems_out.append(
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
        problems_out += problems
        if anchored is not None:
            notes.append(anchored)
    notes.sort(key=lambda n: (n.start, -n.end, n.id))
    return notes, problems_out, count
