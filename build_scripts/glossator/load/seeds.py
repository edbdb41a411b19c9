"""Articles: a seed file plus an optional metadata sidecar (``<name>.yml``).

A plain text (``.txt``) is a title line, then paragraphs separated by blank lines; its
``Article.body`` is the paragraphs as in the file joined by exactly one blank line, so that a
tool can reproduce offsets from the file. A Markdown article (``.md``, first line ``# Title``)
or a CMS export (``.html``, its first ``h1`` the title) keeps its structure: ``structured``
renders and sanitises it, and its body is the text a reader sees on the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from glossator.fields import MAX_TAG, SIDECAR_FIELDS, SIDECAR_TABLE, SLUG_RE, URL_RE
from glossator.load.structured import cut, render_markdown_article, sanitise_article
from glossator.load.values import read_value, unknown_field
from glossator.load.yamlsource import Node, YamlError, read_yaml, scalar_date, scalar_text
from glossator.model import (
    PARAGRAPH_SEPARATOR,
    Article,
    Paragraph,
    Problem,
    format_partial_date,
    topic_slug,
)
from glossator.problems import FileProblems, display_path

__all__ = [
    "PARAGRAPH_SEPARATOR",
    "SEED_SUFFIXES",
    "Article",
    "Paragraph",
    "format_partial_date",
    "load_article",
    "seed_files",
]

SEED_SUFFIXES = (".txt", ".md", ".html")
"""What an article can be written in: plain text, Markdown, or HTML exported from a CMS."""


def seed_files(folder: Path) -> list[Path]:
    """Every article file of a seeds folder, in name order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SEED_SUFFIXES and p.is_file())


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


def parse_structured(text: str, slug: str, path: str = "", markdown: bool = True) -> Article:
    """A Markdown article (``# Title`` line, then the body) or a CMS export, as runs and blocks.

    Raises ``ValueError`` with the reason when the file cannot be an article.
    """
    text = text.removeprefix("\ufeff")
    title = ""
    if markdown:
        first, _, rest = text.lstrip("\r\n").partition("\n")
        m = re.match(r"^#(?!#)\s*(.*?)\s*#*\s*$", first)
        if not m or not m.group(1):
            raise ValueError("a Markdown article starts with its title: '# Title'")
        title, text = m.group(1), rest
    try:
        source = render_markdown_article(text) if markdown else text
        found_title, runs, blocks = cut(sanitise_article(source), take_title=not markdown)
    except RecursionError:
        raise ValueError("lists or quotes are nested too deeply to render") from None
    return Article(
        slug=slug, title=title or found_title, paragraphs=blocks, path=path, runs=tuple(runs)
    )


def read_sidecar(path: Path, display: str) -> tuple[dict[str, object], list[Problem]]:
    """Metadata from ``<name>.yml`` beside the seed; every problem is reported, none fatal."""
    found = FileProblems(display)
    meta: dict[str, object] = {}
    try:
        root = read_yaml(path.read_bytes())
    except YamlError as exc:
        found.error(exc.line, exc.column, exc.message, exc.hint, "yaml")
        return meta, list(found)
    if root is None:
        return meta, []
    if root.kind != "map":
        found.error(
            root.line,
            root.column,
            "article metadata must be a mapping of fields",
            "fields: " + ", ".join(SIDECAR_FIELDS),
            "not-mapping",
        )
        return meta, list(found)
    for name, (key, value) in root.items.items():
        text = _read_field(name, key, value, found)
        if text is not None:
            meta[name] = text
    _check_links(root, meta, found)
    return meta, list(found)


