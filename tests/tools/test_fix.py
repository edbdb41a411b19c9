"""``check --fix`` as functions: what it plans for a note, and how it edits the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossator.pipeline.edition import load_edition
from glossator.tools.fix import Fix, apply_fix, plan_fix

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def drift(tmp_path) -> Path:
    root = tmp_path / "drift"
    shutil.copytree(FIXTURES / "drift", root)
    return root


def plans(root: Path) -> dict[str, Fix | None]:
    edition = load_edition(root)
    article = edition.articles["doha-talks"]
    return {n.id: plan_fix(n, article) for n in edition.notes["doha-talks"]}


def test_every_plan_applied_leaves_nothing_to_do(drift):
    planned = plans(drift)
    assert planned["khalilzad"].changes == {"paragraph": 2}
    assert planned["khalilzad"].reasons == ["paragraph 2 recorded"]
    # its prefix no longer matches the words before the quote: replaced by the words there
    assert planned["ceasefire"].changes == {
        "prefix": "have repeatedly said that ",
        "suffix": None,
        "paragraph": 3,
    }
    for fix in planned.values():
        apply_fix(drift / fix.path, fix)
    assert set(plans(drift).values()) == {None}  # up to date: nothing more to do


def test_an_edited_article_gets_quote_and_context_updated(drift):
    seed = drift / "seeds" / "doha.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("US officals", "US officials"), encoding="utf-8")
    fix = plans(drift)["officials-phrase"]
    assert fix.changes == {
        "quote": "with US officials describing it as the most crucial phase",
        "paragraph": 1,
    }
    assert fix.reasons[0] == (
        'quote re-anchored to "with US officials describing it as the most crucial phase"'
    )


def test_new_fields_go_where_the_table_puts_them_and_comments_stay(tmp_path):
    path = tmp_path / "n.yml"
    path.write_text(
        "# kept\nkind: context  # kept too\nquote: 'old'\nsuffix: x\ntitle: t\nbody: b\n",
        encoding="utf-8",
    )
    apply_fix(path, Fix("n.yml", {"quote": "new", "prefix": "p ", "suffix": None, "paragraph": 3}))
    assert path.read_text(encoding="utf-8") == (
        "# kept\n"
        "kind: context  # kept too\n"
        "quote: 'new'\n"  # the old quoting style
        'prefix: "p "\n'  # after the fields the table puts before it
        "paragraph: 3\n"
        "title: t\n"
        "body: b\n"
    )
