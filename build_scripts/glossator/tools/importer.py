"""``glossator import``: other tools' annotations in, one reviewed note file each out.

Every annotation in the input ends as a note file or as a reported problem, never neither:
an input of N annotations gives N outcomes, in order. A note is written only where its quote
lands on one passage of the article without guessing (exactly, or told apart by its
prefix/suffix); a quote the article does not hold, one that occurs several times with
context from around the article (a page's menus, a site's footer) rather than from it, or
one that only looks like a passage, is reported with the places it could be, for a person
to decide. The mapping of a single annotation lives in ``reuse/w3c.py`` and ``tools/hypothesis_api.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from glossator.anchoring import NormalisedText, locate, unique_context
from glossator.fields import FIELDS as FIELD_ORDER
from glossator.fields import ID_RE, RESERVED_ID_RE
from glossator.fields import SOURCE_FIELDS as SOURCE_ORDER
from glossator.model import NEEDS_SOURCE, Article, Selector
from glossator.reuse.w3c import W3CImportError, annotation_items, w3c_to_fields
from glossator.text import excerpt
from glossator.tools.hypothesis_api import is_hypothesis_export, row_to_w3c, shortfall
from glossator.tools.new import make_id, yaml_string

MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((https?://[^\s)]+)\)")
BARE_URL = re.compile(r"(?<![(<\[])\bhttps?://[^\s)>\]]+")


@dataclass
class Outcome:
    """What became of the input's ``index``-th annotation (1-based)."""

    index: int
    origin: str
    fields: dict | None = None
    note_id: str = ""
    error: str = ""  # set when no note is written
    warnings: list[str] = field(default_factory=list)
    present: str = ""  # the id of the note already holding it: skipped, not an error

    @property
    def label(self) -> str:
        return f"annotation {self.index}" + (f" ({self.origin})" if self.origin else "")


@dataclass(frozen=True)
class Present:
    """A note already in the article's folder, as a re-import recognises it."""

    note_id: str
    quote: str = ""  # the passage it is anchored on, as the article has it
    kind: str = ""
    origin: str = ""  # the annotation it was imported from ("# imported from …")


IMPORTED_FROM = "# imported from "
"""The comment ``note_yaml`` writes: how a re-import knows a note it made."""


def imported_origin(text: str) -> str:
    """The annotation a note file was imported from, or ""."""
    for line in text.splitlines()[:3]:
        if line.startswith(IMPORTED_FROM):
            return line[len(IMPORTED_FROM) :].strip()
    return ""


def _already(origin: str, fields: dict | None, present: list[Present]) -> str:
    """The id of the note that already holds this annotation, or ""."""
    fragment = origin.rpartition("#")[2] if "#" in origin else ""
    for note in present:
        if origin and (note.origin == origin or note.note_id == fragment):
            return note.note_id
        if fields and (note.quote, note.kind) == (fields["quote"], fields.get("kind")):
            return note.note_id
    return ""


def read_document(document: object) -> tuple[list[object], list[str]]:
    """The annotations any supported shape holds, and warnings about the file as a whole.

    Shapes: a Hypothesis API export (``{"total", "rows"}``), a W3C Annotation, AnnotationPage
    or AnnotationCollection, or a JSON list of annotations (W3C or Hypothesis rows).
    """
    if is_hypothesis_export(document):
        warning = shortfall(document)
        return [row_to_w3c(r) for r in document["rows"]], [warning] if warning else []
    items = annotation_items(document)
    return [row_to_w3c(i) if _looks_like_row(i) else i for i in items], []


def _looks_like_row(item: object) -> bool:
    return isinstance(item, dict) and "type" not in item and ("text" in item or "uri" in item)


def _sources_from_text(text: str) -> list[dict[str, str]]:
    """Links written in a note's text, as sources (what another tool has instead of ours)."""
    found: dict[str, str] = {}
    for title, url in MARKDOWN_LINK.findall(text):
        found.setdefault(url, title.strip())
    for url in BARE_URL.findall(text):
        found.setdefault(url.rstrip(".,;:"), url.rstrip(".,;:"))
    return [{"title": title, "url": url} for url, title in found.items()]


def place(fields: dict, article: Article, nt: NormalisedText) -> tuple[dict | None, str]:
    """Fields anchored on the article (quote as the article has it, the least context that
    singles it out, the paragraph), or None and why not. Never a guess: approximate matches,
    and repeated quotes whose context does not single one out, are refused."""
    body = article.body
    selector = Selector(fields["quote"], fields.get("prefix", ""), fields.get("suffix", ""))
    match = locate(body, selector, nt)
    shown = excerpt(fields["quote"], 60)

    def paragraphs(starts: list[int]) -> str:
        return ", ".join(str(article.paragraph_at(s).number) for s in starts)

    if match.status in ("exact", "forgiven") and match.evidence != "paragraph":
        if match.context_changed:
            places = _all_places(body, fields["quote"], nt)
            if len(places) > 1:
                return None, (
                    f'quote "{shown}" occurs {len(places)} times in the article (paragraphs '
                    f"{paragraphs(places)}) and its prefix/suffix are not from any of them: "
                    "add the note by hand with 'glossator new --paragraph N'"
                )
        start, end = match.start, match.end
        prefix, suffix = unique_context(body, start, end, normalised=nt)
        placed = {
            **fields,
            "quote": body[start:end],
            "prefix": prefix,
            "suffix": suffix,
            "paragraph": article.paragraph_at(start).number,
        }
        return {k: v for k, v in placed.items() if v not in ("", None)}, ""
    if match.status == "ambiguous" or match.evidence == "paragraph":
        places = _all_places(body, fields["quote"], nt)
        return None, (
            f'quote "{shown}" occurs {len(places)} times in the article (paragraphs '
            f"{paragraphs(places)}) and its prefix/suffix do not say which: add the note by "
            "hand with 'glossator new --paragraph N'"
        )
    if match.status == "reanchored":
        return None, (
            f'quote "{shown}" is not in the article; the closest passage, paragraph '
            f'{article.paragraph_at(match.start).number}, reads "{excerpt(body[match.start : match.end], 60)}": '
            "if it is the same passage, add the note by hand with its text"
        )
    return None, f'quote "{shown}" is not in the article (it may be from another part of the page)'


