"""HTML escaping, written once for every page, fragment and feed Glossator writes.

``esc`` for text between tags (quotes left as they are, so the page's text reads as typed),
``attr`` for attribute values (quotes escaped too).
"""

from __future__ import annotations

import html


def esc(text: str) -> str:
    # most text has nothing to escape: three scans are cheaper than the escaper's replaces
    if "&" in text or "<" in text or ">" in text:
        return html.escape(text, quote=False)
    return text


def attr(text: str) -> str:
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text, quote=True)
    return text
