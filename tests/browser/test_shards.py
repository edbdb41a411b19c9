"""One search across a publication built in shards (docs/shards.md), in Chromium.

Two shards are built as separate projects, as two CI jobs would build them, each naming the
other in ``search_shards``; served side by side on one host, the search box of either finds
the notes and text of both, and a result from the other shard leads to its page there.
Shard b is indexed in parts of one page (``search_part_pages``), so its own search and shard
a's both merge parts, as a large publication's would.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_collection_browser import search

from projects import mkdocs_build, write_project

pytestmark = pytest.mark.browser

SHARD_YML = """\
site_name: Shard {name}
site_url: https://example.org/{name}/
theme:
  name: material
  font: false
plugins:
  - search
  - glossator:
      search_shards: ["../{other}/"]
{extra}"""
NOTE = """\
quote: "{quote}"
kind: {kind}
title: {title}
body: |
  A note of shard {name}, about {word}.
sources:
  - title: The record
    url: https://example.org/record
"""


def write_shard(root: Path, name: str, other: str, word: str, parts: bool = False) -> Path:
    slug = f"report-{name}"
    extra = "      search_part_pages: 1\n" if parts else ""
    late = (
        {  # in a later part of the index than the first article
            f"seeds/{slug}-late.txt": f"Late report of shard {name}\n\nThe yak text of shard {name}.\n",
            f"annotations/{slug}-late/yak-note.yml": NOTE.format(
                quote=f"text of shard {name}", kind="context", title="On yak", name=name, word="yak"
            ),
        }
        if parts
        else {}
    )
    return write_project(
        root / name,
        {
            **late,
            "mkdocs.yml": SHARD_YML.format(name=name, other=other, extra=extra),
            f"seeds/{slug}.txt": f"Report of shard {name}\n\nThe {word} text of shard {name}.\n",
            f"annotations/{slug}/{word}-note.yml": NOTE.format(
                quote=f"text of shard {name}", kind="source", title=f"On {word}", name=name,
                word=word,
            ),
        },
    )  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("shards")
    public = root / "public"  # the host: each shard's site under its own path
    for name, other, word in (("a", "b", "aardvark"), ("b", "a", "zebra")):
        shard = write_shard(root, name, other, word, parts=name == "b")
        result = mkdocs_build(shard, "--strict")
        assert result.returncode == 0, result.stderr
        shutil.copytree(shard / "site", public / name)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(public))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + "/a/", wait_until="load")
    page.keyboard.press("/")
    yield page
    assert errors == []
    context.close()


def test_a_shard_finds_the_notes_of_the_other_and_leads_to_their_page(page, served):
    hits = search(page, "zebra")  # only in shard b
    notes = [h for h in hits if h["kind"] == "source"]
    assert [h["href"] for h in notes] == [f"{served}/b/report-b/#zebra-note"]
    assert {h["href"] for h in hits if h["kind"] == "article"} == {f"{served}/b/report-b/"}
    page.click(".glossator-search-hit[data-kind=source] a")
    page.wait_for_load_state("load")
    assert page.url == f"{served}/b/report-b/#zebra-note"
    assert page.title().startswith("Report of shard b")


def test_its_own_results_stay_under_its_own_root(page, served):
    hits = search(page, "aardvark")  # only in shard a (Pagefind ranks looser matches after it)
    assert [h["href"] for h in hits[:2]] == [
        f"{served}/a/report-a/",
        f"{served}/a/report-a/#aardvark-note",
    ]


def test_the_kind_filter_spans_the_shards(page):
    page.check("input[name=glossator-search-kind][value=source]")
    hits = search(page, "shard")
    assert {h["kind"] for h in hits} == {"source"}
    assert {h["href"].split("/")[3] for h in hits} == {"a", "b"}


def test_a_shard_indexed_in_parts_is_searched_whole(page, served):
    with urllib.request.urlopen(f"{served}/b/pagefind/parts.json") as response:
        parts = json.load(response)
    assert parts["parts"] > 2  # one page a part: the home page and two articles at least
    hits = search(page, "yak")  # from shard a: only in the late article of shard b
    assert f"{served}/b/report-b-late/#yak-note" in [h["href"] for h in hits]
    page.goto(served + "/b/", wait_until="load")  # and from shard b's own search
    page.keyboard.press("/")
    for word, href in (("yak", "report-b-late/#yak-note"), ("zebra", "report-b/#zebra-note")):
        assert f"{served}/b/{href}" in [h["href"] for h in search(page, word)]
