"""Re-anchoring that weighs all the evidence (issue 22), one rule per test.

Prefix and suffix are recorded as a W3C TextQuoteSelector records them (``context``: 32
characters either side, cut wherever they fall), with the paragraph ``glossator new`` records.
"""

from __future__ import annotations

import pytest

from glossator.anchoring import locate, locate_note, unique_context
from glossator.anchoring.evidence import MAX_PARAGRAPHS_MOVED
from glossator.anchoring.messages import anchor_problems, word_differences
from glossator.load.notes import parse_annotation
from glossator.load.seeds import parse_article
from glossator.model import Selector
from glossator.pipeline.edition import anchor_note
from glossator.tools.fix import plan_fix

CONTEXT = 32


def selector(body: str, quote: str) -> Selector:
    start = body.index(quote)
    end = start + len(quote)
    return Selector(quote, body[max(0, start - CONTEXT) : start], body[end : end + CONTEXT])


def article(*paragraphs: str):
    return parse_article("Title\n\n" + "\n\n".join(paragraphs), "a")


def note_for(body: str, quote: str, paragraph: int | None = None, context: bool = True):
    sel = selector(body, quote) if context else Selector(quote)
    lines = [f'quote: "{quote}"']
    if sel.prefix:
        lines.append(f'prefix: "{sel.prefix}"'.replace("\n", "\\n"))
    if sel.suffix:
        lines.append(f'suffix: "{sel.suffix}"'.replace("\n", "\\n"))
    if paragraph:
        lines.append(f"paragraph: {paragraph}")
    lines += ["kind: context", "title: t", "body: b"]
    note, problems = parse_annotation("\n".join(lines).encode(), "n.yml", "a", "n")
    assert note is not None, problems
    return note


FILLER = [
    "運転手の確保も大きな課題だった。町内の運送会社に委託していた。",
    "利用者の声を運行に生かす仕組みも整えられた。車内には意見箱が置かれた。",
    "議論の末、朝の一便だけは駅まで直通させることが決まった。",
    "流行が落ち着いたあと、利用者はゆっくりと戻ってきた。",
    "課題がなくなったわけではない。車両の老朽化は進んでいる。",
]
JA = "そこで二年目からは停留所の数を増やした。この変更によって、一日あたりの利用者数は前年より約二割拡大した。"


@pytest.mark.parametrize("context", [True, False], ids=["with-context", "quote-only"])
def test_japanese_one_character_inserted_reanchors(context):
    """The issue's example: 約二割拡大した -> 約二割も拡大した, in a quote of 11 characters."""
    before = article(JA, *FILLER).body
    quote = "前年より約二割拡大した"
    sel = selector(before, quote) if context else Selector(quote)
    after = before.replace("約二割拡大", "約二割も拡大")
    m = locate(after, sel)
    assert m.status == "reanchored"
    assert after[m.start : m.end] == "前年より約二割も拡大した"


def test_japanese_one_character_deleted_reanchors():
    before = article(JA, *FILLER).body
    sel = selector(before, "一日あたりの利用者数は前年より")
    after = before.replace("一日あたりの", "一日あたり")
    m = locate(after, sel)
    assert (m.status, after[m.start : m.end]) == ("reanchored", "一日あたり利用者数は前年より")


def test_japanese_refusal_names_the_closest_passage_and_says_why():
    before = article(JA, *FILLER).body
    quote = "一日あたりの利用者数は前年より約二割拡大した"
    after = before.replace("利用者数は前年より約二割", "乗客数は前年より約三割")
    a = parse_article("Title\n\n" + after, "a")
    m = locate_note(note_for(before, quote, context=False), a)
    assert not m.found
    (p,) = anchor_problems(note_for(before, quote, context=False), a, m)
    assert 'closest passage (paragraph 1): "一日あたりの乗客数は前年より約三割拡大した"' in p.hint
    assert "not re-anchored: the quote changed by 4 of 22 characters, too many" in p.hint


FR = [
    "Le lavoir fut construit en 1847, après une épidémie de choléra qui avait emporté "
    "une trentaine de personnes dans la vallée.",
    "Le bâtiment est d’une grande simplicité : un toit de tuiles posé sur des piliers.",
    "La lessive elle-même était une affaire sérieuse, deux fois par an.",
    "Le lavoir était aussi un lieu de parole, où l’on apprenait les nouvelles.",
    "Au début du vingtième siècle, la commune fit poser une pompe à bras.",
    "Après 1945, l’arrivée de l’eau courante changea tout en quelques années.",
]


