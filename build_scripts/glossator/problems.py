"""Problems found in articles and annotations, kept as data until the edge.

Every check in Glossator returns problems instead of raising, so that one run reports
everything that is wrong at once (a contributor fixes a pull request in one round trip),
and so that the MkDocs plugin and the CLI print exactly the same lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .model import Problem, Severity

__all__ = ["Problem", "Severity", "sort_problems", "summary", "to_json"]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))


def summary(problems: Iterable[Problem], files_checked: int) -> str:
    problems = list(problems)
    n_err = sum(p.is_error for p in problems)
    n_warn = len(problems) - n_err
    if not problems:
        return f"{files_checked} file{'s' if files_checked != 1 else ''} checked, no problems"
    parts = []
    if n_err:
        parts.append(f"{n_err} error{'s' if n_err != 1 else ''}")
    if n_warn:
        parts.append(f"{n_warn} warning{'s' if n_warn != 1 else ''}")
    return f"{files_checked} files checked: " + ", ".join(parts)


def to_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.as_dict() for p in sort_problems(problems)], indent=2, ensure_ascii=False)
