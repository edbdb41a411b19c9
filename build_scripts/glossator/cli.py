"""The ``glossator`` command line: the same pipeline as the build, for contributors and CI.

Every command loads the edition with ``edition.load_edition``, the function the MkDocs plugin
uses, so ``glossator check`` passing means the build's validation passes. Exit status: 0 when
all is well, 1 when something is invalid (or a note cannot be drafted), 2 on a usage error.
``check`` gives a strict build's verdict: warnings fail it too, unless ``--no-strict``.

Why one file of about 550 lines: it is the whole command line and nothing else. Each command
is one small ``cmd_*`` function (load the edition, call a pure function from the core, print
what it returns), and ``build_parser`` declares every option in one place; splitting them
apart would only scatter the help text a user reads as one page. Rules and wording live in
the core modules, never here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .annotations import KINDS
from .edition import Edition, cyclic_gc_paused, load_edition
from .fix import apply_fix, plan_fix
from .newnote import NewNoteError, draft_note
from .problems import Problem, sort_problems, summary, to_json
from .project import Project, find_root, load_project
from .suggest import did_you_mean
from .tables import anchor_rows, note_rows, stats_rows
from .w3c import W3CImportError, article_to_w3c


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit status 2)."""


# --- shared helpers --------------------------------------------------------------------------


def _project(args: argparse.Namespace) -> Project:
    start = Path(args.project) if args.project else Path.cwd()
    if args.project and not start.is_dir():
        raise UsageError(f"no such project folder: {args.project}")
    return load_project(find_root(start))


def _load(project: Project, only: set[Path] | None = None) -> Edition:
    with cyclic_gc_paused():
        return load_edition(project.root, project.seeds_dir, project.annotations_dir, only)


def _article(edition: Edition, slug: str):
    if slug not in edition.articles:
        known = ", ".join(sorted(edition.articles)) or "none"
        raise UsageError(
            f"no article '{slug}'{did_you_mean(slug, edition.articles)}; articles: {known}"
        )
    return edition.articles[slug]


