"""Safe YAML reading that keeps line and column of every key and value.

Contributors' files are untrusted and their mistakes must be reported where they are,
so we compose the YAML into nodes (safe loader only), refuse what a one-note file never
needs (anchors and aliases: the "billion laughs" bomb; duplicate keys, which YAML loaders
silently resolve to the last one; tags beyond YAML's core types, such as ``!!python/...``,
which a safe loader would otherwise quietly turn back into text; nesting deeper than any
note has), and keep PyYAML's marks, converted to 1-based once here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from glossator.model import PARTIAL_DATE_RE

try:  # the C loader is several times faster on a thousand-article edition
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_BYTES = 64 * 1024
"""A note is a few hundred words; anything bigger is a mistake or an attack."""
MAX_DEPTH = 16
"""A note nests three deep (note -> sources -> source); deep nesting only exhausts the stack."""
_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
ALLOWED_TAGS = {
    _CORE + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
}
"""What plain YAML resolves to by itself; any other tag was written on purpose."""


@dataclass(slots=True)
class Node:
    """A YAML value with where it starts (1-based line and column)."""

    kind: str  # "map", "seq" or "scalar"
    value: Any
    line: int
    column: int
    tag: str = ""
    raw: str = ""  # a scalar's text as written, before YAML typed it
    items: dict[str, tuple[Node, Node]] = field(
        default_factory=dict
    )  # for maps: key -> (key, value)
    elements: list[Node] = field(default_factory=list)  # for sequences


class YamlError(Exception):
    def __init__(self, message: str, line: int = 0, column: int = 0, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


_constructor = yaml.constructor.SafeConstructor()
_NO_ITEMS: dict[str, tuple[Node, Node]] = {}
_NO_ELEMENTS: list[Node] = []


def _scalar(node: yaml.ScalarNode) -> Any:
    try:
        return _constructor.construct_object(node)
    except (yaml.YAMLError, ValueError):
        # e.g. an impossible date such as 2019-02-30: keep the text, let validation complain
        return node.value


def _convert(node: yaml.Node, seen: set[int], depth: int = 0) -> Node:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if id(node) in seen:
        raise YamlError(
            "YAML anchors and aliases (& and *) are not allowed",
            line,
            column,
            "write each value out in full",
        )
    seen.add(id(node))  # an alias is the same node object met twice: refuse before expanding
    if depth > MAX_DEPTH:
        raise YamlError(
            f"YAML nested more than {MAX_DEPTH} levels deep",
            line,
            column,
            "a note is a mapping of fields; only 'sources' holds a list of mappings",
        )
    if node.tag not in ALLOWED_TAGS:
        shown = "!!" + node.tag.removeprefix(_CORE) if node.tag.startswith(_CORE) else node.tag
        raise YamlError(
            f"YAML tag '{shown}' is not allowed",
            line,
            column,
            "remove the tag; write the value as plain text",
        )
    if isinstance(node, yaml.MappingNode):
        out = Node("map", None, line, column, node.tag)
        for key_node, value_node in node.value:
            key = _convert(key_node, seen, depth + 1)
            value = _convert(value_node, seen, depth + 1)
            name = str(key.value) if key.kind == "scalar" else repr(key.value)
            if name in out.items:
                first = out.items[name][0]
                raise YamlError(
                    f"duplicate key '{name}' (first given on line {first.line})",
                    key.line,
                    key.column,
                    "keep one of them: YAML would silently use the last",
                )
            out.items[name] = (key, value)
        out.value = {k: v.value for k, (_, v) in out.items.items()}
        return out
    if isinstance(node, yaml.SequenceNode):
        out = Node("seq", None, line, column, node.tag)
        out.elements = [_convert(child, seen, depth + 1) for child in node.value]
        out.value = [e.value for e in out.elements]
        return out
    # plain text needs no constructor (most of a note's values); other types go through it
    value = node.value if node.tag == _STR else _scalar(node)
    # a scalar's empty items and elements are shared, never written (most nodes are scalars)
    return Node("scalar", value, line, column, node.tag, node.value, _NO_ITEMS, _NO_ELEMENTS)


def read_yaml(data: bytes) -> Node | None:
    """Parse one YAML document from bytes; None for an empty document.

    Raises YamlError with a 1-based position for anything that is not clean, safe YAML.
    """
    if len(data) > MAX_BYTES:
        raise YamlError(
            f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}",
            1,
            1,
            "a note should be a few hundred words; split it or shorten it",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError(
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            line,
            0,
            "save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if mark and text[mark.index : mark.index + 1] == "\t" and "tab" not in message:
            # PyYAML says "found character that cannot start any token" for a tab before a
            # list item or after its '-': say what the character is
            message = f"a tab character, where YAML allows only spaces ({message})"
        raise YamlError(
            f"YAML syntax error: {message}", line, column, _syntax_hint(message)
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML syntax error: {exc}", 1, 1) from None
    except RecursionError:  # the pure-Python composer recurses once per nesting level
        raise YamlError(
            "YAML nested too deeply to read", 1, 1, "a note is a mapping of fields"
        ) from None
    if not documents:
        return None
    if len(documents) > 1:
        starts = [
            e for e in yaml.parse(text, Loader=_Loader) if isinstance(e, yaml.DocumentStartEvent)
        ]
        mark = starts[1].start_mark
        raise YamlError(
            "file holds more than one YAML document (a second '---')",
            mark.line + 1,
            mark.column + 1,
            "put one note in each file",
        )
    return _convert(documents[0], set())


def _syntax_hint(message: str) -> str:
    if "mapping values are not allowed" in message:
        return "a value containing ': ' must be quoted, or written as a block with '|'"
    if "found character '\\t'" in message or "tab" in message:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in message:
        return "each line of a mapping needs 'key: value'; long text belongs in a block ('body: |')"
    return "check quoting and indentation on this line and the one before it"


# --- reading typed values, for the validators --------------------------------------------------


def scalar_text(node: Node) -> str | None:
    """A scalar as the contributor wrote it; None for null, booleans, lists and mappings."""
    if node.kind != "scalar" or node.value is None or isinstance(node.value, bool):
        return None
    if isinstance(node.value, str):
        return node.value
    return node.raw  # numbers and dates written where text was meant: keep the digits


def scalar_date(node: Node) -> str | None:
    """A date as ISO text: a YAML date, or a year, year-month or full date as written."""
    value = node.value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = node.raw.strip() if node.kind == "scalar" else ""
    return text if PARTIAL_DATE_RE.match(text) else None


def describe(node: Node) -> str:
    """What a value is, for 'must be text, got …' messages."""
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    if node.value is None:
        return "nothing (null)"
    if isinstance(node.value, bool):
        return f"a true/false value ({node.raw})"
    return repr(node.raw)
