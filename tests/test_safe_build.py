"""A failed build leaves the previous site/ exactly as it was (glossator.safe_build)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from glossator import safe_build
from glossator.safe_build import BuildFailed, main
from projects import MKDOCS_YML

GOOD_NOTE = """\
quote: first paragraph
kind: context
title: A good note
body: Fine.
"""
BROKEN_NOTE = """\
quote: first paragraph
kind: contxt
title: A broken note
body: The kind is misspelt.
"""
WARNING_NOTE = """\
quote: second paragraph
kind: context
title: Raw HTML only warns
body: <b>bold</b>
"""


def make_project(root: Path, notes: dict[str, str]) -> Path:
    files = {
        "mkdocs.yml": MKDOCS_YML,
        "docs/index.md": "# Home\n\n<!-- glossator:articles -->\n",
        "seeds/article.txt": "An Article\n\nThe first paragraph.\n\nThe second paragraph.\n",
        **{f"annotations/article/{name}.yml": text for name, text in notes.items()},
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "glossator.safe_build", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )


@pytest.fixture
def built(tmp_path) -> Path:
    """A project with a good site/ already built, plus a marker only the old site has."""
    root = make_project(tmp_path, {"good": GOOD_NOTE})
    proc = run(root, "--strict", "--site-dir", "site")
    assert proc.returncode == 0, proc.stderr
    (root / "site" / "old-marker.txt").write_text("from the previous build")
    return root


def test_a_good_build_replaces_the_site(built):
    (built / "annotations" / "article" / "second.yml").write_text(
        GOOD_NOTE.replace("first", "second")
    )
    proc = run(built, "--strict", "--site-dir", "site")
    assert proc.returncode == 0, proc.stderr
    site = built / "site"
    assert not (site / "old-marker.txt").exists()  # a fresh site, not a dirty one
    assert 'id="second"' in (site / "article" / "index.html").read_text()
    assert leftovers(built) == []
    assert (site.stat().st_mode & 0o777) == 0o777 & ~_umask()  # readable by a web server


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_failed_build_leaves_the_site_as_it_was(built):
    before = snapshot(built / "site")
    (built / "annotations" / "article" / "broken.yml").write_text(BROKEN_NOTE)
    proc = run(built, "--strict", "--site-dir", "site")
    assert proc.returncode == 1
    assert "annotations/article/broken.yml:2:7: error: unknown kind 'contxt'" in proc.stderr
    assert "site was left as it was" in proc.stderr
    assert snapshot(built / "site") == before
    assert leftovers(built) == []


def test_strict_fails_on_warnings_and_plain_does_not(built):
    (built / "annotations" / "article" / "warn.yml").write_text(WARNING_NOTE)
    before = snapshot(built / "site")
    strict = run(built, "--strict", "--site-dir", "site")
    assert strict.returncode == 1
    assert "raw HTML in 'body'" in strict.stderr
    assert snapshot(built / "site") == before
    plain = run(built, "--site-dir", "site")
    assert plain.returncode == 0, plain.stderr
    assert 'id="warn"' in (built / "site" / "article" / "index.html").read_text()
    assert leftovers(built) == []


def test_a_failed_first_build_creates_no_site(tmp_path):
    root = make_project(tmp_path, {"broken": BROKEN_NOTE})
    proc = run(root, "--site-dir", "site")
    assert proc.returncode == 1
    assert "No site was written to site." in proc.stderr
    assert not (root / "site").exists()
    assert leftovers(root) == []


def test_config_file_and_site_dir_elsewhere(built, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("cwd")
    out = elsewhere / "deploy" / "public"
    proc = run(elsewhere, "-f", str(built / "mkdocs.yml"), "--site-dir", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (out / "article" / "index.html").is_file()
    assert leftovers(out.parent) == []


def test_a_crash_mid_build_leaves_the_site_and_no_temporary_folder(built, monkeypatch, capsys):
    before = snapshot(built / "site")

    def crash(config_file, site_dir, *, strict=False):
        (Path(site_dir) / "index.html").write_text("half a site")
        raise RuntimeError("the build crashed")

    monkeypatch.setattr(safe_build, "build_site", crash)
    monkeypatch.chdir(built)
    assert main(["--site-dir", "site"]) == 2
    assert "RuntimeError: the build crashed" in capsys.readouterr().err
    assert snapshot(built / "site") == before
    assert leftovers(built) == []


def test_if_the_new_site_cannot_be_moved_in_the_old_one_is_put_back(built, monkeypatch):
    before = snapshot(built / "site")
    real_rename = os.rename

    def rename(src, dst):  # the new site cannot move in; putting the old one back works
        if Path(src).name.startswith(".site-") and "-old-" not in Path(src).name:
            raise OSError("disk trouble")
        return real_rename(src, dst)

    monkeypatch.setattr(safe_build.os, "rename", rename)
    with pytest.raises(OSError, match="disk trouble"):
        safe_build.safe_build(built / "mkdocs.yml", built / "site")
    assert snapshot(built / "site") == before
    assert leftovers(built) == []


@pytest.mark.parametrize("target", [".", ".."])
def test_refuses_a_site_dir_that_holds_the_project(built, target):
    before = snapshot(built)
    with pytest.raises(BuildFailed, match="refusing to replace"):
        safe_build.safe_build(built / "mkdocs.yml", built / target)
    assert snapshot(built) == before
    proc = run(built, "--site-dir", target)
    assert proc.returncode == 1 and "refusing to replace" in proc.stderr
    assert snapshot(built) == before
