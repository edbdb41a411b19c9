"""Properties of re-anchoring with all the evidence (issue 22), over random articles.

Notes are recorded as a W3C TextQuoteSelector and ``glossator new`` record them: 32 characters
of prefix and suffix, cut wherever they fall, and the paragraph. Words are drawn from scripts
written with spaces (Latin, Greek, Cyrillic, Arabic...): text without spaces is searched
character by character, where a replaced word and an inserted one cannot be told apart.

Examples per run: as tests/anchoring/test_properties.py (``GLOSSATOR_EXAMPLES``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from glossator.anchoring import NormalisedText, locate, normalise
from glossator.anchoring.evidence import MAX_PARAGRAPHS_MOVED
from glossator.anchoring.words import respelt, word_key
from glossator.model import Selector

EXAMPLES = int(os.environ.get("GLOSSATOR_EXAMPLES", "0")) or 150
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # shared CI runners stall; a slow example is not a wrong one
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    print_blob=True,
)
CONTEXT = 32
"""Characters of prefix and suffix recorded, as Hypothesis and ``glossator new`` do."""

LETTERS = st.one_of(
    st.characters(min_codepoint=0x41, max_codepoint=0x5A),  # Latin
    st.characters(min_codepoint=0x61, max_codepoint=0x7A),
    st.characters(min_codepoint=0xE0, max_codepoint=0xFF, categories=["Ll"]),
    st.characters(min_codepoint=0x3B1, max_codepoint=0x3C9),  # Greek
    st.characters(min_codepoint=0x430, max_codepoint=0x44F),  # Cyrillic
    st.characters(min_codepoint=0x621, max_codepoint=0x63A),  # Arabic letters
)
MARKS = st.characters(min_codepoint=0x64B, max_codepoint=0x652)  # Arabic vowel marks
WORD = st.builds(
    str.__add__, LETTERS, st.text(st.one_of(LETTERS, LETTERS, MARKS), max_size=8)
)  # a letter first: a word of marks alone vanishes in normalising


@st.composite
def articles(draw, paragraphs: int):
    """(paragraphs as lists of words, index of the note's paragraph, its first word, count)."""
    paras = [draw(st.lists(WORD, min_size=10, max_size=24)) for _ in range(paragraphs)]
    i = draw(st.integers(0, paragraphs - 1))
    n = draw(st.integers(3, 9))
    first = draw(st.integers(0, len(paras[i]) - n))
    return paras, i, first, n


def body_of(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras)


def recorded(body: str, start: int, end: int) -> Selector:
    return Selector(
        body[start:end], body[max(0, start - CONTEXT) : start], body[end : end + CONTEXT]
    )


def passage_span(paras: list[list[str]], i: int, first: int, n: int) -> tuple[int, int]:
    start = sum(len(" ".join(p)) + 2 for p in paras[:i]) + len(" ".join(paras[i][:first]))
    start += 1 if first else 0
    return start, start + len(" ".join(paras[i][first : first + n]))


def paragraph_range(body: str, number: int) -> tuple[int, int]:
    starts = [0] + [k + 2 for k in range(len(body)) if body.startswith("\n\n", k)]
    start = starts[number]
    end = body.find("\n\n", start)
    return start, len(body) if end == -1 else end


@SETTINGS
@given(articles(MAX_PARAGRAPHS_MOVED + 4), st.data())
def test_never_anchors_on_a_near_copy_when_the_original_is_gone(article, data):
    """The passage deleted, and a near-copy of it (one word replaced by another word, with the
    words around it copied too, all different words) added more than MAX_PARAGRAPHS_MOVED
    paragraphs away: with the paragraph recorded, the note is refused, never moved onto it."""
    paras, i, first, n = article
    body = body_of(paras)
    start, end = passage_span(paras, i, first, n)
    quote = body[start:end]
    assume(normalise(body).count(normalise(quote)) == 1)
    selector = recorded(body, start, end)
    k = data.draw(st.integers(first, first + n - 1))
    other = data.draw(WORD)
    old = word_key(paras[i][k])
    assume(word_key(other) != old and not respelt(word_key(other), old))
    lo, hi = max(0, first - 4), first + n + 4  # the copy keeps some of the words around it
    copy = [*paras[i][lo:k], other, *paras[i][k + 1 : hi]]
    # words all different: else 'A B A A' is both 'A A A' with a word replaced and with one
    # inserted (which may stand anywhere), and the copy is no longer only a near-copy
    keys = [word_key(w) for w in (*paras[i][lo:hi], other)]
    assume(len(set(keys)) == len(keys))
    j = data.draw(
        st.sampled_from([x for x in range(len(paras)) if abs(x - i) > MAX_PARAGRAPHS_MOVED])
    )
    edited = [list(p) for p in paras]
    edited[j] = edited[j] + copy
    del edited[i][first : first + n]  # the original gone (its paragraph may become shorter)
    assume(edited[i])
    new_body = body_of(edited)
    assume(normalise(quote) not in normalise(new_body))
    m = locate(new_body, selector, NormalisedText(new_body), near=paragraph_range(new_body, i))
    event(m.status)
    assert not m.found, (m, new_body[m.start : m.end])


@SETTINGS
@given(articles(4), st.data())
def test_with_its_context_recorded_an_edited_passage_is_found_or_refused(article, data):
    """One letter of the passage changed, a word inserted into it, or a word of it replaced:
    the note lands on the edited passage, or is refused; never anywhere else."""
    paras, i, first, n = article
    body = body_of(paras)
    start, end = passage_span(paras, i, first, n)
    assume(normalise(body).count(normalise(body[start:end])) == 1)
    selector = recorded(body, start, end)
    edited = [list(p) for p in paras]
    k = data.draw(st.integers(first, first + n - 1))
    how = data.draw(st.sampled_from(["letter", "inserted", "replaced"]))
    if how == "letter":
        word = edited[i][k]
        at = data.draw(st.integers(0, len(word) - 1))
        edited[i][k] = word[:at] + data.draw(LETTERS) + word[at + 1 :]
    elif how == "inserted":
        edited[i].insert(data.draw(st.integers(first + 1, first + n - 1)), data.draw(WORD))
    else:
        edited[i][k] = data.draw(WORD)
    grown = len(edited[i]) - len(paras[i])
    new_body = body_of(edited)
    assume(new_body != body)
    expected = passage_span(edited, i, first, n + grown)
    m = locate(new_body, selector, NormalisedText(new_body), near=paragraph_range(new_body, i))
    event(f"{how}: {m.status}")
    if m.found:
        inter = max(0, min(m.end, expected[1]) - max(m.start, expected[0]))
        assert inter > 0, (how, new_body[m.start : m.end], new_body[slice(*expected)])
