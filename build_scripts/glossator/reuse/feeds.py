"""Atom feeds: one per article (its notes, newest first) and one for the site (new notes and
new articles), written as text with every value escaped (see ``atom``).

An entry's ``updated`` is the newest date known for it: the last commit that changed it, else
the date the note was added, else its ``created`` field; the caller supplies a last-resort
date (the file's own modification time) so that no entry claims a date nobody recorded.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from glossator.model import date_parts
from glossator.reuse.siteinfo import SiteInfo

FEED_NAME = "feed.xml"
SITE_FEED_LIMIT = 50
# characters XML 1.0 cannot carry at all, even escaped
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML forbids shown as U+FFFD (a note may hold any text)."""
    return _NOT_XML.sub("\ufffd", text)


@dataclass(frozen=True)
class Entry:
    id: str  # permanent IRI: the note's or article's address
    title: str
    link: str
    updated: str  # ISO date or date-time
    published: str = ""
    author: str = ""
    category: str = ""
    summary: str = ""
    content_html: str = ""  # sanitised HTML (the note's rendered body)
    lang: str = ""  # BCP 47: the entry's xml:lang when not the feed's


@functools.lru_cache(maxsize=1 << 16)  # the site feed weighs every note's date, every build
def to_datetime(value: str) -> dt.datetime | None:
    """ISO date-time, date or partial date (2024-05 -> 1 May) as an aware datetime (UTC if none)."""
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parts = date_parts(value)
        if not parts:
            return None
        year, month, day = (*parts, 1, 1)[:3]
        try:
            when = dt.datetime(year, month, day)
        except ValueError:
            return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (to_datetime(e.updated) or EPOCH, e.id), reverse=True)


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _text(text: str) -> str:
    """Element text escaped as lxml writes it (so the feeds read the same as feedgen's did)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attr(text: str) -> str:
    return _text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _el(name: str, text: str) -> str:
    return f"<{name}>{_text(xml_text(text))}</{name}>"


def _author(name: str, uri: str = "") -> str:
    return f"<author>{_el('name', name)}{_el('uri', uri) if uri else ''}</author>"


def _entry(e: Entry, feed_lang: str) -> str:
    """One ``<entry>``, its elements in feedgen's order (the link without rel: feedgen's too);
    ``xml:lang`` when its language is not the feed's (tags are BCP 47: nothing to escape)."""
    published = to_datetime(e.published)
    content = (
        f'<content type="html">{_text(xml_text(e.content_html))}</content>'
        if e.content_html
        else ""
    )
    category = xml_text(e.category)
    return "".join(
        (
            f'<entry xml:lang="{e.lang}">'
            if e.lang and e.lang.lower() != feed_lang.lower()
            else "<entry>",
            _el("id", e.id),
            _el("title", e.title),
            _el("updated", (to_datetime(e.updated) or EPOCH).isoformat()),
            _author(e.author) if e.author else "",
            content,
            f'<link href="{_attr(xml_text(e.link))}"/>',
            _el("summary", e.summary) if e.summary else "",
            f'<category term="{_attr(category)}" label="{_attr(category)}"/>' if category else "",
            _el("published", published.isoformat()) if published else "",
            "</entry>",
        )
    )


def atom(
    feed_id: str,
    title: str,
    page_link: str,
    self_link: str,
    site: SiteInfo,
    entries: list[Entry],
    lang: str = "",
) -> bytes:
    """An Atom 1.0 document; ``entries`` in the order given (newest first, by the caller).

    ``xml:lang`` on the feed is ``lang`` (an article's feed: the article's language) or the
    site's, and on each entry whose language differs from it.

    Written as text, every value escaped here: the feeds of a thousand articles are tens of
    thousands of entries, and building each as an XML tree first (feedgen) cost more than all
    the rest of the feeds' work. The bytes are the ones feedgen wrote (a test compares them).
    """
    feed_lang = lang or site.language
    dates = [d for d in (to_datetime(e.updated) for e in entries) if d]
    rights = (
        _el(
            "rights",
            site.ui.t("Notes: {license} ({url})", license=site.license_name, url=site.license_url),
        )
        if site.license_url
        else ""
    )
    parts = [
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{_attr(feed_lang)}">'
        if feed_lang
        else '<feed xmlns="http://www.w3.org/2005/Atom">',
        _el("id", feed_id),
        _el("title", title),
        _el("updated", (max(dates) if dates else EPOCH).isoformat()),
        _author(site.name, site.url) if site.name else "",
        f'<link href="{_attr(page_link)}" rel="alternate" type="text/html"/>',
        f'<link href="{_attr(self_link)}" rel="self" type="application/atom+xml"/>',
        "<generator>Glossator</generator>",
        rights,
        *(_entry(e, feed_lang) for e in entries),
        "</feed>",
    ]
    return "".join(parts).encode("utf-8")