def _print_json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _excerpt(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _github(p: Problem) -> str:
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


# --- check -----------------------------------------------------------------------------------


def _selection(project: Project, paths: list[str]) -> tuple[set[Path] | None, set[str] | None]:
    """Annotation files to check and display paths whose problems to show (None: everything).

    A seed (``.txt``) or its sidecar selects the article and all its notes; a folder selects
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
            files = sorted(path.glob("*.txt")) if path.is_dir() else [path.with_suffix(".txt")]
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
        edition = _load(project, only=set())
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
    project = _project(args)
    only, shown = _selection(project, args.paths)
    edition = _load(project, only)
    fixed: list[str] = []
    if args.fix:
        for slug, notes in sorted(edition.notes.items()):
            article = edition.articles[slug]
            for note in notes:
                fix = plan_fix(note, article)
                if fix is None:
                    continue
                apply_fix(project.root / fix.path, fix)
                fixed.append(f"{fix.path}: fixed: " + "; ".join(fix.reasons))
        if fixed:
            edition = _load(project, only)  # report what is left, as the build will see it
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
            print(_github(p))
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


# --- new -------------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    project = _project(args)
    edition = _load(project, only=set())
    article = _article(edition, args.article)
    folder = project.annotations / article.slug
    taken = {p.stem for p in folder.glob("*")} if folder.is_dir() else set()
    try:
        draft = draft_note(
            article,
            args.quote,
            args.kind,
            taken,
            title=args.title or "",
            note_id=args.id or "",
            paragraph=args.paragraph,
            occurrence=args.occurrence,
            author=args.author or "",
            schema=project.schema_reference(folder),
        )
    except NewNoteError as exc:
        print(f"glossator new: error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print("    hint: " + exc.hint.replace("\n", "\n          "), file=sys.stderr)
        return 1
    path = folder / f"{draft.id}.yml"
    if args.dry_run:
        sys.stdout.write(draft.text)
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
            fh.write(draft.text)
    except FileExistsError:
        print(f"glossator new: error: {project.display(path)} already exists", file=sys.stderr)
        return 1
    where = project.display(path)
    print(f'created {where} (paragraph {draft.paragraph}: "{_excerpt(draft.quote, 60)}")')
    if draft.prefix or draft.suffix:
        print("  the quote occurs more than once: prefix/suffix were added to pick this one")
    print(f"next: replace every TODO in {where}, then run: glossator check {where}")
    return 0


# --- list, stats, anchors --------------------------------------------------------------------


def _columns(rows: list[list[str]]) -> list[str]:
    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join([*(c.ljust(w) for c, w in zip(r, widths, strict=False)), r[-1]]) for r in rows
    ]


def cmd_list(args: argparse.Namespace) -> int:
    project = _project(args)
    edition = _load(project)
    if args.article:
        _article(edition, args.article)
    rows = note_rows(edition, args.article)
    if args.format == "json":
        _print_json(rows)
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
    project = _project(args)
    edition = _load(project)
    rows = stats_rows(edition)
    if args.format == "json":
        _print_json(rows)
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
    project = _project(args)
    edition = _load(project, only=set())
    _article(edition, args.article)
    rows, skipped = anchor_rows(project, edition, args.article)
    if args.format == "json":
        _print_json(rows)
    else:
        table = []
        for r in rows:
            if r["start"] is not None:
                where, text = f"{r['start']}-{r['end']}", f'"{_excerpt(r["text"])}"'
            else:
                where = "-"
                best = r["candidates"][:1]
                text = (
                    f'best candidate p{best[0]["paragraph"]}: "{_excerpt(best[0]["text"], 50)}"'
                    if best
                    else "no candidate"
                )
            table.append([r["id"], r["status"], f"{r['confidence']:.2f}", where, text])
        for line in _columns(table):
            print(line)
    for path in skipped:
        print(f"(skipped {path}: invalid, run 'glossator check {path}')", file=sys.stderr)
    return 0


# --- W3C Web Annotation export and import ----------------------------------------------------


def _page_url(project: Project, slug: str, base_url: str | None) -> str:
    base = (base_url or project.site_url or "https://example.org/").rstrip("/") + "/"
    return f"{base}{slug}/"


def cmd_export(args: argparse.Namespace) -> int:
    project = _project(args)
    edition = _load(project)
    slugs = [args.article] if args.article else sorted(edition.articles)
    for slug in slugs:
        _article(edition, slug)
    collections = [
        article_to_w3c(
            edition.articles[s], edition.notes.get(s, []), _page_url(project, s, args.base_url)
        )
        for s in slugs
    ]
    _print_json(collections[0] if args.article else collections)
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
    from .interchange import note_yaml, plan_import, write_imported

    project = _project(args)
    edition = _load(project, only=set())
    article = _article(edition, args.article)
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        print(
            f"glossator import: error: {args.file}: not UTF-8 text ({exc.reason})", file=sys.stderr
        )
        return 1
    folder = project.annotations / article.slug
    taken = {p.stem for p in folder.glob("*")} if folder.is_dir() else set()
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
        outcomes, notices = plan_import(document, article, taken)
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
    placed = [o for o in outcomes if o.fields is not None]
    failed = len(outcomes) - len(placed)
    tally = f"{len(outcomes)} annotation(s) read: {len(placed)} {'would become' if args.dry_run else 'became'} notes, {failed} not imported (above)"
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
    checked = _load(project)
    folder_rel = project.display(folder) + "/"
    problems = sort_problems(p for p in checked.problems if p.path.startswith(folder_rel))
    for p in problems:
        print(p.format())
    print(summary(problems, len(written)))
    print(tally, file=sys.stderr)
    return 1 if failed or any(p.is_error for p in problems) else 0


# --- the parser ------------------------------------------------------------------------------


def _sub(sub, name: str, help_text: str, example: str, func) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        name,
        help=help_text,
        description=help_text[0].upper() + help_text[1:] + ".",
        epilog="example:\n  " + example.replace("\n", "\n  "),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(func=func)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glossator",
        description="Check, add and inspect the notes of a Glossator edition.",
        epilog=(
            "examples:\n"
            "  glossator check\n"
            '  glossator new us-taliban-doha-talks-2019 --quote "eating dirt" --kind context\n'
            "  glossator anchors us-taliban-doha-talks-2019 --format json\n\n"
            "Run 'glossator COMMAND --help' for a command's options."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "-C",
        "--project",
        metavar="DIR",
        help="the project folder (default: the nearest folder above here with mkdocs.yml)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = _sub(
        sub,
        "check",
        "validate every article and note (or the given files) as the build does",
        "glossator check\n"
        "glossator check annotations/my-article/my-note.yml\n"
        "glossator check --fix          # update quotes after an article was edited",
        cmd_check,
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="articles, notes or folders (default: all)"
    )
    check.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text (path:line:column: error: ...), json, or github (pull-request annotations)",
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="rewrite quote/prefix/suffix/paragraph of notes the matcher re-anchored confidently",
    )
    check.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help="exit 0 when there are only warnings (a strict build still fails on them)",
    )

    new = _sub(
        sub,
        "new",
        "start a note on a passage: writes annotations/ARTICLE/<id>.yml with TODOs to fill in",
        'glossator new us-taliban-doha-talks-2019 --quote "eating dirt in Afghanistan" '
        "--kind context",
        cmd_new,
    )
    new.add_argument(
        "article", metavar="ARTICLE", help="the article's slug (see 'glossator stats')"
    )
    new.add_argument("--quote", required=True, help="the passage, copied from the article")
    new.add_argument("--kind", required=True, choices=KINDS, help="the kind of note")
    new.add_argument("--title", help="the note's one-line title (a TODO otherwise)")
    new.add_argument("--id", help="the file name without .yml (derived from the quote otherwise)")
    new.add_argument("--author", help="your name or handle, recorded in the note")
    new.add_argument(
        "--paragraph",
        type=int,
        metavar="N",
        help="when the quote occurs more than once: the paragraph",
    )
    new.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        help="when it still occurs more than once: which (from 1)",
    )
    new.add_argument("--dry-run", action="store_true", help="print the file instead of writing it")

    lst = _sub(
        sub,
        "list",
        "list notes, one per line: article, id, kind, paragraph, title",
        "glossator list us-taliban-doha-talks-2019",
        cmd_list,
    )
    lst.add_argument("article", nargs="?", metavar="ARTICLE", help="only this article's notes")
    lst.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    stats = _sub(
        sub,
        "stats",
        "per article: notes by kind, paragraphs with and without notes, sources cited",
        "glossator stats --format json",
        cmd_stats,
    )
    stats.add_argument("--format", choices=["text", "json"], default="text")

    anchors = _sub(
        sub,
        "anchors",
        "how each note of an article anchors today (status, confidence, offsets, text)",
        "glossator anchors us-taliban-doha-talks-2019 --format json",
        cmd_anchors,
    )
    anchors.add_argument("article", metavar="ARTICLE", help="the article's slug")
    anchors.add_argument("--format", choices=["text", "json"], default="text")

    export = _sub(
        sub,
        "export",
        "print notes as W3C Web Annotations (JSON-LD), for other annotation tools",
        "glossator export us-taliban-doha-talks-2019 > notes.jsonld",
        cmd_export,
    )
    export.add_argument("article", nargs="?", metavar="ARTICLE", help="one article (default: all)")
    export.add_argument("--base-url", help="the published site's URL (default: site_url)")

    imp = _sub(
        sub,
        "import",
        "turn W3C Web Annotations (JSON-LD) or a Hypothesis export into note files, then check them",
        "glossator import notes.jsonld us-taliban-doha-talks-2019\n"
        "glossator import hypothesis-search.json us-taliban-doha-talks-2019 --dry-run",
        cmd_import,
    )
    imp.add_argument(
        "file",
        metavar="FILE",
        help="a W3C Annotation, AnnotationPage or AnnotationCollection, a JSON list of "
        'annotations, or a Hypothesis API export ({"total": …, "rows": […]})',
    )
    imp.add_argument("article", metavar="ARTICLE", help="the article's slug")
    imp.add_argument(
        "--dry-run", action="store_true", help="print the files and problems; write nothing"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2): return, don't exit
        return int(exc.code or 0)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"glossator {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # glossator list | head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
