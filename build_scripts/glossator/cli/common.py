"""What every command shares: the project, the edition loaded once, how a result is printed."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from glossator.model import Edition
from glossator.pipeline.edition import cyclic_gc_paused, load_edition
from glossator.problems import Problem
from glossator.project import CONFIG_NAME, Project, find_root, load_project
from glossator.suggest import did_you_mean


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit status 2)."""


# --- shared helpers --------------------------------------------------------------------------


def project_of(args: argparse.Namespace) -> Project:
    """The project at or above the folder given (or the current one); a usage error when
    there is none, so a CI job run in the wrong folder fails instead of checking nothing."""
    start = Path(args.project) if args.project else Path.cwd()
    if args.project and not start.is_dir():
        raise UsageError(f"no such project folder: {args.project}")
    project = load_project(find_root(start))
    if not project.seeds.is_dir():
        where = project.root / CONFIG_NAME
        if where.exists():
            raise UsageError(
                f"{where} names '{project.seeds_dir}/' as the folder of articles, and there is "
                f"no such folder: create it, or set the glossator plugin's seeds_dir"
            )
        raise UsageError(
            f"no Glossator project in {start.resolve()} or any folder above it (no "
            f"{CONFIG_NAME}, no seeds/ folder): run glossator in the publication's folder, "
            "or name it with -C <folder>"
        )
    return project


def load(project: Project, only: set[Path] | None = None) -> Edition:
    with cyclic_gc_paused():
        return load_edition(project, only)


def article_of(edition: Edition, slug: str):
    if slug not in edition.articles:
        known = ", ".join(sorted(edition.articles)) or "none"
        raise UsageError(
            f"no article '{slug}'{did_you_mean(slug, edition.articles)}; articles: {known}"
        )
    return edition.articles[slug]


def print_json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def github_command(p: Problem) -> str:
    """A GitHub Actions workflow command: the problem shows on the pull request's diff."""

    def prop(v: str) -> str:
        return (
            v.replace("%", "%25")
            .replace("\r", "%0D")
            .replace("\n", "%0A")
            .replace(":", "%3A")
            .replace(",", "%2C")
        )

    def data(v: str) -> str:
        return v.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    where = f"file={prop(p.path)}"
    if p.line:
        where += f",line={p.line}"
        if p.column:
            where += f",col={p.column}"
    message = p.message + (f"\nhint: {p.hint}" if p.hint else "")
    return f"::{p.severity} {where},title=glossator::{data(message)}"
