import pytest

from glossator.anchoring import Selector, locate, normalise, suggest_context

TEXT = (
    "It was the best of times, it was the worst of times.\n\n"
    "He said \u2018peace\u2019 \u2013 not \u201cwithdrawal\u201d \u2014 twice.\n\n"
    "The City of London and the City of Paris.\n\n"
    "Wall Street and the City of"
)


@pytest.mark.parametrize(
    ("selector", "status", "expected"),
    [
        (Selector("best of times"), "exact", "best of times"),
        (
            Selector("He said 'peace' - not \"withdrawal\""),
            "forgiven",
            "He said \u2018peace\u2019 \u2013 not \u201cwithdrawal\u201d",
        ),
        (Selector("worst  of\n times"), "forgiven", "worst of times"),
        (Selector("times.\n\nHe said"), "exact", "times.\n\nHe said"),
        (Selector("times. He said"), "forgiven", "times.\n\nHe said"),
        (Selector("City of", prefix="Street and the "), "exact", "City of"),
        (Selector("the City of", suffix="Paris"), "exact", "the City of"),
        (Selector("the City of", prefix="Street and "), "exact", "the City of"),
        (Selector("the City of", prefix="London and "), "exact", "the City of"),
    ],
)
def test_match_table(selector, status, expected):
    m = locate(TEXT, selector)
    if status is None:
        assert m.status not in ("exact", "forgiven")
        return
    assert m.status == status
    assert TEXT[m.start : m.end] == expected


def test_prefix_picks_the_right_occurrence():
    m = locate(TEXT, Selector("the City of", prefix="Wall Street and "))
    assert m.start == TEXT.rindex("the City of")
    m = locate(TEXT, Selector("the City of", suffix=" Paris."))
    assert m.start == TEXT.index("the City of Paris")


def test_matching_is_case_sensitive():
    assert locate(TEXT, Selector("BEST OF TIMES")).status in ("orphan", "ambiguous")


def test_ambiguous_lists_every_occurrence():
    m = locate(TEXT, Selector("the City of"))
    assert m.status == "ambiguous"
    assert [TEXT[c.start : c.end] for c in m.candidates] == ["the City of"] * 2


def test_unique_quote_anchors_even_if_context_changed():
    m = locate(TEXT, Selector("best of times", prefix="It is the "))
    assert m.status == "exact"
    assert m.context_changed


def test_not_found_offers_the_closest_passage():
    m = locate(TEXT, Selector("completely different words appear here"))
    assert m.status == "orphan"


def test_typo_fixed_in_article_reanchors_with_confidence():
    edited = TEXT.replace("best of times", "best of all times")
    m = locate(edited, Selector("It was the best of times, it was"))
    assert m.status == "reanchored"
    assert edited[m.start : m.end] == "It was the best of all times, it was"
    assert m.confidence >= 0.8


def test_near_duplicate_elsewhere_is_never_guessed():
    text = "The talks resumed in Doha on Saturday.\n\nThe talks resumed in Kabul on Sunday."
    m = locate(text, Selector("The talks resumed in Dubai on Monday."))
    assert m.status in ("ambiguous", "orphan")
    assert m.start is None


def test_normalise_forgives_only_invisible_differences():
    assert normalise("a\u00a0\u2014 \u2018b\u2019\u2026") == "a - 'b'..."
    assert normalise("A") != normalise("a")


def test_suggest_context_singles_out_an_occurrence():
    starts = [i for i in range(len(TEXT)) if TEXT.startswith("the City of", i)]
    ranges = [(s, s + len("the City of")) for s in starts]
    hint = suggest_context(TEXT, ranges, 1)
    kind, _, value = hint.partition(": ")
    value = value.strip('"')
    sel = Selector("the City of", **{kind: value})
    assert locate(TEXT, sel).start == ranges[1][0]