def test_a_word_added_to_a_short_quote_between_intact_context_reanchors():
    """The French example of issue 22: a word added to a 23-character quote. The recorded
    prefix and suffix still stand on both sides, around this place only: it is the passage."""
    before = article(*FR).body
    quote = "une épidémie de choléra"
    after = before.replace("épidémie de", "épidémie terrible de")
    m = locate(after, selector(before, quote))
    assert (m.status, after[m.start : m.end]) == ("reanchored", "une épidémie terrible de choléra")
    # without the context, 9 characters of 23 changed is too many to be sure: refused, saying so
    a = parse_article("Title\n\n" + after, "a")
    note = note_for(before, quote, context=False)
    (p,) = anchor_problems(note, a, locate_note(note, a))
    assert "not re-anchored: the quote changed by 9 of 23 characters, too many" in p.hint


def test_a_passage_rewritten_between_intact_context_is_another_passage():
    before = article(*FR).body
    quote = "une épidémie de choléra"
    after = before.replace(quote, "une crue de la rivière")
    m = locate(after, selector(before, quote))
    assert not m.found
    assert "though the words around it still stand" in m.reason


def test_a_refusal_says_why_when_the_words_around_it_changed_too():
    before = article(*FR).body
    quote = "une pompe à bras"
    after = before.replace("fit poser une pompe à bras", "fit installer une pompe en fonte")
    a = parse_article("Title\n\n" + after, "a")
    note = note_for(before, quote, paragraph=5)
    m = locate_note(note, a)
    assert not m.found
    assert m.reason == "the quote changed by 7 of 16 characters and the words around it changed too"


def test_a_replaced_word_reanchors_in_place_but_a_far_near_copy_is_an_orphan():
    """Both look the same between their context: a sentence with one word of the quote
    replaced. Where the note was last found tells them apart; the original gone, the near-copy
    is reported as the closest passage, never taken."""
    before = article(*FR).body
    quote = "une épidémie de choléra"
    note = note_for(before, quote, paragraph=1)
    in_place = parse_article("Title\n\n" + before.replace("choléra", "typhoïde"), "a")
    m = locate_note(note, in_place)
    assert in_place.body[m.start : m.end] == "une épidémie de typhoïde"
    sentence = FR[0]
    copy = sentence.replace("choléra", "typhoïde")
    paragraphs = [p for p in FR[1:]]
    far = MAX_PARAGRAPHS_MOVED + 1
    paragraphs[far] += " " + copy  # the original deleted, a near-copy far from paragraph 1
    moved = parse_article("Title\n\n" + "\n\n".join(paragraphs), "a")
    m = locate_note(note, moved)
    assert m.status == "orphan"
    best = m.candidates[0]
    assert moved.body[best.start : best.end] == "une épidémie de typhoïde"
    assert "paragraphs from where the note was last found" in m.reason
    (p,) = anchor_problems(note, moved, m)
    assert 'closest passage (paragraph 4): "une épidémie de typhoïde"' in p.hint


ARABIC = "كَتَبَ الطالبُ الدرسَ في المدرسةِ. وقرأ العـــربية كل يوم."


@pytest.mark.parametrize(
    ("quote", "passage"),
    [("كتب الطالب", "كَتَبَ الطالبُ"), ("في المدرسة", "في المدرسةِ"), ("العربية", "العـــربية")],
)
def test_arabic_marks_and_tatweel_are_forgiven_and_stay_with_their_word(quote, passage):
    """Typed without vowel marks or the stretching tatweel, the quote still lands, and on the
    whole words: a word's last mark is never cut off."""
    m = locate(ARABIC, Selector(quote))
    assert m.status == "forgiven"
    assert ARABIC[m.start : m.end] == passage


def test_check_fix_keeps_as_many_characters_of_context_in_text_without_spaces():
    before = article(JA, *FILLER).body
    quote = "前年より約二割拡大した"
    note = note_for(before, quote, paragraph=1)
    after = parse_article("Title\n\n" + before.replace("約二割拡大", "約二割も拡大"), "a")
    anchored, _ = anchor_note(note, after)
    fix = plan_fix(anchored, after)
    assert fix.changes["quote"] == "前年より約二割も拡大した"
    prefix = fix.changes.get("prefix", note.prefix)
    assert len(prefix) <= len(note.prefix)
    assert after.body[: anchored.start].endswith(prefix)


def test_unique_context_counts_characters_in_text_without_spaces():
    text = "町の中心にある役場前を起点に運行した。駅の近くにある役場前を起点に運行した。"
    start = text.rindex("役場前を起点に")
    prefix, suffix = unique_context(text, start, start + len("役場前を起点に"))
    assert 0 < len(prefix + suffix) <= 16
    m = locate(text, Selector("役場前を起点に", prefix, suffix))
    assert m.start == start


def test_word_differences_in_text_without_spaces_are_the_characters():
    assert word_differences("約二割拡大した", "約二割も拡大した") == '"も" added in the article'
    assert (
        word_differences("利用者数は約二割", "乗客数は約三割") == '"利用者" -> "乗客"; "二" -> "三"'
    )
