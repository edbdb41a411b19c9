"""Annotation files: one note per YAML file, read and validated with every problem located.

Validation is written out by hand rather than delegated to a schema library because the
errors are the product: each names the file, the line and column of the offending key or
value, what is wrong and how to fix it. The fields and their hints come from ``fields.py``;
the JSON Schema shipped for editors is checked against both by the test suite, so the three
cannot drift apart. ``parse_annotation`` reads in steps, each a small function below: the
file name, the YAML, each field by its type, then the rules that span fields.
"""

from __future__ import annotations

from pathlib import Path

from glossator.fields import (
    FIELDS,
    ID_RE,
    MAX_TITLE,
    NOTE_TABLE,
    RAW_HTML_RE,
    REQUIRED,
    RESERVED_ID_RE,
    SOURCE_FIELDS,
    is_placeholder,
    reserved_id,
)
from glossator.load.links import position_in, unpublishable_links
from glossator.load.values import read_value, unknown_field
from glossator.load.yamlsource import Node, YamlError, describe, read_yaml
from glossator.model import KIND_LABELS, KINDS, NEEDS_SOURCE, Annotation, Problem, Source
from glossator.problems import FileProblems, display_path
from glossator.suggest import closest, did_you_mean
from glossator.text import excerpt

__all__ = [
    "FIELDS",
    "ID_RE",
    "KINDS",
    "KIND_LABELS",
    "RESERVED_ID_RE",
    "SOURCE_FIELDS",
    "Annotation",
    "Source",
    "load_annotation",
    "parse_annotation",
]

Values = dict[str, object]
Positions = dict[str, tuple[int, int]]


def parse_annotation(
    data: bytes, path: str, article: str, note_id: str
) -> tuple[Annotation | None, list[Problem]]:
    """Validate one annotation file's bytes. Pure: the caller did the I/O."""
    found = FileProblems(path)
    _check_id(note_id, article, found)
    root = _read_root(data, found)
    if root is None:
        return None, list(found)
    values, positions = _read_fields(root, found)
    _check_required(root, found)
    kind = _check_kind(values, positions, found)
    _check_text(values, positions, found)
    _check_links(data, values, positions, found)
    _check_sources_given(root, kind, values, positions, found)
    if found.has_errors:
        return None, list(found)
    return _annotation(values, positions, kind, path, article, note_id), list(found)


def load_annotation(
    path: Path, root: Path | None = None
) -> tuple[Annotation | None, list[Problem]]:
    """Read ``annotations/<article>/<id>.yml`` from disk."""
    display = display_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(display, 0, 0, "error", f"cannot read file: {exc.strerror}", code="io")
        ]
    return parse_annotation(data, display, path.parent.name, path.stem)


# --- the file --------------------------------------------------------------------------------


def _check_id(note_id: str, slug: str, found: FileProblems) -> None:
    if not ID_RE.match(note_id):
        found.error(
            0,
            0,
            f"file name '{note_id}.yml' is not a valid note id",
            "name the file with lower-case letters, digits and '-' (e.g. 'wmd-claim.yml')",
            "bad-id",
        )
    elif reserved_id(note_id, slug):
        found.error(
            0,
            0,
            f"note id '{note_id}' is reserved for {reserved_id(note_id, slug)}",
            "choose a descriptive name, e.g. 'wmd-claim.yml'",
            "reserved-id",
        )


def _read_root(data: bytes, found: FileProblems) -> Node | None:
    """The file's mapping of fields, or None (and the problem) when it is not one."""
    try:
        root = read_yaml(data)
    except YamlError as exc:
        found.error(exc.line, exc.column, exc.message, exc.hint, "yaml")
        return None
    if root is None:
        found.error(
            1, 1, "file is empty", "a note needs at least: " + ", ".join(REQUIRED), "empty-file"
        )
        return None
    if root.kind != "map":
        found.error(
            root.line,
            root.column,
            f"a note must be a mapping of fields, not {describe(root)}",
            "write " + ", ".join(f"'{name}: ...'" for name in REQUIRED) + " on their own lines",
            "not-mapping",
        )
        return None
    return root


# --- each field (its value read by its type in load/values.py) -------------------------------


