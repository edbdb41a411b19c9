"""Articles: a seed text file (kept byte-for-byte) plus an optional metadata sidecar.

The body is the text after the title line, as paragraphs separated by blank lines. Offsets
everywhere in Glossator are Python string offsets into ``Article.body``: the paragraphs as in
the file, joined by exactly one blank line, so that a tool can reproduce them from the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .model import PARAGRAPH_SEPARATOR, Article, Paragraph, Problem, format_partial_date
from .suggest import did_you_mean
from .yamlsource import Node, YamlError, read_yaml

__all__ = ["PARAGRAPH_SEPARATOR", "Article", "Paragraph", "format_partial_date", "load_article"]

SIDECAR_FIELDS = ("slug", "title", "author", "publication", "published", "url", "summary")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def slug_from_filename(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "article"


def parse_article(text: str, slug: str, path: str = "") -> Article:
    """Split a seed text into title and paragraphs. Pure: no I/O, no metadata."""
    text = text.removeprefix("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)  # only real line breaks: U+2028 etc. stay text
    title = ""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    offset = 0

    def flush() -> None:
        nonlocal offset
        if current:
            para_text = "\n".join(current)
            if paragraphs:
                offset += len(PARAGRAPH_SEPARATOR)
            paragraphs.append(Paragraph(len(paragraphs) + 1, offset, para_text))
            offset += len(para_text)
            current.clear()

    for line in lines:
        if not line.strip():
            flush()
        elif not title:
            title = line.strip()
        else:
            current.append(line)
    flush()
    return Article(slug=slug, title=title, paragraphs=paragraphs, path=path)


def _date_text(node: Node) -> str | None:
    value = node.value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        return value.strip()
    return None


def read_sidecar(path: Path, display: str) -> tuple[dict[str, str], list[Problem]]:
    """Metadata from ``<name>.yml`` beside the seed; every problem is reported, none fatal."""
    problems: list[Problem] = []
    meta: dict[str, str] = {}
    try:
        root = read_yaml(path.read_bytes())
    except YamlError as exc:
        return meta, [Problem(display, exc.line, exc.column, "error", exc.message, exc.hint)]
    if root is None:
        return meta, problems
    if root.kind != "map":
        return meta, [
            Problem(
                display,
                root.line,
                root.column,
                "error",
                "article metadata must be a mapping of fields",
                "fields: " + ", ".join(SIDECAR_FIELDS),
            )
        ]
    for name, (key, value) in root.items.items():
        if name not in SIDECAR_FIELDS:
            problems.append(
                Problem(
                    display,
                    key.line,
                    key.column,
                    "error",
                    f"unknown field '{name}'{did_you_mean(name, SIDECAR_FIELDS)}",
                    "fields: " + ", ".join(SIDECAR_FIELDS),
                )
            )
            continue
        if name == "published":
            text = _date_text(value)
            if text is None:
                problems.append(
                    Problem(
                        display,
                        value.line,
                        value.column,
                        "error",
                        f"'published' must be a date, got {value.value!r}",
                        "write YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known",
                    )
                )
                continue
            meta[name] = text
            continue
        if value.kind != "scalar" or value.value is None or isinstance(value.value, bool):
            problems.append(
                Problem(display, value.line, value.column, "error", f"'{name}' must be text")
            )
            continue
        meta[name] = str(value.value).strip()
    if "slug" in meta and not SLUG_RE.match(meta["slug"]):
        key = root.items["slug"][1]
        problems.append(
            Problem(
                display,
                key.line,
                key.column,
                "error",
                f"slug {meta['slug']!r} is not allowed",
                "use lower-case letters, digits and '-', starting with a letter or digit",
            )
        )
        del meta["slug"]
    if "url" in meta and not re.match(r"^https?://", meta["url"]):
        key = root.items["url"][1]
        problems.append(
            Problem(
                display, key.line, key.column, "error", "'url' must start with http:// or https://"
            )
        )
        del meta["url"]
    return meta, problems


def load_article(path: Path, root: Path | None = None) -> tuple[Article | None, list[Problem]]:
    """Read ``seeds/<name>.txt`` and its sidecar; the text itself is never changed."""
    display = _display(path, root)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            Problem(
                display,
                0,
                0,
                "error",
                f"article is not valid UTF-8 (byte offset {exc.start})",
                "save the file as UTF-8",
            )
        ]
    sidecar = path.with_suffix(".yml")
    meta: dict[str, str] = {}
    problems: list[Problem] = []
    if sidecar.exists():
        meta, problems = read_sidecar(sidecar, _display(sidecar, root))
    slug = meta.pop("slug", None) or slug_from_filename(path.stem)
    article = parse_article(text, slug, display)
    if not article.title and not article.paragraphs:
        problems.append(
            Problem(
                display,
                1,
                1,
                "error",
                "article is empty",
                "the first non-blank line is the title, then paragraphs",
            )
        )
        return None, problems
    if not article.paragraphs:
        problems.append(Problem(display, 1, 1, "warning", "article has a title but no body"))
    for name, value in meta.items():
        setattr(article, name, value)
    return article, problems


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
