"""What ``mkdocs serve`` shows in place of notes it could not publish: ``glossator check``'s lines.

An editor changing an article's text is the commonest way to break a note's quote; the preview
keeps serving and shows the problem on the page being edited (file, line, message, the closest
passage in the hint), so the fix is made looking at the page. A build (``mkdocs build``) still
fails on the same problems: this panel exists only in the preview.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from glossator.model import Edition, Problem
from glossator.pages.escape import attr, esc

GENERAL = ""
"""The key of problems that belong to no article page (shown on the home page)."""


def problems_by_article(edition: Edition, annotations_dir: str) -> dict[str, list[Problem]]:
    """Each article slug's problems (its text, its sidecar, its notes); the rest under GENERAL."""
    owner: dict[str, str] = {}
    for slug, article in edition.articles.items():
        if article.path:
            seed = PurePosixPath(article.path)
            owner[seed.as_posix()] = slug
            owner[seed.with_suffix(".yml").as_posix()] = slug
    notes = PurePosixPath(annotations_dir)
    found: dict[str, list[Problem]] = {}
    for problem in edition.problems:
        slug = owner.get(problem.path)
        if slug is None:
            parts = PurePosixPath(problem.path).parts
            n = len(notes.parts)
            if len(parts) > n + 1 and PurePosixPath(*parts[:n]) == notes:
                slug = parts[n] if parts[n] in edition.articles else GENERAL
            else:
                slug = GENERAL
        found.setdefault(slug, []).append(problem)
    return found


def render_problems(problems: list[Problem]) -> str:
    """The panel: one item per problem, exactly as ``glossator check`` prints it."""
    if not problems:
        return ""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    counted = []
    if errors:
        counted.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        counted.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    items = []
    for p in problems:
        hint = f'<span class="glossator-problem-hint">hint: {esc(p.hint)}</span>' if p.hint else ""
        items.append(
            f'<li class="glossator-problem glossator-problem--{attr(p.severity)}">'
            f"<code>{esc(p.location())}</code> <strong>{esc(p.severity)}</strong>: "
            f"{esc(p.message)}{hint}</li>"
        )
    return (
        '<aside class="glossator-problems" role="alert" data-pagefind-ignore>'
        f"<p><strong>Preview only: {' and '.join(counted)}.</strong> Notes with errors are "
        "left out of this page. <code>glossator check</code> lists the same problems, and "
        "<code>mkdocs build --strict</code> fails on them.</p>"
        f"<ul>{''.join(items)}</ul></aside>"
    )
