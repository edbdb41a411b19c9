"""Runs the Pagefind binary over the search records while MkDocs goes on building pages.

Pagefind is a separate process (and multi-threaded), so on a two-core machine indexing costs
little wall time if it starts as soon as the records are known and is only waited for at the
end of the build. It reads a scratch folder of record files (see ``searchindex``) and writes
its bundle into another; ``finish`` moves the bundle into the site as ``pagefind/`` and drops
the parts of the bundle Glossator does not use (Pagefind's own UIs and highlighter).
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


class SearchBuildError(RuntimeError):
    pass


def language_code(language: object) -> str:
    """Pagefind's language (ISO 639-1) from the theme's: 'en', 'pt-BR' -> 'pt'."""
    return str(language or "en").split("-")[0] or "en"


def pagefind_executable() -> Path:
    """The binary shipped inside the ``pagefind-bin`` wheel (or ``$PAGEFIND_BINARY_PATH``)."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:
        raise SearchBuildError(
            "Pagefind is not installed: pip install 'pagefind[bin]' "
            "(or set the glossator plugin's 'search: material' to use material's search)"
        ) from exc
    return Path(get_executable())


class PagefindRun:
    """One indexing run: ``add`` each page's records, ``start()`` returns at once,
    ``finish(site_dir)`` waits; ``close()`` abandons it (a failed build)."""

    def __init__(self, language: str = "en"):
        self.language = language
        self.records: dict[str, list[SearchRecord]] = {}  # by page, so a rebuild replaces
        self._scratch: Path | None = None
        self._proc: subprocess.Popen | None = None
        self._log: Path | None = None

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
        source = self._scratch / "records"
        made: set[Path] = set()
        for record in records:
            path = source / record.path
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            with open(path, "w", encoding="utf-8") as f:
                f.write(record.html)
        self._log = self._scratch / "pagefind.log"
        with open(self._log, "wb") as log:
            self._proc = subprocess.Popen(
                [
                    str(pagefind_executable()),
                    "--site",
                    str(source),
                    "--output-path",
                    str(self._scratch / BUNDLE),
                    "--exclude-selectors",
                    ".headerlink",
                    "--force-language",
                    self.language,
                    "--quiet",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    def finish(self, site_dir: Path | str) -> Path:
        """Wait for Pagefind, then put its bundle at ``site_dir/pagefind`` (replacing any)."""
        if self._proc is None or self._scratch is None:
            raise SearchBuildError("the search index was never started")
        try:
            code = self._proc.wait()
            if code != 0:
                log = self._log.read_text(encoding="utf-8", errors="replace") if self._log else ""
                raise SearchBuildError(f"Pagefind failed (exit {code}):\n{log.strip()}")
            bundle = self._scratch / BUNDLE
            for name in UNUSED:
                (bundle / name).unlink(missing_ok=True)
            target = Path(site_dir) / BUNDLE
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(bundle), str(target))
            return target
        except OSError as exc:
            raise SearchBuildError(f"could not write the search index: {exc}") from exc
        finally:
            self.close()

    def close(self) -> None:
        """Stop a run that will not be finished (a failed build) and remove its scratch files."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
        self._proc = None
        self._scratch = None
