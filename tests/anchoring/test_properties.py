"""Properties of parsing, anchoring and rendering, over random articles and random notes.

Articles: Unicode words, curly and straight quotes, dashes, ellipses, markup-looking text,
phrases repeated within and across paragraphs, several lines per paragraph, many paragraphs.
Notes: passages sliced from the article (so they overlap, nest, touch and cross paragraph
breaks at random), typed exactly or as a contributor would type them (straight quotes, one
space for a paragraph break), with a prefix/suffix added only when anchoring says the quote
alone is not unique; each goes through YAML, the validator and the anchoring a build uses.

Examples per run: the ``glossator`` Hypothesis profile (below; CI). ``GLOSSATOR_EXAMPLES=5000``
or ``HYPOTHESIS_PROFILE=glossator-thorough`` explores more locally.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from glossator.anchoring import NormalisedText, locate, normalise
from glossator.load.notes import KINDS, parse_annotation
from glossator.load.seeds import PARAGRAPH_SEPARATOR, parse_article
from glossator.model import Selector
from glossator.pages.article import render_article
from glossator.pipeline.edition import anchor_note

_SPACELESS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9f]"
)
"""Thai, Lao, Myanmar, Khmer, kana and CJK ideographs, as the Unicode blocks name them."""
EXAMPLES = int(os.environ.get("GLOSSATOR_EXAMPLES", "0")) or None
settings.register_profile(
    "glossator",
    max_examples=EXAMPLES or 300,
    deadline=None,  # shared CI runners stall; a slow example is not a wrong one
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    print_blob=True,
)
settings.register_profile(
    "glossator-thorough", parent=settings.get_profile("glossator"), max_examples=5000
)
PROFILE = settings.get_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "")
    if os.environ.get("HYPOTHESIS_PROFILE", "").startswith("glossator")
    else "glossator"
)
ROUND_TRIP = settings(PROFILE, max_examples=EXAMPLES or 2 * PROFILE.max_examples)

# --- strategies ------------------------------------------------------------------------------

# Characters a line may hold: letters, marks, digits, punctuation, symbols; never control or
# line/paragraph separators (the text inside a line is tested separately below).
WORD_CHARS = st.characters(categories=["L", "M", "N", "P", "S"])
FIXED_WORDS = [
    "the", "war", "talks", "Doha", "Taliban", "“quoted”", "‘single’", "don't", "don’t",
    "—", "–", "-", "…", "...", "café", "naïve", "Ünïcödé", "日本語", "🙂", "a\u200bb",
    "<script>", "&amp;", "**bold**", "[link](x)", "#", ">", "\"", "'", "`code`",
]  # fmt: skip
WORDS = st.one_of(st.sampled_from(FIXED_WORDS), st.text(WORD_CHARS, min_size=1, max_size=8))
SPACES = st.sampled_from([" ", " ", " ", "  ", "\u00a0", " \t "])


@st.composite
def lines(draw, phrases: list[str]) -> str:
    tokens = draw(st.lists(st.one_of(WORDS, st.sampled_from(phrases)), min_size=1, max_size=8))
    out = tokens[0]
    for token in tokens[1:]:
        out += draw(SPACES) + token
    return out


@st.composite
def seeds(draw) -> tuple[str, str, list[str]]:
    """(seed file text, title, paragraph texts as the file has them)."""
    phrases = draw(
        st.lists(st.lists(WORDS, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=3)
    )
    paragraphs = [
        "\n".join(draw(st.lists(lines(phrases), min_size=1, max_size=3)))
        for _ in range(draw(st.integers(1, 10)))
    ]
    title = draw(lines(phrases))
    gaps = st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\n\t\n"])
    text = title
    for para in paragraphs:
        text += draw(gaps) + para
    text += draw(st.sampled_from(["", "\n", "\n\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text, title, paragraphs


_EDGE = re.compile(
    r"^[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+|[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+$"
)


def trimmed(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink [start, end) to begin and end on a visible character, as real quotes do."""
    piece = body[start:end]
    lead = _EDGE.match(piece)
    start += lead.end() if lead else 0
    tail = _EDGE.search(body[start:end])
    end = start + tail.start() if tail else end
    return (start, end) if end > start else None


def typed(quote: str) -> str:
    """The quote as a contributor types it: straight quotes and dashes, one space for breaks."""
    return normalise(quote)


