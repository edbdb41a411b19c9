"""Annotation files: one note per YAML file, read and validated with every problem located.

Validation is written out by hand rather than delegated to a schema library because the
errors are the product: each names the file, the line and column of the offending key or
value, what is wrong and how to fix it. The JSON Schema shipped for editors is checked
against this validator by the test suite, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .model import KIND_LABELS, KINDS, NEEDS_SOURCE, PARTIAL_DATE_RE, Annotation, Problem, Source
from .suggest import closest, did_you_mean
from .yamlsource import Node, YamlError, read_yaml

__all__ = ["KINDS", "KIND_LABELS", "Annotation", "Source", "load_annotation", "parse_annotation"]

FIELDS = (
    "quote",
    "prefix",
    "suffix",
    "paragraph",
    "kind",
    "title",
    "body",
    "sources",
    "author",
    "created",
)
REQUIRED = ("quote", "kind", "title", "body")
SOURCE_FIELDS = ("title", "url", "publisher", "date", "archive_url")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED_ID_RE = re.compile(r"^p\d+$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
RAW_HTML_RE = re.compile(r"<(?!https?://|mailto:)[A-Za-z!/?][^>]*>")
MAX_TITLE = 160
PLACEHOLDER_RE = re.compile(r"^\s*TODO\b")
"""What ``glossator new`` writes where only the contributor can fill in: never valid."""


def _is_placeholder(node: Node) -> bool:
    return (
        node.kind == "scalar"
        and isinstance(node.value, str)
        and PLACEHOLDER_RE.match(node.value) is not None
    )


def _text(node: Node) -> str | None:
    """A scalar as the contributor wrote it; None for null, booleans, lists and mappings."""
    if node.kind != "scalar" or node.value is None or isinstance(node.value, bool):
        return None
    if isinstance(node.value, str):
        return node.value
    return node.raw  # numbers and dates written where text was meant: keep the digits


def _date(node: Node) -> str | None:
    value = node.value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = node.raw.strip() if node.kind == "scalar" else ""
    if PARTIAL_DATE_RE.match(text):
        return text
    return None


def _type_name(node: Node) -> str:
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    if node.value is None:
        return "nothing (null)"
    if isinstance(node.value, bool):
        return f"a true/false value ({node.raw})"
    return repr(node.raw)


def parse_annotation(
    data: bytes, path: str, article: str, note_id: str
) -> tuple[Annotation | None, list[Problem]]:
    """Validate one annotation file's bytes. Pure: the caller did the I/O."""
    problems: list[Problem] = []

    def err(line: int, col: int, message: str, hint: str = "", code: str = "") -> None:
        problems.append(Problem(path, line, col, "error", message, hint, code))

    def warn(line: int, col: int, message: str, hint: str = "", code: str = "") -> None:
        problems.append(Problem(path, line, col, "warning", message, hint, code))

    if not ID_RE.match(note_id):
        err(
            0,
            0,
            f"file name '{note_id}.yml' is not a valid note id",
            "name the file with lower-case letters, digits and '-' (e.g. 'wmd-claim.yml')",
            "bad-id",
        )
    elif RESERVED_ID_RE.match(note_id):
        err(
            0,
            0,
            f"note id '{note_id}' is reserved for paragraph links",
            "choose a descriptive name, e.g. 'wmd-claim.yml'",
            "reserved-id",
        )

    try:
        root = read_yaml(data)
    except YamlError as exc:
        err(exc.line, exc.column, exc.message, exc.hint, "yaml")
        return None, problems
    if root is None:
        err(1, 1, "file is empty", "a note needs at least: quote, kind, title, body", "empty-file")
        return None, problems
    if root.kind != "map":
        err(
            root.line,
            root.column,
            f"a note must be a mapping of fields, not {_type_name(root)}",
            "write 'quote: ...', 'kind: ...', 'title: ...', 'body: ...' on their own lines",
            "not-mapping",
        )
        return None, problems

    values: dict[str, object] = {}
    positions: dict[str, tuple[int, int]] = {}
    for name, (key, value) in root.items.items():
        positions[name] = (value.line, value.column)
        if name not in FIELDS:
            err(
                key.line,
                key.column,
                f"unknown field '{name}'{did_you_mean(name, FIELDS)}",
                "fields: " + ", ".join(FIELDS),
                "unknown-field",
            )
            continue
        if _is_placeholder(value):
            err(
                value.line,
                value.column,
                f"'{name}' still holds the placeholder: {_excerpt(value.value)}",
                _PLACEHOLDER_HINTS.get(name, "replace the TODO text with your own"),
                "placeholder",
            )
            continue
        if name == "sources":
            values[name] = _sources(value, err)
            continue
        if name == "paragraph":
            number = value.value if value.kind == "scalar" else None
            if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                err(
                    value.line,
                    value.column,
                    f"'paragraph' must be a paragraph number (1 or more), got {_type_name(value)}",
                    "it records where the quote was last found; delete the line if unsure "
                    "('glossator check --fix' writes it)",
                    "wrong-type",
                )
            else:
                values[name] = number
            continue
        if name == "created":
            date = _date(value)
            if date is None:
                err(
                    value.line,
                    value.column,
                    f"'created' must be a date, got {_type_name(value)}",
                    "write YYYY-MM-DD",
                    "bad-date",
                )
            else:
                values[name] = date
            continue
        text = _text(value)
        if text is None:
            err(
                value.line,
                value.column,
                f"'{name}' must be text, got {_type_name(value)}",
                "put the text after the colon; quote it if it starts with a special character",
                "wrong-type",
            )
            continue
        values[name] = text

    first_line = (root.line, root.column)
    # 'titel' already produced "unknown field 'titel' (did you mean 'title'?)": enough said
    misspelt = {closest(name, FIELDS) for name in root.items if name not in FIELDS}
    for name in REQUIRED:
        if name not in root.items and name not in misspelt:
            err(
                *first_line,
                f"missing required field '{name}'",
                _REQUIRED_HINTS[name],
                "missing-field",
            )

    kind = values.get("kind")
    if isinstance(kind, str):
        kind = kind.strip()
        if kind not in KINDS:
            err(
                *positions["kind"],
                f"unknown kind '{kind}'{did_you_mean(kind, KINDS)}",
                "kind is one of: " + ", ".join(KINDS),
                "unknown-kind",
            )
            kind = None
    for name in ("quote", "title", "body"):
        value = values.get(name)
        if isinstance(value, str) and not value.strip():
            err(*positions[name], f"'{name}' is empty", _REQUIRED_HINTS[name], "empty-field")
    title = values.get("title")
    if isinstance(title, str) and title.strip():
        if "\n" in title.strip():
            err(
                *positions["title"],
                "'title' must be one line",
                "move the detail into 'body'",
                "multiline-title",
            )
        elif len(title.strip()) > MAX_TITLE:
            err(
                *positions["title"],
                f"'title' is {len(title.strip())} characters; the limit is {MAX_TITLE}",
                "keep the title short and move the detail into 'body'",
                "long-title",
            )
    body = values.get("body")
    if isinstance(body, str) and RAW_HTML_RE.search(body):
        line, col = positions["body"]
        snippet = RAW_HTML_RE.search(body).group(0)[:40]
        warn(
            line,
            col,
            f"raw HTML in 'body' ({snippet}) is not allowed and will be shown as text",
            "write Markdown instead: **bold**, *italic*, [text](https://...)",
            "raw-html",
        )

    sources = values.get("sources") or []
    if kind in NEEDS_SOURCE and not sources and "sources" not in values:
        err(
            *first_line,
            f"a '{kind}' note needs at least one source",
            "add 'sources:' with at least one '- title: ...' (and url, publisher, date)",
            "missing-source",
        )
    elif (
        kind in NEEDS_SOURCE
        and root.items.get("sources", (None, Node("map", None, 0, 0)))[1].kind == "seq"
        and not root.items["sources"][1].elements
    ):
        err(
            *positions["sources"],
            f"a '{kind}' note needs at least one source",
            "add at least one '- title: ...' under 'sources:'",
            "missing-source",
        )

    if any(p.is_error for p in problems):
        return None, problems
    annotation = Annotation(
        id=note_id,
        article=article,
        path=path,
        quote=values["quote"],
        kind=kind,
        title=" ".join(values["title"].split()),
        body=values["body"].strip("\n"),
        prefix=values.get("prefix", "") or "",
        suffix=values.get("suffix", "") or "",
        sources=sources,
        author=(values.get("author") or "").strip(),
        created=values.get("created", ""),
        paragraph=values.get("paragraph"),
        positions=positions,
    )
    return annotation, problems


