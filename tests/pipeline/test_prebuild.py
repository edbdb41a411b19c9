"""A cold build makes its articles on every core first: the site is the one a build without
the pool (no cache) and a warm build make, byte for byte."""

from __future__ import annotations

import filecmp
import shutil

import pytest

from glossator.pipeline.prebuild import POOL_ARTICLES, _cores
from corpus import write_edition
from projects import MKDOCS_YML, mkdocs_build, write_project

pytestmark = pytest.mark.skipif(_cores() < 2, reason="the pool needs two cores to be used")

NO_CACHE = MKDOCS_YML.replace("  - glossator\n", "  - glossator:\n      cache_dir: ''\n")


def _differences(a, b) -> list[str]:
    """Files that differ between two sites (Pagefind's index files are named by hashes that
    vary from run to run, so the search index is left out)."""
    found, todo = [], [filecmp.dircmp(a, b, ignore=["pagefind"])]
    while todo:
        cmp = todo.pop()
        found += cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found += mismatch + errors
        todo += cmp.subdirs.values()
    return found


def test_the_pool_changes_no_byte_of_the_site(tmp_path):
    articles = POOL_ARTICLES + 2  # just enough for the pool
    pooled = write_edition(write_project(tmp_path / "pooled", {}), articles, 3)
    serial = write_edition(write_project(tmp_path / "serial", {"mkdocs.yml": NO_CACHE}), articles, 3)
    for project in (pooled, serial):
        (project / "annotations" / "article-0003" / "note-01.yml").unlink()  # not all alike
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
    assert (pooled / ".cache").exists() and not (serial / ".cache").exists()
    assert _differences(pooled / "site", serial / "site") == []
    cold = pooled / "cold"
    shutil.move(pooled / "site", cold)
    assert mkdocs_build(pooled).returncode == 0  # warm: every article from the cache
    assert _differences(cold, pooled / "site") == []