def _read_field(name: str, key: Node, value: Node, found: FileProblems) -> object | None:
    spec = SIDECAR_TABLE.get(name)
    if spec is None:
        unknown_field(found, key, name, SIDECAR_FIELDS)
        return None
    if spec.type == "tags":
        return _read_tags(value, spec.type_hint, found) or None
    if spec.type == "lang":
        return read_value(spec, value, found)
    if spec.type == "date":
        date = scalar_date(value)
        if date is None:
            found.error(
                value.line,
                value.column,
                f"'{name}' must be a date, got {value.value!r}",
                spec.type_hint,
                "bad-date",
            )
        return date
    text = scalar_text(value)
    if text is None:
        found.error(value.line, value.column, f"'{name}' must be text", code="wrong-type")
        return None
    return text.strip()


def _read_tags(node: Node, hint: str, found: FileProblems) -> tuple[str, ...]:
    """Topics: short texts, each naming a topic page (``topics/<slug>/``), none twice."""
    if node.kind != "seq":
        found.error(node.line, node.column, "'tags' must be a list", hint, "wrong-type")
        return ()
    tags: list[str] = []
    seen: set[str] = set()
    for item in node.elements:
        text = scalar_text(item) if item.kind == "scalar" else None
        text = text.strip() if text else ""
        if not text or not topic_slug(text):
            found.error(
                item.line, item.column, "a tag must be a word or a short phrase", hint, "bad-tag"
            )
        elif len(text) > MAX_TAG:
            found.error(
                item.line,
                item.column,
                f"tag is {len(text)} characters long (at most {MAX_TAG})",
                "name the topic in a few words",
                "bad-tag",
            )
        elif topic_slug(text) in seen:
            found.error(
                item.line,
                item.column,
                f"tag {text!r} is listed twice",
                "remove the repeated tag (tags differing only in case or punctuation are one topic)",
                "duplicate-tag",
            )
        else:
            seen.add(topic_slug(text))
            tags.append(text)
    return tuple(tags)


def _check_links(root: Node, meta: dict[str, str], found: FileProblems) -> None:
    """The slug and url end up in links: a value that would break one is dropped, and said."""
    if "slug" in meta and not SLUG_RE.match(meta["slug"]):
        node = root.items["slug"][1]
        found.error(
            node.line,
            node.column,
            f"slug {meta['slug']!r} is not allowed",
            SIDECAR_TABLE["slug"].type_hint,
            "bad-slug",
        )
        del meta["slug"]
    if "url" in meta and not URL_RE.match(meta["url"]):
        node = root.items["url"][1]
        found.error(
            node.line, node.column, "'url' must start with http:// or https://", code="bad-url"
        )
        del meta["url"]


def load_article(path: Path, root: Path | None = None) -> tuple[Article | None, list[Problem]]:
    """Read ``seeds/<name>.txt`` and its sidecar; the text itself is never changed."""
    display = display_path(path, root)
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
                "not-utf8",
            )
        ]
    sidecar = path.with_suffix(".yml")
    meta: dict[str, object] = {}
    problems: list[Problem] = []
    if sidecar.exists():
        meta, problems = read_sidecar(sidecar, display_path(sidecar, root))
    slug = meta.pop("slug", None) or slug_from_filename(path.stem)
    if path.suffix in (".md", ".html"):
        try:
            article = parse_structured(text, slug, display, markdown=path.suffix == ".md")
        except ValueError as exc:
            hint = "put the title on the first line: # The article's title"
            if path.suffix == ".html":
                hint = "export the article's body HTML"
            return None, [*problems, Problem(display, 1, 1, "error", str(exc), hint, "bad-article")]
    else:
        article = parse_article(text, slug, display)
    if not article.title and not article.paragraphs:
        problems.append(
            Problem(
                display,
                1,
                1,
                "error",
                "article is empty",
                "the first non-blank line is the title, then paragraphs"
                if path.suffix == ".txt"
                else "write the article's title and its text",
                "empty-article",
            )
        )
        return None, problems
    if not article.paragraphs:
        problems.append(
            Problem(display, 1, 1, "warning", "article has a title but no body", code="no-body")
        )
    for name, value in meta.items():
        setattr(article, name, value)
    return article, problems
