"""No note is ever dropped silently: every annotation file is rendered or named by an error.

The accounting: files on disk under annotations/ (dot-files excepted, as git and editors
leave them) = notes rendered + files with at least one error (the file itself, or the folder
holding it when the folder is what is wrong). The two sets never overlap.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from glossator.pages.article import render_article
from glossator.pipeline.edition import load_edition
from glossator.safe_build import BuildFailed, build_site
from pagefind_output import note_anchors

FIXTURE = Path(__file__).parent.parent / "fixtures" / "hostile"
GOOD = {"good-alpha", "good-outer", "good-inner", "good-cross", "good-context"}


def annotation_files(root: Path) -> set[str]:
    base = root / "annotations"
    return {
        p.relative_to(root).as_posix()
        for p in base.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(base).parts)
    }


def rendered_notes(edition) -> dict[str, int]:
    """Path of each note on a rendered page -> how many asides it got."""
    counts: dict[str, int] = {}
    for slug, article in edition.articles.items():
        notes = edition.notes.get(slug, [])
        paths = {n.id: n.annotation.path for n in notes}
        soup = BeautifulSoup(render_article(article, notes), "html.parser")
        for aside in soup.select("aside.glossator-note"):
            path = paths[aside["id"]]
            counts[path] = counts.get(path, 0) + 1
    return counts


def with_errors(edition, files: set[str]) -> set[str]:
    named = {p.path for p in edition.problems if p.is_error}
    return {f for f in files if any(f == n or f.startswith(n + "/") for n in named)}


@pytest.fixture
def mixed(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    drafts = tmp_path / "annotations" / "mixed" / "drafts"
    drafts.mkdir()
    (drafts / "draft.yml").write_text("quote: Alpha\nkind: context\ntitle: t\nbody: b\n")
    (tmp_path / "annotations" / "mixed" / ".gitkeep").write_text("")
    return tmp_path


def test_every_file_is_rendered_or_named_by_an_error(mixed):
    edition = load_edition(mixed)
    files = annotation_files(mixed)
    rendered = rendered_notes(edition)
    failed = with_errors(edition, files)
    assert all(n == 1 for n in rendered.values()), rendered  # one aside per note
    assert not set(rendered) & failed
    assert set(rendered) | failed == files, sorted(files - set(rendered) - failed)
    assert len(files) == len(rendered) + len(failed)
    # duplicate-note.yml sorts first, so it is the one kept and good-alpha.yml the duplicate
    assert {Path(p).stem for p in rendered} == GOOD - {"good-alpha"} | {"duplicate-note"}


def test_files_checked_count_matches_the_accounting(mixed):
    edition = load_edition(mixed)
    files = annotation_files(mixed)
    assert edition.annotation_files == len(rendered_notes(edition)) + len(
        with_errors(edition, files)
    )


def test_a_failed_build_names_every_broken_file(mixed):
    edition = load_edition(mixed)
    failed = with_errors(edition, annotation_files(mixed))
    with pytest.raises(BuildFailed) as caught:
        build_site(mixed / "mkdocs.yml", mixed / "site")
    log = "\n".join(caught.value.messages)
    for path in failed:
        named = path if path in log else str(Path(path).parent)
        assert named in log, path


@pytest.fixture
def good_project(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    for path in (tmp_path / "annotations").rglob("*"):
        if path.is_file() and path.stem not in GOOD:
            path.unlink()
    shutil.rmtree(tmp_path / "annotations" / "vanished")
    return tmp_path


def test_a_clean_build_renders_and_indexes_every_note_once(good_project):
    build_site(good_project / "mkdocs.yml", good_project / "site", strict=True)
    files = annotation_files(good_project)
    page = (good_project / "site" / "mixed" / "index.html").read_text(encoding="utf-8")
    ids = [a["id"] for a in BeautifulSoup(page, "html.parser").select("aside.glossator-note")]
    assert sorted(ids) == sorted(Path(f).stem for f in files)
    located = [key.split("#", 1)[1] for key in note_anchors(good_project / "site")]
    assert sorted(i for i in located if i in GOOD) == sorted(ids)


def test_an_article_that_disappears_is_an_error_naming_its_notes(good_project):
    (good_project / "seeds" / "mixed.txt").unlink()
    edition = load_edition(good_project)
    errors = sorted(p.format().splitlines()[0] for p in edition.problems if p.is_error)
    assert errors == sorted(
        f"annotations/mixed/{name}.yml: error: no article with slug 'mixed' for this note"
        for name in GOOD
    )
    with pytest.raises(BuildFailed) as caught:
        build_site(good_project / "mkdocs.yml", good_project / "site")
    log = "\n".join(caught.value.messages)
    assert all(f"annotations/mixed/{name}.yml" in log for name in GOOD)


def test_an_article_that_fails_to_load_keeps_its_notes_accounted_for(good_project):
    (good_project / "seeds" / "mixed.txt").write_bytes(b"A Mixed Article\n\n\xff\xfe broken\n")
    edition = load_edition(good_project)
    files = annotation_files(good_project)
    assert with_errors(edition, files) == files
    assert any(p.path == "seeds/mixed.txt" and p.is_error for p in edition.problems)
