"""HTML escaping, written once for every page, fragment and feed Glossator writes.

``esc`` for text between tags (quotes left as they are, so the page's text reads as typed),
``attr`` for attribute values (quotes escaped too).
"""

from __future__ import annotations

import html


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)
