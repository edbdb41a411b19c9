"""Pagefind runs: a bundle is indexed in as few even parts as ``part_pages`` allows, and each
part is a whole Pagefind index the search box can merge (``part-k/``, counted in parts.json)."""

from __future__ import annotations

import json

import pytest

from glossator.search.pagefind import PARTS_FILE, PagefindRun, SearchBuildError, pagefind_executable
from glossator.search.records import SearchRecord

try:
    pagefind_executable()
except SearchBuildError as exc:  # pragma: no cover - pagefind is a dependency
    pytest.skip(str(exc), allow_module_level=True)


def _page(n: int) -> SearchRecord:
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>'
        f"<main data-pagefind-body><h1>Page {n}</h1><p>word{n} common</p></main></body></html>"
    )
    return SearchRecord(f"page-{n}.html", html)


def _indexed(tmp_path, pages: int, part_pages: int):
    run = PagefindRun("en", part_pages)
    for n in range(pages):
        run.add(f"page-{n}.md", [_page(n)])
    run.start()
    return run, run.finish(tmp_path / "site")


def test_a_bundle_over_the_part_size_is_indexed_in_even_parts(tmp_path):
    _, bundle = _indexed(tmp_path, 5, 2)
    assert json.loads((bundle / PARTS_FILE).read_text()) == {"parts": 3}
    for part in (bundle, bundle / "part-1", bundle / "part-2"):
        assert (part / "pagefind-entry.json").is_file()
    pages = [json.loads((p / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"]
             for p in (bundle, bundle / "part-1", bundle / "part-2")]  # fmt: skip
    assert sorted(pages) == [1, 2, 2] and sum(pages) == 5  # every page once, parts even


def test_a_bundle_within_the_part_size_is_one_index(tmp_path):
    _, bundle = _indexed(tmp_path, 3, 500)
    assert json.loads((bundle / PARTS_FILE).read_text()) == {"parts": 1}
    assert not (bundle / "part-1").exists()


def _run(site, reuse, pages):
    run = PagefindRun("en", 2, reuse)
    for n, html in enumerate(pages):
        run.add(f"page-{n}.md", [SearchRecord(f"page-{n}.html", html)])
    run.start()
    return run, run.finish(site)


def _files(bundle):
    return {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}


def test_a_rebuild_with_the_same_records_copies_the_kept_parts_instead_of_indexing(tmp_path):
    reuse = tmp_path / "cache" / "pagefind"
    pages = [_page(n).html for n in range(5)]
    first, bundle = _run(tmp_path / "one", reuse, pages)
    assert first.reused == 0 and len(list(reuse.iterdir())) == 3
    again, same = _run(tmp_path / "two", reuse, pages)
    assert again.reused == 3
    assert _files(same) == _files(bundle)


def test_after_one_page_changes_only_its_part_is_indexed_again(tmp_path):
    from pagefind_output import decode

    reuse = tmp_path / "cache" / "pagefind"
    pages = [_page(n).html for n in range(5)]
    _run(tmp_path / "one", reuse, pages)
    pages[4] = pages[4].replace("word4", "zeppelin")
    run, bundle = _run(tmp_path / "two", reuse, pages)
    assert run.reused == 2
    text = b"".join(decode(p) for p in bundle.rglob("fragment/*.pf_fragment"))
    assert b"zeppelin" in text and b"word4" not in text
    assert len(list(reuse.iterdir())) == 3  # the replaced part's old bundle is gone


def test_only_the_records_of_a_part_to_index_are_written(tmp_path, monkeypatch):
    """A rebuild that reuses a part writes none of its records: at a thousand articles they
    are a thousand files a warm build would create for nothing."""
    written: list[str] = []
    real = PagefindRun._write_records

    def spy(self, source, part):
        written.extend(rel for rel, _, _ in part)
        return real(self, source, part)

    monkeypatch.setattr(PagefindRun, "_write_records", spy)
    reuse = tmp_path / "cache" / "pagefind"
    pages = [_page(n).html for n in range(5)]
    _run(tmp_path / "one", reuse, pages)
    assert sorted(written) == [f"page-{n}.html" for n in range(5)]
    written.clear()
    _run(tmp_path / "two", reuse, pages)
    assert written == []
    pages[4] = pages[4].replace("word4", "zeppelin")
    _run(tmp_path / "three", reuse, pages)
    assert written == ["page-3.html", "page-4.html"]  # its part alone (parts of 1, 2, 2 pages)


def test_a_kept_part_is_linked_and_one_written_to_in_place_is_indexed_again(tmp_path):
    """Reuse links the kept files into the site (at a thousand articles, a thousand files
    the file system need not create); a tool that rewrites a site file in place writes the
    kept one too, and the next build must notice and index that part afresh."""
    reuse = tmp_path / "cache" / "pagefind"
    pages = [_page(n).html for n in range(5)]
    _run(tmp_path / "one", reuse, pages)
    run, bundle = _run(tmp_path / "two", reuse, pages)
    assert run.reused == 3
    entry = bundle / "pagefind-entry.json"
    kept = [p for p in reuse.rglob("pagefind-entry.json") if p.samefile(entry)]
    assert len(kept) == 1  # the same file, not a copy
    assert not list(bundle.rglob(".glossator-manifest.json"))
    with open(entry, "r+b") as f:  # in place, as some post-processors do
        f.seek(0, 2)
        f.write(b" ")
    again, fresh = _run(tmp_path / "three", reuse, pages)
    assert again.reused == 2
    assert json.loads((fresh / "pagefind-entry.json").read_text())["languages"]
    assert _run(tmp_path / "four", reuse, pages)[0].reused == 3  # kept afresh


def test_a_fresh_part_is_kept_as_links_to_the_files_in_the_site(tmp_path):
    """Keeping a part for the next build creates no file: the kept bundle is the site's own
    files, linked, so a tool writing one of them in place is caught as for a reused part."""
    reuse = tmp_path / "cache" / "pagefind"
    pages = [_page(n).html for n in range(5)]
    _, bundle = _run(tmp_path / "one", reuse, pages)
    entry = bundle / "pagefind-entry.json"
    assert [p for p in reuse.rglob("pagefind-entry.json") if p.samefile(entry)]
    with open(entry, "r+b") as f:
        f.seek(0, 2)
        f.write(b" ")
    assert _run(tmp_path / "two", reuse, pages)[0].reused == 2


def test_records_that_cannot_be_written_fail_the_build_saying_why(tmp_path, monkeypatch):
    import builtins

    def full(path, mode="r", *args, **kwargs):
        if str(path).endswith(".html") and "w" in mode:
            raise OSError(28, "No space left on device")
        return builtins.open(path, mode, *args, **kwargs)

    monkeypatch.setattr("glossator.search.pagefind.open", full, raising=False)
    run = PagefindRun("en", 500)
    run.add("page-0.md", [_page(0)])
    run.start()  # the records are written by the run, not here
    with pytest.raises(SearchBuildError, match=r"could not write the search records.*No space"):
        run.finish(tmp_path / "site")
    assert not (tmp_path / "site" / "pagefind").exists()
