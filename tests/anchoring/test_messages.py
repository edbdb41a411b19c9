"""What a contributor reads when a quote does not land: the article's own words, what differs,
and the ways out. Unit cases for the wording, then ``glossator check``/``new`` as processes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossator.anchoring.messages import in_context, word_differences

SPEECHES = Path(__file__).parent.parent / "fixtures" / "speeches"
PEOPLE = "that government of the people, by the people, for the people, shall not perish"


@pytest.mark.parametrize(
    ("body", "passage", "shown"),
    [
        (PEOPLE, "the people", '"…that government of [the people], by the people,…"'),
        ("He said: “yes” — and left.", "yes", '"…He said: “[yes]” — and left.…"'),
        (
            "First paragraph ends.\n\nSecond starts here",
            "Second",
            '"…First paragraph ends. [Second] starts here…"',
        ),
    ],
)
def test_in_context_shows_the_article_text_exactly(body, passage, shown):
    start = body.index(passage)
    assert in_context(body, start, start + len(passage)) == shown


def test_in_context_never_shows_half_a_word():
    body = "x" * 100 + " alpha beta gamma delta [target] epsilon zeta"
    start = body.index("[target]")
    assert (
        in_context(body, start, start + 8) == '"…alpha beta gamma delta [[target]] epsilon zeta…"'
    )
    body = "word " * 30 + "TARGET" + " longword" * 20
    start = body.index("TARGET")
    assert in_context(body, start, start + 6, words=20).endswith('longword longword longword…"')


@pytest.mark.parametrize(
    ("quote", "passage", "differences"),
    [
        ("Five score and seven", "Four score and seven", '"Five" -> "Four"'),
        ("score and seven years", "score and seven long years", '"long" added in the article'),
        ("score and seven years", "score and years", '"seven" missing from the article'),
        ("it’s “so”", 'it\'s "so"', '"it’s “so”" -> "it\'s "so""'),
        ("a  b", "a b", "white space, quote marks or dashes only"),
    ],
)
def test_word_differences(quote, passage, differences):
    assert word_differences(quote, passage) == differences


# --- through the console script --------------------------------------------------------------


@pytest.fixture
def speeches(tmp_path) -> Path:
    """The speeches project without its notes on the Gettysburg Address."""
    root = tmp_path / "speeches"
    shutil.copytree(SPEECHES, root)
    shutil.rmtree(root / "annotations" / "gettysburg")
    (root / "annotations" / "gettysburg").mkdir()
    return root


def glossator(root: Path, *args: str) -> subprocess.CompletedProcess:
    script = shutil.which("glossator", path=str(Path(sys.executable).parent))
    return subprocess.run(
        [script, "-C", str(root), *args], capture_output=True, text=True, check=False
    )


def note(root: Path, name: str, text: str) -> Path:
    path = root / "annotations" / "gettysburg" / f"{name}.yml"
    path.write_text(text + "kind: context\ntitle: t\nbody: b\n", encoding="utf-8")
    return path


def test_check_a_word_replaced_in_the_quote(speeches):
    path = note(speeches, "five", 'quote: "Five score and seven years ago"\n')
    done = glossator(speeches, "check", str(path))
    assert done.returncode == 1
    assert done.stdout.splitlines()[:4] == [
        "annotations/gettysburg/five.yml:1:8: error: quote not found in article 'gettysburg': "
        '"Five score and seven years ago"',
        '    hint: closest passage (paragraph 1): "Four score and seven years ago"',
        '          differs: "Five" -> "Four"',
        "          a word differs, not only its spelling, and the note has no prefix/suffix "
        "to confirm the place (a similar sentence elsewhere would look the same): if it is the "
        "passage meant, copy it exactly into 'quote'",
    ]
    # with the words around it recorded, the place is confirmed: a warning, fixed by --fix
    path.write_text(path.read_text() + 'suffix: " our fathers brought"\n')
    done = glossator(speeches, "check", str(path))
    assert done.returncode == 1  # a warning fails check, as it fails a strict build
    assert (
        'warning: quote re-anchored to "Four score and seven years ago" in paragraph 1'
        in done.stdout
    )
    assert '"Five" -> "Four"' in done.stdout
    assert glossator(speeches, "check", "--fix", str(path)).returncode == 0
    assert 'quote: "Four score and seven years ago"' in path.read_text()


def test_new_offers_the_whole_words_of_the_closest_passage(speeches):
    done = glossator(
        speeches, "new", "gettysburg", "--quote", "Five score and nine years", "--kind", "context"
    )
    assert done.returncode == 1
    assert done.stderr.splitlines()[:2] == [
        "glossator new: error: quote not found in article 'gettysburg': "
        '"Five score and nine years"',
        '    hint: closest passage (paragraph 1): "Four score and seven years"',
    ]


def test_ambiguity_hint_shows_the_text_as_it_stands(speeches):
    path = note(speeches, "people", 'quote: "the people"\n')
    done = glossator(speeches, "check", str(path))
    assert done.returncode == 1
    assert (
        '1st, paragraph 3, "…and that government of [the people], by the people,…": add prefix: "of "'
        in done.stdout
    )
    done = glossator(speeches, "new", "gettysburg", "--quote", "the people", "--kind", "context")
    assert '2. paragraph 3: "…of the people, by [the people], for the people,…"' in done.stderr


def test_exact_quote_with_context_elsewhere_names_both_places(speeches):
    seed = speeches / "seeds" / "second-inaugural.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Union without war", "Union wihtout war"), encoding="utf-8")
    done = glossator(speeches, "check", str(seed))
    assert done.returncode == 1
    assert (
        'annotations/second-inaugural/without-war.yml:1:8: error: quote "without war" occurs '
        "as typed, but its prefix/suffix fit another passage that differs slightly"
    ) in done.stdout
    assert '(confidence 1.00): "without war"' in done.stdout
    assert '"wihtout war"' in done.stdout
