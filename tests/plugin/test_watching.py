"""``mkdocs serve`` hears of changes to articles and notes from the system, not by polling
41,000 files twice a second; MkDocs's own watcher polls one small folder the changes are
relayed to."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest

# under ProperDocs (`make test-properdocs`) MkDocs is not installed, but watchdog is
watching = pytest.importorskip("glossator.plugin.watching")


def _project(tmp_path: Path) -> Path:
    for folder in ("seeds", "annotations/doha", "notes"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "annotations/doha/envoy.yml").write_text("quote: a passage\n")
    return tmp_path


def _relayed(folder: Path, before: str | None, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        relay = folder / watching.RELAY_FILE
        if relay.exists() and relay.read_text() != before:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def served(tmp_path):
    root = _project(tmp_path)
    watched: list[str] = []
    server = SimpleNamespace(watch=watched.append)
    config = SimpleNamespace(watch=[str(root / "notes")])
    observer = watching.watch_sources(
        server, config, root, ["seeds", "annotations", "notes", "missing"]
    )
    yield root, watched, observer
    if observer is not None:
        observer.stop()
        observer.join()


def test_mkdocs_polls_only_the_relay_folder(served):
    root, watched, observer = served
    assert observer is not None
    assert len(watched) == 1 and not Path(watched[0]).is_relative_to(root)


def test_an_edited_note_is_relayed_and_a_read_one_is_not(served):
    root, watched, _ = served
    relay = Path(watched[0])
    time.sleep(0.2)  # the watches are set up
    (root / "annotations/doha/envoy.yml").read_text()
    assert not _relayed(relay, None, seconds=0.5)
    (root / "annotations/doha/envoy.yml").write_text("quote: another passage\n")
    assert _relayed(relay, None)
    first = (relay / watching.RELAY_FILE).read_text()
    (root / "seeds/doha.txt").write_text("An article.\n")
    assert _relayed(relay, first)


def test_a_folder_the_system_will_not_watch_is_polled(tmp_path, monkeypatch):
    root = _project(tmp_path)

    def refuse(self, handler, path, recursive=False, **kwargs):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watching.Observer, "schedule", refuse)
    watched: list[str] = []
    server = SimpleNamespace(watch=watched.append)
    config = SimpleNamespace(watch=[])
    assert watching.watch_sources(server, config, root, ["seeds", "annotations"]) is None
    assert watched == [str(root / "seeds"), str(root / "annotations")]
