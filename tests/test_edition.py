"""The published edition itself: complete, sourced and clean."""

from pathlib import Path

import pytest

from glossator.edition import load_edition

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def edition():
    return load_edition(REPO)


def test_edition_has_no_problems(edition):
    assert [p.format() for p in edition.problems] == []


def test_every_paragraph_of_every_article_has_a_note(edition):
    for slug, article in edition.articles.items():
        covered = {n.paragraph for n in edition.notes.get(slug, [])}
        for n in edition.notes.get(slug, []):  # a passage crossing a break covers both
            covered |= {article.paragraph_at(n.end - 1).number}
        missing = [p.number for p in article.paragraphs if p.number not in covered]
        assert missing == [], f"{slug}: paragraphs without a note: {missing}"


def test_counterpoint_and_source_notes_cite_titled_dated_sources(edition):
    for note in edition.all_notes():
        a = note.annotation
        if a.kind in ("counterpoint", "source"):
            assert a.sources, a.path
            assert any(s.title and s.publisher and s.date for s in a.sources), a.path


def test_all_three_kinds_are_used(edition):
    assert {n.kind for n in edition.all_notes()} == {"context", "counterpoint", "source"}


def test_every_annotation_file_became_a_note(edition):
    files = list((REPO / "annotations").rglob("*.yml"))
    assert len(files) == len(edition.all_notes())
