"""Runs the Pagefind binary over the search records while MkDocs goes on building pages.

Pagefind is a separate process (and multi-threaded), so on a two-core machine indexing costs
little wall time if it starts as soon as the records are known and is only waited for at the
end of the build. It reads a scratch folder of record files (see ``searchindex``) and writes
its bundle into another; ``finish`` moves the bundle into the site as ``pagefind/`` and drops
the parts of the bundle Glossator does not use (Pagefind's own UIs and highlighter).

Each language gets a bundle of its own, indexed with that language's rules (the extended
build segments Chinese and Japanese): the site's language in ``pagefind/``, any other in
``pagefind-<lang>/``. Pagefind would otherwise split one bundle by language and search only
the one of the page the reader is on; ``search.js`` queries every bundle and merges the
results, so an English page finds the Japanese article, with Japanese segmentation.

Pagefind holds all it indexes in memory (about half a megabyte for an article of forty notes),
so a big bundle is indexed in parts of ``part_pages`` pages, one run after another: part 0 is
the bundle itself, part ``k`` its ``part-k/`` folder, and ``parts.json`` says how many there
are. ``search.js`` merges the parts into one search with Pagefind's ``mergeIndex``, as it does
another shard's bundle, so memory stays flat however large the publication grows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from glossator.search.records import SearchRecord

BUNDLE = "pagefind"
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


PART_PAGES = 500
"""Pages one Pagefind run indexes at most: about 250 MB of Pagefind's memory at forty notes a
page. Each part adds its own index files to what a query fetches, so parts are few and even."""
PARTS_FILE = "parts.json"
"""In each bundle: ``{"parts": n}``, read by the search of other shards."""


NOTHING_TO_INDEX = "not able to build an index"
"""What Pagefind says of a folder of records with no words in them."""


class SearchBuildError(RuntimeError):
    pass


def language_code(language: object) -> str:
    """Pagefind's language (ISO 639-1) from a BCP 47 tag: 'en', 'pt-BR' -> 'pt'."""
    return str(language or "en").split("-")[0].lower() or "en"


def bundle_name(language: str, site_language: str) -> str:
    """Where a language's bundle goes in the site: ``pagefind`` or ``pagefind-<lang>``."""
    code = language_code(language)
    return BUNDLE if code == language_code(site_language) else f"{BUNDLE}-{code}"