def _all_places(body: str, quote: str, nt: NormalisedText) -> list[int]:
    m = locate(body, Selector(quote), nt)
    if m.candidates:
        return [c.start for c in m.candidates]
    return [m.start] if m.found else []


def _note_id(origin: str, fields: dict, taken: set[str]) -> str:
    """The id an annotation of ours already had (``…#<id>``), else one made from its title."""
    _, sep, fragment = origin.rpartition("#")
    ours = sep and ID_RE.match(fragment) and not RESERVED_ID_RE.match(fragment)
    if ours and fragment not in taken:
        return fragment
    return make_id(fields.get("title") or fields["quote"], taken)


def plan_import(
    document: object,
    article: Article,
    taken: set[str],
    language: str = "",
    present: list[Present] = (),
) -> tuple[list[Outcome], list[str]]:
    """One outcome per annotation in ``document`` (in order), and file-wide warnings;
    ``language`` is the site's (a note in its article's language needs no ``lang:``).

    An annotation the article's folder already holds (its id names a note of ours, a note was
    imported from it, or a note has its quote and kind) is skipped, so importing the same
    export twice changes nothing and leaves the project valid.
    """
    items, notices = read_document(document)
    nt = NormalisedText(article.body)
    taken = set(taken)
    present = list(present)
    outcomes = []
    for index, item in enumerate(items, 1):
        origin = str(item.get("id") or "") if isinstance(item, dict) else ""
        outcome = Outcome(index, origin)
        outcomes.append(outcome)
        outcome.present = _already(origin, None, present)
        if outcome.present:
            continue
        if isinstance(item, dict) and item.get("glossator:reply"):
            outcome.error = "a reply to another annotation, not a note on a passage"
            continue
        try:
            fields = w3c_to_fields(item)
        except W3CImportError as exc:
            reason = str(exc)
            if "no TextQuoteSelector" in reason:
                reason = "no TextQuoteSelector: a page note, or a passage given another way"
            outcome.error = reason
            continue
        if fields["body"].startswith("TODO"):
            outcome.error = f'a highlight with no text on "{excerpt(fields["quote"], 60)}"'
            continue
        placed, why = place(fields, article, nt)
        if placed is None:
            outcome.error = why
            continue
        tags = placed.pop("tags", [])
        if placed.get("lang", "").lower() == (article.lang or language or "en").lower():
            del placed["lang"]
        if "kind" not in placed:
            placed["kind"] = "context"
            outcome.warnings.append(
                "no kind given (tag it context, counterpoint or source); imported as 'context'"
            )
        if tags:
            outcome.warnings.append(
                "tags not kept (notes have a kind, not tags): " + ", ".join(map(str, tags))
            )
        outcome.present = _already("", placed, present)
        if outcome.present:
            continue
        if placed["kind"] in NEEDS_SOURCE and not placed.get("sources"):
            placed["sources"] = _sources_from_text(placed["body"])
        outcome.note_id = _note_id(origin, placed, taken)
        taken.add(outcome.note_id)
        outcome.fields = placed
        present.append(Present(outcome.note_id, placed["quote"], placed["kind"], origin))
    return outcomes, notices


def _block(value: str) -> list[str] | None:
    """A literal block scalar that reads back as exactly ``value``, or None if none can."""
    if any(ch in value for ch in "\r\t\u0085\u2028\u2029\ufeff") or not value.strip():
        return None
    if any(not ch.isprintable() for ch in value if ch != "\n"):
        return None
    if value.endswith("\n\n") or value.startswith("\n"):
        return None
    chomp = "" if value.endswith("\n") else "-"
    lines = value.removesuffix("\n").split("\n")
    return [f"body: |2{chomp}", *[f"  {line}" if line else "" for line in lines]]


def note_yaml(fields: dict, schema: str = "", origin: str = "") -> str:
    """One note's YAML text; the body as a literal block so it reads as it will render."""
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    if origin:
        lines.append(IMPORTED_FROM + " ".join(origin.split()))
    for name in FIELD_ORDER:
        value = fields.get(name)
        if value in (None, "", []):
            continue
        if name == "body":
            lines += _block(str(value)) or [f"body: {yaml_string(str(value))}"]
        elif name == "paragraph":
            lines.append(f"paragraph: {int(value)}")
        elif name == "sources":
            lines.append("sources:")
            for source in value:
                first = True
                for key in SOURCE_ORDER:
                    if source.get(key):
                        lead = "  - " if first else "    "
                        lines.append(f"{lead}{key}: {yaml_string(str(source[key]))}")
                        first = False
        else:
            lines.append(f"{name}: {yaml_string(str(value))}")
    return "\n".join(lines) + "\n"


def write_imported(folder: Path, outcomes: list[Outcome], schema: str = "") -> list[Path]:
    """Write each placed note to a new file (never overwriting); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for outcome in outcomes:
        if outcome.fields is None:
            continue
        path = folder / f"{outcome.note_id}.yml"
        with path.open("x", encoding="utf-8") as fh:
            fh.write(note_yaml(outcome.fields, schema, outcome.origin))
        written.append(path)
    return written
