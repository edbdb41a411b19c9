"""Files written off the build's thread: all of them on disk once closed, and an error never
swallowed (a build must not succeed with a file missing)."""

from __future__ import annotations

import pytest

from glossator.pipeline.writer import BACKLOG, FileWriter


def test_every_file_is_on_disk_when_closed(tmp_path):
    writer = FileWriter()
    files = {
        tmp_path / f"a-{n % 7}" / f"f{n}.txt": f"file {n}".encode() for n in range(BACKLOG * 3)
    }
    for path, data in files.items():
        writer.put(path, data)
    writer.close()
    assert {p: p.read_bytes() for p in files} == files
    writer.close()  # again: nothing left to do


def test_a_file_that_cannot_be_written_fails_the_close(tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should be")
    writer = FileWriter()
    writer.put(tmp_path / "fine.txt", b"ok")
    writer.put(tmp_path / "taken" / "feed.xml", b"<feed/>")
    writer.put(tmp_path / "after.txt", b"not written once one failed")
    with pytest.raises(OSError):
        writer.close()
    assert (tmp_path / "fine.txt").read_bytes() == b"ok"
