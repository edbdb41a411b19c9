"""What the page's "Propose a note" needs from Python, as one JSON document (``propose.json``).

propose.js runs in the reader's browser and drafts the file ``glossator new`` would write for
the selected passage. A hand-written copy of the rules in the script drifted from these, so the
build hands the script the rules themselves: the forgiving normalisation (character map and
white space), the stop words and limits of note ids, how many words of context to try, and the
note template. The template is not written here either: it is ``draft_note``'s own output for a
sentinel passage with placeholders put back where the passage's values were, checked by filling
it in again; whatever ``new`` writes next is what the page proposes, or the build says why not.

Only the search for a passage's unique context must still run in the page (it needs the page's
text): propose.js ports ``anchoring.unique_context``, and the browser tests prove the two agree.
"""

from __future__ import annotations

import functools
import inspect
import re

from glossator import anchoring
from glossator.load.structured import BLOCKS
from glossator.model import PARAGRAPH_SEPARATOR, Article, Paragraph
from glossator.text import YAML_ESCAPED, yaml_string
from glossator.tools import new as new_note

FORMAT = 1
"""Bumped when a key changes meaning: propose.js refuses a document it does not understand."""
TOKENS = ("slug", "paragraph", "quote", "prefix", "suffix", "created")
OPTIONAL = ("prefix", "suffix")
"""A template line holding one of these is left out when the value is empty."""
KIND = "context"
"""The page proposes a context note (the one kind that needs no source); the contributor may
change it in the file."""

_TOKEN = re.compile(r"\{(" + "|".join(TOKENS) + r")\}")
_SLUG = "glossatorsentinelslug"
_QUOTE = "glossatorsentinelquote"
_BEFORE, _AFTER = "glossatorsentinelbefore", "glossatorsentinelafter"
_NUMBER = 9876501  # a paragraph number no template text contains


@functools.cache
def white_space() -> str:
    """Every character the normalisation folds into one space, from anchoring's own pattern.

    Only the Basic Multilingual Plane is scanned: Unicode has no white space beyond it (a
    whole scan costs a second per build). Python's ``str.split()``/``isspace()``, which
    ``unique_context`` uses to count words, agree with the pattern; tests/tools/test_propose_rules.py
    checks both.
    """
    plane = "".join(map(chr, range(0x10000)))
    return "".join(anchoring.SPACE_RUN.findall(plane))


def fill(template: list[str], values: dict[str, str]) -> str:
    """The note text from the template and already formatted values (what propose.js does)."""
    lines = [
        line
        for line in template
        if not any("{" + name + "}" in line and not values.get(name) for name in OPTIONAL)
    ]
    return _TOKEN.sub(lambda m: values.get(m.group(1), m.group()), "\n".join(lines) + "\n")


def values(slug: str, paragraph: int, quote: str, prefix: str, suffix: str, created: str):
    """The template's values as the note file spells them."""

    def yaml(value: str) -> str:
        return yaml_string(value) if value else ""

    return {
        "slug": slug,
        "paragraph": str(paragraph),
        "quote": yaml(quote),
        "prefix": yaml(prefix),
        "suffix": yaml(suffix),
        "created": created,
    }


def _article(texts: list[str]) -> Article:
    paragraphs, start = [], 0
    for i, text in enumerate(texts):
        paragraphs.append(Paragraph(_NUMBER + i, start, text))
        start += len(text) + len(PARAGRAPH_SEPARATOR)
    return Article(slug=_SLUG, title=_SLUG, paragraphs=paragraphs)


def _draft(texts: list[str], schema: str) -> tuple[new_note.Draft, dict[str, str]]:
    article = _article(texts)
    while True:  # a draft written across midnight is drafted again
        created = new_note.today()
        draft = new_note.draft_note(article, _QUOTE, KIND, set(), paragraph=_NUMBER, schema=schema)
        if new_note.today() == created:
            break
    return draft, values(_SLUG, draft.paragraph, draft.quote, draft.prefix, draft.suffix, created)


def note_template(schema: str = "") -> list[str]:
    """The lines ``glossator new`` writes for a context note, with ``{token}`` placeholders."""
    # the quote occurs three times; only "before quote after" singles out the first
    draft, known = _draft(
        [f"{_BEFORE} {_QUOTE} {_AFTER}", f"{_BEFORE} {_QUOTE} x", f"x {_QUOTE} {_AFTER}"], schema
    )
    text = draft.text
    clash = [name for name in TOKENS if "{" + name + "}" in text]
    if clash or not (draft.prefix and draft.suffix and text.endswith("\n")):
        raise RuntimeError(f"cannot make a template of glossator new's note: {clash or text!r}")
    for name in TOKENS:
        text = text.replace(known[name], "{" + name + "}")
    template = text[:-1].split("\n")
    unique, plain = _draft([f"{_BEFORE} {_QUOTE} {_AFTER}"], schema)
    for drafted, given in ((draft, known), (unique, plain)):
        if "glossatorsentinel" in text or fill(template, given) != drafted.text:
            raise RuntimeError(
                "glossator new's note has a value the page cannot fill in; add a token for it "
                f"in tools/propose_rules.py:\n{drafted.text}"
            )
    return template


def propose_rules(schema: str, annotations_dir: str, repository: str, branch: str) -> dict:
    """The JSON document propose.js reads (see the module docstring): ``schema`` as a note in
    an article's folder names it, ``repository`` the site's ``repo_url``, ``branch`` the one new
    notes are proposed on."""
    context_words = inspect.signature(anchoring.unique_context).parameters["max_words"].default
    return {
        "format": FORMAT,
        "repository": repository.rstrip("/"),
        "branch": branch,
        "annotationsDir": annotations_dir.strip("/"),
        "schema": schema,
        "kind": KIND,
        "template": note_template(schema),
        "optional": list(OPTIONAL),
        "paragraphSeparator": PARAGRAPH_SEPARATOR,
        "blockTags": sorted(BLOCKS),
        "whiteSpace": white_space(),
        "charMap": dict(anchoring.CHAR_MAP),
        "contextWords": context_words,
        "stopWords": sorted(new_note.STOP_WORDS),
        "idWords": new_note.MAX_ID_WORDS,
        "idLength": new_note.MAX_ID_LENGTH,
        "idPattern": new_note.ID_RE.pattern,
        "reservedIdPattern": new_note.RESERVED_ID_RE.pattern,
        "yamlEscaped": YAML_ESCAPED,
    }
