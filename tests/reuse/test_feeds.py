"""Atom feeds, parsed as a feed reader would: one per article (its notes, newest first) and one
for the site, linked from the pages, entries pointing at ``<slug>/#<id>``."""

from __future__ import annotations

import feedparser
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from glossator.reuse.feeds import Entry, atom, xml_text
from glossator.reuse.siteinfo import SiteInfo
from projects import copy_opendata, mkdocs_build

SLUG = "harbour-bridge-reopens"
PAGE = f"https://notes.example.org/{SLUG}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_opendata(tmp_path_factory.mktemp("feeds"))
    assert mkdocs_build(root).returncode == 0
    return root / "site"


def _parse(path):
    data = path.read_bytes()
    etree.fromstring(data)  # well-formed XML
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_article_feed_lists_its_notes_newest_first(site):
    feed = _parse(site / SLUG / "feed.xml")
    assert feed.feed.title == "Notes on: Harbour Bridge Reopens After Two Years of Repairs"
    assert feed.feed.id == PAGE + "feed.xml"
    ids = [e.id for e in feed.entries]
    assert sorted(ids) == sorted(
        PAGE + "#" + i for i in ("repair-cost", "strong-as-built", "opened-1932", "council-fund")
    )
    # dated notes by date, newest first (council-fund 2024-04-02, repair-cost 2024-03-20,
    # strong-as-built 2024-03); the undated note carries its file's date, today's here
    dated = [e.id.rsplit("#", 1)[1] for e in feed.entries if e.id[-11:] != "opened-1932"]
    assert dated == ["council-fund", "repair-cost", "strong-as-built"]
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    for e in feed.entries:
        assert e.link == e.id and e.link.startswith(PAGE + "#")
    cost = next(e for e in feed.entries if e.id.endswith("#repair-cost"))
    assert cost.title.startswith("Counterpoint: The first estimate was 25 million")
    assert cost.author == "Ada Checker"
    assert cost.tags[0].term == "counterpoint"
    assert "<strong>25 million pounds</strong>" in cost.content[0].value
    assert feed.feed.rights.startswith("Notes: CC BY 4.0")


def test_the_site_feed_has_new_articles_and_notes(site):
    feed = _parse(site / "feed.xml")
    ids = {e.id for e in feed.entries}
    assert PAGE in ids  # the article itself
    assert PAGE + "#council-fund" in ids and len(ids) == 5


def _feeds(path) -> list[str]:
    head = BeautifulSoup(path.read_text("utf-8"), "html.parser").head
    return [x["href"] for x in head.find_all("link", rel="alternate", type="application/atom+xml")]


def test_pages_link_their_feeds(site):
    assert _feeds(site / SLUG / "index.html") == ["feed.xml", "../feed.xml"]
    assert _feeds(site / "index.html") == ["feed.xml"]


def test_characters_xml_cannot_carry_are_replaced_not_fatal():
    assert xml_text("a\x00b\x1bc\ufffed") == "a\ufffdb\ufffdc\ufffdd"
    assert xml_text("tab\tnew\nline é 😀") == "tab\tnew\nline é 😀"


def _feedgen_atom(feed_id, title, page_link, self_link, site, entries, lang="") -> bytes:
    """The feeds as the build wrote them with feedgen: the bytes the text writer must match."""
    from feedgen.feed import FeedGenerator

    from glossator.reuse.feeds import EPOCH, to_datetime

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
    parts = xml.split(b"<entry>")  # feedgen has no entry language: added as the build did
    for i, entry_lang in enumerate([e.lang for e in entries], start=1):
        if i < len(parts) and entry_lang and entry_lang.lower() != feed_lang.lower():
            parts[i] = f' xml:lang="{entry_lang}">'.encode() + parts[i]
        elif i < len(parts):
            parts[i] = b">" + parts[i]
    return parts[0] + b"".join(b"<entry" + p for p in parts[1:])


_tricky = st.text(
    alphabet=st.sampled_from(list("ab <>&\"'\t\r\n\x00\x0b\ufffe\U0001f600é]]>-")), min_size=1
)


@settings(max_examples=100, deadline=None)
@given(
    title=_tricky,
    name=_tricky,
    url=st.sampled_from(["", "https://notes.example.org/"]),
    license_url=st.sampled_from(["", "https://creativecommons.org/licenses/by/4.0/"]),
    entries=st.lists(
        st.builds(
            Entry,
            id=_tricky,
            title=_tricky,
            link=_tricky,
            updated=st.sampled_from(["", "2024-03-20", "2024-03", "2024-03-20T10:00:00Z", "x"]),
            published=st.sampled_from(["", "2019", "2024-03-20"]),
            author=st.one_of(st.just(""), _tricky),
            category=st.sampled_from(["", "context", "a&b"]),
            summary=st.one_of(st.just(""), _tricky),
            content_html=st.one_of(st.just(""), _tricky),
            lang=st.sampled_from(["", "en", "fr", "pt-BR", "EN"]),
        ),
        max_size=4,
    ),
    lang=st.sampled_from(["", "de", "en"]),
)
def test_the_feeds_are_the_bytes_feedgen_wrote(title, name, url, license_url, entries, lang):
    site = SiteInfo(name=name, url=url, license_url=license_url)
    args = ("https://x.org/feed.xml", title, "https://x.org/", "https://x.org/feed.xml", site)
    assert atom(*args, entries, lang) == _feedgen_atom(*args, entries, lang)
