"""The whole edition: every article and every note, loaded, validated and anchored once.

This is the one pipeline behind both the MkDocs plugin and the CLI, so a build and
``glossator check`` can never disagree. Nothing is dropped quietly: every annotation file
ends up either as an anchored note or as at least one error naming it.
"""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass
from pathlib import Path

from glossator.load.seeds import load_article, seed_files
from glossator.model import Edition, Problem
from glossator.pipeline.cache import (
    FolderResult,
    cached_article,
    folder_result,
    look_up,
)
from glossator.pipeline.folders import anchor_note, read_folder, read_folders, read_job
from glossator.pipeline.pack import BuildCache
from glossator.project import Project

__all__ = ["anchor_note", "cyclic_gc_paused", "load_edition", "refresh"]
"""``anchor_note`` (in ``folders``, with the reading) is the matcher's entry point for tools."""


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
        notes, problems, _, unanchored = read_folder(
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


@dataclass
class _Folder:
    """One annotation folder on its way through a load: what to read, and what it gave."""

    path: Path
    files: list[Path]
    listing: list[tuple[str, bool]]  # (name, is a folder) of each entry
    keyed: bool = False  # cached: keyed by its bytes where it is read, on a miss by stat
    stat: str | None = None  # its stat key (None: unsettled, or not cached)
    key: str | None = None  # its cache key
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
        plan = _Folder(folder, [folder / name for name, _ in listing], listing)
        # a folder without its article names every article in its errors: not worth caching
        if cache is not None and only is None and article is not None:
            plan.keyed = True
            plan.stat, plan.key, plan.result = look_up(cache, root, folder, listing, article)
        plans.append(plan)
    misses = [plan for plan in plans if plan.result is None]
    stored = cache.stored() if cache is not None and misses else frozenset()
    jobs = [
        (root, plan.path, plan.files, only, plan.listing if plan.keyed else None) for plan in misses
    ]
    read = read_folders(jobs, edition.articles, stored)
    for plan, job, (key, result) in zip(misses, jobs, read, strict=True):
        plan.key = key
        if key is None:
            plan.result = result
            continue
        if plan.stat is not None:
            cache.store("stat", plan.stat, key)
        cached = folder_result(cache.load("folders", key))  # a miss, unless left unparsed
        if cached is not None:
            plan.result = cached
            continue
        if result is None:  # in the pack, but damaged: read (and keyed) again, here
            plan.key, result = read_job(job, edition.articles)
        plan.result = result
        if plan.key is not None:
            cache.store("folders", plan.key, result)
    for plan in plans:
        if plan.key is not None:
            edition.cache_keys[plan.path.name] = plan.key
        notes, problems, count, unanchored = plan.result
        slug = plan.path.name
        edition.problems += problems
        edition.annotation_files += count
        if slug in edition.articles:
            edition.notes[slug] = notes
            if unanchored:
                edition.unanchored[slug] = unanchored
