"""Two builds of the same inputs are byte-identical.

Each build runs in its own interpreter with a different PYTHONHASHSEED (so set and dict
ordering by hash cannot hide), from a copy of the project in a different directory, into a
differently named site folder (so no absolute path can leak into the output). We compare every
article page, the home page (our article list) and the search records byte for byte, and
then every other file too, except the sitemap: MkDocs writes the build date into sitemap.xml
as <lastmod>, so two builds on either side of midnight differ there by design. Pagefind
writes its filter map in hash order (its filter file, and so the name of its metadata file,
can differ between runs), so those two are compared by content.
"""

from __future__ import annotations

import filecmp
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pagefind_output import decode

REPO = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ("mkdocs.yml", "docs", "seeds", "annotations", "overrides")
NOT_OURS = {"sitemap.xml", "sitemap.xml.gz"}  # <lastmod> is the build date

_spec = importlib.util.spec_from_file_location(
    "xss_vectors", Path(__file__).parent.parent / "fixtures" / "xss" / "vectors.py"
)
vectors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vectors)


def build_both(*jobs: tuple[Path, str, str]) -> list[tuple[int, str]]:
    """Run ``(project, site dir, hash seed)`` builds side by side; (exit code, stderr) each."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "glossator.safe_build", "--site-dir", site, "-f", "mkdocs.yml"],
            cwd=project,
            env={**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for project, site, seed in jobs
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    return [(p.returncode, err) for p, err in zip(procs, errors, strict=True)]


def files_under(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def unordered(name: str) -> bool:
    return name.endswith((".pf_filter", ".pf_meta")) or name == "pagefind/pagefind-entry.json"


def assert_identical(first: Path, second: Path, articles: list[str]) -> None:
    ours = [f"{slug}/index.html" for slug in articles] + ["index.html"]
    ours += sorted(files_under(first / "pagefind" / "fragment"))
    for rel in ours:
        a, b = first / rel, second / rel
        if rel.endswith(".pf_fragment"):
            a, b = first / "pagefind" / "fragment" / rel, second / "pagefind" / "fragment" / rel
        assert a.is_file(), rel
        assert a.read_bytes() == b.read_bytes(), f"{rel} differs between two builds"
    for pattern in ("pagefind/filter/*.pf_filter", "pagefind/*.pf_meta"):
        one, two = sorted(first.glob(pattern)), sorted(second.glob(pattern))
        assert len(one) == len(two) == 1, pattern
        # the same entries in another order: the same bytes, counted (the metadata names the
        # filter file by its hash, which is not compared)
        a, b = (
            decode(f).replace(next(site.glob("pagefind/filter/*")).stem.encode(), b"")
            for f, site in ((one[0], first), (two[0], second))
        )
        assert sorted(a) == sorted(b), pattern
    names = {n for n in files_under(first) if not unordered(n)}
    assert names == {n for n in files_under(second) if not unordered(n)}
    rest = sorted(n for n in names if Path(n).name not in NOT_OURS)
    _, mismatch, errors = filecmp.cmpfiles(first, second, rest, shallow=False)
    assert mismatch == [] and errors == [], mismatch + errors


def copy_project(source: Path, dest: Path) -> Path:
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.is_file():
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest


def test_the_hostile_fixture_builds_identically(tmp_path):
    one = vectors.write_project(tmp_path / "one")
    two = copy_project(one, tmp_path / "elsewhere" / "two")
    (code1, err1), (code2, err2) = build_both((one, "site", "1"), (two, "public/other-site", "2"))
    assert code1 == 0, err1
    assert code2 == 0, err2
    assert_identical(one / "site", two / "public" / "other-site", [vectors.SLUG])


def test_the_edition_builds_identically(tmp_path):
    one = copy_project(REPO, tmp_path / "one")
    two = copy_project(one, tmp_path / "elsewhere" / "two")
    (code1, err1), (code2, err2) = build_both((one, "site", "1"), (two, "public/other-site", "2"))
    assert code1 == 0, "the repository's edition does not build:\n" + err1[-2000:]
    assert code2 == 0, err2
    articles = sorted(p.name for p in (one / "annotations").iterdir() if p.is_dir())
    articles = [a for a in articles if (one / "site" / a / "index.html").is_file()]
    assert articles, "no article page was built"
    assert_identical(one / "site", two / "public" / "other-site", articles)
