"""The common shape of a note body, rendered without the Markdown parser.

Most notes are a few paragraphs of prose with some *emphasis*, **strong** words and
[links](https://…). Python-Markdown and the sanitiser take half a millisecond for each such
body, which at forty thousand notes is most of a build. ``render_prose`` recognises exactly
that shape (line by line and token by token, anything else is refused) and writes the HTML
the parser and the sanitiser would have written; a body it refuses takes the full path. A
test compares the two on generated bodies, so the shortcut cannot drift from the parser.
"""

from __future__ import annotations

import re

_LINE_START = re.compile(r"[^\W\d_]|[\"'(]|\[|\*(?=[^\s*])")
"""How a line may start: never as a list, quote, heading, code block or table row would."""
_TEXT = r"[^\\`*_\[\]()<>&#!|~\x00-\x1f\x7f-\x9f\u00a0\u2028\u2029\s]+| |[()]"
_TOKEN = re.compile(
    r"\*\*(?P<strong>[^*\s](?:[^*\n]*[^*\s])?)\*\*"
    r"|\*(?P<em>[^*\s](?:[^*\n]*[^*\s])?)\*"
    r"|\[(?P<text>[^\[\]()*_`\\<>&!\s](?:[^\[\]()*_`\\<>&!\n]*[^\[\]()*_`\\<>&!\s])?)\]"
    r"\((?P<url>https?://[^\s()<>\"'&\\*_`\[\]]+)\)"
    rf"|(?P<plain>{_TEXT})"
)
_INNER = re.compile(rf"(?:{_TEXT})+")
"""What emphasis and link text may hold: plain text only, nothing that would nest."""


def _line(line: str, rel: str) -> str | None:
    if not line or not _LINE_START.match(line):
        return None
    out, pos, starred = [], 0, False
    while pos < len(line):
        m = _TOKEN.match(line, pos)
        if m is None:
            return None
        pos = m.end()
        if m["plain"] is not None:
            out.append(m["plain"])
            starred = False
            continue
        inner = m["strong"] or m["em"] or m["text"]
        stars = m["text"] is None
        if (stars and starred) or not _INNER.fullmatch(inner):
            return None  # '*a**b*': the parser pairs touching stars its own way
        starred = stars
        if m["strong"] is not None:
            out.append(f"<strong>{inner}</strong>")
        elif m["em"] is not None:
            out.append(f"<em>{inner}</em>")
        else:
            out.append(f'<a href="{m["url"]}" rel="{rel}">{inner}</a>')
    return "".join(out)


def render_prose(text: str, link_rel: str) -> str | None:
    """``text`` (stripped) as the parser and sanitiser render it, or None when not plain prose.

    ``link_rel`` is what the sanitiser gives every link (``markup.LINK_REL``)."""
    if "\t" in text or " \n" in text or "\n " in text or "\n\n\n" in text:
        return None  # indents, hard breaks and blank-looking lines: the parser decides
    paragraphs = []
    for block in text.split("\n\n"):
        lines = [_line(line, link_rel) for line in block.split("\n")]
        if not lines or None in lines:
            return None
        paragraphs.append("<p>" + "\n".join(lines) + "</p>")  # type: ignore[arg-type]
    return "\n".join(paragraphs)
