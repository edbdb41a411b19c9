"""Build the site into a temporary sibling folder, then swap it into place.

``mkdocs build`` empties ``site/`` first and writes into it page by page, so a build that
fails (a broken note in a pull request, a strict-mode warning, a crash) leaves a half-built
or empty site behind, and a server pointed at ``site/`` serves that. Here the build goes to
``.site-<random>/`` beside it; only a complete build replaces ``site/``, by two renames on
the same file system (old away, new in), so ``site/`` is missing for an instant at most and
is never partial. A failed build removes its temporary folder and leaves ``site/`` as it was.

    python -m glossator.safe_build [--strict] [--site-dir site] [-f mkdocs.yml]

It runs on MkDocs 1.x or on ProperDocs, whichever is installed (see ``ENGINE``).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path


def _engine() -> str:
    """``properdocs`` when ProperDocs (the maintained drop-in fork of MkDocs 1.x) is
    installed, else ``mkdocs``. Once ``properdocs.replacement`` is loaded, every ``mkdocs.*``
    import (ours, the theme's, other plugins') is answered by ProperDocs, as under its own
    command; only the loggers differ (``properdocs.*``), so they are named from this."""
    try:
        importlib.import_module("properdocs.replacement")
    except ImportError:
        return "mkdocs"
    return "properdocs"


ENGINE = _engine()

from mkdocs.commands.build import build  # noqa: E402 - after the engine is chosen
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

log = logging.getLogger(ENGINE)  # every message of a build, the plugins' included


class BuildFailed(Exception):
    """The build did not complete; ``messages`` are the warnings and errors it logged."""

    def __init__(self, reason: str, messages: list[str]):
        super().__init__(reason)
        self.reason = reason
        self.messages = messages


class _Collector(logging.Handler):
    """Keeps the warnings and errors a build logs, so a failure can say why."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def build_site(config_file: Path, site_dir: Path, *, strict: bool = False) -> list[str]:
    """One MkDocs build of ``config_file`` into ``site_dir``; returns the warnings logged.

    Raises BuildFailed for anything MkDocs reports as a failed build (configuration errors,
    plugin errors such as invalid notes, warnings under ``strict``). Other exceptions are
    bugs and propagate unchanged.
    """
    collector = _Collector()
    log.addHandler(collector)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
        build(config)
    except MkDocsException as exc:  # Abort, ConfigurationError, BuildError, PluginError
        raise BuildFailed(str(exc) or type(exc).__name__, collector.lines) from exc
    finally:
        log.removeHandler(collector)
    return collector.lines


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sibling(target: Path, tag: str) -> Path:
    while True:
        path = target.with_name(f".{target.name}-{tag}-{secrets.token_hex(4)}")
        if not path.exists() and not path.is_symlink():
            return path


def swap_into_place(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` (same parent): old away, new in, old removed.

    If the second rename fails the old site is put back, so ``target`` is never lost.
    """
    old: Path | None = None
    if target.exists() or target.is_symlink():
        old = _sibling(target, "old")
        os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        if old is not None:
            os.rename(old, target)
        raise
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def _check_target(config_file: Path, target: Path) -> None:
    """Refuse a site folder that holds the project: swapping it out would delete the sources."""
    project = config_file.resolve().parent
    resolved = target.resolve()
    if project == resolved or project.is_relative_to(resolved):
        raise BuildFailed(
            f"refusing to replace {target}: it contains the project ({config_file})", []
        )
    if resolved == Path(resolved.anchor):
        raise BuildFailed(f"refusing to replace the file system root ({target})", [])


def safe_build(config_file: Path, site_dir: Path, *, strict: bool = False) -> list[str]:
    """Build into a temporary sibling of ``site_dir`` and swap it in only when complete.

    Returns the warnings logged. On any failure the temporary folder is removed, ``site_dir``
    is untouched, and the exception (BuildFailed for a reported failure) propagates.
    """
    config_file = Path(config_file)
    target = Path(site_dir).absolute()
    _check_target(config_file, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        warnings = build_site(config_file, temp, strict=strict)
        temp.chmod(0o777 & ~_umask())  # mkdtemp makes it owner-only; a web server must read it
        swap_into_place(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return warnings


def _untouched(site_dir: Path) -> str:
    if site_dir.exists():
        return f"{site_dir} was left as it was."
    return f"No site was written to {site_dir}."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m glossator.safe_build",
        description="Build the MkDocs site; replace the site folder only if the build succeeds.",
    )
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.add_argument("-d", "--site-dir", default="site", type=Path)
    parser.add_argument("-s", "--strict", action="store_true", help="fail on warnings too")
    args = parser.parse_args(argv)

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    log.addHandler(handler)
    log.propagate = False
    started = time.monotonic()
    try:
        safe_build(args.config_file, args.site_dir, strict=args.strict)
    except BuildFailed as exc:
        print(f"Build failed: {exc.reason}\n{_untouched(args.site_dir)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a crash must not look like a success to make or CI
        traceback.print_exc()
        print(
            f"Build crashed ({type(exc).__name__}: {exc}).\n{_untouched(args.site_dir)}",
            file=sys.stderr,
        )
        return 2
    finally:
        log.removeHandler(handler)
    print(f"Built {args.site_dir} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
