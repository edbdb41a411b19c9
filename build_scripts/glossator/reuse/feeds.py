"""Atom feeds: one per article (its notes, newest first) and one for the site (new notes and
new articles), written with ``feedgen`` so the XML is escaped and well-formed by construction.

An entry's ``updated`` is the newest date known for it: the last commit that changed it, else
the date the note was added, else its ``created`` field; the caller supplies a last-resort
date (the file's own modification time) so that no entry claims a date nobody recorded.
"""

from __future__ import annotations

import datetime as dt
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
    site's, and on each entry whose language differs from it."""
    from feedgen.feed import FeedGenerator  # lxml: loaded when a feed is made, not per build

    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(xml_text(title))
    fg.author({"name": xml_text(site.name), **({"uri": site.url} if site.url else {})})
    fg.link(href=page_link, rel="alternate", type="text/html")
    fg.link(href=self_link, rel="self", type="application/atom+xml")
    fg.generator("Glossator")
    feed_lang = lang or site.language
    fg.language(feed_lang)
    if site.license_url:
        fg.rights(
            site.ui.t("Notes: {license} ({url})", license=site.license_name, url=site.license_url)
        )
    dates = [d for d in (to_datetime(e.updated) for e in entries) if d]
    fg.updated(max(dates) if dates else EPOCH)
    for e in entries:
        fe = fg.add_entry(order="append")
        fe.id(xml_text(e.id))
        fe.title(xml_text(e.title))
        fe.link(href=xml_text(e.link), rel="alternate", type="text/html")
        fe.updated(to_datetime(e.updated) or EPOCH)
        if to_datetime(e.published):
            fe.published(to_datetime(e.published))
        if e.author:
            fe.author({"name": xml_text(e.author)})
        if e.category:
            fe.category(term=xml_text(e.category), label=xml_text(e.category))
        if e.summary:
            fe.summary(xml_text(e.summary))
        if e.content_html:
            fe.content(xml_text(e.content_html), type="html")
    xml = fg.atom_str(pretty=False)
    return _entry_languages(xml, [e.lang for e in entries], feed_lang)


def _entry_languages(xml: bytes, langs: list[str], feed_lang: str) -> bytes:
    """``xml:lang`` on the entries in another language than the feed (feedgen has no entry
    language); tags are canonical BCP 47, letters, digits and hyphens only."""
    parts = xml.split(b"<entry>")
    for i, lang in enumerate(langs, start=1):
        if i < len(parts) and lang and lang.lower() != feed_lang.lower():
            parts[i] = f' xml:lang="{lang}">'.encode() + parts[i]
        elif i < len(parts):
            parts[i] = b">" + parts[i]
    return parts[0] + b"".join(b"<entry" + p for p in parts[1:])