def count_overlapping(haystack: str, needle: str) -> int:
    return sum(1 for i in range(len(haystack)) if haystack.startswith(needle, i))


def selector_for(
    body: str, nt: NormalisedText, start: int, end: int, as_typed: bool
) -> Selector | None:
    """A selector that anchoring resolves to exactly [start, end), or None if none does."""
    quote = body[start:end]
    candidates = [Selector(typed(quote))] if as_typed else []
    candidates.append(Selector(quote))
    for k in (6, 24, 100):
        candidates.append(Selector(quote, body[max(0, start - k) : start], body[end : end + k]))
    for selector in candidates:
        m = locate(body, selector, nt)
        if m.found and (m.start, m.end) == (start, end):
            return selector
    return None


@st.composite
def annotated(draw):
    """An article and a list of anchored notes on it (built as a build builds them)."""
    text, _title, _paragraphs = draw(seeds())
    article = parse_article(text, "a")
    body = article.body
    nt = NormalisedText(body)
    notes = []
    for i in range(draw(st.integers(1, 8))):
        start = draw(st.integers(0, len(body) - 1))
        end = draw(
            st.integers(start + 1, min(len(body), start + draw(st.sampled_from([8, 40, 400]))))
        )
        rng = trimmed(body, start, end)
        if rng is None:
            continue
        selector = selector_for(body, nt, *rng, as_typed=draw(st.booleans()))
        if selector is None:
            continue
        kind = draw(st.sampled_from(KINDS))
        fields = {"quote": selector.quote, "kind": kind, "title": f"Note {i}", "body": "A note."}
        if selector.prefix:
            fields["prefix"] = selector.prefix
        if selector.suffix:
            fields["suffix"] = selector.suffix
        if kind != "context":
            fields["sources"] = [{"title": "A source", "url": "https://example.org/"}]
        data = yaml.safe_dump(fields, allow_unicode=True).encode()
        note, problems = parse_annotation(data, f"annotations/a/n{i}.yml", "a", f"n{i}")
        assert note is not None, [p.format() for p in problems]
        assert note.quote == selector.quote  # YAML carried the quote unchanged
        anchored, problems = anchor_note(note, article, nt)
        assert anchored is not None, [p.format() for p in problems]
        assert (anchored.start, anchored.end) == rng
        notes.append(anchored)
    notes.sort(key=lambda n: (n.start, -n.end, n.id))
    return text, article, notes


# --- properties ------------------------------------------------------------------------------


def parse_html(html: str) -> BeautifulSoup:
    """BeautifulSoup collapses white-space-only strings between tags unless told not to."""
    return BeautifulSoup(html, "html.parser", preserve_whitespace_tags={"p"})


@PROFILE
@given(seeds())
def test_parsing_keeps_every_paragraph(seed):
    text, title, paragraphs = seed
    article = parse_article(text, "a")
    assert article.title == title.strip()
    assert [p.text for p in article.paragraphs] == paragraphs
    assert article.body == PARAGRAPH_SEPARATOR.join(paragraphs)
    for p in article.paragraphs:
        assert article.body[p.start : p.end] == p.text


def _marks_text(soup: BeautifulSoup, note_id: str) -> str:
    """A note's marks joined: directly within a paragraph, by the separator across them."""
    groups: list[tuple[str, list[str]]] = []
    for mark in soup.find_all("mark", attrs={"data-annotation": note_id}):
        para = mark.find_parent("p")["id"]
        if not groups or groups[-1][0] != para:
            groups.append((para, []))
        groups[-1][1].append(mark.get_text())
    return PARAGRAPH_SEPARATOR.join("".join(parts) for _, parts in groups)


def _describe(article, notes) -> None:
    """Statistics (pytest --hypothesis-show-statistics): which shapes the examples had."""
    event(f"{min(len(notes), 5)}{'+' if len(notes) >= 5 else ''} notes")
    spans = [(n.start, n.end) for n in notes]
    if any(article.paragraph_at(e - 1).number != article.paragraph_at(s).number for s, e in spans):
        event("a note crosses a paragraph break")
    pairs = [(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :]]
    if any((a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1]) for a, b in pairs):
        event("nested notes")
    if any(a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1] for a, b in pairs):
        event("crossing notes")
    if any(a[1] == b[0] or b[1] == a[0] for a, b in pairs):
        event("adjacent notes")
    if any(n.annotation.quote != article.body[n.start : n.end] for n in notes):
        event("a quote typed differently from the text")
    if any(n.annotation.prefix or n.annotation.suffix for n in notes):
        event("a quote needing prefix/suffix")


