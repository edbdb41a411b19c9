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

With a ``reuse_dir`` (in the build cache), each part's bundle is kept under a key of every
byte Pagefind reads for it (its records, the language, the binary and its arguments): a
rebuild whose part has exactly those records links the kept bundle into the site (hard links:
no file is created anew, and a file written to in place is caught by the bundle's manifest)
instead of indexing again,
and after a one-note edit only that article's part is indexed. Pagefind is most of a warm
build's work otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from glossator.search.kept import NOT_LINKED, intact, link, write_manifest
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


@dataclass
class _Job:
    """One Pagefind run: a part of a language's bundle."""

    bundle: str
    part: int
    source: Path  # the part's records
    output: Path  # where Pagefind writes it (in the scratch folder)
    code: str  # Pagefind's language
    key: str  # every byte Pagefind reads for it, hashed ("" without a reuse folder)
    kept: Path | None = None  # its bundle from an earlier build, when it has the same key
    records: list = field(default_factory=list)  # (path, digest, spool place) to write first


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

    The records wait in one spool file (not in memory: at five thousand articles of forty
    notes they are 100 MB) until ``start``, which writes only those of the parts Pagefind has
    to index, into each part's own folder: a rebuild that reuses every part creates none.
    """

    def __init__(
        self, language: str = "en", part_pages: int = PART_PAGES, reuse_dir: Path | None = None
    ):
        self.language = language  # the site's
        self.part_pages = max(1, part_pages)
        self.reuse_dir = Path(reuse_dir) if reuse_dir is not None else None
        # by page, so a rebuild replaces: each record's path in its bundle, language, digest
        # and where its bytes are in the spool (offset, length)
        self.records: dict[str, list[tuple[str, str, bytes, tuple[int, int]]]] = {}
        self._spool = None
        self._scratch: Path | None = None
        self.parts: dict[str, int] = {}  # bundle name -> how many parts it is indexed in
        self._jobs: list[_Job] = []
        self._codes: dict[tuple[str, int], int] = {}
        self._runner: threading.Thread | None = None
        self._current: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self.reused = 0  # parts copied from an earlier build, by the last finish

    def bundles(self) -> dict[str, str]:
        """``{language code: bundle name}`` of every language the records are in (the site's
        language has the bundle ``pagefind/`` when any record is in it)."""
        codes = {language_code(lang) for rs in self.records.values() for _, lang, _, _ in rs}
        codes = codes or {language_code(self.language)}  # Pagefind refuses an empty folder
        return {code: bundle_name(code, self.language) for code in sorted(codes)}

    def add(self, page: str, records: list[SearchRecord]) -> None:
        if self._spool is None:
            self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - open until close()
        written = []
        try:
            for record in records:
                data = record.html.encode("utf-8")
                at = self._spool.seek(0, os.SEEK_END)
                self._spool.write(data)
                digest = hashlib.blake2b(data, digest_size=20).digest()
                written.append((record.path, record.lang, digest, (at, len(data))))
        except OSError as exc:
            raise SearchBuildError(f"could not keep the search records: {exc}") from exc
        self.records[page] = written

    def start(self) -> None:
        self._stop()
        try:
            self._start()
        except SearchBuildError:
            self.close()
            raise
        except OSError as exc:
            self.close()
            raise SearchBuildError(f"could not start Pagefind: {exc}") from exc

    def _start(self) -> None:
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="glossator-search-"))
        parts_root = self._scratch / "parts"
        shutil.rmtree(parts_root, ignore_errors=True)  # a rebuild's parts are made afresh
        self.parts, self._jobs, self._codes = {}, [], {}
        for code, name in self.bundles().items():
            pages = sorted(
                (path, digest, where)
                for written in self.records.values()
                for path, lang, digest, where in written
                if bundle_name(lang, self.language) == name
            )
            count = max(1, -(-len(pages) // self.part_pages))  # as few parts as fit, even
            parts = [
                pages[k * len(pages) // count : (k + 1) * len(pages) // count] for k in range(count)
            ]
            self.parts[name] = len(parts)
            for k, part in enumerate(parts):
                key = self._part_key(code, [(path, digest) for path, digest, _ in part])
                source = parts_root / name / str(k)
                source.mkdir(parents=True, exist_ok=True)  # Pagefind refuses a missing folder
                job = _Job(name, k, source, self._part_out(name, k), code, key)
                if key and intact(self.reuse_dir / key):
                    job.kept = self.reuse_dir / key  # nothing to index: no records written
                else:
                    job.records = part  # written by the runner, while MkDocs makes pages
                self._jobs.append(job)
        if self._spool is not None:
            self._spool.flush()
        self._stopping.clear()
        self._runner = threading.Thread(target=self._run_all, daemon=True)
        self._runner.start()

    def _write_records(self, source: Path, part: list[tuple[str, bytes, tuple[int, int]]]) -> None:
        made: set[Path] = set()
        try:
            for rel, _, (at, length) in part:
                path = source / rel
                if path.parent not in made:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    made.add(path.parent)
                with open(path, "wb") as f:
                    f.write(os.pread(self._spool.fileno(), length, at))
        except OSError as exc:
            raise SearchBuildError(f"could not write the search records: {exc}") from exc

    def _part_key(self, code: str, pages: list[tuple[str, bytes]]) -> str:
        """What a part's bundle depends on: the binary, its arguments and every record."""
        if self.reuse_dir is None:
            return ""
        binary = pagefind_executable()
        stat = binary.stat()
        h = hashlib.blake2b(digest_size=20)
        h.update(repr((str(binary), stat.st_size, stat.st_mtime_ns)).encode())
        h.update(repr(self._arguments(Path("."), Path("."), code)).encode())
        h.update(repr(UNUSED).encode())
        for rel, digest in pages:
            h.update(rel.encode("utf-8") + b"\0" + digest)
        return h.hexdigest()

    def _part_out(self, name: str, part: int) -> Path:
        return self._scratch / "out" / (name if part == 0 else f"{name}.part-{part}")

    def _run_all(self) -> None:
        """One Pagefind at a time (each is multi-threaded): memory is one part's, not all.

        Each part's records are written here, just before it is indexed: creating a thousand
        files is the kernel's work, done on this thread while the build's goes on."""
        for job in self._jobs:
            if self._stopping.is_set():
                return
            if job.kept is not None:
                self._codes[(job.bundle, job.part)] = 0
                continue
            try:
                self._write_records(job.source, job.records)
                job.records = []
                self._current = self._run(job.source, job.output, job.code)
                self._codes[(job.bundle, job.part)] = self._current.wait()
            except (OSError, SearchBuildError) as exc:
                self._codes[(job.bundle, job.part)] = -1
                why = (
                    exc if isinstance(exc, SearchBuildError) else f"could not start Pagefind: {exc}"
                )
                job.output.parent.mkdir(parents=True, exist_ok=True)
                with open(job.output.parent / f"{job.output.name}.log", "a") as log:
                    log.write(f"{why}\n")

    @staticmethod
    def _arguments(source: Path, output: Path, code: str) -> list[str]:
        return [
            "--site",
            str(source),
            "--output-path",
            str(output),
            "--exclude-selectors",
            ".headerlink",
            "--force-language",
            code,
            "--quiet",
        ]

    def _run(self, source: Path, output: Path, code: str) -> subprocess.Popen:
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(output.parent / f"{output.name}.log", "ab") as log:
            return subprocess.Popen(
                [str(pagefind_executable()), *self._arguments(source, output, code)],
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
            for job in self._jobs:
                code = self._codes.get((job.bundle, job.part), -1)
                if job.kept is not None and code == 0:
                    written.append(job)
                    continue
                log = (job.output.parent / f"{job.output.name}.log").read_text(errors="replace")
                if code != 0 and NOTHING_TO_INDEX in log and len(self.parts) > 1:
                    continue  # e.g. only a home page of links in the site's language
                if code != 0:
                    raise SearchBuildError(f"Pagefind failed (exit {code}):\n{log.strip()}")
                for unused in UNUSED:
                    (job.output / unused).unlink(missing_ok=True)
                self._keep(job)
                written.append(job)
            for job in written:
                target = Path(site_dir) / job.bundle
                if job.part:
                    target = target / f"part-{job.part}"
                elif target.exists():
                    shutil.rmtree(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                if job.kept is not None:
                    shutil.copytree(job.kept, target, copy_function=link, ignore=NOT_LINKED)
                else:
                    shutil.move(str(job.output), str(target))
                if not job.part:
                    parts = json.dumps({"parts": self.parts[job.bundle]})
                    (target / PARTS_FILE).unlink(missing_ok=True)  # never write through a link
                    (target / PARTS_FILE).write_text(parts + "\n", encoding="utf-8")
            self.reused = sum(job.kept is not None for job in written)
            self._prune({job.key for job in written})
            return Path(site_dir) / BUNDLE
        except OSError as exc:
            raise SearchBuildError(f"could not write the search index: {exc}") from exc
        finally:
            self.close()

    def _keep(self, job: _Job) -> None:
        """A fresh part's bundle kept for the next build, hard-linked as a reuse links it back
        (the manifest catches a file written in place); best effort: only time is lost."""
        if not job.key:
            return
        kept = self.reuse_dir / job.key
        temporary = self.reuse_dir / f".tmp-{os.getpid()}-{job.key}"
        try:
            shutil.rmtree(temporary, ignore_errors=True)
            shutil.copytree(job.output, temporary, copy_function=link)
            write_manifest(temporary)
            shutil.rmtree(kept, ignore_errors=True)  # one found damaged: no folder replaces it
            os.replace(temporary, kept)  # whole or absent: a reader never sees half of one
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)

    def _prune(self, used: set[str]) -> None:
        """Only this build's parts are kept, so the folder never grows."""
        if self.reuse_dir is None or not self.reuse_dir.is_dir():
            return
        for entry in self.reuse_dir.iterdir():
            if entry.name not in used:
                shutil.rmtree(entry, ignore_errors=True)

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
        if self._spool is not None:
            self._spool.close()
            self._spool = None
