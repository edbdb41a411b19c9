"""The ``glossator`` command line: the same pipeline as the build, for contributors and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .edition import load_edition
from .problems import sort_problems, summary, to_json


def _find_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").exists() or (folder / "seeds").is_dir():
            return folder
    return start


def cmd_check(args: argparse.Namespace) -> int:
    root = _find_root(Path.cwd())
    edition = load_edition(root)
    problems = sort_problems(edition.problems)
    if args.format == "json":
        print(to_json(problems))
    else:
        for p in problems:
            print(p.format())
        print(summary(problems, edition.article_files + edition.annotation_files))
    return 0 if edition.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="glossator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every article and annotation")
    check.add_argument("paths", nargs="*")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
