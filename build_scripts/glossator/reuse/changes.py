"""Provenance on the page: when each note was added and last changed, and an article's
"Changes and corrections", from the repository's history (``provenance.History``).

Only what the history records is said. Without a history nothing is shown; a file changed
since the last commit says so instead of borrowing an older commit's date; authors' names
appear only when the publisher turns them on (they are contributors' commit names).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from glossator.history.provenance import Change, Commit, History
from glossator.model import Annotation, Article, format_partial_date
from glossator.pages.escape import attr
from glossator.reuse.siteinfo import SiteInfo

MAX_TITLES = 3  # name up to this many notes per action in one commit, then count them


def _time(day: str) -> str:
    return f'<time datetime="{attr(day)}">{attr(format_partial_date(day))}</time>'


@dataclass(frozen=True)
class NoteDates:
    added: str = ""  # ISO day the note's file was added (committed)
    changed: str = ""  # ISO day of its last committed change after that
    uncommitted: bool = False
    added_by: str = ""
    changed_by: str = ""


def note_dates(history: History | None, note: Annotation) -> NoteDates:
    if history is None:
        return NoteDates()
    added, changed = history.added(note.path), history.last_changed(note.path)
    return NoteDates(
        added=added.commit.day if added else "",
        changed=changed.commit.day if changed else "",
        uncommitted=note.path in history.uncommitted,
        added_by=added.commit.author if added else "",
        changed_by=changed.commit.author if changed else "",
    )


def render_note_provenance(dates: NoteDates, authors: bool = False) -> str:
    """'Added 20 March 2024 · changed 2 April 2024' (and by whom), or nothing."""
    bits = []
    if dates.added:
        by = f" by {attr(dates.added_by)}" if authors and dates.added_by else ""
        bits.append(f"Added {_time(dates.added)}{by}")
    if dates.changed:
        by = f" by {attr(dates.changed_by)}" if authors and dates.changed_by else ""
        bits.append(f"changed {_time(dates.changed)}{by}")
    if dates.uncommitted:
        bits.append("changed since (not yet committed)" if bits else "not yet committed")
    if not bits:
        return ""
    text = " · ".join(bits)
    return f'<p class="glossator-provenance">{text[0].upper()}{text[1:]}</p>'


def _note_name(path: str, titles: dict[str, str]) -> str:
    stem = path.rsplit("/", 1)[-1].removesuffix(".yml")
    title = titles.get(path)
    return f"“{attr(title)}”" if title else f"‘{attr(stem)}’"


def article_changes(
    history: History, article: Article, notes_folder: str
) -> list[tuple[Commit, list[Change]]]:
    """Every commit that touched the article's text, its details or its notes, newest first."""
    sidecar = article.path.rsplit(".", 1)[0] + ".yml"
    paths = [article.path, sidecar, *history.under(notes_folder)]
    by_commit: dict[str, list[Change]] = defaultdict(list)
    commits: dict[str, Commit] = {}
    for path in paths:
        for change in history.of(path):
            by_commit[change.commit.sha].append(change)
            commits[change.commit.sha] = change.commit
    order = sorted(commits.values(), key=lambda c: c.date, reverse=True)
    return [(c, sorted(by_commit[c.sha], key=lambda ch: ch.path)) for c in order]


def _describe(changes: list[Change], article: Article, titles: dict[str, str]) -> list[str]:
    sidecar = article.path.rsplit(".", 1)[0] + ".yml"
    said = []
    for change in changes:
        if change.path == article.path:
            said.append(
                {"A": "article added", "M": "article text edited", "D": "article text removed"}[
                    change.status
                ]
            )
        elif change.path == sidecar and change.status != "A":
            # added with the text it is part of the article; later, its details were edited
            said.append(
                "article details edited" if change.status == "M" else "article details removed"
            )
    for status, verb in (("A", "added"), ("M", "changed"), ("D", "removed")):
        notes = [
            c.path for c in changes if c.status == status and c.path not in (article.path, sidecar)
        ]
        if not notes:
            continue
        if len(notes) <= MAX_TITLES:
            names = ", ".join(_note_name(p, titles) for p in notes)
            said.append(f"note{'s' if len(notes) > 1 else ''} {names} {verb}")
        else:
            said.append(f"{len(notes)} notes {verb}")
    return said


def render_changes(
    history: History | None,
    article: Article,
    notes: list[Annotation],
    notes_folder: str,
    site: SiteInfo,
    authors: bool = False,
) -> str:
    """The "Changes and corrections" section (newest first), or nothing without a history."""
    if history is None:
        return ""
    titles = {n.path: n.title for n in notes}
    items = []
    for commit, changes in article_changes(history, article, notes_folder):
        said = _describe(changes, article, titles)
        if not said:
            continue
        text = "; ".join(said)
        link = site.link_to_commit(commit.sha)
        ref = (
            f'<a href="{attr(link)}" rel="nofollow noopener">commit {attr(commit.sha[:7])}</a>'
            if link
            else f"commit <code>{attr(commit.sha[:7])}</code>"
        )
        by = f" by {attr(commit.author)}" if authors and commit.author else ""
        # the commit's subject is the maintainers' log (it may be about code): never shown;
        # what readers are told is the editor's own "Correction:" line
        corrections = "".join(
            f'<p class="glossator-correction"><strong>Correction:</strong> {attr(c)}</p>'
            for c in commit.corrections
        )
        marked = ' class="glossator-corrected"' if corrections else ""
        items.append(
            f"<li{marked}>"
            f"{_time(commit.day)}: {text[0].upper()}{text[1:]}. "
            f'<span class="glossator-commit">{ref}{by}</span>{corrections}</li>'
        )
    pending = sorted(
        p for p in history.uncommitted if p.startswith(notes_folder) or p == article.path
    )
    if pending:
        items.insert(
            0,
            f"<li>Not yet committed: {len(pending)} file{'s' if len(pending) > 1 else ''} "
            "changed since the last commit.</li>",
        )
    if not items:
        return ""
    return (
        '<section class="glossator-changes" data-search-exclude>'
        '<h2 id="changes">Changes and corrections</h2>'
        f'<ol class="glossator-changes-list">{"".join(items)}</ol></section>'
    )
