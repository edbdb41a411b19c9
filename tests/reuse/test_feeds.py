"""Atom feeds, parsed as a feed reader would: one per article (its notes, newest first) and one
for the site, linked from the pages, entries pointing at ``<slug>/#<id>``."""

from __future__ import annotations

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from glossator.reuse.feeds import xml_text
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
    assert _feeds(site / SLUG / "cite" / "index.html") == ["../../feed.xml"]


def test_characters_xml_cannot_carry_are_replaced_not_fatal():
    assert xml_text("a\x00b\x1bc\ufffed") == "a\ufffdb\ufffdc\ufffdd"
    assert xml_text("tab\tnew\nline é 😀") == "tab\tnew\nline é 😀"
