"""The build cache: a warm load is indistinguishable from a cold one, and never stale."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossator.model import Article
from glossator.pipeline import cache as cache_module
from glossator.pipeline.edition import load_edition
from glossator.pipeline.pack import MAGIC, BuildCache, read_index
from projects import mkdocs_build, write_project

HOSTILE = Path(__file__).parent.parent / "fixtures" / "hostile"
PARAS = [
    "The envoy met the negotiators in Doha on Saturday for a ninth round of talks.",
    "Officials said the agreement would be signed before the election in Kabul.",
    "A ceasefire was not part of the draft, according to two people at the talks.",
]
NOTE = "quote: {quote}\nkind: context\ntitle: A note\nbody: Some context.\n"


def small_project(root: Path) -> Path:
    return write_project(
        root,
        {
            "seeds/doha.txt": "Talks in Doha\n\n" + "\n\n".join(PARAS) + "\n",
            "seeds/kabul.txt": "Kabul\n\nThe council met in Kabul on Monday.\n",
            "annotations/doha/envoy.yml": NOTE.format(quote="met the negotiators in Doha"),
            "annotations/doha/vote.yml": NOTE.format(quote="before the election"),
            "annotations/kabul/council.yml": NOTE.format(quote="The council met"),
        },
    )


def snapshot(edition):
    return (
        edition.notes,
        [p.format() for p in edition.problems],
        edition.problems,
        edition.annotation_files,
        edition.article_files,
        sorted(edition.articles),
    )


def cached_load(root: Path) -> tuple[object, BuildCache]:
    cache = BuildCache(root / ".cache" / "glossator")
    return load_edition(root, cache=cache), cache


def assert_like_cold(root: Path) -> BuildCache:
    """A cached load equals a cold one made without any cache; returns the cache used."""
    warm, cache = cached_load(root)
    assert snapshot(warm) == snapshot(load_edition(root))
    return cache


@pytest.fixture
def project(tmp_path) -> Path:
    return small_project(tmp_path)


@pytest.fixture
def hostile(tmp_path) -> Path:
    shutil.copytree(HOSTILE, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.mark.parametrize("name", ["project", "hostile"])
def test_second_load_is_identical_to_a_cold_load(name, request):
    root = request.getfixturevalue(name)
    first = assert_like_cold(root)
    second = assert_like_cold(root)
    assert first.misses > 0
    assert second.misses == 0 and second.hits == first.misses


def test_no_cache_unless_asked(project):
    load_edition(project)
    assert not (project / ".cache").exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda r: (r / "annotations/doha/vote.yml").write_text(
            NOTE.format(quote="signed before the election")
        ),
        lambda r: (r / "annotations/doha/vote.yml").write_text(NOTE.format(quote="not in it")),
        lambda r: (r / "seeds/doha.txt").write_text("Talks\n\n" + PARAS[1] + "\n"),
        lambda r: (r / "seeds/doha.yml").write_text("title: Other title\n"),
        lambda r: (r / "annotations/doha/new.yml").write_text(NOTE.format(quote="ceasefire")),
        lambda r: (r / "annotations/doha/envoy.yml").unlink(),
        lambda r: (r / "annotations/doha/envoy.yml").rename(r / "annotations/doha/other.yml"),
        lambda r: (r / "annotations/doha/readme.txt").write_text("hello"),
        lambda r: (r / "annotations/doha/sub").mkdir(),
    ],
    ids=[
        "edit-note",
        "break-note",
        "edit-article",
        "edit-sidecar",
        "add-file",
        "remove-file",
        "rename-file",
        "add-other-file",
        "add-folder",
    ],
)
@pytest.mark.parametrize("settled", [False, True], ids=["by-bytes", "by-stat"])
def test_changes_invalidate(project, change, settled, monkeypatch, request):
    if settled:  # files as old as a checkout's: their folders and articles known by their stat
        monkeypatch.setattr(cache_module, "SETTLED_NS", 0)
    assert_like_cold(project)
    warm = assert_like_cold(project)
    assert warm.misses == 0
    change(project)
    after = assert_like_cold(project)
    # the changed folder only (by stat, a miss of its stat and of its bytes), and by stat the
    # changed article; the others are served
    article = settled and request.node.callspec.id.endswith(("edit-article", "edit-sidecar"))
    assert after.misses == (2 if settled else 1) + article


def test_a_settled_article_is_found_again_without_parsing_it(project, monkeypatch):
    from glossator.pipeline import edition as edition_module

    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)
    edition = load_edition(project)
    cold, articles = snapshot(edition), edition.articles
    assert_like_cold(project)

    def unparsed(path, root):
        raise AssertionError(f"parsed {path}")

    monkeypatch.setattr(edition_module, "load_article", unparsed)
    warm, cache = cached_load(project)
    assert snapshot(warm) == cold and cache.misses == 0
    public = [f.name for f in dataclasses.fields(Article) if not f.name.startswith("_")]
    assert {s: [getattr(a, f) for f in public] for s, a in warm.articles.items()} == {
        s: [getattr(a, f) for f in public] for s, a in articles.items()
    }


def test_a_settled_folder_is_found_again_without_reading_its_notes(project, monkeypatch):
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)
    cold = snapshot(load_edition(project))
    assert_like_cold(project)

    def unreadable(path):
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(cache_module, "read_bytes", unreadable)
    warm, cache = cached_load(project)
    assert snapshot(warm) == cold and cache.misses == 0


def test_a_folder_with_a_file_changed_a_moment_ago_is_keyed_by_its_bytes(project):
    # a file written again within its clock's resolution keeps its times: never trust them
    assert_like_cold(project)
    assert_like_cold(project)
    assert not [name for name in read_pack(project) if name.startswith("stat/")]


def pack(root: Path) -> Path:
    return root / ".cache" / "glossator" / "pack.pickle"


def read_pack(root: Path) -> dict[str, bytes]:
    """Every entry of a project's pack, as stored (pickled)."""
    fd = os.open(pack(root), os.O_RDONLY)
    try:
        return {n: os.pread(fd, size, at) for n, (at, size) in read_index(fd).items()}
    finally:
        os.close(fd)


