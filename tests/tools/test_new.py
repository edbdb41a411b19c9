"""``glossator new`` as pure functions: ids, YAML strings, and the file it drafts."""

from __future__ import annotations

import re

import pytest
import yaml

from glossator.fields import FIELDS, SOURCE_FIELDS
from glossator.load.notes import parse_annotation
from glossator.load.seeds import parse_article
from glossator.tools.new import NewNoteError, draft_note, find_passage, make_id, yaml_string

ARTICLE = parse_article(
    "Title\n\nThe talks resumed in Doha on Saturday.\n\n"
    "Wall Street and the City of London were named, and the City of London was named again.\n",
    "small",
)


def test_ids_are_the_quote_s_first_significant_words():
    assert (
        make_id("using the infamous ‘weapons of mass destruction’ lie", set())
        == "using-infamous-weapons-mass-destruction"
    )
    assert make_id("Café au lait", set()) == "cafe-au-lait"  # accents folded, not dropped
    assert make_id("the of and", set()) == "the-of-and"  # only stop words: keep them
    assert make_id("«»", set()) == "note"


def test_ids_are_unique_never_reserved_and_short():
    assert make_id("the talks", {"talks", "talks-2"}) == "talks-3"
    assert make_id("p3", set()) == "note-p3"  # p1, p2… are the paragraphs' links
    long = make_id("a" * 30 + " " + "b" * 30, set())
    assert long == "a" * 30
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", make_id("-- !! 42 --", set()))


@pytest.mark.parametrize(
    "text", ["plain", 'a "quoted" word', "colon: here", "line\u2028sep", "nel\u0085", "# x", "é"]
)
def test_yaml_strings_read_back_exactly(text):
    assert yaml.safe_load(f"v: {yaml_string(text)}") == {"v": text}


def test_the_draft_writes_fields_in_the_table_s_order():
    draft = draft_note(ARTICLE, "The talks  resumed", "source", set(), author="Ann")
    keys = [m for m in re.findall(r"^([a-z_]+):", draft.text, re.MULTILINE)]
    assert keys == [f for f in FIELDS if f not in ("prefix", "suffix", "lang")]  # lang: when asked
    source_keys = re.findall(r"^  (?:- |  )([a-z_]+):", draft.text, re.MULTILINE)
    assert source_keys == [f for f in SOURCE_FIELDS if f != "archive_url"]
    assert (draft.quote, draft.paragraph) == ("The talks resumed", 1)  # the article's text


def test_the_draft_is_a_note_but_for_its_placeholders():
    draft = draft_note(ARTICLE, "the City of London", "counterpoint", set(), occurrence=2)
    assert draft.id == "city-london"
    assert "  # the quote occurs more than once" in draft.text  # context added to pick it
    _, problems = parse_annotation(draft.text.encode(), "n.yml", "small", draft.id)
    assert {p.code for p in problems} == {"placeholder"}
    filled = re.sub(r'"TODO:[^"]*"', '"filled in"', draft.text).replace("  TODO:", "  Now")
    filled = filled.replace('url: "filled in"', "url: https://example.org/x")
    filled = filled.replace('date: "filled in"', "date: 2019-08")
    note, problems = parse_annotation(filled.encode(), "n.yml", "small", draft.id)
    assert problems == [] and note is not None
    assert (note.quote, note.paragraph) == ("the City of London", 2)


def test_passages_are_chosen_or_refused_with_reasons():
    second = ARTICLE.body.rindex("the City of London")
    assert find_passage(ARTICLE, "the City of London", occurrence=2) == (second, second + 18)
    with pytest.raises(NewNoteError, match="occurs 2 times") as error:
        find_passage(ARTICLE, "the City of London")
    assert "--paragraph N" in error.value.hint
    with pytest.raises(NewNoteError, match="out of range"):
        find_passage(ARTICLE, "the City of London", occurrence=3)
    with pytest.raises(NewNoteError, match="does not occur in paragraph 1"):
        find_passage(ARTICLE, "the City of London", paragraph=1)
    with pytest.raises(NewNoteError, match="quote not found"):
        find_passage(ARTICLE, "talks resumed in Kabul")
    with pytest.raises(NewNoteError, match="empty"):
        find_passage(ARTICLE, "  ")


def test_a_chosen_id_is_checked_and_never_overwrites():
    with pytest.raises(NewNoteError, match="not allowed"):
        draft_note(ARTICLE, "Doha", "context", set(), note_id="p2")
    with pytest.raises(NewNoteError, match="already exists"):
        draft_note(ARTICLE, "Doha", "context", {"doha"}, note_id="doha")
    with pytest.raises(NewNoteError, match="unknown kind"):
        draft_note(ARTICLE, "Doha", "opinion", set())


JAPANESE = parse_article(
    "渋谷の飲食店\n\n東京都渋谷区では、飲食店の人手不足が続いている。\n", "shibuya"
)


def test_a_quote_without_latin_letters_asks_for_an_id_with_a_suggestion():
    with pytest.raises(NewNoteError) as refused:
        draft_note(JAPANESE, "人手不足", "context", {"context-p1"})
    assert "no Latin letters" in refused.value.message
    assert "--id staff-shortage" in refused.value.hint
    assert "--id context-p1-2" in refused.value.hint  # the suggestion is free
    by_title = draft_note(JAPANESE, "人手不足", "context", set(), title="Staff shortage in Shibuya")
    assert by_title.id == "staff-shortage-shibuya"
    chosen = draft_note(JAPANESE, "人手不足", "context", set(), note_id="staff-shortage")
    assert chosen.id == "staff-shortage" and chosen.quote == "人手不足"
