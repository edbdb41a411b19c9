"""``glossator new``: a note file drafted for a passage, with the least context that lands it."""

from __future__ import annotations

import argparse
import sys

from glossator.cli.common import (
    article_of,
    load,
    project_of,
)
from glossator.text import excerpt
from glossator.tools.new import NewNoteError, draft_note

# --- new -------------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    project = project_of(args)
    edition = load(project, only=set())
    article = article_of(edition, args.article)
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
    print(f'created {where} (paragraph {draft.paragraph}: "{excerpt(draft.quote, 60)}")')
    if draft.prefix or draft.suffix:
        print("  the quote occurs more than once: prefix/suffix were added to pick this one")
    print(f"next: replace every TODO in {where}, then run: glossator check {where}")
    return 0
