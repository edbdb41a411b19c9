"""Hostile and malformed YAML, through the real pipeline (edition.load_edition on a project).

The files live in tests/fixtures/hostile/annotations/mixed/; each must produce exactly the
error line below, naming the file and the place in it, and nothing may run or blow up.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from glossator.load.yamlsource import MAX_BYTES, MAX_DEPTH, YamlError, read_yaml
from glossator.pipeline.edition import load_edition

FIXTURE = Path(__file__).parent.parent / "fixtures" / "hostile"
A = "annotations/mixed"

# file -> the first line of its error, exactly as `glossator check` and the build print it
EXPECTED = {
    "bomb.yml": f"{A}/bomb.yml:1:8: error: YAML anchors and aliases (& and *) are not allowed",
    "alias.yml": f"{A}/alias.yml:1:8: error: YAML anchors and aliases (& and *) are not allowed",
    "merge.yml": f"{A}/merge.yml:1:7: error: YAML anchors and aliases (& and *) are not allowed",
    "recursive.yml": (
        f"{A}/recursive.yml:1:8: error: YAML anchors and aliases (& and *) are not allowed"
    ),
    "duplicate-key.yml": (
        f"{A}/duplicate-key.yml:3:1: error: duplicate key 'quote' (first given on line 1)"
    ),
    "duplicate-source-key.yml": (
        f"{A}/duplicate-source-key.yml:8:5: error: duplicate key 'url' (first given on line 7)"
    ),
    "latin1.yml": (f"{A}/latin1.yml:3: error: file is not valid UTF-8 (byte 0xe9 at offset 47)"),
    "utf16.yml": f"{A}/utf16.yml:1: error: file is not valid UTF-8 (byte 0xff at offset 0)",
    "python-tag.yml": (
        f"{A}/python-tag.yml:1:8: error: YAML tag '!!python/object/apply:os.system' is not allowed"
    ),
    "binary-tag.yml": f"{A}/binary-tag.yml:3:8: error: YAML tag '!!binary' is not allowed",
    "deep.yml": f"{A}/deep.yml:4:23: error: YAML nested more than {MAX_DEPTH} levels deep",
    "syntax.yml": (
        f"{A}/syntax.yml:3:15: error: YAML syntax error: "
        "mapping values are not allowed in this context"
    ),
    "two-docs.yml": (
        f"{A}/two-docs.yml:5:1: error: file holds more than one YAML document (a second '---')"
    ),
    "empty.yml": f"{A}/empty.yml:1:1: error: file is empty",
    "huge.yml": f"{A}/huge.yml:1:1: error: file is 70,000 bytes; the limit is {MAX_BYTES:,}",
}


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    body = "x" * (70_000 - len("quote: Alpha\nkind: context\ntitle: Huge\nbody: \n"))
    (root / A / "huge.yml").write_text(f"quote: Alpha\nkind: context\ntitle: Huge\nbody: {body}\n")
    assert (root / A / "huge.yml").stat().st_size == 70_000
    cwd = Path.cwd()
    os.chdir(root)  # a '!!python/object/apply:os.system' that ran would touch a file here
    try:
        started = time.perf_counter()
        loaded = load_edition(root)
        loaded.seconds = time.perf_counter() - started
    finally:
        os.chdir(cwd)
    loaded.root = root
    return loaded


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_yaml_is_reported_where_it_is(edition, name):
    path = f"{A}/{name}"
    lines = [p.format().splitlines()[0] for p in edition.problems if p.path == path]
    assert lines == [EXPECTED[name]]
    assert all(p.is_error for p in edition.problems if p.path == path)


def test_no_hostile_note_reaches_the_edition(edition):
    built = {n.annotation.path for n in edition.notes.get("mixed", [])}
    assert not built & {f"{A}/{name}" for name in EXPECTED}


def test_safe_loading_ran_nothing_and_bombs_cost_nothing(edition):
    assert not list(edition.root.rglob("glossator-pwned"))
    assert not Path("glossator-pwned").exists()
    assert edition.seconds < 5  # the bomb's 9**9 strings were never expanded


@pytest.mark.parametrize(
    "data, message",
    [
        (b"a: &x 1\nb: *x\n", "YAML anchors and aliases (& and *) are not allowed"),
        (b"a: !foo bar\n", "YAML tag '!foo' is not allowed"),
        (b"a: !!set {x}\n", "YAML tag '!!set' is not allowed"),
        (b"a: !!omap [b: 1]\n", "YAML tag '!!omap' is not allowed"),
        (("a: " + "[" * 999 + "]" * 999).encode(), f"YAML nested more than {MAX_DEPTH}"),
        (b"a:\n" + b"".join(b" " * i + b"b:\n" for i in range(1, 40)), "YAML nested more"),
        (b"a: 1\na: 2\n", "duplicate key 'a' (first given on line 1)"),
        (b"{a: 1, a: 2}\n", "duplicate key 'a'"),
        (b"a: \x00\n", "YAML syntax error"),
        (b"\xef\xbb\xbf\xff", "file is not valid UTF-8"),
        (b"x" * (MAX_BYTES + 1), f"file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,}"),
    ],
)
def test_read_yaml_refuses(data, message):
    with pytest.raises(YamlError) as caught:
        read_yaml(data)
    assert caught.value.message.startswith(message), caught.value.message


def test_read_yaml_keeps_what_a_note_needs():
    root = read_yaml(
        b"quote: !!str 2019\nkind: context\nsources:\n  - title: t\n    date: 2019-08-03\n"
        b"big: " + b"9" * 5000 + b"\n"
    )
    assert root.items["quote"][1].value == "2019"
    assert root.items["sources"][1].elements[0].items["title"][1].value == "t"
    assert root.items["big"][1].value == "9" * 5000  # too long for int(): kept as text


def test_size_limit_is_exact():
    ok = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(ok) == MAX_BYTES
    assert read_yaml(ok) is not None


def test_non_utf8_seed_and_sidecar_are_reported_with_their_paths(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "latin.txt").write_bytes(b"Title\n\nCaf\xe9 society.\n")
    (tmp_path / "seeds" / "meta.txt").write_text("Title\n\nText.\n")
    (tmp_path / "seeds" / "meta.yml").write_bytes(b"author: Jos\xe9\n")
    problems = [p.format().splitlines()[0] for p in load_edition(tmp_path).problems]
    assert problems == [
        "seeds/latin.txt: error: article is not valid UTF-8 (byte offset 10)",
        "seeds/meta.yml:1: error: file is not valid UTF-8 (byte 0xe9 at offset 11)",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "sources:\n\t- title: x\n",  # a tab before the list item
        "sources:\n  -\ttitle: x\n",  # a tab after its dash
    ],
)
def test_a_tab_in_a_list_is_called_a_tab(text):
    with pytest.raises(YamlError) as caught:
        read_yaml(text.encode())
    error = caught.value
    assert "a tab character" in error.message and error.hint == "indent with spaces, not tabs"
    assert error.line == 2
