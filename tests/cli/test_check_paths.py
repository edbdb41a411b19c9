"""Checking one file sees the notes beside it: a duplicate is caught before the pull request."""

from glossator.cli import main

NOTE = "quote: Some words\nkind: context\ntitle: T\nbody: B\n"


def test_checking_one_file_reports_a_duplicate_of_an_unchecked_sibling(project, capsys):
    root = project(
        {
            "seeds/a.txt": "T\n\nSome words here.\n",
            "annotations/a/zz-new.yml": NOTE,
            "annotations/a/aa-old.yml": NOTE,
        }
    )
    assert main(["-C", str(root), "check", str(root / "annotations/a/zz-new.yml")]) == 1
    out = capsys.readouterr().out
    assert (
        "annotations/a/zz-new.yml:1:8: error: same quote and kind as annotations/a/aa-old.yml"
        in out
    )
    assert main(["-C", str(root), "check", str(root / "annotations/a/aa-old.yml")]) == 1
