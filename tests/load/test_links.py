"""Links a body cannot publish are reported where they were written, not silently dropped."""

from __future__ import annotations

from glossator.load.links import unpublishable_links
from glossator.load.notes import parse_annotation
from glossator.pages.markup import render_markdown

NOTE = """\
quote: a
kind: context
title: t
body: |
  The [minutes](minutes.pdf) of the meeting, the [record](https://example.org/r),
  [paragraph three](#p3) and a [trap](javascript:alert(1)).

  [ref]: mailto:someone@example.org
"""


def test_every_unpublishable_target_is_found_once_in_order():
    body = "[a](x.pdf) [b](https://e.org) [c](x.pdf) <ftp://e.org/f> [d]( <javascript:x> )"
    assert unpublishable_links(body) == ["x.pdf", "ftp://e.org/f", "javascript:x"]
    assert unpublishable_links("[a](https://e.org) and [b](#p2), 3 < 4 > 2") == []


def test_each_is_a_located_warning_and_the_note_is_kept():
    note, problems = parse_annotation(NOTE.encode(), "annotations/a/n.yml", "a", "n")
    assert note is not None
    found = {p.message.split("'")[1]: (p.line, p.column, p.severity, p.code) for p in problems}
    assert found == {
        "minutes.pdf": (5, 17, "warning", "unpublishable-link"),
        "javascript:alert(1": (6, 39, "warning", "unpublishable-link"),
        "mailto:someone@example.org": (8, 10, "warning", "unpublishable-link"),
    }
    # what the warning says is what the page does: the link is gone, its text stays
    html = render_markdown(note.body)
    assert 'href="https://example.org/r"' in html and 'href="#p3"' in html
    assert "minutes.pdf" not in html and "javascript" not in html and "minutes" in html
