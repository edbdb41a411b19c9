"""One annotation folder read, checked and anchored, and many of them shared among the cores.

Folders are independent of each other, so a load reads a thousand of them in worker
processes (forked: they inherit the articles, never pickled) and gets the results in
folder order. A folder to be cached is keyed here, by its notes' bytes, in the process that
reads it: the bytes parsed are the bytes keyed, and they never travel between processes.
"""

from __future__ import annotations

import functools
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from glossator.anchoring import NormalisedText, locate_note, normalise
from glossator.anchoring.messages import anchor_problems
from glossator.fields import ANNOTATION_SUFFIX, label_owner
from glossator.load.notes import parse_annotation
from glossator.model import AnchoredNote, Annotation, Article, Match, Problem
from glossator.pipeline.cache import FolderResult, folder_key
from glossator.suggest import did_you_mean


def anchor_note(note: Annotation, article: Article, normalised: NormalisedText | None = None):
    """Locate one note in its article: the anchored note (or None) and what to tell the author."""
    anchored, problems, _ = _anchor(note, article, normalised)
    return anchored, problems


def _anchor(note: Annotation, article: Article, normalised: NormalisedText | None = None):
    """``anchor_note``, and the match itself (kept for the notes that do not anchor)."""
    match = locate_note(note, article, normalised)
    problems = anchor_problems(note, article, match)
    if not match.found:
        return None, problems, match
    paragraph = article.paragraph_at(match.start).number
    return AnchoredNote(note, match.start, match.end, paragraph, match), problems, match


def quotes_of(paths: list[Path], root: Path, slug: str) -> dict[tuple[str, str], Annotation]:
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


POOL_FOLDERS = 64
"""Folders to read before a load uses every core: below it, starting the workers costs more."""
_ARTICLES: dict[str, Article] = {}
"""The articles, for the pool's workers: set before they are forked, so never pickled."""
_STORED: frozenset[str] = frozenset()
"""The names of the cache's entries on disk, for the workers likewise."""


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def read_folders(
    jobs: list[tuple], articles: dict[str, Article], stored: frozenset[str]
) -> list[tuple[str | None, FolderResult | None]]:
    global _ARTICLES, _STORED
    cores = _cores()
    if len(jobs) < POOL_FOLDERS or cores < 2 or "fork" not in mp.get_all_start_methods():
        return [read_job(job, articles, stored) for job in jobs]
    _ARTICLES, _STORED = articles, stored
    try:
        context = mp.get_context("fork")  # the workers inherit the articles as they are
        with ProcessPoolExecutor(cores, mp_context=context) as pool:
            chunk = max(1, len(jobs) // (cores * 8))
            return list(pool.map(_read_in_worker, jobs, chunksize=chunk))
    finally:
        _ARTICLES, _STORED = {}, frozenset()


def read_job(
    job: tuple, articles: dict[str, Article], stored: frozenset[str] = frozenset()
) -> tuple[str | None, FolderResult | None]:
    """One folder's cache key (with its ``listing``; None: not cached) and what reading it
    gives: None when the cache holds the result for exactly these bytes (the caller loads it).

    Keying reads every note file, and the reading parses exactly the bytes keyed, so a result
    stored under the key is the key's even if files change meanwhile; done where the folder
    is read, the bytes never travel between processes."""
    root, folder, files, only, listing = job
    article = articles.get(folder.name)
    key, data = None, None
    if listing is not None and article is not None:
        key, data = folder_key(root, folder, listing, article)
        if key is not None and f"folders/{key}" in stored:
            return key, None
    return key, read_folder(root, folder, files, article, articles, only, data)


def _read_in_worker(job: tuple) -> tuple[str | None, FolderResult | None]:
    return read_job(job, _ARTICLES, _STORED)


def read_folder(
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
    ids = {p.stem for p in files if p.suffix == ANNOTATION_SUFFIX}
    if only is not None:
        selected = [p for p in files if p.resolve() in only]
        if selected:  # a checked file must not duplicate a note it was not checked with
            seen_quotes = quotes_of([p for p in files if p not in selected], root, slug)
        files = selected
    # built on first need only: most quotes match as typed and never use it
    normalised = functools.cache(lambda: NormalisedText(article.body)) if article else None
    notes: list[AnchoredNote] = []
    unanchored: list[tuple[Annotation, Match]] = []
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
        owner = label_owner(note.id, ids)
        if owner:
            problems_out.append(
                Problem(
                    rel,
                    0,
                    0,
                    "error",
                    f"note id '{note.id}' is reserved for the heading of note '{owner}'",
                    "rename the file: the page gives each note's heading the id '<id>-label'",
                    "reserved-id",
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
        if any(p.html_id == note.id for p in article.paragraphs):
            problems_out.append(
                Problem(
                    rel,
                    1,
                    1,
                    "error",
                    f"note id '{note.id}' is the link of a heading in the article",
                    "rename the file: two elements of the page cannot share one id",
                    "reserved-id",
                )
            )
            continue
        anchored, problems, match = _anchor(note, article, normalised)
        problems_out += problems
        if anchored is not None:
            # its messages are made: a thousand articles' positions are tens of megabytes
            note.positions = {}
            notes.append(anchored)
        else:
            unanchored.append((note, match))
    notes.sort(key=lambda n: (n.start, -n.end, n.id))
    return notes, problems_out, count, unanchored
