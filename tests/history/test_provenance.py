"""Provenance from the repository's history, tested in a throwaway git repository with two
commits: the edition with a note added, then that note corrected. Outside git, and in a
shallow clone, pages say nothing about dates they cannot know."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from glossator.history.gitlog import read_history
from glossator.history.provenance import parse_log
from projects import copy_opendata, mkdocs_build

SLUG = "harbour-bridge-reopens"
NOTE = f"annotations/{SLUG}/repair-cost.yml"
REPO_URL = "https://github.com/example/riverside-notes"


def git(root, *args, date="2024-03-20T10:00:00+00:00"):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ada Checker",
        "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_COMMITTER_NAME": "Ada Checker",
        "GIT_COMMITTER_EMAIL": "ada@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    done = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = copy_opendata(tmp_path_factory.mktemp("history") / "edition")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Harbour bridge article with four notes")
    path = root / NOTE
    path.write_text(
        path.read_text("utf-8").replace("1.64 times that", "about 1.6 times that"), "utf-8"
    )
    git(
        root,
        "commit",
        "-qam",
        "Correct the ratio in the repair cost note\n\n"
        "Correction: the cost was about 1.6 times the estimate,\n not 1.64 times.",
        date="2024-04-05T08:30:00+00:00",
    )
    return root


@pytest.fixture(scope="module")
def built(repo):
    return _page(repo)


def _page(root):
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    return BeautifulSoup((root / "site" / SLUG / "index.html").read_text("utf-8"), "html.parser")


def test_one_git_log_pass_reads_every_file(repo):
    history = read_history(repo, ["seeds", "annotations"])
    assert history is not None and not history.uncommitted
    assert [c.status for c in history.of(NOTE)] == ["M", "A"]
    assert history.added(NOTE).commit.day == "2024-03-20"
    assert history.last_changed(NOTE).commit.day == "2024-04-05"
    assert history.last_changed(f"annotations/{SLUG}/opened-1932.yml") is None
    assert history.added("seeds/harbour-bridge.txt").commit.subject.startswith("Harbour bridge")


def test_notes_show_when_they_were_added_and_changed(repo, built):
    page = built
    corrected = page.select_one("#repair-cost .glossator-provenance")
    assert corrected.get_text() == "Added 20 March 2024 · changed 5 April 2024"
    assert [t["datetime"] for t in corrected.select("time")] == ["2024-03-20", "2024-04-05"]
    untouched = page.select_one("#opened-1932 .glossator-provenance")
    assert untouched.get_text() == "Added 20 March 2024"
    assert "Ada Checker" not in corrected.get_text()  # names only when the publisher says so


def test_the_article_lists_its_changes_and_corrections(repo, built):
    page = built
    section = page.select_one("section.glossator-changes")
    assert section.h2.get_text() == "Changes and corrections"
    items = section.select("li")
    assert len(items) == 2
    corrected, first = (li.get_text(" ", strip=True) for li in items)
    assert corrected.startswith("5 April 2024 : Note “The first estimate was 25 million pounds")
    assert "changed" in corrected
    assert first.startswith("20 March 2024 : Article added; 4 notes added")
    # what the editor marked is said; commit subjects never are
    assert [p.get_text(" ", strip=True) for p in section.select(".glossator-correction")] == [
        "Correction: the cost was about 1.6 times the estimate, not 1.64 times."
    ]
    assert items[0].select_one(".glossator-correction") is not None
    assert "Correct the ratio" not in section.get_text()  # the subject is not for readers
    sha = git(repo, "rev-parse", "HEAD")
    assert items[0].a["href"] == f"{REPO_URL}/commit/{sha}"


def test_a_commit_about_code_tells_readers_only_what_it_did_to_notes(repo, tmp_path):
    other = tmp_path / "mixed"
    shutil.copytree(repo, other)
    (other / "tools.py").write_text("# helpers\n", "utf-8")
    note = other / f"annotations/{SLUG}/council-fund.yml"
    note.write_text(note.read_text("utf-8") + "\n", "utf-8")
    git(other, "add", ".")
    git(
        other,
        "commit",
        "-qm",
        "Refactor test helpers in tools.py",
        date="2024-04-07T09:00:00+00:00",
    )
    section = _page(other).select_one("section.glossator-changes")
    newest = section.select_one("li").get_text(" ", strip=True)
    assert newest.startswith("7 April 2024 : Note “") and "changed" in newest
    assert "Refactor" not in section.get_text() and "tools.py" not in section.get_text()


def test_the_feed_dates_a_corrected_note_by_its_correction(repo, built):
    import feedparser

    feed = feedparser.parse((repo / "site" / SLUG / "feed.xml").read_bytes())
    first = feed.entries[0]
    assert first.id.endswith("#repair-cost") and first.updated.startswith("2024-04-05")


def test_author_names_appear_when_turned_on(repo, tmp_path):
    other = tmp_path / "named"
    shutil.copytree(repo, other)
    config = other / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "      provenance_authors: true\n", "utf-8")
    git(other, "commit", "-qam", "Name authors", date="2024-04-06T08:00:00+00:00")
    page = _page(other)
    assert "by Ada Checker" in page.select_one("#repair-cost .glossator-provenance").get_text()


def test_outside_git_nothing_is_said(tmp_path):
    page = _page(copy_opendata(tmp_path / "tarball"))
    assert page.select(".glossator-provenance") == []
    assert page.select("section.glossator-changes") == []


def test_a_shallow_clone_says_nothing_rather_than_calling_everything_new(repo, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True
    )
    assert read_history(shallow, ["seeds", "annotations"]) is None
    page = _page(shallow)
    assert page.select(".glossator-provenance") == []


def test_uncommitted_changes_are_not_dated_by_an_older_commit(repo, tmp_path):
    dirty = tmp_path / "dirty"
    shutil.copytree(repo, dirty)
    (dirty / NOTE).write_text((dirty / NOTE).read_text("utf-8") + "# draft\n", "utf-8")
    page = _page(dirty)
    text = page.select_one("#repair-cost .glossator-provenance").get_text()
    assert text.endswith("changed since (not yet committed)")


def test_log_parsing_reads_paths_with_spaces_and_ignores_other_statuses():
    log = (
        "\x1eabc\x1f2024-01-02T03:04:05+00:00\x1fA B\x1fFirst\x00\n"
        "A\x00annotations/x/a b.yml\x00T\x00seeds/odd.txt\x00"
    )
    changes = parse_log(log)
    assert list(changes) == ["annotations/x/a b.yml"]
    assert changes["annotations/x/a b.yml"][0].commit.author == "A B"


def test_feeds_give_each_entry_the_moment_of_its_commit(repo, built):
    """Not midnight for all: the corrected note is dated 08:30 on its day, the others 10:00."""
    import feedparser

    feed = feedparser.parse((repo / "site" / SLUG / "feed.xml").read_bytes())
    updated = {e.id.rsplit("#", 1)[1]: e.updated for e in feed.entries}
    assert updated["repair-cost"] == "2024-04-05T08:30:00+00:00"
    assert updated["opened-1932"] == "2024-03-20T10:00:00+00:00"
    site_feed = feedparser.parse((repo / "site" / "feed.xml").read_bytes())
    article = next(e for e in site_feed.entries if e.id.endswith(f"/{SLUG}/"))
    assert article.updated == "2024-03-20T10:00:00+00:00"
