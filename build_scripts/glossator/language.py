"""Languages as Glossator names them: BCP 47 tags, and which way each one's script runs.

An article, and a note, may say what language it is written in (``lang:``); the site's
language is material's ``theme.language``. The tag goes into ``lang`` attributes, into the
exports (W3C ``language``, schema.org ``inLanguage``, CSL ``language``, Atom ``xml:lang``)
and chooses the search index's word rules, so it is checked once here and written in its
canonical case (``zh-hans`` -> ``zh-Hans``, ``pt-br`` -> ``pt-BR``). Imports nothing of
Glossator's own.
"""

from __future__ import annotations

import re

TAG_RE = re.compile(
    r"^(?P<language>[A-Za-z]{2,3})"
    r"(?:-(?P<script>[A-Za-z]{4}))?"
    r"(?:-(?P<region>[A-Za-z]{2}|\d{3}))?"
    r"(?P<variants>(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*)$"
)
"""The BCP 47 tags a page needs: language, optional script, region and variants
(``fr``, ``zh-Hans``, ``pt-BR``, ``sr-Latn-RS``). Extensions and private use are not
accepted: no browser or search engine reads them."""

TAG_HINT = "write a BCP 47 language tag, e.g. lang: fr, lang: ja, lang: ar, lang: zh-Hans"

RIGHT_TO_LEFT = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"}
)
"""Languages whose usual script runs right to left (Arabic, Hebrew, Persian, Urdu...)."""
RIGHT_TO_LEFT_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"})
LEFT_TO_RIGHT_SCRIPTS = frozenset({"Latn", "Cyrl"})  # ``az-Latn``, ``ku-Latn``...

WITHOUT_SPACES = frozenset({"ja", "zh", "th", "lo", "km", "my", "bo"})
"""Written without spaces between words: word rules cannot split on white space."""

DEFAULT = "en"


def canonical(tag: str) -> str | None:
    """``tag`` in BCP 47's conventional case, or None when it is not a tag we accept."""
    m = TAG_RE.match((tag or "").strip())
    if not m:
        return None
    parts = [m["language"].lower()]
    if m["script"]:
        parts.append(m["script"].title())
    if m["region"]:
        parts.append(m["region"].upper())
    parts += [v.lower() for v in m["variants"].split("-") if v]
    return "-".join(parts)


def primary(tag: str) -> str:
    """The language subtag alone: ``zh-Hans`` -> ``zh``; the default for an empty tag."""
    return (tag or DEFAULT).split("-")[0].lower() or DEFAULT


def direction(tag: str) -> str:
    """``rtl`` or ``ltr``: the script subtag decides when there is one, else the language."""
    m = TAG_RE.match(tag or "")
    script = m["script"].title() if m and m["script"] else ""
    if script in RIGHT_TO_LEFT_SCRIPTS:
        return "rtl"
    if script in LEFT_TO_RIGHT_SCRIPTS:
        return "ltr"
    return "rtl" if primary(tag) in RIGHT_TO_LEFT else "ltr"


def same_language(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` need no ``lang`` between them (case-insensitive, as HTML)."""
    return (a or DEFAULT).lower() == (b or DEFAULT).lower()


def attributes(tag: str, around: str) -> str:
    """`` lang="…" dir="…"`` for an element in ``tag`` inside one in ``around`` ("" if same).

    ``dir`` is written only when the direction changes, so that an English note on an
    English page carries nothing and an Arabic article on an English site carries both.
    """
    if same_language(tag, around):
        return ""
    out = f' lang="{tag}"'
    if direction(tag) != direction(around):
        out += f' dir="{direction(tag)}"'
    return out


__all__ = [
    "DEFAULT",
    "TAG_HINT",
    "attributes",
    "canonical",
    "direction",
    "primary",
    "same_language",
]
