"""Build figures: Glossator against plain mkdocs-material (default search) on the same texts.

For each size (default 10, 100 and 1,000 articles x 40 notes, from tests/corpus.py) it builds
the same article texts twice in one run: as plain Markdown pages with material and its
default search, and as a Glossator edition (Pagefind search) cold (no build cache, as on a
clean clone) and warm (the cache the cold build left, nothing changed). Each build is a child
process; its wall time and the peak memory of its whole process tree (the build and
everything it starts, such as Pagefind and the pool's workers, summed at each moment as
proportional set sizes, so pages a fork shares are counted once) are measured. Then site size,
file count, bytes per article page, home page size and the search index (size and files) on
both sides, each as a ratio to plain material against the targets of issue 20, and, for the
largest size, the browser measurement of search bytes (bench_search.py).

Under load (other jobs on the machine) use --runs 3: the minimum of the runs is printed.
``--growth`` adds 5,000 articles and prints the per-article cold cost at 5,000 against 1,000.

    python tests/bench/bench_build.py [--sizes 10,100,1000] [--notes 40] [--runs 1]
        [--growth] [--no-browser]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from corpus import write_edition, write_plain  # noqa: E402

MKDOCS = """site_name: Bench
theme:
  name: material
  font: false
nav:
  - Home: index.md
not_in_nav: |
  /*.md
plugins:
  - search
{extra}
"""


def generate(root: Path, articles: int, notes: int) -> tuple[Path, Path]:
    plain, gloss = root / "plain", root / "glossator"
    for site in (plain, gloss):
        (site / "docs").mkdir(parents=True)
        (site / "docs" / "index.md").write_text("# Home\n\n<!-- glossator:articles -->\n")
    (plain / "mkdocs.yml").write_text(MKDOCS.format(extra=""))
    (gloss / "mkdocs.yml").write_text(MKDOCS.format(extra="  - glossator"))
    write_plain(plain, articles)
    write_edition(gloss, articles, notes)
    return plain, gloss


TARGETS = {"cold": 1.5, "warm": 1.15, "memory": 3.0, "disk": 4.0, "files": 4.0}
"""Issue 20's targets, as ratios to plain material built in the same run."""
PAGE = os.sysconf("SC_PAGE_SIZE")
PYTHONPATH = {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}
"""Passed on to the builds, so another checkout's code can be measured with this venv."""


def _pss(pid: int) -> int:
    """Proportional set size: a page shared by n processes counts 1/n in each (so forked
    workers are not counted again for the parent's pages they share); 0 when unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_memory(root: int) -> tuple[int, int]:
    """(resident bytes, proportional bytes) of ``root`` and all its descendants now."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)  # field 4: parent pid
        rss[pid] = int(fields[21]) * PAGE  # field 24: resident pages
    total = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        pss += _pss(pid) or rss.get(pid, 0)
        todo += children.get(pid, [])
    return total, pss


class TreeMemory(threading.Thread):
    """Samples a process tree's summed memory every 20 ms: ``peak`` is the highest sum of
    proportional set sizes (what the machine needs: pages shared by a forked pool counted
    once), ``peak_rss`` the highest sum of resident sizes (shared pages counted in each).

    ``ru_maxrss`` of RUSAGE_CHILDREN is the largest single process, not the tree at once; the
    build and Pagefind run side by side, so what the machine needs is their sum.
    """

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.peak_rss, self.done = pid, 0, 0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            rss, pss = _tree_memory(self.pid)
            self.peak, self.peak_rss = max(self.peak, pss), max(self.peak_rss, rss)
            self.done.wait(0.02)


def build(project: Path) -> tuple[float, float, float]:
    """Seconds, peak memory (MB, all its processes together) and CPU seconds (all processes)
    of one `mkdocs build`. CPU time is printed beside wall time because it says more when
    other jobs share the machine: waiting for a core does not count in it."""
    out = project / "site"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=project,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **PYTHONPATH},
    )
    sampler = TreeMemory(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}")
    cpu = usage.ru_utime + usage.ru_stime  # the build's and every process it waited for
    print(f"    (peak memory summed as resident sizes: {sampler.peak_rss / 1e6:.0f} MB)")
    return seconds, sampler.peak / 1e6, cpu


def folder_bytes(folder: Path) -> tuple[int, int]:
    files = [f for f in folder.rglob("*") if f.is_file()] if folder.exists() else []
    return sum(f.stat().st_size for f in files), len(files)


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6)) if path.exists() else 0


def article_pages(site: Path) -> list[Path]:
    return sorted(site.glob("article-*/index.html"))