def write_pack(root: Path, entries: dict[str, bytes]) -> None:
    """A pack holding exactly ``entries`` (to damage or swap them)."""
    data, index = bytearray(MAGIC), {}
    for name, blob in entries.items():
        index[name] = (len(data), len(blob))
        data += blob
    at = len(data)
    data += pickle.dumps(index) + at.to_bytes(8, "little")
    pack(root).write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage", b"\x80\x05N."])
def test_a_damaged_pack_is_ignored_and_rewritten(project, damage):
    assert_like_cold(project)
    pack(project).write_bytes(damage)
    assert assert_like_cold(project).misses == 2
    assert assert_like_cold(project).misses == 0


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage", b"\x80\x05N."])
def test_damaged_entries_are_ignored_and_rewritten(project, damage):
    assert_like_cold(project)
    entries = read_pack(project)
    assert len(entries) == 2
    write_pack(project, dict.fromkeys(entries, damage))
    assert assert_like_cold(project).misses == 2
    assert assert_like_cold(project).misses == 0


def test_entry_under_the_wrong_key_is_ignored(project):
    warm, _ = cached_load(project)
    entries = read_pack(project)
    doha, kabul = (f"folders/{warm.cache_keys[s]}" for s in ("doha", "kabul"))
    entries[doha] = entries[kabul]
    write_pack(project, entries)
    assert assert_like_cold(project).misses == 1


def test_a_rebuild_after_an_edit_appends_to_the_pack_and_finds_what_it_made(project):
    assert mkdocs_build(project).returncode == 0
    before = pack(project).read_bytes()
    inode = pack(project).stat().st_ino
    (project / "annotations/doha/vote.yml").write_text(NOTE.format(quote="the election"))
    assert mkdocs_build(project).returncode == 0
    assert pack(project).stat().st_ino == inode  # the same file, grown
    entries_end = int.from_bytes(before[-8:], "little")  # where the old index began
    assert pack(project).read_bytes()[:entries_end] == before[:entries_end]
    cache = BuildCache(project / ".cache" / "glossator")
    load_edition(project, cache=cache)
    assert cache.misses == 0


def test_prune_keeps_what_a_build_did_not_use_until_it_outweighs_what_it_did(tmp_path):
    folder = tmp_path / "cache"
    first = BuildCache(folder)
    first.store("reuse", "preview", "p" * 50_000)  # a preview's page, say
    first.save(prune=True)
    second = BuildCache(folder)  # a build at another site_url: none of the preview's entries
    second.store("reuse", "published", "q" * 60_000)
    second.save(prune=True)
    kept = BuildCache(folder)
    assert kept.load("reuse", "preview") == "p" * 50_000  # the preview finds its own again
    kept.save(prune=True)
    third = BuildCache(folder)
    third.load("reuse", "published")
    third.store("reuse", "small", "s")
    third.save(prune=True)  # the preview's 50 kB against 60 kB used: still kept
    fourth = BuildCache(folder)
    fourth.load("reuse", "small")
    fourth.save(prune=True)  # 110 kB unused against 1 byte used: dropped, in a new pack
    last = BuildCache(folder)
    assert last.load("reuse", "small") == "s"
    assert last.load("reuse", "preview") is None and last.load("reuse", "published") is None
    assert (folder / "pack.pickle").stat().st_size < 10_000