@PROFILE
@given(annotated())
def test_rendering_keeps_the_text_and_every_note(case):
    _text, article, notes = case
    _describe(article, notes)
    html = render_article(article, notes)
    soup = parse_html(html)

    # the article, exactly: with the notes taken out, the paragraphs are the article's
    paragraphs = soup.select(".glossator-article > p")
    assert [p.get_text() for p in paragraphs] == [p.text for p in article.paragraphs]
    assert [p["id"] for p in paragraphs] == [f"p{p.number}" for p in article.paragraphs]

    # marks nest properly: each paragraph is well-formed XML on its own
    for paragraph in re.findall(r'<p id="p\d+">.*?</p>', html, re.DOTALL):
        ET.fromstring(paragraph)

    # every note once, and its marks spell its passage
    asides = soup.select("aside.glossator-note")
    assert sorted(a["id"] for a in asides) == sorted(n.id for n in notes)
    for note in notes:
        assert _marks_text(soup, note.id) == article.body[note.start : note.end]
        for mark in soup.find_all("mark", attrs={"data-annotation": note.id}):
            assert mark["data-kind"] == note.kind
            assert mark.find_parent("mark", attrs={"data-annotation": note.id}) is None
    for mark in soup.find_all("mark"):
        assert mark.get_text() != "", "an empty mark"


@ROUND_TRIP
@given(seeds(), st.data())
def test_a_unique_slice_anchors_back_to_itself(seed, data):
    article = parse_article(seed[0], "a")
    body = article.body
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    rng = trimmed(body, start, end)
    assume(rng is not None)
    start, end = rng
    quote = body[start:end]

    if count_overlapping(body, quote) == 1:  # unique as written: found as written
        m = locate(body, Selector(quote))
        assert (m.status, m.start, m.end) == ("exact", start, end)

    nt = NormalisedText(body)
    if count_overlapping(nt.text, normalise(quote).strip()) == 1:  # unique once forgiven
        m = locate(body, Selector(typed(quote)))
        assert (m.start, m.end) == (start, end), m

    # with context, anchoring lands on this slice or refuses: never somewhere else
    for k in (4, 30):
        m = locate(body, Selector(quote, body[max(0, start - k) : start], body[end : end + k]))
        assert not m.found or (m.start, m.end) == (start, end), (k, m)


@pytest.mark.parametrize(
    "sep", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
)
def test_parsing_keeps_unusual_line_separators_inside_a_paragraph(sep):
    article = parse_article(f"Title\n\nbefore{sep}after\n", "a")
    assert [p.text for p in article.paragraphs] == [f"before{sep}after"]


def _cuts_a_word(body: str, offset: int) -> bool:
    """Letters or digits on both sides, neither in a script written without spaces (between
    "q" and "本" of "q本語" is a place to start, as between any two characters of Japanese)."""
    return (
        0 < offset < len(body)
        and body[offset - 1].isalnum()
        and body[offset].isalnum()
        and not (_SPACELESS.match(body[offset - 1]) or _SPACELESS.match(body[offset]))
    )


@settings(PROFILE, max_examples=EXAMPLES or PROFILE.max_examples // 3)
@given(seeds(), st.data())
def test_an_approximate_match_never_cuts_a_word(seed, data):
    """A quote no longer in the article (a letter of it changed since): every place offered,
    re-anchored or listed as a candidate, starts and ends on whole words (issue 11)."""
    body = parse_article(seed[0], "a").body
    words = [m.span() for m in re.finditer(r"\S+", body)]
    assume(len(words) >= 3)
    first = data.draw(st.integers(0, len(words) - 3))
    last = data.draw(st.integers(first + 2, min(len(words) - 1, first + 12)))
    start, end = words[first][0], words[last][1]
    letters = [i for i in range(start, end) if body[i].isalpha()]
    assume(letters)
    i = data.draw(st.sampled_from(letters))
    edited = body[:i] + ("q" if body[i] != "q" else "z") + body[i + 1 :]
    m = locate(edited, Selector(body[start:end]))
    event(m.status)
    for a, b in [(c.start, c.end) for c in m.candidates] + ([(m.start, m.end)] if m.found else []):
        assert not _cuts_a_word(edited, a) and not _cuts_a_word(edited, b), (a, b, m)
