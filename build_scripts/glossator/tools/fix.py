"""``glossator check --fix``: bring notes' selectors up to date with the articles' text.

Only what the matcher is *confident* about is rewritten: a re-anchored quote becomes the
article's current text, prefix/suffix that no longer match are replaced by the words now
around the passage (or by the least context that keeps it unique), and ``paragraph`` records
where the passage is now, as evidence for the next edit. Notes that did not anchor are left
alone: their errors show the candidates and a person chooses.

Files are edited with ruamel.yaml's round-trip mode, so comments, key order and quoting
style survive, and only the changed values differ in the diff a reviewer sees.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from glossator.anchoring import is_spaceless, locate, unique_context
from glossator.fields import FIELDS, SELECTOR_FIELDS
from glossator.model import AnchoredNote, Article, Selector
from glossator.text import excerpt


@dataclass
class Fix:
    """New values for one note's selector fields (``fields.SELECTOR_FIELDS``); ``None`` deletes."""

    path: str
    changes: dict[str, object] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)


def _around(body: str, start: int, end: int, prefix: str, suffix: str) -> tuple[str, str]:
    """As much context as the note recorded, now around [start, end), in the same paragraph:
    the same number of words, or of characters for text without spaces between words (where
    a whole paragraph would be one 'word')."""
    before = body[:start].rpartition("\n\n")[2]
    after = body[end:].partition("\n\n")[0]
    if is_spaceless(prefix):
        new_prefix = before[-len(prefix) :]
    else:
        words = len(prefix.split())
        new_prefix = " ".join(before.split(" ")[-(words + 1) :]) if words else ""
    if is_spaceless(suffix):
        new_suffix = after[: len(suffix)]
    else:
        words = len(suffix.split())
        new_suffix = " ".join(after.split(" ")[: words + 1]) if words else ""
    return new_prefix, new_suffix


def plan_fix(note: AnchoredNote, article: Article) -> Fix | None:
    """What to change in one anchored note's file, or None when it is up to date."""
    a = note.annotation
    body = article.body
    match = note.match
    fix = Fix(a.path)
    quote = a.quote
    if match.status == "reanchored":
        quote = body[note.start : note.end]
        fix.changes["quote"] = quote
        fix.reasons.append(f'quote re-anchored to "{excerpt(quote, 60)}"')
    prefix, suffix = a.prefix, a.suffix
    if match.status == "reanchored" or match.context_changed:
        prefix, suffix = _around(body, note.start, note.end, a.prefix, a.suffix)
        lands = locate(body, Selector(quote, prefix, suffix))
        if (lands.start, lands.end) != (note.start, note.end) or lands.context_changed:
            prefix, suffix = unique_context(body, note.start, note.end)
        if (prefix, suffix) != (a.prefix, a.suffix):
            fix.changes["prefix"] = prefix or None
            fix.changes["suffix"] = suffix or None
            fix.reasons.append("prefix/suffix updated to the text around the passage")
    if a.paragraph != note.paragraph:
        fix.changes["paragraph"] = note.paragraph
        was = f" (was {a.paragraph})" if a.paragraph else ""
        fix.reasons.append(f"paragraph {note.paragraph} recorded{was}")
    return fix if fix.changes else None


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _styled(old: object, new: str) -> object:
    """The new string in the old value's quoting style; double quotes for a new field."""
    if old is None:
        return DoubleQuotedScalarString(new)
    if type(old) is not str and isinstance(old, str):
        return type(old)(new)
    return new  # plain: ruamel quotes it if the new text needs quoting


def apply_fix(path: Path, fix: Fix) -> None:
    """Rewrite the changed fields in place, keeping comments, order and quoting."""
    y = _yaml()
    data = y.load(path.read_text(encoding="utf-8"))
    for name in (n for n in SELECTOR_FIELDS if n in fix.changes):
        value = fix.changes[name]
        if value is None:
            if name in data:
                del data[name]
            continue
        if name in data:
            data[name] = _styled(data[name], value) if isinstance(value, str) else value
            continue
        # a new field goes right after the fields that come before it in the table
        keys = list(data.keys())
        earlier = [keys.index(k) for k in FIELDS[: FIELDS.index(name)] if k in data]
        position = max(earlier) + 1 if earlier else 0
        data.insert(position, name, _styled(None, value) if isinstance(value, str) else value)
    out = io.StringIO()
    y.dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")
