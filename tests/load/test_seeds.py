from glossator.load.seeds import format_partial_date, parse_article, slug_from_filename


def test_title_is_first_non_blank_line_and_paragraphs_split_on_blank_lines():
    a = parse_article("\n\n  The Title  \n\nFirst para\nwraps here.\n\n\n\nSecond.\n", "s")
    assert a.title == "The Title"
    assert [p.text for p in a.paragraphs] == ["First para\nwraps here.", "Second."]
    assert [p.number for p in a.paragraphs] == [1, 2]


def test_body_offsets_are_paragraphs_joined_by_one_blank_line():
    a = parse_article("T\n\nOne.\n\n\nTwo two.\n \t\nThree", "s")
    assert a.body == "One.\n\nTwo two.\n\nThree"
    for p in a.paragraphs:
        assert a.body[p.start : p.end] == p.text


def test_paragraph_at_maps_offsets_and_separators():
    a = parse_article("T\n\nOne.\n\nTwo.", "s")
    assert a.paragraph_at(0).number == 1
    assert a.paragraph_at(3).number == 1
    assert a.paragraph_at(4).number == 2  # inside the separator: the paragraph after it
    assert a.paragraph_at(6).number == 2


def test_crlf_and_bom_do_not_leak_into_text():
    a = parse_article("\ufeffTitle\r\n\r\nLine one\r\nline two\r\n", "s")
    assert a.title == "Title"
    assert a.paragraphs[0].text == "Line one\nline two"


def test_slug_from_filename():
    assert slug_from_filename("000_CC201175d068b585") == "000-cc201175d068b585"
    assert slug_from_filename("My Article (2019)") == "my-article-2019"


def test_partial_dates_read_naturally():
    assert format_partial_date("2019-08") == "August 2019"
    assert format_partial_date("2019-08-03") == "3 August 2019"
    assert format_partial_date("2019") == "2019"


def test_seed_sidecar_sets_slug_and_metadata(project):
    root = project(
        {
            "seeds/raw_name.txt": "Title\n\nBody.\n",
            "seeds/raw_name.yml": "slug: nice-slug\npublication: Paper\npublished: 2019-08\n",
        }
    )
    from glossator.load.seeds import load_article

    article, problems = load_article(root / "seeds/raw_name.txt", root)
    assert problems == []
    assert (article.slug, article.publication, article.published_label) == (
        "nice-slug",
        "Paper",
        "August 2019",
    )


def test_sidecar_errors_are_located(project):
    root = project(
        {"seeds/a.txt": "T\n\nB\n", "seeds/a.yml": "slug: Bad Slug\npublsher: X\nurl: ftp://x\n"}
    )
    from glossator.load.seeds import load_article

    _, problems = load_article(root / "seeds/a.txt", root)
    assert [p.format().splitlines()[0] for p in problems] == [
        "seeds/a.yml:2:1: error: unknown field 'publsher' (did you mean 'published'?)",
        "seeds/a.yml:1:7: error: slug 'Bad Slug' is not allowed",
        "seeds/a.yml:3:6: error: 'url' must start with http:// or https://",
    ]


def test_the_seed_article_is_kept_byte_for_byte():
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    shared = repo.parent / "shared" / "seeds" / "000_cc201175d068b585.txt"
    ours = repo / "seeds" / "000_cc201175d068b585.txt"
    if shared.exists():
        assert ours.read_bytes() == shared.read_bytes()
    text = ours.read_text(encoding="utf-8")
    a = parse_article(text, "x")
    # every character of the body appears in the file, in order (nothing dropped or altered)
    assert "".join(a.body.split()) in "".join(text.split())