def pagefind_executable() -> Path:
    """The extended binary (``pagefind-bin-extended``, with Chinese and Japanese segmentation),
    else the plain one, or ``$PAGEFIND_BINARY_PATH``."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        try:
            from pagefind_bin import get_executable
        except ImportError as exc:
            raise SearchBuildError(
                "Pagefind is not installed: pip install 'pagefind[extended]' "
                "(or set the glossator plugin's 'search: material' to use material's search)"
            ) from exc
    return Path(get_executable())


class PagefindRun:
    """One indexing run: ``add`` each page's records, ``start()`` returns at once,
    ``finish(site_dir)`` waits; ``close()`` abandons it (a failed build).

    Each record goes to the scratch folder as it is added, not into memory: at a thousand
    articles the records are tens of megabytes that nothing but Pagefind reads.
    """

    def __init__(self, language: str = "en", part_pages: int = PART_PAGES):
        self.language = language  # the site's
        self.part_pages = max(1, part_pages)
        # by page, so a rebuild replaces: each record's file (under the scratch folder) and language
        self.records: dict[str, list[tuple[Path, str]]] = {}
        self._scratch: Path | None = None
        self._made: set[Path] = set()
        self.parts: dict[str, int] = {}  # bundle name -> how many parts it is indexed in
        self._jobs: list[tuple[str, int, Path, Path, str]] = []  # (bundle, part, in, out, code)
        self._codes: dict[tuple[str, int], int] = {}
        self._runner: threading.Thread | None = None
        self._current: subprocess.Popen | None = None
        self._stopping = threading.Event()

    def bundles(self) -> dict[str, str]:
        """``{language code: bundle name}`` of every language the records are in (the site's
        language has the bundle ``pagefind/`` when any record is in it)."""
        codes = {language_code(lang) for rs in self.records.values() for _, lang in rs}
        codes = codes or {language_code(self.language)}  # Pagefind refuses an empty folder
        return {code: bundle_name(code, self.language) for code in sorted(codes)}

    def _records_dir(self) -> Path:
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="glossator-search-"))
            self._made = set()
        return self._scratch / "records"

    def add(self, page: str, records: list[SearchRecord]) -> None:
        source = self._records_dir()
        written = []
        try:
            for old, _ in self.records.pop(page, []):
                old.unlink(missing_ok=True)
            for record in records:
                path = source / bundle_name(record.lang, self.language) / record.path
                if path.parent not in self._made:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    self._made.add(path.parent)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(record.html)
                written.append((path, record.lang))
        except OSError as exc:
            raise SearchBuildError(f"could not write the search records: {exc}") from exc
        self.records[page] = written

    def start(self) -> None:
        self._stop()
        try:
            self._start()
        except OSError as exc:
            self.close()
            raise SearchBuildError(f"could not start Pagefind: {exc}") from exc

    def _start(self) -> None:
        records = self._records_dir()
        parts_root = self._scratch / "parts"
        shutil.rmtree(parts_root, ignore_errors=True)  # a rebuild's parts are made afresh
        self.parts, self._jobs, self._codes = {}, [], {}
        for code, name in self.bundles().items():
            source = records / name
            source.mkdir(parents=True, exist_ok=True)
            pages = sorted(
                path
                for written in self.records.values()
                for path, lang in written
                if bundle_name(lang, self.language) == name
            )
            count = max(1, -(-len(pages) // self.part_pages))  # as few parts as fit, even
            parts = [
                pages[k * len(pages) // count : (k + 1) * len(pages) // count] for k in range(count)
            ]
            self.parts[name] = len(parts)
            for k, part in enumerate(parts):
                folder = source
                if len(parts) > 1:  # each part sees only its pages: links, not copies
                    folder = parts_root / name / str(k)
                    for path in part:
                        link = folder / path.relative_to(source)
                        link.parent.mkdir(parents=True, exist_ok=True)
                        os.link(path, link)
                self._jobs.append((name, k, folder, self._part_out(name, k), code))
        self._stopping.clear()
        self._runner = threading.Thread(target=self._run_all, daemon=True)
        self._runner.start()

    def _part_out(self, name: str, part: int) -> Path:
        return self._scratch / "out" / (name if part == 0 else f"{name}.part-{part}")

    def _run_all(self) -> None:
        """One Pagefind at a time (each is multi-threaded): memory is one part's, not all."""
        for name, part, source, output, code in self._jobs:
            if self._stopping.is_set():
                return
            try:
                self._current = self._run(source, output, code)
                self._codes[(name, part)] = self._current.wait()
            except OSError as exc:
                self._codes[(name, part)] = -1
                with open(output.parent / f"{output.name}.log", "a") as log:
                    log.write(f"could not start Pagefind: {exc}\n")

    def _run(self, source: Path, output: Path, code: str) -> subprocess.Popen:
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(output.parent / f"{output.name}.log", "ab") as log:
            return subprocess.Popen(
                [
                    str(pagefind_executable()),
                    "--site",
                    str(source),
                    "--output-path",
                    str(output),
                    "--exclude-selectors",
                    ".headerlink",
                    "--force-language",
                    code,
                    "--quiet",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    def finish(self, site_dir: Path | str) -> Path:
        """Wait for Pagefind, then put its bundles at ``site_dir/pagefind…`` (replacing any)."""
        if self._runner is None or self._scratch is None:
            raise SearchBuildError("the search index was never started")
        try:
            self._runner.join()
            written = []
            for name, part, _, output, _ in self._jobs:
                code = self._codes.get((name, part), -1)
                log = (output.parent / f"{output.name}.log").read_text(errors="replace")
                if code != 0 and NOTHING_TO_INDEX in log and len(self.parts) > 1:
                    continue  # e.g. only a home page of links in the site's language
                if code != 0:
                    raise SearchBuildError(f"Pagefind failed (exit {code}):\n{log.strip()}")
                written.append((name, part, output))
            for name, part, bundle in written:
                for unused in UNUSED:
                    (bundle / unused).unlink(missing_ok=True)
                target = Path(site_dir) / name
                if part:
                    target = target / f"part-{part}"
                elif target.exists():
                    shutil.rmtree(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(bundle), str(target))
                if not part:
                    parts = json.dumps({"parts": self.parts[name]})
                    (target / PARTS_FILE).write_text(parts + "\n", encoding="utf-8")
            return Path(site_dir) / BUNDLE
        except OSError as exc:
            raise SearchBuildError(f"could not write the search index: {exc}") from exc
        finally:
            self.close()

    def _stop(self) -> None:
        self._stopping.set()
        current = self._current
        if current is not None and current.poll() is None:
            current.kill()
            current.wait()
        if self._runner is not None:
            self._runner.join()
        self._runner = self._current = None

    def close(self) -> None:
        """Stop a run that will not be finished (a failed build) and remove its scratch files."""
        self._stop()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
        self._scratch = None
        self.records = {}
