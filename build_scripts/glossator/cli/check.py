"""``glossator check`` (and ``--fix``): the build's validation, in the terminal or on a pull request."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossator.cli.common import (
    UsageError,
    github_command,
    load,
    project_of,
)
from glossator.load.seeds import SEED_SUFFIXES, seed_files
from glossator.pipeline.edition import refresh
from glossator.problems import Problem, sort_problems, summary, to_json
from glossator.project import Project
from glossator.tools.fix import apply_fix, plan_fix

# --- check -----------------------------------------------------------------------------------


def _selection(project: Project, paths: list[str]) -> tuple[set[Path] | None, set[str] | None]:
    """Annotation files to check and display paths whose problems to show (None: everything).

    A seed (``.txt``, ``.md``, ``.html``) or its sidecar selects the article and all its notes; a folder selects
    what is inside it; an annotation file selects itself.
    """
    if not paths:
        return None, None
    seeds, notes_root = project.seeds.resolve(), project.annotations.resolve()
    only: set[Path] = set()
    shown: set[str] = set()
    articles: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"no such file or folder: {raw}")
        path = path.resolve()
        if path == notes_root or notes_root in path.parents:
            files = sorted(path.rglob("*")) if path.is_dir() else [path]
            for f in files:
                if f.is_file():
                    only.add(f)
                    shown.add(project.display(f))
        elif path == seeds or seeds in path.parents:
            if path.is_dir():
                files = seed_files(path)
            elif path.suffix in SEED_SUFFIXES:
                files = [path]
            else:  # a sidecar: the article beside it, whatever it is written in
                files = [path.with_suffix(suffix) for suffix in SEED_SUFFIXES]
            articles.update(files)
        elif path == project.root.resolve():
            return None, None
        else:
            raise UsageError(
                f"{raw} is neither an article (under {project.seeds_dir}/) nor a note "
                f"(under {project.annotations_dir}/)"
            )
    if articles:
        # an article's notes depend on its text: check them all with it
        edition = load(project, only=set())
        for article in edition.articles.values():
            if (project.root / article.path).resolve() in articles:
                folder = project.annotations / article.slug
                for f in sorted(folder.iterdir()) if folder.is_dir() else []:
                    only.add(f.resolve())
                    shown.add(project.display(f))
        for seed in articles:
            shown.add(project.display(seed))
            shown.add(project.display(seed.with_suffix(".yml")))
    return only, shown


def cmd_check(args: argparse.Namespace) -> int:
    project = project_of(args)
    only, shown = _selection(project, args.paths)
    edition = load(project, only)
    fixed: list[str] = []
    if args.fix:
        rewritten: list[Path] = []
        for slug, notes in sorted(edition.notes.items()):
            article = edition.articles[slug]
            for note in notes:  # each note's match, as the load made it: nothing re-anchored
                fix = plan_fix(note, article)
                if fix is None:
                    continue
                apply_fix(project.root / fix.path, fix)
                rewritten.append(project.root / fix.path)
                fixed.append(f"{fix.path}: fixed: " + "; ".join(fix.reasons))
        if rewritten:  # report what is left, as the build will see it
            refresh(edition, project, rewritten)
    problems = sort_problems(edition.problems)
    if shown is not None:
        problems = [p for p in problems if p.path in shown]
        files_checked = len(shown & _existing(project, shown))
    else:
        files_checked = edition.article_files + edition.annotation_files
    if args.format == "json":
        print(to_json(problems))
    elif args.format == "github":
        for p in problems:
            print(github_command(p))
        print(summary(problems, files_checked))
    else:
        for line in fixed:
            print(line)
        for p in problems:
            print(p.format())
        print(summary(problems, files_checked))
    return _verdict(problems, strict=args.strict)


def _verdict(problems: list[Problem], *, strict: bool) -> int:
    """The exit status of ``check``: that of a strict build unless ``--no-strict``."""
    if any(p.is_error for p in problems):
        return 1
    if strict and problems:
        print(
            "warnings fail a strict build ('mkdocs build --strict', 'make site'): fix them, "
            "or pass --no-strict to accept them for now",
            file=sys.stderr,
        )
        return 1
    return 0


def _existing(project: Project, shown: set[str]) -> set[str]:
    return {s for s in shown if (project.root / s).exists()}