_PLACEHOLDER_HINTS = {
    "title": "write one line saying what the reader should know",
    "body": "write the note: neutral, a few sentences, facts a reader can check in the sources",
    "author": "write your name or handle, or delete the line",
    "quote": "copy the passage exactly as it appears in the article",
}


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_REQUIRED_HINTS = {
    "quote": 'copy the passage exactly as it appears in the article: quote: "..."',
    "kind": "add 'kind: context', 'kind: counterpoint' or 'kind: source'",
    "title": "add a one-line 'title: ...'",
    "body": "add the note's text as Markdown, e.g. 'body: |' followed by indented lines",
}


_SOURCE_PLACEHOLDER_HINTS = {
    "title": "copy the document's own title",
    "url": "paste the link you read the source at; delete the line if it is not online "
    "(never guess a URL)",
    "archive_url": "paste an archived copy's link (e.g. from the Wayback Machine), or delete the line",
    "publisher": "name who published it, or delete the line",
    "date": "write its date as YYYY-MM-DD (or YYYY-MM, YYYY), or delete the line",
}


def _sources(node: Node, err) -> list[Source]:
    if node.kind != "seq":
        err(
            node.line,
            node.column,
            f"'sources' must be a list, got {_type_name(node)}",
            "write each source on its own line starting with '- title: ...'",
            "wrong-type",
        )
        return []
    out: list[Source] = []
    for index, item in enumerate(node.elements, 1):
        if item.kind != "map":
            err(
                item.line,
                item.column,
                f"source {index} must be a mapping with a title, got {_type_name(item)}",
                "write '- title: ...' then 'url:', 'publisher:', 'date:' indented below it",
                "wrong-type",
            )
            continue
        fields: dict[str, str] = {}
        ok = True
        for name, (key, value) in item.items.items():
            if name not in SOURCE_FIELDS:
                err(
                    key.line,
                    key.column,
                    f"unknown source field '{name}'{did_you_mean(name, SOURCE_FIELDS)}",
                    "source fields: " + ", ".join(SOURCE_FIELDS),
                    "unknown-field",
                )
                ok = False
                continue
            if _is_placeholder(value):
                err(
                    value.line,
                    value.column,
                    f"source {index} '{name}' still holds the placeholder: {_excerpt(value.value)}",
                    _SOURCE_PLACEHOLDER_HINTS[name],
                    "placeholder",
                )
                ok = False
                continue
            if name == "date":
                date = _date(value)
                if date is None:
                    err(
                        value.line,
                        value.column,
                        f"source date must be a date, got {_type_name(value)}",
                        "write YYYY-MM-DD, or YYYY-MM / YYYY when that is all that is known",
                        "bad-date",
                    )
                    ok = False
                else:
                    fields[name] = date
                continue
            text = _text(value)
            if text is None:
                err(
                    value.line,
                    value.column,
                    f"source '{name}' must be text, got {_type_name(value)}",
                    code="wrong-type",
                )
                ok = False
                continue
            text = text.strip()
            if name in ("url", "archive_url") and not URL_RE.match(text):
                err(
                    value.line,
                    value.column,
                    f"source {name} {text!r} is not an http(s) URL",
                    "links must start with https:// or http://",
                    "bad-url",
                )
                ok = False
                continue
            fields[name] = text
        if "title" not in item.items or (ok and not fields.get("title")):
            if "title" in item.items:
                line, col = item.items["title"][1].line, item.items["title"][1].column
            else:
                line, col = item.line, item.column
            err(
                line,
                col,
                f"source {index} has no title",
                "every source needs 'title:' (the document's title); "
                "url, publisher and date are optional",
                "source-title",
            )
            ok = False
        if ok:
            out.append(Source(**fields))
    return out


def load_annotation(
    path: Path, root: Path | None = None
) -> tuple[Annotation | None, list[Problem]]:
    """Read ``annotations/<article>/<id>.yml`` from disk."""
    display = path.as_posix()
    if root is not None:
        try:
            display = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(display, 0, 0, "error", f"cannot read file: {exc.strerror}", code="io")
        ]
    return parse_annotation(data, display, path.parent.name, path.stem)