def run_size(root: Path, articles: int, notes: int, runs: int) -> dict:
    plain, gloss = generate(root / f"n{articles}", articles, notes)

    def cold(project: Path) -> tuple[float, float, float]:
        shutil.rmtree(project / ".cache", ignore_errors=True)  # Glossator's build cache
        return build(project)

    best: dict[str, tuple[float, float, float]] = {}
    for _ in range(runs):  # interleaved, so a busy moment hurts both sides alike
        for name, project, how in (
            ("plain", plain, build),
            ("cold", gloss, cold),
            ("warm", gloss, build),
        ):
            secs, peak, cpu = how(project)
            old = best.get(name)
            best[name] = (
                (min(secs, old[0]), max(peak, old[1]), min(cpu, old[2]))
                if old
                else (secs, peak, cpu)
            )
    fig: dict = {"articles": articles, "notes": notes, "time": best}
    for side, project in (("plain", plain), ("glossator", gloss)):
        site = project / "site"
        pages = article_pages(site)
        size, files = folder_bytes(site)
        fig[side] = {
            "site": size,
            "files": files,
            "page": sum(p.stat().st_size for p in pages) / max(1, len(pages)),
            "page_gz": sum(gz(p) for p in pages[:20]) / max(1, min(20, len(pages))),
            "home": (site / "index.html").stat().st_size,
        }
    lunr = plain / "site" / "search" / "search_index.json"
    fig["plain"]["index"] = (lunr.stat().st_size, 1, gz(lunr))
    size, count = folder_bytes(gloss / "site" / "pagefind")
    fig["glossator"]["index"] = (size, count, None)
    fig["glossator"]["lunr_shipped"] = (gloss / "site" / "search" / "search_index.json").exists()
    fig["sites"] = (plain / "site", gloss / "site")
    return fig


def mb(n: float) -> str:
    return f"{n / 1e6:6.1f} MB"


def kb(n: float) -> str:
    return f"{n / 1024:6.0f} KB"


def verdict(ratio: float, target: str) -> str:
    limit = TARGETS[target]
    return f"{ratio:5.2f}x (target <= {limit}: {'met' if ratio <= limit else 'MISSED'})"


def print_size(fig: dict) -> None:
    t = fig["time"]
    plain, cold, warm = t["plain"], t["cold"], t["warm"]
    print(f"\n== {fig['articles']} articles x {fig['notes']} notes ==")
    print(
        f"  plain material     build {plain[0]:6.2f} s   peak {plain[1]:5.0f} MB (PSS, all processes)"
    )
    print(
        f"  CPU time           plain {plain[2]:6.2f} s   glossator cold {cold[2]:6.2f} s "
        f"({cold[2] / plain[2]:.2f}x)   warm {warm[2]:6.2f} s ({warm[2] / plain[2]:.2f}x)"
    )
    print(
        f"  glossator cold     build {cold[0]:6.2f} s   peak {cold[1]:5.0f} MB   "
        f"time {verdict(cold[0] / plain[0], 'cold')}   memory {verdict(cold[1] / plain[1], 'memory')}"
    )
    print(
        f"  glossator warm     build {warm[0]:6.2f} s   peak {warm[1]:5.0f} MB   "
        f"time {verdict(warm[0] / plain[0], 'warm')}   memory {verdict(warm[1] / plain[1], 'memory')}"
    )
    p, g = fig["plain"], fig["glossator"]
    print(
        f"  site on disk       plain {mb(p['site'])}   glossator {mb(g['site'])}   "
        f"{verdict(g['site'] / p['site'], 'disk')}"
    )
    print(
        f"  files              plain {p['files']:9,}   glossator {g['files']:9,}   "
        f"{verdict(g['files'] / p['files'], 'files')}"
    )
    print(
        f"  article page       plain {kb(p['page'])} ({kb(p['page_gz']).strip()} gzip)   "
        f"glossator {kb(g['page'])} ({kb(g['page_gz']).strip()} gzip)"
    )
    print(f"  home page          glossator {kb(g['home'])} (target <= 100 KB)")
    print(
        f"  search index       plain {mb(p['index'][0])} in 1 file ({mb(p['index'][2]).strip()} "
        f"gzip, all fetched at page load)   glossator {mb(g['index'][0])} in "
        f"{g['index'][1]} files (fetched per query)"
        + ("   [material's index also shipped!]" if g["lunr_shipped"] else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--notes", type=int, default=40)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--growth", action="store_true", help="also 5,000 articles")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    if args.growth and 5000 not in sizes:
        sizes.append(5000)
    with tempfile.TemporaryDirectory(prefix="glossator-bench-") as tmp:
        figures = []
        for n in sizes:
            fig = run_size(Path(tmp), n, args.notes, args.runs)
            print_size(fig)
            figures.append(fig)
        if len(figures) > 1:
            # the per-article cost of the two largest sizes (at 10 articles the fixed cost of
            # starting MkDocs dominates, so only sizes of a hundred or more say anything)
            first, last = figures[-2], figures[-1]
            growth = (last["time"]["cold"][0] / first["time"]["cold"][0]) / (
                last["articles"] / first["articles"]
            )
            print(
                f"\ngrowth: cold build time per article at {last['articles']} / at "
                f"{first['articles']} = {growth:.2f} (1.0 = linear; target within 10%: "
                f"{'met' if growth <= 1.1 else 'MISSED'})"
            )
        if not args.no_browser:
            from bench_search import measure_glossator, measure_plain, report

            plain_site, gloss_site = figures[-1]["sites"]
            print(f"\n== search in Chromium, {figures[-1]['articles']} articles, gzip server ==")
            print("\n".join(report(measure_glossator(gloss_site), measure_plain(plain_site))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