def _read_fields(root: Node, found: FileProblems) -> tuple[Values, Positions]:
    """The valid fields' values, and where every field's value starts."""
    values: Values = {}
    positions: Positions = {}
    for name, (key, value) in root.items.items():
        positions[name] = (value.line, value.column)
        spec = NOTE_TABLE.get(name)
        if spec is None:
            unknown_field(found, key, name, FIELDS)
            continue
        if is_placeholder(value.value):
            found.error(
                value.line,
                value.column,
                f"'{name}' still holds the placeholder: {excerpt(value.value, 60)}",
                spec.placeholder_hint,
                "placeholder",
            )
            continue
        result = read_value(spec, value, found)
        if result is not None:
            values[name] = result
    return values, positions


# --- rules that span fields ------------------------------------------------------------------


def _check_required(root: Node, found: FileProblems) -> None:
    # 'titel' already produced "unknown field 'titel' (did you mean 'title'?)": enough said
    misspelt = {closest(name, FIELDS) for name in root.items if name not in NOTE_TABLE}
    for name in REQUIRED:
        if name not in root.items and name not in misspelt:
            found.error(
                root.line,
                root.column,
                f"missing required field '{name}'",
                NOTE_TABLE[name].hint,
                "missing-field",
            )


def _check_kind(values: Values, positions: Positions, found: FileProblems) -> str | None:
    kind = values.get("kind")
    if not isinstance(kind, str):
        return None
    kind = kind.strip()
    if kind not in KINDS:
        found.error(
            *positions["kind"],
            f"unknown kind '{kind}'{did_you_mean(kind, KINDS)}",
            "kind is one of: " + ", ".join(KINDS),
            "unknown-kind",
        )
        return None
    return kind


def _check_text(values: Values, positions: Positions, found: FileProblems) -> None:
    for name in REQUIRED:
        value = values.get(name)
        if NOTE_TABLE[name].type == "text" and isinstance(value, str) and not value.strip():
            found.error(
                *positions[name], f"'{name}' is empty", NOTE_TABLE[name].hint, "empty-field"
            )
    title = values.get("title")
    if isinstance(title, str) and title.strip():
        if "\n" in title.strip():
            found.error(
                *positions["title"],
                "'title' must be one line",
                "move the detail into 'body'",
                "multiline-title",
            )
        elif len(title.strip()) > MAX_TITLE:
            found.error(
                *positions["title"],
                f"'title' is {len(title.strip())} characters; the limit is {MAX_TITLE}",
                "keep the title short and move the detail into 'body'",
                "long-title",
            )
    body = values.get("body")
    html = RAW_HTML_RE.search(body) if isinstance(body, str) else None
    if html:
        found.warning(
            *positions["body"],
            f"raw HTML in 'body' ({html.group(0)[:40]}) is not allowed and will be shown as text",
            "write Markdown instead: **bold**, *italic*, [text](https://...)",
            "raw-html",
        )


def _check_links(data: bytes, values: Values, positions: Positions, found: FileProblems) -> None:
    body = values.get("body")
    if not isinstance(body, str):
        return
    text = data.decode("utf-8", "replace")
    for target in unpublishable_links(body):
        found.warning(
            *position_in(text, target, positions["body"]),
            f"the link '{excerpt(target, 60)}' in 'body' cannot be published "
            "(only https:// and http:// links, or #p3 for a paragraph): it would show as text",
            "link to the full address, e.g. [minutes](https://example.org/minutes.pdf), or "
            "drop the brackets",
            "unpublishable-link",
        )


def _check_sources_given(
    root: Node, kind: str | None, values: Values, positions: Positions, found: FileProblems
) -> None:
    """Counterpoint and source notes are only as good as the record behind them."""
    if kind not in NEEDS_SOURCE:
        return
    if "sources" not in values:
        found.error(
            root.line,
            root.column,
            f"a '{kind}' note needs at least one source",
            "add 'sources:' with at least one '- title: ...' (and url, publisher, date)",
            "missing-source",
        )
        return
    given = root.items["sources"][1]
    if given.kind == "seq" and not given.elements:
        found.error(
            *positions["sources"],
            f"a '{kind}' note needs at least one source",
            "add at least one '- title: ...' under 'sources:'",
            "missing-source",
        )


def _annotation(
    values: Values, positions: Positions, kind: str, path: str, article: str, note_id: str
) -> Annotation:
    return Annotation(
        id=note_id,
        article=article,
        path=path,
        quote=values["quote"],
        kind=kind,
        title=" ".join(values["title"].split()),
        body=values["body"].strip("\n"),
        prefix=values.get("prefix", "") or "",
        suffix=values.get("suffix", "") or "",
        sources=values.get("sources") or [],
        author=(values.get("author") or "").strip(),
        created=values.get("created", ""),
        paragraph=values.get("paragraph"),
        lang=values.get("lang") or "",
        positions=positions,
    )
