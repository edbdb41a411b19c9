"""The tables of ``glossator list``, ``stats`` and ``anchors``: the facts, before any formatting."""

from __future__ import annotations

import pytest

from glossator.pipeline.edition import load_edition
from glossator.project import load_project
from glossator.tools.tables import anchor_rows, note_rows, stats_rows

ARTICLE = """\
Title

One two three. Red words here.

Four five six. Red words here.

Seven eight nine.
"""


def note(quote: str, kind: str = "context", extra: str = "") -> str:
    return f'quote: "{quote}"\nkind: {kind}\ntitle: On {quote}\nbody: b\n{extra}'


SOURCE = "sources:\n  - title: {title}\n    url: {url}\n"


@pytest.fixture
def root(project):
    return project(
        {
            "seeds/a.txt": ARTICLE,
            "seeds/b.txt": "B\n\nOnly paragraph.\n",
            # across the break between paragraphs 1 and 2
            "annotations/a/across.yml": note("here. Four five", extra="paragraph: 1\n"),
            "annotations/a/nine.yml": note(
                "eight nine", "source", SOURCE.format(title="A Report", url="https://x.org/r")
            ),
            "annotations/a/three.yml": note(
                "two three", "counterpoint", SOURCE.format(title="a  report", url="https://x.org/r")
            ),
            "annotations/a/red.yml": note("Red words here"),  # twice in the article
            "annotations/a/broken.yml": "quote: [not text]\n",
        }
    )


def test_list_rows_are_notes_in_article_order(root):
    edition = load_edition(root)
    rows = note_rows(edition)
    assert [(r["article"], r["id"], r["paragraph"]) for r in rows] == [
        ("a", "three", 1),
        ("a", "across", 1),
        ("a", "nine", 3),
    ]
    assert rows[0] == {
        "article": "a",
        "id": "three",
        "kind": "counterpoint",
        "paragraph": 1,
        "title": "On two three",
        "path": "annotations/a/three.yml",
    }
    assert note_rows(edition, "b") == []


def test_stats_count_kinds_covered_paragraphs_and_distinct_sources(root):
    a, b = stats_rows(load_edition(root))
    assert a["by_kind"] == {"context": 1, "counterpoint": 1, "source": 1}
    # the note across the break covers paragraphs 1 and 2
    assert (a["paragraphs"], a["paragraphs_with_notes"], a["paragraphs_without_notes"]) == (
        3,
        3,
        [],
    )
    # the same link and title (case and spacing aside) is one source cited twice
    assert (a["sources_cited"], a["distinct_sources"], a["sources_with_link"]) == (2, 1, 2)
    assert (b["article"], b["notes"], b["paragraphs_without_notes"]) == ("b", 0, [1])


def test_anchor_rows_show_every_valid_note_even_those_that_do_not_anchor(root):
    project = load_project(root)
    edition = load_edition(root)
    rows, skipped = anchor_rows(project, edition, "a")
    assert skipped == ["annotations/a/broken.yml"]
    by_id = {r["id"]: r for r in rows}
    assert [r["id"] for r in rows] == ["three", "across", "nine", "red"]  # unplaced last
    assert by_id["across"]["text"] == "here.\n\nFour five"
    assert (by_id["nine"]["status"], by_id["nine"]["confidence"]) == ("exact", 1.0)
    red = by_id["red"]
    assert (red["status"], red["start"], red["paragraph"]) == ("ambiguous", None, None)
    assert red["confidence"] == 0.5  # one of two equal places
    assert [c["paragraph"] for c in red["candidates"]] == [1, 2]
    assert {c["text"] for c in red["candidates"]} == {"Red words here"}
