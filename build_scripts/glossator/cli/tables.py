"""``glossator list``, ``stats`` and ``anchors``: tables of the edition, as text or JSON."""

from __future__ import annotations

import argparse
import sys

from glossator.cli.common import (
    article_of,
    load,
    print_json,
    project_of,
)
from glossator.model import Edition
from glossator.text import excerpt
from glossator.tools.tables import anchor_rows, note_rows, stats_rows

# --- list, stats, anchors --------------------------------------------------------------------


def _columns(rows: list[list[str]]) -> list[str]:
    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join([*(c.ljust(w) for c, w in zip(r, widths, strict=False)), r[-1]]) for r in rows
    ]


def cmd_list(args: argparse.Namespace) -> int:
    project = project_of(args)
    edition = load(project)
    if args.article:
        article_of(edition, args.article)
    rows = note_rows(edition, args.article)
    if args.format == "json":
        print_json(rows)
    elif args.format == "markdown":  # e.g. for a pull request's summary
        print("| article | id | kind | paragraph | title |\n| --- | --- | --- | --- | --- |")
        for r in rows:
            title = r["title"].replace("|", "\\|")
            print(f"| {r['article']} | {r['id']} | {r['kind']} | {r['paragraph']} | {title} |")
    else:
        for line in _columns(
            [[r["article"], r["id"], r["kind"], f"p{r['paragraph']}", r["title"]] for r in rows]
        ):
            print(line)
    _report_unlisted(edition, args.article)
    return 0


def _report_unlisted(edition: Edition, slug: str | None) -> None:
    errors = [p for p in edition.problems if p.is_error]
    if slug:
        errors = [p for p in errors if f"/{slug}/" in f"/{p.path}"]
    if errors:
        files = len({p.path for p in errors})
        print(
            f"({files} file{'s' if files != 1 else ''} with errors not listed: run 'glossator check')",
            file=sys.stderr,
        )


def cmd_stats(args: argparse.Namespace) -> int:
    project = project_of(args)
    edition = load(project)
    rows = stats_rows(edition)
    if args.format == "json":
        print_json(rows)
        return 0
    for r in rows:
        kinds = ", ".join(f"{n} {k}" for k, n in r["by_kind"].items())
        missing = r["paragraphs_without_notes"]
        without = f"{len(missing)} without" + (
            f" ({', '.join(f'p{n}' for n in missing)})" if missing else ""
        )
        print(f"{r['article']}: {r['title']}")
        print(f"  notes       {r['notes']} ({kinds})")
        print(
            f"  paragraphs  {r['paragraphs']}: {r['paragraphs_with_notes']} with notes, {without}"
        )
        print(
            f"  sources     {r['sources_cited']} cited, {r['distinct_sources']} distinct, "
            f"{r['sources_with_link']} with a link"
        )
    total = sum(r["notes"] for r in rows)
    print(
        f"{len(rows)} article{'s' if len(rows) != 1 else ''}, {total} note{'s' if total != 1 else ''}"
    )
    _report_unlisted(edition, None)
    return 0


def cmd_anchors(args: argparse.Namespace) -> int:
    project = project_of(args)
    folder = project.annotations / args.article
    notes = {p.resolve() for p in folder.glob("*.yml")} if folder.is_dir() else set()
    edition = load(project, only=notes)  # this article's notes only, read and anchored once
    article_of(edition, args.article)
    rows, skipped = anchor_rows(project, edition, args.article)
    if args.format == "json":
        print_json(rows)
    else:
        table = []
        for r in rows:
            if r["start"] is not None:
                where, text = f"{r['start']}-{r['end']}", f'"{excerpt(r["text"], 70)}"'
            else:
                where = "-"
                best = r["candidates"][:1]
                text = (
                    f'best candidate p{best[0]["paragraph"]}: "{excerpt(best[0]["text"], 50)}"'
                    if best
                    else "no candidate"
                )
            table.append([r["id"], r["status"], f"{r['confidence']:.2f}", where, text])
        for line in _columns(table):
            print(line)
    for path in skipped:
        print(f"(skipped {path}: invalid, run 'glossator check {path}')", file=sys.stderr)
    return 0