def test_what_was_not_saved_is_taken_back_and_the_pack_stays_whole(tmp_path):
    folder = tmp_path / "cache"
    first = BuildCache(folder)
    first.store("folders", "a", [1, 2, 3])
    first.save()
    size = (folder / "pack.pickle").stat().st_size
    failed = BuildCache(folder)
    failed.load("folders", "a")
    failed.store("folders", "b", "x" * 10_000)  # appended, then the build fails
    failed.close()
    assert (folder / "pack.pickle").stat().st_size == size
    again = BuildCache(folder)
    assert again.load("folders", "a") == [1, 2, 3] and again.load("folders", "b") is None


def test_a_pack_another_build_is_writing_is_not_appended_to(tmp_path):
    folder = tmp_path / "cache"
    first = BuildCache(folder)
    first.store("folders", "a", "one")
    first.save()
    writing = BuildCache(folder)
    writing.load("folders", "a")
    writing.store("folders", "b", "two")  # holds the pack's lock until it saves
    other = BuildCache(folder)
    other.load("folders", "a")
    other.store("folders", "c", "three")  # so this one writes a new pack instead
    other.save()
    writing.save()  # appends to the pack it locked, which the other build has replaced
    last = BuildCache(folder)
    assert last.load("folders", "a") == "one" and last.load("folders", "c") == "three"


def test_unwritable_cache_only_costs_time(project):
    (project / ".cache").write_text("a file where the folder would go")
    assert assert_like_cold(project).misses == 2


def test_bad_note_fails_a_strict_build_on_a_warm_cache(project):
    # a quote that no longer matches exactly: a warning, which --strict turns into a failure
    (project / "annotations/doha/vote.yml").write_text(
        NOTE.format(quote="signed before the elections in Kabul")
    )
    for _ in range(2):  # without -q, which would hide warnings from --strict
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
            cwd=project,
            capture_output=True,
            text=True,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode != 0
        assert "quote re-anchored" in result.stderr
    assert pack(project).exists()


def test_warm_build_writes_the_same_site(project, tmp_path_factory):
    cold = mkdocs_build(project)
    assert cold.returncode == 0, cold.stderr
    page = (project / "site" / "doha" / "index.html").read_text()
    entries = read_pack(project)
    assert sum(k.startswith("reuse/") for k in entries) == 2  # a page and its outputs: one entry
    warm = mkdocs_build(project)
    assert warm.returncode == 0, warm.stderr
    assert (project / "site" / "doha" / "index.html").read_text() == page


def test_cache_dir_option_empty_turns_it_off(project):
    yml = (
        (project / "mkdocs.yml")
        .read_text()
        .replace("  - glossator\n", "  - glossator:\n      cache_dir: ''\n")
    )
    (project / "mkdocs.yml").write_text(yml)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not (project / ".cache").exists()


def test_entries_are_read_when_asked_for_not_all_at_once(project, monkeypatch):
    assert_like_cold(project)
    stored = read_pack(project)
    reads: list[int] = []
    real = os.pread
    monkeypatch.setattr(os, "pread", lambda fd, n, at: reads.append(n) or real(fd, n, at))
    cache = BuildCache(project / ".cache" / "glossator")
    load_edition(project, cache=cache)
    # the index, then each folder's entry once: never the whole pack in one read
    assert max(reads) < pack(project).stat().st_size
    assert sorted(r for r in reads if r in map(len, stored.values())) == sorted(
        map(len, stored.values())
    )


def test_what_a_load_made_is_frozen_until_the_next_load():
    """The collector stops rescanning the edition for the rest of the build (it lives that
    long), and the next load thaws it, so a rebuild can free the edition it replaces."""
    import gc

    from glossator.pipeline.edition import cyclic_gc_paused

    before = gc.isenabled()
    try:
        with cyclic_gc_paused():
            edition = [[n] for n in range(1000)]
        assert gc.get_freeze_count() >= len(edition) and gc.isenabled() == before
        with cyclic_gc_paused():
            assert gc.get_freeze_count() == 0 and not gc.isenabled()
    finally:
        gc.unfreeze()
