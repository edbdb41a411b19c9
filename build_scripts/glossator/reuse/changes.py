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
from glossator.interface import ENGLISH, N_, Interface, Nn_
from glossator.model import Annotation, Article
from glossator.pages.escape import attr
from glossator.reuse.siteinfo import SiteInfo

ARTICLE_CHANGES = {
    "A": N_("article added"),
    "M": N_("article text edited"),
    "D": N_("article text removed"),
}
NOTE_CHANGES = (  # (status, for one to three notes by name, for more by number)
    (
        "A",
        Nn_("note {names} added", "notes {names} added"),
        Nn_("{n} note added", "{n} notes added"),
    ),
    (
        "M",
        Nn_("note {names} changed", "notes {names} changed"),
        Nn_("{n} note changed", "{n} notes changed"),
    ),
    (
        "D",
        Nn_("note {names} removed", "notes {names} removed"),
        Nn_("{n} note removed", "{n} notes removed"),
    ),
)

MAX_TITLES = 3  # name up to this many notes per action in one commit, then count them


def _time(day: str, ui: Interface = ENGLISH) -> str:
    return f'<time datetime="{attr(day)}">{attr(ui.date(day))}</time>'


@dataclass(frozen=True)
class NoteDates:
    added: str = ""  # ISO day the note's file was added (committed)
    changed: str = ""  # ISO day of its last committed change after that
    uncommitted: bool = False
    added_by: str = ""
    changed_by: str = ""
    added_time: str = ""  # the same two moments as ISO date-times with offset (feeds)
    changed_time: str = ""


NO_DATES = NoteDates()
"""What a note without a history has (one value: an edition has tens of thousands of notes)."""


def note_dates(history: History | None, note: Annotation) -> NoteDates:
    if history is None:
        return NO_DATES
    added, changed = history.added(note.path), history.last_changed(note.path)
    return NoteDates(
        added=added.commit.day if added else "",
        changed=changed.commit.day if changed else "",
        uncommitted=note.path in history.uncommitted,
        added_by=added.commit.author if added else "",
        changed_by=changed.commit.author if changed else "",
        added_time=added.commit.date if added else "",
        changed_time=changed.commit.date if changed else "",
    )


def render_note_provenance(dates: NoteDates, authors: bool = False, ui: Interface = ENGLISH) -> str:
    """'Added 20 March 2024 · changed 2 April 2024' (and by whom), or nothing."""
    bits = []
    if dates.added:
        when = _time(dates.added, ui)
        if authors and dates.added_by:
            bits.append(ui.t("added {date} by {name}", date=when, name=attr(dates.added_by)))
        else:
            bits.append(ui.t("added {date}", date=when))
    if dates.changed:
        when = _time(dates.changed, ui)
        if authors and dates.changed_by:
            bits.append(ui.t("changed {date} by {name}", date=when, name=attr(dates.changed_by)))
        else:
            bits.append(ui.t("changed {date}", date=when))
    if dates.uncommitted:
        bits.append(
            ui.t("changed since (not yet committed)") if bits else ui.t("not yet committed")
        )
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


def _describe(
    changes: list[Change], article: Article, titles: dict[str, str], ui: Interface = ENGLISH
) -> list[str]:
    sidecar = article.path.rsplit(".", 1)[0] + ".yml"
    said = []
    for change in changes:
        if change.path == article.path:
            said.append(ui.t(ARTICLE_CHANGES[change.status]))
        elif change.path == sidecar and change.status != "A":
            # added with the text it is part of the article; later, its details were edited
            said.append(
                ui.t("article details edited")
                if change.status == "M"
                else ui.t("article details removed")
            )
    for status, (by_name, by_names), by_number in NOTE_CHANGES:
        notes = [
            c.path for c in changes if c.status == status and c.path not in (article.path, sidecar)
        ]
        if not notes:
            continue
        if len(notes) <= MAX_TITLES:
            names = ui.t(", ").join(_note_name(p, titles) for p in notes)
            said.append(ui.tn(by_name, by_names, len(notes), names=names))
        else:
            said.append(ui.tn(*by_number, len(notes)))
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
    ui = site.ui
    items = []
    for commit, changes in article_changes(history, article, notes_folder):
        said = _describe(changes, article, titles, ui)
        if not said:
            continue
        text = ui.t("; ").join(said)
        link = site.link_to_commit(commit.sha)
        sha = attr(commit.sha[:7])
        ref = (
            f'<a href="{attr(link)}" rel="nofollow noopener">{ui.t("commit {sha}", sha=sha)}</a>'
            if link
            else ui.t("commit {sha}", sha=f"<code>{sha}</code>")
        )
        if authors and commit.author:
            ref = ui.t("{commit} by {name}", commit=ref, name=attr(commit.author))
        # the commit's subject is the maintainers' log (it may be about code): never shown;
        # what readers are told is the editor's own "Correction:" line
        corrections = "".join(
            f'<p class="glossator-correction"><strong>{attr(ui.t("Correction:"))}</strong> '
            f"{attr(c)}</p>"
            for c in commit.corrections
        )
        marked = ' class="glossator-corrected"' if corrections else ""
        items.append(
            f"<li{marked}>{_time(commit.day, ui)}{attr(ui.t(': '))}{text[0].upper()}{text[1:]}"
            f'{ui.t(".")} <span class="glossator-commit">{ref}</span>{corrections}</li>'
        )
    pending = sorted(
        p for p in history.uncommitted if p.startswith(notes_folder) or p == article.path
    )
    if pending:
        pending_text = ui.tn(
            "Not yet committed: {n} file changed since the last commit.",
            "Not yet committed: {n} files changed since the last commit.",
            len(pending),
        )
        items.insert(0, f"<li>{attr(pending_text)}</li>")
    if not items:
        return ""
    return (
        '<section class="glossator-changes" data-search-exclude>'
        f'<h2 id="changes">{attr(ui.t("Changes and corrections"))}</h2>'
        f'<ol class="glossator-changes-list">{"".join(items)}</ol></section>'
    )
