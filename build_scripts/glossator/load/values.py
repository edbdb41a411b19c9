"""One field's value, read by the type ``fields.py`` gives it: text, paragraph, date, sources.

Each reader returns the value, or None and a problem saying what was found instead.

A source is kept only when every field of it is valid: a half-read source would show a
title beside the wrong link. Each problem names the source by its number in the list.
"""

from __future__ import annotations

from collections.abc import Callable

from glossator.fields import NOTE_TABLE, SOURCE_FIELDS, SOURCE_TABLE, URL_RE, Field, is_placeholder
from glossator.language import canonical
from glossator.load.yamlsource import Node, describe, scalar_date, scalar_text
from glossator.model import Source
from glossator.problems import FileProblems
from glossator.suggest import did_you_mean
from glossator.text import excerpt


def read_value(spec: Field, node: Node, found: FileProblems) -> object | None:
    """A note field's value by its type (None when invalid: the problem is in ``found``)."""
    return _READERS[spec.type](spec, node, found)


def _text(spec: Field, node: Node, found: FileProblems) -> str | None:
    text = scalar_text(node)
    if text is None:
        found.error(
            node.line,
            node.column,
            f"'{spec.name}' must be text, got {describe(node)}",
            spec.type_hint,
            "wrong-type",
        )
    return text


def _paragraph(spec: Field, node: Node, found: FileProblems) -> int | None:
    number = node.value if node.kind == "scalar" else None
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        found.error(
            node.line,
            node.column,
            f"'{spec.name}' must be a paragraph number (1 or more), got {describe(node)}",
            spec.type_hint,
            "wrong-type",
        )
        return None
    return number


def _date(spec: Field, node: Node, found: FileProblems) -> str | None:
    date = scalar_date(node)
    if date is None:
        found.error(
            node.line,
            node.column,
            f"'{spec.name}' must be a date, got {describe(node)}",
            spec.type_hint,
            "bad-date",
        )
    return date


def _lang(spec: Field, node: Node, found: FileProblems) -> str | None:
    text = _text(spec, node, found)
    if text is None:
        return None
    tag = canonical(text)
    if tag is None:
        found.error(
            node.line,
            node.column,
            f"'{spec.name}' must be a language tag, got {text.strip()!r}",
            spec.type_hint,
            "bad-lang",
        )
    return tag


def _sources(spec: Field, node: Node, found: FileProblems) -> list[Source]:
    return read_sources(node, found)


_READERS: dict[str, Callable[[Field, Node, FileProblems], object]] = {
    "text": _text,
    "kind": _text,  # text first; which kinds exist is checked with the other fields
    "paragraph": _paragraph,
    "date": _date,
    "sources": _sources,
    "lang": _lang,
}


def read_sources(node: Node, found: FileProblems) -> list[Source]:
    """The valid sources of a ``sources:`` value; a problem in ``found`` for each other."""
    if node.kind != "seq":
        found.error(
            node.line,
            node.column,
            f"'sources' must be a list, got {describe(node)}",
            NOTE_TABLE["sources"].type_hint,
            "wrong-type",
        )
        return []
    sources = (_read_source(index, item, found) for index, item in enumerate(node.elements, 1))
    return [s for s in sources if s is not None]


def _read_source(index: int, item: Node, found: FileProblems) -> Source | None:
    if item.kind != "map":
        found.error(
            item.line,
            item.column,
            f"source {index} must be a mapping with a title, got {describe(item)}",
            "write '- title: ...' then 'url:', 'publisher:', 'date:' indented below it",
            "wrong-type",
        )
        return None
    values: dict[str, str] = {}
    ok = True
    for name, (key, value) in item.items.items():
        ok = _read_field(index, name, key, value, values, found) and ok
    title = item.items.get("title")
    if title is None or (ok and not values.get("title")):
        where = title[1] if title is not None else item
        found.error(
            where.line,
            where.column,
            f"source {index} has no title",
            SOURCE_TABLE["title"].hint,
            "source-title",
        )
        return None
    return Source(**values) if ok else None


def unknown_field(
    found: FileProblems, key: Node, name: str, known: list[str], what: str = "field"
) -> None:
    """The one wording of a field the note, a source or a sidecar does not have."""
    found.error(
        key.line,
        key.column,
        f"unknown {what} '{name}'{did_you_mean(name, known)}",
        f"{what}s: " + ", ".join(known),
        "unknown-field",
    )


def _read_field(
    index: int, name: str, key: Node, value: Node, values: dict[str, str], found: FileProblems
) -> bool:
    """Read one field of source ``index`` into ``values``; False (and a problem) if invalid."""
    spec = SOURCE_TABLE.get(name)
    if spec is None:
        unknown_field(found, key, name, SOURCE_FIELDS, "source field")
        return False
    if is_placeholder(value.value):
        found.error(
            value.line,
            value.column,
            f"source {index} '{name}' still holds the placeholder: {excerpt(value.value, 60)}",
            spec.placeholder_hint,
            "placeholder",
        )
        return False
    if spec.type == "date":
        date = scalar_date(value)
        if date is None:
            found.error(
                value.line,
                value.column,
                f"source date must be a date, got {describe(value)}",
                spec.type_hint,
                "bad-date",
            )
            return False
        values[name] = date
        return True
    text = scalar_text(value)
    if text is None:
        found.error(
            value.line,
            value.column,
            f"source '{name}' must be text, got {describe(value)}",
            code="wrong-type",
        )
        return False
    text = text.strip()
    if spec.type == "url" and not URL_RE.match(text):
        found.error(
            value.line,
            value.column,
            f"source {name} {text!r} is not an http(s) URL",
            spec.type_hint,
            "bad-url",
        )
        return False
    values[name] = text
    return True
