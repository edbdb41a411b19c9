"""Every option of every command, declared in one place: the help a user reads as one page."""

from __future__ import annotations

import argparse

from glossator.cli.check import cmd_check
from glossator.cli.interchange import cmd_export, cmd_import
from glossator.cli.notes import cmd_new
from glossator.cli.tables import cmd_anchors, cmd_list, cmd_stats
from glossator.load.notes import KINDS

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
