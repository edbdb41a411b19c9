"""Unseen drift table: short notes on texts the matcher was never tuned on, edited around.

The project's own drift table (drift_table.py) runs on the notes the matcher was developed
against. This one runs on a second project written for it alone (tests/fixtures/drift_unseen:
an English, a French and a Japanese article, each note a short quote of 3-9 words, or 10-30
characters in Japanese, recorded with 32 characters of prefix and suffix and its paragraph,
as a W3C TextQuoteSelector and ``glossator new`` record them). Every edit below is applied
around every note, and the real matcher (``edition.anchor_note``) re-anchors it:

    python tests/bench/drift_unseen.py [--verbose]

Outcomes: ``re-anchored`` (on the passage's new place), ``wrong`` (anchored anywhere else:
the failure that must never happen), ``refused`` (reported for a human to fix). When the
passage is gone (``EXPECT_GONE``), refusing is right; the table also counts the refusals
that name the near-copy as the closest passage, so the contributor sees where it went.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "build_scripts"))

from glossator.anchoring import NormalisedText  # noqa: E402
from glossator.load.seeds import parse_article  # noqa: E402
from glossator.pipeline.edition import anchor_note, load_edition  # noqa: E402

PROJECT = REPO / "tests" / "fixtures" / "drift_unseen"
LANGUAGES = ("en", "fr", "ja")
"""The languages the edits know (each article says its own with ``lang:`` in its sidecar)."""

Span = tuple[int, int]
Edit = Callable[[str, Span, str], "tuple[str, Span | None] | None"]
"""(body, quote span, language) -> (new body, the passage's new span or None if it is gone),
or None when the edit does not apply to this note."""

SPACED = ("en", "fr")
"""Languages written with spaces between words: word edits apply to them."""
INSERTED_WORD = {"en": "indeed", "fr": "alors", "ja": "また"}
REPLACEMENT_WORD = {"en": "another", "fr": "autre", "ja": "別の"}
INSERTED_CHARACTER = "も"
"""What an editor adds: a word for spaced languages; for Japanese a particle, the example
of issue 22 (約二割拡大した -> 約二割も拡大した)."""
PARAGRAPH_INSERTED = {
    "en": "An editor's note, added later.",
    "fr": "Une note de la rédaction, ajoutée plus tard.",
    "ja": "編集部による注記を後から加えた。",
}
MIN_CHARACTER_QUOTE = 10
"""Character edits apply to quotes of at least this many characters (issue 22)."""
CORRECT_OVERLAP = 0.8
"""An anchor overlapping the passage's new place by this share (intersection over union) is
on it, as in drift_table.py: a few characters of edge punctuation either way."""


# --- building blocks -------------------------------------------------------------------------


def splice(body: str, i: int, j: int, new: str, span: Span) -> tuple[str, Span]:
    """Replace body[i:j] with ``new``; ``span`` (outside or around [i, j)) follows the text."""
    delta = len(new) - (j - i)
    s, e = span
    s2 = s + delta if s >= j else s
    e2 = e + delta if e >= j else (e if e <= i else e + delta)
    return body[:i] + new + body[j:], (s2, e2)


def paragraphs(body: str) -> list[Span]:
    """The body's paragraphs, joined by exactly one blank line (as ``Article.body`` is)."""
    out, start = [], 0
    for m in re.finditer("\n\n", body):
        out.append((start, m.start()))
        start = m.end()
    return [*out, (start, len(body))]


def _index_of(paras: list[Span], pos: int) -> int:
    """The paragraph holding ``pos`` (the one before, for a position inside a blank line)."""
    return max(i for i, (a, _b) in enumerate(paras) if a <= pos or i == 0)


def paragraph_of(body: str, pos: int) -> Span:
    paras = paragraphs(body)
    return paras[_index_of(paras, pos)]


_SENTENCE_END = {
    "ja": re.compile(r"[。！？]」?"),
    "en": re.compile(r"[.!?][’'\"»]?(?=\s|$)"),
    "fr": re.compile(r"[.!?][’'\"»]?(?=\s|$)"),
}


def sentences(body: str, para: Span, lang: str) -> list[Span]:
    """The sentences of one paragraph, without the space that follows each."""
    out, start = [], para[0]
    for m in _SENTENCE_END[lang].finditer(body, para[0], para[1]):
        out.append((start, m.end()))
        start = m.end()
        while start < para[1] and body[start].isspace():
            start += 1
    if start < para[1]:
        out.append((start, para[1]))
    return out


def sentence_of(body: str, span: Span, lang: str) -> Span | None:
    """The sentence holding the span; None if it crosses sentences."""
    for s, e in sentences(body, paragraph_of(body, span[0]), lang):
        if s <= span[0] and span[1] <= e:
            return s, e
    return None


def far_paragraph(body: str, pos: int) -> Span:
    """A paragraph halfway round the article from the one holding ``pos``."""
    paras = paragraphs(body)
    here = _index_of(paras, pos)
    return paras[(here + len(paras) // 2) % len(paras)]


def words_in(body: str, span: Span, shortest: int = 1) -> list[Span]:
    return [
        (span[0] + m.start(), span[0] + m.end())
        for m in re.finditer(r"\w+", body[span[0] : span[1]])
        if len(m.group()) >= shortest
    ]


_VOWELS = "aeiou"
_CONSONANTS = "bcdfghjklmnpqrstvwxz"


def other_letter(ch: str) -> str:
    """A different letter of the same kind (vowel for vowel), keeping case."""
    low = ch.lower()
    for row in (_VOWELS, _CONSONANTS):
        if low in row:
            new = row[(row.index(low) + 1) % len(row)]
            return new.upper() if ch.isupper() else new
    return "e" if low != "e" else "a"


def other_character(ch: str) -> str:
    """A different Japanese character (a kanji or kana changed)."""
    return "新" if ch != "新" else "旧"


def letter_changed(body: str, span: Span, lang: str, word: Span | None = None) -> tuple[str, Span]:
    """One letter changed in the middle of ``word`` (the longest word of the span, or for
    Japanese the span's middle character)."""
    if lang not in SPACED:
        i = (span[0] + span[1]) // 2
        return splice(body, i, i + 1, other_character(body[i]), span)
    a, b = word or max(words_in(body, span), key=lambda w: (w[1] - w[0], -w[0]))
    i = a + (b - a) // 2
    if not body[i].isascii() and b - a > 1:
        i = i - 1 if i > a else i + 1
    return splice(body, i, i + 1, other_letter(body[i]), span)


def near_copy(body: str, span: Span, lang: str) -> str | None:
    """The sentence holding the passage with one word of the passage replaced (for
    Japanese, two characters in its middle): a similar sentence, saying something else."""
    sent = sentence_of(body, span, lang)
    if sent is None:
        return None
    if lang in SPACED:
        words = words_in(body, span, shortest=3)
        if not words:
            return None
        a, b = max(words, key=lambda w: (w[1] - w[0], -w[0]))
    else:
        a = (span[0] + span[1]) // 2 - 1
        b = a + 2
    new = REPLACEMENT_WORD[lang] if body[a:b] != REPLACEMENT_WORD[lang] else "x" * (b - a)
    return body[sent[0] : a] + new + body[b : sent[1]]


def appended(body: str, para: Span, sentence: str, span: Span, lang: str) -> tuple[str, Span]:
    """``sentence`` added at the end of paragraph ``para``."""
    return splice(body, para[1], para[1], (" " if lang in SPACED else "") + sentence, span)


def removed(body: str, sent: Span, span: Span) -> tuple[str, Span]:
    """Sentence ``sent`` removed with the space after it (or the paragraph, if it is one)."""
    s, e = sent
    if (s, e) == paragraph_of(body, s):
        return (
            splice(body, s, min(len(body), e + 2), "", span)
            if e < len(body)
            else (splice(body, max(0, s - 2), e, "", span))
        )
    while e < len(body) and body[e] == " ":
        e += 1
    if e == paragraph_of(body, s)[1]:  # the last sentence: the space before it goes
        while s > 0 and body[s - 1] == " ":
            s -= 1
    return splice(body, s, e, "", span)


# --- the edits -------------------------------------------------------------------------------


def one_letter_changed(body: str, span: Span, lang: str):
    return letter_changed(body, span, lang)


def three_letters_changed(body: str, span: Span, lang: str):
    """One letter changed in each of three words (for Japanese, three characters spread
    over the quote)."""
    new, new_span = body, span
    if lang not in SPACED:
        n = span[1] - span[0]
        for k in (3, 2, 1):  # from the end: offsets stay valid
            i = span[0] + k * n // 4
            new, new_span = splice(new, i, i + 1, other_character(new[i]), new_span)
        return new, new_span
    words = words_in(body, span, shortest=3)
    if len(words) < 3:
        return None
    for word in sorted(sorted(words, key=lambda w: w[0] - w[1])[:3], reverse=True):
        new, new_span = letter_changed(new, new_span, lang, word)
    return new, new_span


def word_inserted_inside(body: str, span: Span, lang: str):
    if lang not in SPACED:
        return None  # Japanese: see character_inserted
    words = words_in(body, span)
    if len(words) < 2:
        return None
    a, _ = words[len(words) // 2]
    if body[a - 1] != " ":  # inside "l’humeur": before the word the apostrophe joins
        a = next((x for x, _ in words[len(words) // 2 :] if body[x - 1] == " "), None)
        if a is None:
            return None
    return splice(body, a, a, INSERTED_WORD[lang] + " ", span)


def word_replaced_inside(body: str, span: Span, lang: str):
    """The passage's longest word replaced by another word, everything else intact."""
    if lang not in SPACED:
        return None
    words = words_in(body, span, shortest=3)
    if len(words) < 3:
        return None  # a third of a short quote would be another passage
    a, b = max(words, key=lambda w: (w[1] - w[0], -w[0]))
    return splice(body, a, b, REPLACEMENT_WORD[lang], span)


def word_deleted_inside(body: str, span: Span, lang: str):
    """The passage's middle word deleted (with the space after it)."""
    if lang not in SPACED:
        return None
    words = words_in(body, span)
    if len(words) < 4:
        return None  # two words left of three would be another passage
    a, b = words[len(words) // 2]
    if body[a - 1] != " " or body[b : b + 1] != " ":
        return None
    return splice(body, a, b + 1, "", span)


def word_replaced_and_paragraph_inserted(body: str, span: Span, lang: str):
    """A word of the passage replaced, and a paragraph inserted above it: the recorded
    paragraph number now points at the paragraph before the passage's."""
    replaced = word_replaced_inside(body, span, lang) if lang in SPACED else None
    if lang not in SPACED:
        i = (span[0] + span[1]) // 2
        replaced = splice(body, i, i + 1, other_character(body[i]), span)
    if replaced is None:
        return None
    new, new_span = replaced
    para = paragraph_of(new, new_span[0])
    return splice(new, para[0], para[0], PARAGRAPH_INSERTED[lang] + "\n\n", new_span)


def letter_changed_and_near_copy(body: str, span: Span, lang: str):
    """A near-copy of the sentence added far away, and one letter changed in the passage:
    the note belongs on its own (edited) passage, not on the copy."""
    copy = near_copy(body, span, lang)
    if copy is None:
        return None
    new, new_span = appended(body, far_paragraph(body, span[0]), copy, span, lang)
    return letter_changed(new, new_span, lang)


def deleted_and_near_copy(body: str, span: Span, lang: str):
    """The passage's sentence deleted, and a near-copy of it (one word changed) added far
    away: the passage is gone; anchoring on the copy would put the note on a sentence that
    says something else."""
    copy = near_copy(body, span, lang)
    sent = sentence_of(body, span, lang)
    if copy is None or sent is None:
        return None
    rest, _ = removed(body, sent, span)
    new, _ = appended(rest, far_paragraph(rest, min(sent[0], len(rest) - 1)), copy, span, lang)
    return new, None


def word_inserted_before(body: str, span: Span, lang: str):
    """A word inserted just before the passage: its recorded prefix no longer ends there."""
    word = INSERTED_WORD[lang] + (" " if lang in SPACED else "")
    return splice(body, span[0], span[0], word, span)


def paragraph_split(body: str, span: Span, lang: str):
    """The passage's paragraph split at the sentence boundary nearest to the passage."""
    para = paragraph_of(body, span[0])
    cuts = [s for s, _ in sentences(body, para, lang)[1:] if not span[0] < s < span[1]]
    if not cuts:
        return None
    cut = min(cuts, key=lambda c: min(abs(c - span[0]), abs(c - span[1])))
    gap = cut - 1 if lang in SPACED and body[cut - 1] == " " else cut
    return splice(body, gap, cut, "\n\n", span)


def passage_moved(body: str, span: Span, lang: str):
    """The passage's sentence moved to the end of a paragraph far away."""
    sent = sentence_of(body, span, lang)
    if sent is None or sent == paragraph_of(body, span[0]):
        return None
    sentence, offset = body[sent[0] : sent[1]], span[0] - sent[0]
    rest, _ = removed(body, sent, span)
    para = far_paragraph(rest, min(sent[0], len(rest) - 1))
    new, _ = appended(rest, para, sentence, (0, 0), lang)
    start = para[1] + (1 if lang in SPACED else 0) + offset
    return new, (start, start + span[1] - span[0])


def character_inserted(body: str, span: Span, lang: str):
    if lang in SPACED or span[1] - span[0] < MIN_CHARACTER_QUOTE:
        return None
    i = (span[0] + span[1]) // 2
    return splice(body, i, i, INSERTED_CHARACTER, span)


def character_deleted(body: str, span: Span, lang: str):
    if lang in SPACED or span[1] - span[0] < MIN_CHARACTER_QUOTE:
        return None
    i = (span[0] + span[1]) // 2
    return splice(body, i, i + 1, "", span)


EDITS: dict[str, Edit] = {
    "one letter changed inside the quote": one_letter_changed,
    "one word inserted inside the quote": word_inserted_inside,
    "one word replaced inside the quote": word_replaced_inside,
    "one word deleted inside the quote": word_deleted_inside,
    "word replaced + paragraph inserted above": word_replaced_and_paragraph_inserted,
    "three one-letter changes inside": three_letters_changed,
    "one letter changed + near-copy elsewhere": letter_changed_and_near_copy,
    "deleted + near-copy elsewhere": deleted_and_near_copy,
    "word inserted before": word_inserted_before,
    "paragraph split": paragraph_split,
    "passage moved": passage_moved,
    "one character inserted (ja)": character_inserted,
    "one character deleted (ja)": character_deleted,
}
EXPECT_GONE = {"deleted + near-copy elsewhere"}


# --- running the table -----------------------------------------------------------------------


@dataclasses.dataclass
class Case:
    edit: str
    language: str
    note: str
    outcome: str  # re-anchored | wrong | refused
    expected_gone: bool
    status: str
    seconds: float  # anchoring the note (messages included), the article's index built
    index_seconds: float  # building the edited article's index, once per article in a build
    candidate: bool = False  # a refusal naming a closest passage
    detail: str = ""


def overlap(a: Span, b: Span) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def run(project: Path = PROJECT, edits: dict[str, Edit] = EDITS) -> Iterator[Case]:
    """Every edit around every note of ``project``, re-anchored by the real matcher."""
    edition = load_edition(project)
    assert not [p for p in edition.problems if p.is_error], edition.problems
    for slug, notes in sorted(edition.notes.items()):
        article = edition.articles[slug]
        lang = article.lang.split("-")[0]
        assert lang in LANGUAGES, (slug, article.lang)
        for note in notes:
            for name, edit in edits.items():
                changed = edit(article.body, (note.start, note.end), lang)
                if changed is None:
                    continue
                new_body, expected = changed
                new_article = parse_article(f"{article.title}\n\n{new_body}", slug)
                assert new_article.body == new_body, (name, note.annotation.id)
                started = time.perf_counter()
                normalised = NormalisedText(new_body)
                _ = normalised.words  # the word index every search uses, made once per article
                indexed = time.perf_counter()
                anchored, problems = anchor_note(note.annotation, new_article, normalised)
                seconds = time.perf_counter() - indexed
                yield _classify(name, lang, note.annotation.id, new_body, expected, anchored)(
                    seconds=seconds,
                    index_seconds=indexed - started,
                    candidate=any("closest passage" in p.hint for p in problems),
                    detail="; ".join(f"{p.message} | {p.hint}" for p in problems),
                )


def _classify(name, lang, note_id, body, expected, anchored):
    """A Case maker with the outcome settled (the caller adds time and messages)."""
    status = anchored.match.status if anchored else "not anchored"
    if anchored is None:
        outcome = "refused"
    elif expected is not None and overlap((anchored.start, anchored.end), expected) >= (
        CORRECT_OVERLAP
    ):
        outcome = "re-anchored"
    else:
        outcome = "wrong"
    where = ""
    if anchored is not None and outcome == "wrong":
        where = f"landed on {body[anchored.start : anchored.end]!r}"
        if expected is not None:
            where += f", expected {body[expected[0] : expected[1]]!r}"

    def make(seconds: float, index_seconds: float, candidate: bool, detail: str) -> Case:
        return Case(
            name,
            lang,
            note_id,
            outcome,
            expected is None,
            status,
            seconds,
            index_seconds,
            candidate and anchored is None,
            (where + " " + detail).strip(),
        )

    return make


def cell(cases: list[Case]) -> str:
    """'found/of, wrong' for passages still there; 'refused/of (with candidate), wrong' for
    passages gone."""
    if not cases:
        return "-"
    counts = Counter(c.outcome for c in cases)
    if cases[0].expected_gone:
        named = sum(c.candidate for c in cases)
        return f"refused {counts['refused']}/{len(cases)} ({named} named); {counts['wrong']} wrong"
    return f"{counts['re-anchored']}/{len(cases)}, {counts['wrong']} wrong"


def summarise(cases: list[Case], verbose: bool = False) -> str:
    languages = sorted({c.language for c in cases}, key=LANGUAGES.index)
    grid: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for c in cases:
        grid[c.edit, c.language].append(c)
        grid[c.edit, "all"].append(c)
    columns = [*languages, "all"]
    width = 36
    lines = [f"{'edit to the article':42}" + "".join(f"{c:>{width}}" for c in columns)]
    for name in EDITS:
        if grid.get((name, "all")):
            row = "".join(f"{cell(grid.get((name, c), [])):>{width}}" for c in columns)
            lines.append(f"{name:42}{row}")
    lines.append("")
    for column in columns:
        chosen = [c for c in cases if column in ("all", c.language)]
        there = [c for c in chosen if not c.expected_gone]
        found = sum(c.outcome == "re-anchored" for c in there)
        wrong = sum(c.outcome == "wrong" for c in chosen)
        share = found / len(there) if there else 1.0
        lines.append(
            f"{column:>4}: {wrong} wrong in {len(chosen)} cases; {found} of {len(there)} "
            f"passages still there re-anchored ({share:.1%})"
        )
    seconds = sum(c.seconds for c in cases)
    index = sum(c.index_seconds for c in cases)
    lines.append(
        f"matcher time: {seconds:.3f} s for {len(cases)} notes re-anchored "
        f"({seconds / len(cases) * 1e3:.2f} ms each, messages included), plus {index:.3f} s "
        f"building {len(cases)} edited articles' indexes"
    )
    lines.append("targets: 0 wrong; at least 98% of the passages still there re-anchored")
    if verbose:
        for c in cases:
            if c.outcome != ("refused" if c.expected_gone else "re-anchored"):
                lines.append(f"- {c.outcome}: {c.edit} / {c.language} {c.note}: {c.detail}")
            elif c.expected_gone and not c.candidate:
                lines.append(f"- refused, no candidate named: {c.edit} / {c.note}: {c.detail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every case not right")
    args = parser.parse_args(argv)
    cases = list(run())
    print(summarise(cases, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
