"""Every ``glossator`` command through its real entry point (cli.main, and once as a process)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossator import cli
from glossator.pipeline.edition import load_edition

FIXTURES = Path(__file__).parent.parent / "fixtures"
SLUG = "doha-talks"


@pytest.fixture
def drift(tmp_path) -> Path:
    """A writable copy of the drift fixture project."""
    root = tmp_path / "drift"
    shutil.copytree(FIXTURES / "drift", root)
    return root


def run(capsys, root: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["-C", str(root), *argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- the entry points ------------------------------------------------------------------------


def test_console_script_and_module_run_the_same_check():
    for command in (
        [str(Path(sys.executable).with_name("glossator"))],
        [sys.executable, "-m", "glossator"],
    ):
        done = subprocess.run(
            [*command, "-C", str(FIXTURES / "errors"), "check"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1
        assert done.stdout == (FIXTURES / "errors" / "expected.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["check", "new", "list", "stats", "anchors"])
def test_every_command_has_help_with_an_example(capsys, command):
    assert cli.main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"usage: glossator {command}" in out
    assert "example:\n  glossator " + command in out


def test_top_level_help_lists_commands(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("check", "new", "list", "stats", "anchors"):
        assert command in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["check", "--format", "xml"],
        ["new", SLUG, "--kind", "context"],
        ["new", SLUG, "--quote", "x", "--kind", "opinion"],
    ],
)
def test_usage_errors_exit_2(capsys, argv):
    assert cli.main(argv) == 2
    assert "usage: glossator" in capsys.readouterr().err


def test_unknown_article_and_missing_path_are_usage_errors(capsys, drift):
    code, _, err = run(capsys, drift, "anchors", "doha-talk")
    assert code == 2
    assert err == (
        "glossator anchors: error: no article 'doha-talk' (did you mean 'doha-talks'?); "
        "articles: doha-talks\n"
    )
    code, _, err = run(capsys, drift, "check", str(drift / "annotations" / "nope.yml"))
    assert code == 2
    assert "no such file or folder" in err


# --- check -----------------------------------------------------------------------------------


def test_check_valid_project_exits_0(capsys, drift):
    (drift / "annotations" / SLUG / "ceasefire.yml").write_text(
        'quote: "a ceasefire will not take place"\nkind: context\ntitle: t\nbody: b\n'
    )
    code, out, _ = run(capsys, drift, "check")
    assert (code, out) == (0, "5 files checked, no problems\n")


def test_check_json_lists_the_same_problems(capsys):
    code, out, _ = run(capsys, FIXTURES / "errors", "check", "--format", "json")
    problems = json.loads(out)
    assert code == 1
    text = (FIXTURES / "errors" / "expected.txt").read_text(encoding="utf-8")
    assert len(problems) == text.count(": error: ")
    first = problems[0]
    assert set(first) == {"path", "line", "column", "severity", "message", "hint", "code"}
    by_path = {p["path"]: p for p in problems}
    bad_kind = by_path["annotations/small-article/unknown-kind.yml"]
    assert (bad_kind["line"], bad_kind["column"], bad_kind["code"]) == (2, 7, "unknown-kind")


def test_check_github_format_annotates_the_diff(capsys):
    path = FIXTURES / "errors" / "annotations" / "small-article" / "unknown-kind.yml"
    code, out, _ = run(capsys, FIXTURES / "errors", "check", "--format", "github", str(path))
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=annotations/small-article/unknown-kind.yml,line=2,col=7,title=glossator::"
        "unknown kind 'contxt' (did you mean 'context'?)%0Ahint: kind is one of: context, "
        "counterpoint, source"
    )


def test_check_an_article_checks_its_notes(capsys, drift):
    # a warning fails check as it fails a strict build (issue 11); --no-strict accepts it
    code, out, err = run(capsys, drift, "check", str(drift / "seeds" / "doha.txt"))
    assert code == 1
    assert out.splitlines()[-1] == "6 files checked: 1 warning"
    assert "warnings fail a strict build" in err and "--no-strict" in err
    code, out, _ = run(capsys, drift, "check", "--no-strict", str(drift / "seeds" / "doha.txt"))
    assert code == 0
    assert out.splitlines()[-1] == "6 files checked: 1 warning"


def test_check_never_writes_without_fix(capsys, drift):
    before = {p: p.read_bytes() for p in drift.rglob("*") if p.is_file()}
    _edit_article(drift)
    before[drift / "seeds" / "doha.txt"] = (drift / "seeds" / "doha.txt").read_bytes()
    run(capsys, drift, "check")
    assert {p: p.read_bytes() for p in drift.rglob("*") if p.is_file()} == before


# --- check --fix on a changed article --------------------------------------------------------


def _edit_article(root: Path) -> None:
    seed = root / "seeds" / "doha.txt"
    text = seed.read_text(encoding="utf-8")
    text = text.replace("US officals describing", "US officials describing")  # typo fixed
    text = text.replace("Taliban leaders have", "Senior Taliban leaders in Doha have")
    seed.write_text(text, encoding="utf-8")


def test_reanchored_note_builds_with_a_warning(capsys, drift):
    _edit_article(drift)
    code, out, _ = run(capsys, drift, "check")
    assert code == 1  # as a strict build (issue 11): a warning is not a pass
    assert run(capsys, drift, "check", "--no-strict")[0] == 0
    assert out.splitlines()[0] == (
        "annotations/doha-talks/ceasefire.yml:1:8: warning: prefix/suffix no longer match the "
        "text around the quote; anchored on the quote in paragraph 3"
    )
    assert (
        'annotations/doha-talks/officials-phrase.yml:2:8: warning: quote re-anchored to "with US '
        'officials describing it as the most crucial phase" in paragraph 1 (confidence 0.99)'
    ) in out


def test_fix_rewrites_quotes_keeping_comments_and_order(capsys, drift):
    _edit_article(drift)
    code, out, _ = run(capsys, drift, "check", "--fix")
    assert code == 0
    assert out.splitlines()[-1] == "5 files checked, no problems"
    assert (
        'annotations/doha-talks/officials-phrase.yml: fixed: quote re-anchored to "with US '
        'officials describing it as the most crucial phase"; paragraph 1 recorded'
    ) in out
    note = (drift / "annotations" / SLUG / "officials-phrase.yml").read_text(encoding="utf-8")
    assert note == (
        "# The phrase is the officials' own, as reported by Reuters.\n"
        # ruamel keeps the comment at its column: one space fewer as the quote grew by one
        'quote: "with US officials describing it as the most crucial phase" # typo as in the article\n'
        "paragraph: 1\n"
        "kind: source\n"
        "title: US officials used the phrase in a briefing\n"
        "body: |\n"
        "  Reuters reported the phrase from a briefing by US officials.\n"
        "sources:\n"
        '  - title: "US, Taliban resume talks"\n'
        "    publisher: Reuters\n"
        "    date: 2019-08-03\n"
        "author: Fixture author\n"
        "created: 2024-01-31\n"
    )
    ceasefire = (drift / "annotations" / SLUG / "ceasefire.yml").read_text(encoding="utf-8")
    assert ceasefire.splitlines()[:3] == [
        'quote: "a ceasefire will not take place"',
        'prefix: "have repeatedly said that "',
        "paragraph: 3",
    ]
    khalilzad = (drift / "annotations" / SLUG / "khalilzad.yml").read_text(encoding="utf-8")
    assert khalilzad.splitlines()[:2] == [
        "quote: 'The US special representative, Zalmay Khalilzad'",  # quoting style kept
        "paragraph: 2",
    ]
    # a second run has nothing left to do
    code, out, _ = run(capsys, drift, "check", "--fix")
    assert (code, out) == (0, "5 files checked, no problems\n")


def test_fix_never_guesses(capsys, drift):
    seed = drift / "seeds" / "doha.txt"
    text = seed.read_text(encoding="utf-8")
    # the passage is rewritten, and a near-duplicate with another small change appears
    text = text.replace(
        "with US officals describing it as the most crucial phase",
        "with US officials describing it as the most crucial stage",
    ).replace(
        "for withdrawal.",
        "for withdrawal, with US officials describing it as the most crucial step.",
    )
    seed.write_text(text, encoding="utf-8")
    before = (drift / "annotations" / SLUG / "officials-phrase.yml").read_bytes()
    code, out, _ = run(capsys, drift, "check", "--fix")
    assert code == 1
    assert (drift / "annotations" / SLUG / "officials-phrase.yml").read_bytes() == before
    assert (
        "annotations/doha-talks/officials-phrase.yml:2:8: error: quote not found exactly, and 2 "
        'passages are about as close: "with US officals describing it as the most crucial phase"'
    ) in out
    assert "    hint: candidates:" in out
    assert "'glossator check --fix' does not guess" in out


# --- new -------------------------------------------------------------------------------------


def test_new_writes_a_note_that_fails_check_until_filled(capsys, drift, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1722816000")  # 2024-08-05
    code, out, _ = run(
        capsys,
        drift,
        "new",
        SLUG,
        "--quote",
        "Washington is pursuing  a peace agreement",
        "--kind",
        "counterpoint",
    )
    assert code == 0
    path = drift / "annotations" / SLUG / "washington-pursuing-peace-agreement.yml"
    assert out.splitlines()[0] == (
        "created annotations/doha-talks/washington-pursuing-peace-agreement.yml "
        '(paragraph 2: "Washington is pursuing a peace agreement")'
    )
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert 'quote: "Washington is pursuing a peace agreement"' in text  # the article's text
    assert "prefix" not in text and "suffix" not in text  # unique: no context needed
    assert "paragraph: 2" in text
    assert "created: 2024-08-05" in text
    code, out, _ = run(capsys, drift, "check", str(path))
    assert code == 1
    assert "'title' still holds the placeholder" in out
    assert "source 1 'url' still holds the placeholder" in out
    # filled in, it passes
    filled = (
        text.replace('"TODO: one line, the gist of the note"', "The US aim was a peace agreement")
        .replace("TODO: a few neutral", "A few neutral")
        .replace("TODO: the document's own title", "Khalilzad's tweet")
        .replace('"TODO: who published it"', "Twitter")
        .replace('"TODO: YYYY-MM-DD, or YYYY-MM / YYYY"', "2019-08-02")
    )
    filled = "\n".join(line for line in filled.splitlines() if "url:" not in line) + "\n"
    path.write_text(filled, encoding="utf-8")
    code, out, _ = run(capsys, drift, "check", str(path))
    assert (code, out) == (0, "1 file checked, no problems\n")


def test_new_adds_context_only_for_an_ambiguous_quote(capsys, drift):
    code, _, err = run(
        capsys, drift, "new", SLUG, "--quote", "the City of London", "--kind", "context"
    )
    assert code == 1
    assert err.splitlines()[:2] == [
        "glossator new: error: the quote occurs 2 times in article 'doha-talks'",
        "    hint: choose one with --paragraph N (or --occurrence N):",
    ]
    code, out, _ = run(
        capsys,
        drift,
        "new",
        SLUG,
        "--quote",
        "the City of London",
        "--kind",
        "context",
        "--occurrence",
        "1",
        "--dry-run",
    )
    assert code == 0
    assert 'quote: "the City of London"\nsuffix: " were"' in out
    edition = load_edition(drift)
    assert edition.ok


def test_new_refuses_a_quote_not_in_the_article(capsys, drift):
    code, out, err = run(
        capsys, drift, "new", SLUG, "--quote", "Zalmay Khalilzad confirmed", "--kind", "context"
    )
    assert code == 1
    assert out == ""
    assert err == (
        "glossator new: error: quote not found in article 'doha-talks': \"Zalmay Khalilzad confirmed\"\n"
        '    hint: closest passage (paragraph 2): "Zalmay Khalilzad, confirmed"\n'
        "          copy it exactly from the article; a note never paraphrases its quote\n"
    )
    assert not list((drift / "annotations" / SLUG).glob("zalmay*"))


def test_new_never_overwrites(capsys, drift):
    args = ["new", SLUG, "--quote", "peace talks were resumed", "--kind", "context"]
    assert run(capsys, drift, *args)[0] == 0
    assert run(capsys, drift, *args)[0] == 0  # same quote again: a new, unique id
    names = sorted(p.name for p in (drift / "annotations" / SLUG).glob("peace-talks-resumed*"))
    assert names == ["peace-talks-resumed-2.yml", "peace-talks-resumed.yml"]
    code, _, err = run(capsys, drift, *args, "--id", "khalilzad")
    assert code == 1
    assert "a note named 'khalilzad' already exists" in err


# --- list, stats, anchors --------------------------------------------------------------------


def test_list_one_line_per_note(capsys, drift):
    code, out, _ = run(capsys, drift, "list")
    assert code == 0
    assert out.splitlines() == [
        "doha-talks  officials-phrase  source   p1  US officials used the phrase in a briefing",
        "doha-talks  khalilzad         context  p2  Khalilzad was appointed in September 2018",
        "doha-talks  ceasefire         context  p3  The Taliban's position on a ceasefire",
        "doha-talks  city              context  p4  The City of London",
    ]
    code, out, _ = run(capsys, drift, "list", SLUG, "--format", "json")
    assert [r["id"] for r in json.loads(out)] == [
        "officials-phrase",
        "khalilzad",
        "ceasefire",
        "city",
    ]


def test_stats_per_article(capsys, drift):
    code, out, _ = run(capsys, drift, "stats")
    assert code == 0
    assert out.splitlines() == [
        "doha-talks: Talks In Doha",
        "  notes       4 (3 context, 0 counterpoint, 1 source)",
        "  paragraphs  4: 4 with notes, 0 without",
        "  sources     1 cited, 1 distinct, 0 with a link",
        "1 article, 4 notes",
    ]
    (drift / "annotations" / SLUG / "city.yml").unlink()
    code, out, _ = run(capsys, drift, "stats", "--format", "json")
    row = json.loads(out)[0]
    assert row["paragraphs_without_notes"] == [4]
    assert row["by_kind"] == {"context": 2, "counterpoint": 0, "source": 1}


def test_anchors_reports_offsets_into_the_body(capsys, drift):
    _edit_article(drift)
    (drift / "annotations" / SLUG / "gone.yml").write_text(
        'quote: "an entirely different sentence"\nkind: context\ntitle: t\nbody: b\n'
    )
    code, out, _ = run(capsys, drift, "anchors", SLUG, "--format", "json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    body = load_edition(drift).articles[SLUG].body
    for r in rows.values():
        if r["start"] is not None:
            assert body[r["start"] : r["end"]] == r["text"]
    assert rows["khalilzad"]["status"] == "exact"
    assert rows["khalilzad"]["confidence"] == 1.0
    assert rows["officials-phrase"]["status"] == "reanchored"
    assert (
        rows["officials-phrase"]["text"]
        == "with US officials describing it as the most crucial phase"
    )
    assert 0.9 < rows["officials-phrase"]["confidence"] < 1.0
    assert rows["gone"]["status"] == "orphan"
    assert rows["gone"]["start"] is None
    code, out, _ = run(capsys, drift, "anchors", SLUG)
    assert out.splitlines()[0].split()[:3] == ["officials-phrase", "reanchored", "0.99"]


def test_anchors_statuses_cover_forgiven_and_ambiguous(capsys, drift):
    notes = drift / "annotations" / SLUG
    (notes / "straight.yml").write_text(
        'quote: "The US special representative, Zalmay  Khalilzad, confirmed"\n'
        "kind: source\ntitle: t\nbody: b\nsources:\n  - title: s\n"
    )
    (notes / "twice.yml").write_text(
        'quote: "the City of London"\nkind: source\ntitle: t\nbody: b\nsources:\n  - title: s\n'
    )
    _, out, _ = run(capsys, drift, "anchors", SLUG, "--format", "json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["straight"]["status"] == "forgiven"
    assert rows["twice"]["status"] == "ambiguous"
    assert rows["twice"]["confidence"] == 0.5
    assert len(rows["twice"]["candidates"]) == 2


def test_check_outside_a_project_fails_saying_so(capsys, tmp_path, monkeypatch):
    empty = tmp_path / "not-a-project"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert cli.main(["check"]) == 2
    err = capsys.readouterr().err
    assert "no Glossator project in" in err and "-C <folder>" in err
    # a mkdocs.yml whose folder of articles is missing is as much a wrong folder
    (empty / "mkdocs.yml").write_text("site_name: x\nplugins: [{glossator: {seeds_dir: texts}}]\n")
    assert cli.main(["check"]) == 2
    assert "'texts/' as the folder of articles" in capsys.readouterr().err
