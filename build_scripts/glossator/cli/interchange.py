"""``glossator export`` and ``import``: W3C Web Annotations out and in (Hypothesis included)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from glossator.cli.common import (
    UsageError,
    article_of,
    load,
    print_json,
    project_of,
)
from glossator.problems import sort_problems, summary
from glossator.project import Project
from glossator.reuse.w3c import W3CImportError, article_to_w3c

# --- W3C Web Annotation export and import ----------------------------------------------------


def _page_url(project: Project, slug: str, base_url: str | None) -> str:
    base = (base_url or project.site_url or "https://example.org/").rstrip("/") + "/"
    return f"{base}{slug}/"


def cmd_export(args: argparse.Namespace) -> int:
    project = project_of(args)
    edition = load(project)
    slugs = [args.article] if args.article else sorted(edition.articles)
    for slug in slugs:
        article_of(edition, slug)
    collections = [
        article_to_w3c(
            edition.articles[s],
            edition.notes.get(s, []),
            _page_url(project, s, args.base_url),
            project.language,
        )
        for s in slugs
    ]
    print_json(collections[0] if args.article else collections)
    bad = [p for p in edition.problems if p.is_error]
    if bad:
        print(f"{len(bad)} invalid file(s) not exported: run 'glossator check'", file=sys.stderr)
        return 1
    return 0


def _where(text: str, origin: str) -> str:
    """``line:col`` of an annotation's id in the input file, so an editor can jump to it."""
    at = text.find(json.dumps(origin, ensure_ascii=False)) if origin else -1
    if at < 0:
        return "1:1"
    line = text.count("\n", 0, at) + 1
    return f"{line}:{at - (text.rfind(chr(10), 0, at) + 1) + 1}"


def cmd_import(args: argparse.Namespace) -> int:
    from glossator.tools.importer import note_yaml, plan_import, write_imported

    project = project_of(args)
    edition = load(project, only=set())
    article = article_of(edition, args.article)
    folder = project.annotations / article.slug
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        print(
            f"glossator import: error: {args.file}: not UTF-8 text ({exc.reason})", file=sys.stderr
        )
        return 1
    taken = {p.stem for p in folder.glob("*")} if folder.is_dir() else set()
    present = _present(project, article, folder)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        print(
            f"{args.file}:{exc.lineno}:{exc.colno}: error: not JSON: {exc.msg}\n"
            "  hint: export W3C Web Annotations (JSON-LD) or a Hypothesis API search result",
            file=sys.stderr,
        )
        return 1
    try:
        outcomes, notices = plan_import(document, article, taken, project.language, present)
    except W3CImportError as exc:
        print(f"{args.file}:1:1: error: {exc}", file=sys.stderr)
        return 1
    for notice in notices:
        print(f"{args.file}:1:1: warning: {notice}", file=sys.stderr)
    for o in outcomes:
        where = f"{args.file}:{_where(text, o.origin)}"
        for warning in o.warnings:
            print(f"{where}: warning: {o.label}: {warning}", file=sys.stderr)
        if o.error:
            print(f"{where}: error: {o.label} not imported: {o.error}", file=sys.stderr)
        if o.present:
            held = project.display(folder / f"{o.present}.yml")
            print(f"{where}: skipped: {o.label} is already {held}", file=sys.stderr)
    placed = [o for o in outcomes if o.fields is not None]
    skipped = sum(bool(o.present) for o in outcomes)
    failed = len(outcomes) - len(placed) - skipped
    tally = (
        f"{len(outcomes)} annotation(s) read: {len(placed)} "
        f"{'would become' if args.dry_run else 'became'} notes, {skipped} already present "
        f"(skipped), {failed} not imported (above)"
    )
    if args.dry_run:
        for o in placed:
            rel = project.display(folder / f"{o.note_id}.yml")
            sys.stdout.write(f"# {rel}\n" + note_yaml(o.fields, "", o.origin) + "---\n")
        print(tally, file=sys.stderr)
        return 1 if failed else 0
    written = write_imported(folder, outcomes, project.schema_reference(folder))
    if not written:
        print(tally, file=sys.stderr)
        return 1 if failed else 0
    for path in written:
        print(f"created {project.display(path)}")
    # the whole folder: an imported note may duplicate one already there
    checked = load(project)
    folder_rel = project.display(folder) + "/"
    problems = sort_problems(p for p in checked.problems if p.path.startswith(folder_rel))
    for p in problems:
        print(p.format())
    print(summary(problems, len(written)))
    print(tally, file=sys.stderr)
    return 1 if failed or any(p.is_error for p in problems) else 0


def _present(project: Project, article, folder: Path) -> list:
    """The notes already in the article's folder, as a re-import recognises them."""
    from glossator.tools.importer import Present, imported_origin

    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.yml"))
    anchored = {
        n.id: n
        for n in load(project, only={f.resolve() for f in files}).notes.get(article.slug, [])
    }
    present = []
    for path in files:
        try:
            origin = imported_origin(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            origin = ""
        note = anchored.get(path.stem)
        quote = article.body[note.start : note.end] if note else ""
        present.append(Present(path.stem, quote, note.kind if note else "", origin))
    return present
