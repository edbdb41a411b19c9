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
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
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
    ``finish(site_dir)`` waits; ``close()`` abandons it (a failed build)."""

    def __init__(self, language: str = "en"):
        self.language = language  # the site's
        self.records: dict[str, list[SearchRecord]] = {}  # by page, so a rebuild replaces
        self._scratch: Path | None = None
        self._procs: dict[str, subprocess.Popen] = {}  # by bundle name

    def bundles(self) -> dict[str, str]:
        """``{language code: bundle name}`` of every language the records are in (the site's
        language has the bundle ``pagefind/`` when any record is in it)."""
        codes = {language_code(r.lang) for rs in self.records.values() for r in rs}
        codes = codes or {language_code(self.language)}  # Pagefind refuses an empty folder
        return {code: bundle_name(code, self.language) for code in sorted(codes)}

    def add(self, page: str, records: list[SearchRecord]) -> None:
        self.records[page] = records

    def start(self) -> None:
        self.close()
        try:
            self._start(r for page in sorted(self.records) for r in self.records[page])
        except OSError as exc:
            self.close()
            raise SearchBuildError(f"could not start Pagefind: {exc}") from exc

    def _start(self, records: Iterable[SearchRecord]) -> None:
        self._scratch = Path(tempfile.mkdtemp(prefix="glossator-search-"))
        made: set[Path] = set()
        for record in records:
            path = self._scratch / "records" / bundle_name(record.lang, self.language) / record.path
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            with open(path, "w", encoding="utf-8") as f:
                f.write(record.html)
        for code, name in self.bundles().items():
            source = self._scratch / "records" / name
            source.mkdir(parents=True, exist_ok=True)
            self._procs[name] = self._run(source, self._scratch / "out" / name, code)

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
        if not self._procs or self._scratch is None:
            raise SearchBuildError("the search index was never started")
        try:
            written = []
            for name, proc in self._procs.items():
                code = proc.wait()
                log = (self._scratch / "out" / f"{name}.log").read_text(errors="replace")
                if code != 0 and NOTHING_TO_INDEX in log and len(self._procs) > 1:
                    continue  # e.g. only a home page of links in the site's language
                if code != 0:
                    raise SearchBuildError(f"Pagefind failed (exit {code}):\n{log.strip()}")
                written.append(name)
            for name in written:
                bundle = self._scratch / "out" / name
                for unused in UNUSED:
                    (bundle / unused).unlink(missing_ok=True)
                target = Path(site_dir) / name
                if target.exists():
                    shutil.rmtree(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(bundle), str(target))
            return Path(site_dir) / BUNDLE
        except OSError as exc:
            raise SearchBuildError(f"could not write the search index: {exc}") from exc
        finally:
            self.close()

    def close(self) -> None:
        """Stop a run that will not be finished (a failed build) and remove its scratch files."""
        for proc in self._procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
        self._procs = {}
        self._scratch = None
