"""The whole edition: every article and every note, loaded, validated and anchored once.

This is the one pipeline behind both the MkDocs plugin and the CLI, so a build and
``glossator check`` can never disagree. Nothing is dropped quietly: every annotation file
ends up either as an anchored note or as at least one error naming it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from glossator.anchoring import NormalisedText, locate_note, normalise
from glossator.anchoring.messages import anchor_problems
from glossator.fields import ANNOTATION_SUFFIX, label_owner
from glossator.load.notes import parse_annotation
from glossator.load.seeds import load_article, seed_files
from glossator.model import AnchoredNote, Annotation, Article, Edition, Match, Problem
from glossator.pipeline.cache import BuildCache, FolderResult, cached_article, look_up
from glossator.project import Project
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


def load_edition(
    project: Project | Path,
    only: set[Path] | None = None,
    cache: BuildCache | None = None,
) -> Edition:
    """Load everything of ``project``; ``only`` limits which annotation files are checked.

    ``project`` is the one ``Project`` both front ends build from mkdocs.yml (a bare folder
    stands for a project with the default folders, as in tests and small scripts).

    With a ``cache``, an annotation folder whose inputs are byte-for-byte unchanged since an
    earlier load is not parsed or anchored again: its notes and problems come from the cache,
    exactly as a cold load gives them. Without one (the default, as for the CLI) nothing is
    read from or written to disk but the project.
    """
    if not isinstance(project, Project):
        project = Project(Path(project))
    edition = _load_edition(project.root, project.seeds_dir, project.annotations_dir, only, cache)
    if cache is not None:
        cache.save()
    return edition


def refresh(edition: Edition, project: Project, paths: list[Path]) -> None:
    """Read, check and anchor ``paths`` (annotation files) again, in place in ``edition``.

    For ``check --fix``: after it rewrote some notes, what is left to report is what these
    files say now; the articles and every other note are as loaded, so only these are read.
    """
    root = project.root
    changed = {p.resolve() for p in paths}
    by_folder: dict[Path, set[Path]] = {}
    for path in changed:
        by_folder.setdefault(path.parent, set()).add(path)
    rels = {p.relative_to(root.resolve()).as_posix() for p in changed}
    edition.problems = [p for p in edition.problems if p.path not in rels]
    for folder, only in sorted(by_folder.items()):
        slug = folder.name
        files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
        article = edition.articles.get(slug)
        notes, problems, _, unanchored = _read_folder(
            root.resolve(), folder, files, article, edition.articles, only
        )
        edition.problems += problems
        kept = [n for n in edition.notes.get(slug, []) if n.annotation.path not in rels]
        edition.notes[slug] = sorted(kept + notes, key=lambda n: (n.start, -n.end, n.id))
        left = [u for u in edition.unanchored.get(slug, []) if u[0].path not in rels]
        edition.unanchored[slug] = left + unanchored


@contextlib.contextmanager
def cyclic_gc_paused():
    """Pause Python's cyclic collector for a load, restoring it after (for the edges to use).

    A load makes tens of thousands of small objects, almost none cyclic: the collector would
    rescan the growing heap over and over (a third of a cold load, most of a warm one). The
    switch is process-wide, so only the program's own entry points (plugin, CLI) turn it.
    What the load made lives as long as the build: it is frozen out of the collector's sight
    (a second of rescans at a thousand articles), and thawed by the next load (a preview's).
    """
    enabled = gc.isenabled()
    gc.disable()
    gc.unfreeze()
    try:
        yield
    finally:
        gc.freeze()
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
    for path in seed_files(seeds):
        edition.article_files += 1
        article, problems = cached_article(cache, root, path, load_article)
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
    folders: list[Path] = []
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
        folders.append(entry)
    _load_folders(edition, root, folders, only, cache)
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


POOL_FOLDERS = 64
"""Folders to read before a load uses every core: below it, starting the workers costs more."""
_ARTICLES: dict[str, Article] = {}
"""The articles, for the pool's workers: set before they are forked, so never pickled."""


@dataclass
class _Folder:
    """One annotation folder on its way through a load: what to read, and what it gave."""

    path: Path
    files: list[Path]
    data: dict[Path, bytes] | None  # the note files' bytes, when the cache key read them
    key: str | None  # its cache key (None: not cached)
    result: FolderResult | None = None


def _load_folders(
    edition: Edition,
    root: Path,
    folders: list[Path],
    only: set[Path] | None,
    cache: BuildCache | None = None,
) -> None:
    """Each folder from the cache, or read, checked and anchored: folders are independent,
    so many of them are shared among the machine's cores (results in folder order)."""
    plans = []
    for folder in folders:
        slug = folder.name
        article = edition.articles.get(slug)
        with os.scandir(folder) as it:  # names and kinds in one call: no stat per file
            listing = sorted((e.name, e.is_dir()) for e in it if not e.name.startswith("."))
        plan = _Folder(folder, [folder / name for name, _ in listing], None, None)
        # a folder without its article names every article in its errors: not worth caching
        if cache is not None and only is None and article is not None:
            plan.key, plan.data, plan.result = look_up(cache, root, folder, listing, article)
        if plan.key is not None:
            edition.cache_keys[slug] = plan.key
        plans.append(plan)
    misses = [plan for plan in plans if plan.result is None]
    jobs = [(root, plan.path, plan.files, only, plan.data) for plan in misses]
    for plan, result in zip(misses, _read_folders(jobs, edition.articles), strict=True):
        plan.result = result
        if plan.key is not None:
            cache.store("folders", plan.key, result)
    for plan in plans:
        notes, problems, count, unanchored = plan.result
        slug = plan.path.name
        edition.problems += problems
        edition.annotation_files += count
        if slug in edition.articles:
            edition.notes[slug] = notes
            if unanchored:
                edition.unanchored[slug] = unanchored


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _read_folders(jobs: list[tuple], articles: dict[str, Article]) -> list[FolderResult]:
    global _ARTICLES
    cores = _cores()
    if len(jobs) < POOL_FOLDERS or cores < 2 or "fork" not in mp.get_all_start_methods():
        return [_read_job(job, articles) for job in jobs]
    _ARTICLES = articles
    try:
        context = mp.get_context("fork")  # the workers inherit the articles as they are
        with ProcessPoolExecutor(cores, mp_context=context) as pool:
            chunk = max(1, len(jobs) // (cores * 8))
            return list(pool.map(_read_in_worker, jobs, chunksize=chunk))
    finally:
        _ARTICLES = {}


def _read_job(job: tuple, articles: dict[str, Article]) -> FolderResult:
    root, folder, files, only, data = job
    return _read_folder(root, folder, files, articles.get(folder.name), articles, only, data)


def _read_in_worker(job: tuple) -> FolderResult:
    return _read_job(job, _ARTICLES)


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
    ids = {p.stem for p in files if p.suffix == ANNOTATION_SUFFIX}
    if only is not None:
        selected = [p for p in files if p.resolve() in only]
        if selected:  # a checked file must not duplicate a note it was not checked with
            seen_quotes = _quotes_of([p for p in files if p not in selected], root, slug)
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
