"""The edition's load: many folders are read on every core, with the result of one."""

from __future__ import annotations

import pytest

import glossator.pipeline.folders as folders_module
from corpus import write_edition
from glossator.pipeline.edition import load_edition
from glossator.pipeline.pack import BuildCache

pytestmark = pytest.mark.skipif(
    folders_module._cores() < 2, reason="the pool needs two cores to be used at all"
)


def _broken(root):
    """A few folders that fail in different ways, so problems and their order are compared."""
    (root / "annotations" / "article-0002" / "note-01.yml").write_text("quote: [unclosed\n")
    (root / "annotations" / "article-0004" / "stray.txt").write_text("not a note\n")
    (root / "annotations" / "no-such-article").mkdir()
    (root / "annotations" / "no-such-article" / "orphan.yml").write_text(
        "quote: a passage\nkind: context\ntitle: Orphan\nbody: A note with no article.\n"
    )


def test_a_pooled_load_gives_the_serial_load_exactly(tmp_path, monkeypatch):
    _broken(write_edition(tmp_path, 12, 6))
    monkeypatch.setattr(folders_module, "POOL_FOLDERS", 10**9)
    serial = load_edition(tmp_path)
    monkeypatch.setattr(folders_module, "POOL_FOLDERS", 1)
    calls = []
    monkeypatch.setattr(folders_module, "ProcessPoolExecutor", _Counting(calls))
    pooled = load_edition(tmp_path)
    assert calls, "the pool was not used"
    assert pooled.notes == serial.notes
    assert pooled.problems == serial.problems  # the same messages, in the same order
    assert pooled.unanchored == serial.unanchored
    assert pooled.annotation_files == serial.annotation_files
    assert {p.code for p in pooled.problems} >= {"yaml", "not-annotation", "no-article"}


def test_a_pooled_load_fills_the_cache_a_warm_load_reads(tmp_path, monkeypatch):
    write_edition(tmp_path, 8, 4)
    monkeypatch.setattr(folders_module, "POOL_FOLDERS", 1)
    cold = load_edition(tmp_path, cache=BuildCache(tmp_path / ".cache"))
    warm_cache = BuildCache(tmp_path / ".cache")
    warm = load_edition(tmp_path, cache=warm_cache)
    assert warm_cache.hits == 8 and warm_cache.misses == 0
    assert warm.notes == cold.notes


class _Counting:
    """ProcessPoolExecutor, counting its uses."""

    def __init__(self, calls: list):
        self.calls = calls

    def __call__(self, *args, **kwargs):
        from concurrent.futures import ProcessPoolExecutor

        self.calls.append(args)
        return ProcessPoolExecutor(*args, **kwargs)
