"""The build cache: a warm load is indistinguishable from a cold one, and never stale."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossator.pipeline.cache import BuildCache
from glossator.pipeline.edition import load_edition
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
def test_changes_invalidate(project, change):
    assert_like_cold(project)
    warm = assert_like_cold(project)
    assert warm.misses == 0
    change(project)
    after = assert_like_cold(project)
    assert after.misses == 1  # the changed folder only; the other is still served


def pack(root: Path) -> Path:
    return root / ".cache" / "glossator" / "pack.pickle"


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage", b"\x80\x05N."])
def test_a_damaged_pack_is_ignored_and_rewritten(project, damage):
    assert_like_cold(project)
    pack(project).write_bytes(damage)
    assert assert_like_cold(project).misses == 2
    assert assert_like_cold(project).misses == 0


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage", b"\x80\x05N."])
def test_damaged_entries_are_ignored_and_rewritten(project, damage):
    assert_like_cold(project)
    fmt, entries = pickle.loads(pack(project).read_bytes())
    assert len(entries) == 2
    pack(project).write_bytes(pickle.dumps((fmt, dict.fromkeys(entries, damage))))
    assert assert_like_cold(project).misses == 2
    assert assert_like_cold(project).misses == 0


def test_entry_under_the_wrong_key_is_ignored(project):
    warm, _ = cached_load(project)
    fmt, entries = pickle.loads(pack(project).read_bytes())
    doha, kabul = (f"folders/{warm.cache_keys[s]}" for s in ("doha", "kabul"))
    entries[doha] = entries[kabul]
    pack(project).write_bytes(pickle.dumps((fmt, entries)))
    assert assert_like_cold(project).misses == 1


def test_a_build_prunes_entries_it_did_not_use(project):
    assert mkdocs_build(project).returncode == 0
    (project / "annotations/doha/vote.yml").write_text(NOTE.format(quote="the election"))
    assert mkdocs_build(project).returncode == 0
    _, entries = pickle.loads(pack(project).read_bytes())
    kinds = sorted(k.split("/")[0] for k in entries)
    assert kinds == ["folders"] * 2 + ["pages"] * 2 + ["reuse"] * 2 + ["search"] * 2


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
    _, entries = pickle.loads(pack(project).read_bytes())
    assert sum(k.startswith("pages/") for k in entries) == 2
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
