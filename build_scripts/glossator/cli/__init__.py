"""The ``glossator`` command line: the same pipeline as the build, for contributors and CI.

Every command loads the edition with ``edition.load_edition``, the function the MkDocs plugin
uses, so ``glossator check`` passing means the build's validation passes. Exit status: 0 when
all is well, 1 when something is invalid (or a note cannot be drafted), 2 on a usage error.
``check`` gives a strict build's verdict: warnings fail it too, unless ``--no-strict``.

Each command is one small ``cmd_*`` function in the module of its group (load the edition
once, call a pure function from the core, print what it returns); ``parser`` declares every
option in one place, so the help reads as one page. Rules and wording live in the core
modules, never here.
"""

from __future__ import annotations

import os
import sys

from glossator.cli.common import UsageError
from glossator.cli.parser import build_parser

__all__ = ["build_parser", "main"]


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
