"""Problems found in articles and annotations, kept as data until the edge.

Every check in Glossator returns problems instead of raising, so that one run reports
everything that is wrong at once (a contributor fixes a pull request in one round trip),
and so that the MkDocs plugin and the CLI print exactly the same lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from glossator.model import Problem, Severity

__all__ = [
    "CODES",
    "FileProblems",
    "Problem",
    "Severity",
    "display_path",
    "sort_problems",
    "summary",
    "to_json",
]

CODES: dict[str, str] = {
    # reading a file
    "io": "the file cannot be read",
    "yaml": "not clean, safe YAML (syntax, tabs, repeated keys, anchors, tags, size, UTF-8)",
    "not-utf8": "an article that is not UTF-8 text",
    "empty-file": "a note file with nothing in it",
    "empty-article": "an article with neither title nor paragraphs",
    "no-body": "an article with a title but no paragraphs (warning)",
    "bad-article": "a Markdown article without its `# Title` line, or nested too deeply to render",
    "not-mapping": "a note or sidecar that is not a mapping of fields",
    # where files are
    "bad-id": "a note's file name that is not a valid id",
    "reserved-id": "a note named like an id the page uses (`p1`, `sources`, `<slug>-title`…)",
    "misplaced": "an annotation file outside an article's folder",
    "not-annotation": "a file in an article's folder that is not `<id>.yml`",
    "no-article": "a folder of notes with no article of that slug",
    "bad-slug": "a sidecar `slug` that is not lower-case letters, digits and `-`",
    "duplicate-slug": "two articles with the same slug",
    "bad-tag": "a sidecar tag that is empty, not a word or phrase, or too long",
    "duplicate-tag": "a sidecar tag listed twice (case and punctuation aside)",
    # fields
    "unknown-field": "a field the note, source or sidecar does not have",
    "missing-field": "a required field left out",
    "empty-field": "a required text field with only white space",
    "wrong-type": "a value of the wrong type (a list where text belongs, …)",
    "placeholder": "a `TODO` written by `glossator new` still in place",
    "bad-date": "a date that is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`",
    "bad-url": "a link that is not http(s)",
    "bad-lang": "a `lang` that is not a BCP 47 language tag",
    "unknown-kind": "a kind other than context, counterpoint or source",
    "multiline-title": "a title on more than one line",
    "long-title": "a title over the length limit",
    "raw-html": "raw HTML in a note's body, shown as text (warning)",
    "unpublishable-link": "a link in a note's body that is not http(s) or #p…, shown as text (warning)",
    "missing-source": "a counterpoint or source note without a source",
    "source-title": "a source without a title",
    "duplicate-note": "two notes with the same quote and kind",
    # anchoring
    "not-found": "the quote is not in the article",
    "ambiguous": "the quote occurs more than once and nothing says which",
    "ambiguous-approximate": "the quote is gone and several passages are about as close",
    "ambiguous-context": "the quote occurs as typed, but its prefix/suffix fit a slightly different passage",
    "reanchored": "the quote was found again after an edit (warning)",
    "chosen-by-paragraph": "several places, chosen by the recorded paragraph (warning)",
    "context-changed": "prefix/suffix no longer match around the quote (warning)",
}
"""Every problem code, with what it means: the stable name ``check --format json`` gives."""


class FileProblems(list):
    """The problems of one file, as a validator finds them, in the order it finds them."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def error(self, line: int, column: int, message: str, hint: str = "", code: str = "") -> None:
        self.append(Problem(self.path, line, column, "error", message, hint, code))

    def warning(self, line: int, column: int, message: str, hint: str = "", code: str = "") -> None:
        self.append(Problem(self.path, line, column, "warning", message, hint, code))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self)


def display_path(path: Path, root: Path | None) -> str:
    """``path`` as problems show it: relative to the project root when inside it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


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
