"""Drift table: how notes survive realistic edits to an article's text.

Every note of the real edition is run through a table of edits an editor makes to an article
(typo fixed inside the quote, words inserted nearby, sentence moved, paragraph split, passage
deleted, near-duplicate sentence added elsewhere, ...). For each, the expected outcome is
known: the passage's new range, or "nowhere" when the passage is gone. The matcher is the
real one (``edition.anchor_note``), run on the edition's article and on a second project of
texts written elsewhere (tests/fixtures/speeches), four times per case: with nothing but the
quote, with the note as written, with the ``paragraph`` that ``glossator new`` and ``check
--fix`` record, and with a prefix/suffix as well (see ``EVIDENCE``).

    python tests/bench/drift_table.py [--verbose]

Outcomes: ``correct`` (anchored on the right passage, or refused when the passage is gone),
``wrong`` (anchored on another passage: the failure that must never happen), ``not
re-anchored`` (reported as an error for a human to fix although the passage is still there).
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

from glossator.anchoring import NormalisedText, normalise  # noqa: E402
from glossator.load.seeds import parse_article  # noqa: E402
from glossator.pipeline.edition import anchor_note, load_edition  # noqa: E402

Span = tuple[int, int]
# an edit: (body, quote span) -> (new body, expected new span or None), or None when it
# does not apply to this note (e.g. "delete a word inside" on a one-word quote)
Edit = Callable[[str, Span], "tuple[str, Span | None] | None"]


# --- building blocks -------------------------------------------------------------------------


def splice(body: str, i: int, j: int, new: str, span: Span) -> tuple[str, Span]:
    """Replace body[i:j] with ``new``; ``span`` (outside or around [i, j)) follows the text."""
    delta = len(new) - (j - i)
    s, e = span
    s2 = s + delta if s >= j else s
    e2 = e + delta if e >= j else (e if e <= i else e + delta)
    return body[:i] + new + body[j:], (s2, e2)


def paragraph_bounds(body: str, pos: int) -> Span:
    start = body.rfind("\n\n", 0, pos)
    start = 0 if start == -1 else start + 2
    end = body.find("\n\n", pos)
    return start, len(body) if end == -1 else end


def sentence_bounds(body: str, span: Span) -> Span | None:
    """The sentence(s) around the span, within its paragraph; None if the span crosses one."""
    ps, pe = paragraph_bounds(body, span[0])
    if span[1] > pe:
        return None
    starts = [ps] + [m.end() for m in re.finditer(r"[.!?][’'\"]? ", body[ps:pe])]
    starts = [ps + x if x != ps else ps for x in starts]
    s = max(x for x in starts if x <= span[0])
    m = re.compile(r"[.!?][’'\"]?(?= |$)").search(body, span[1] - 1 if span[1] > s else s, pe)
    e = m.end() if m else pe
    return s, e


def words_in(body: str, span: Span) -> list[tuple[int, int]]:
    return [
        (span[0] + m.start(), span[0] + m.end()) for m in re.finditer(r"\w+", body[slice(*span)])
    ]


def other_paragraph(body: str, pos: int) -> Span:
    """A paragraph well away from the one holding ``pos``."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"(?s)(?:(?!\n\n).)+", body)]
    here = next(i for i, (a, b) in enumerate(paras) if a <= pos <= b)
    return paras[(here + len(paras) // 2) % len(paras)]


# --- the edits -------------------------------------------------------------------------------


def typo_fixed(body: str, span: Span) -> tuple[str, Span] | None:
    """Two adjacent letters swapped in the longest word of the passage (a typo fixed)."""
    words = [w for w in words_in(body, span) if w[1] - w[0] >= 5]
    if not words:
        return None
    a, b = max(words, key=lambda w: (w[1] - w[0], -w[0]))
    i = a + (b - a) // 2
    return splice(body, i - 1, i + 1, body[i] + body[i - 1], span)


def two_typos(body: str, span: Span) -> tuple[str, Span] | None:
    words = [w for w in words_in(body, span) if w[1] - w[0] >= 4]
    if len(words) < 4:
        return None
    new, new_span = body, span
    for a, _b in sorted(words, key=lambda w: -w[0])[:2]:  # from the end: offsets stay valid
        new, new_span = splice(new, a + 1, a + 2, new[a + 1].upper(), new_span)
    return new, new_span


def case_fixed(body: str, span: Span) -> tuple[str, Span] | None:
    words = [w for w in words_in(body, span) if body[w[0]].islower() and w[1] - w[0] >= 4]
    if not words:
        return None
    a, _ = words[-1]
    return splice(body, a, a + 1, body[a].upper(), span)


def word_inserted_inside(body: str, span: Span) -> tuple[str, Span] | None:
    words = words_in(body, span)
    if len(words) < 5:
        return None
    a, _ = words[len(words) // 2]
    return splice(body, a, a, "indeed ", span)


def word_deleted_inside(body: str, span: Span) -> tuple[str, Span] | None:
    words = words_in(body, span)
    if len(words) < 6:
        return None
    a, b = words[len(words) // 2]
    if body[b : b + 1] != " ":
        return None
    return splice(body, a, b + 1, "", span)


def punctuation_changed(body: str, span: Span) -> tuple[str, Span] | None:
    text = body[slice(*span)]
    for old, new in ((", ", " – "), ("‘", "'"), ("’", "'"), (" – ", ", ")):
        i = text.find(old)
        if i != -1:
            return splice(body, span[0] + i, span[0] + i + len(old), new, span)
    return None


def words_inserted_nearby(body: str, span: Span) -> tuple[str, Span]:
    return splice(body, span[0], span[0], "as was widely reported at the time, ", span)


def text_rewrapped(body: str, span: Span) -> tuple[str, Span] | None:
    """The paragraph's lines re-wrapped: single line breaks where spaces were."""
    ps, pe = paragraph_bounds(body, span[0])
    positions = [m.start() for m in re.finditer(" ", body[ps:pe])][5::6]
    if not positions:
        return None
    new, new_span = body, span
    for p in reversed(positions):
        new, new_span = splice(new, ps + p, ps + p + 1, "\n", new_span)
    return new, new_span


def paragraph_split(body: str, span: Span) -> tuple[str, Span] | None:
    """A paragraph break added at a sentence boundary in the passage's paragraph."""
    ps, pe = paragraph_bounds(body, span[0])
    cuts = [ps + m.end() for m in re.finditer(r"[.!?][’']? ", body[ps:pe])]
    cuts = [c for c in cuts if not span[0] < c < span[1]]
    if not cuts:
        return None
    cut = cuts[0]
    return splice(body, cut - 1, cut, "\n\n", span)


def paragraph_inserted_above(body: str, span: Span) -> tuple[str, Span]:
    return splice(
        body, 0, 0, "An editor's introduction, added later, in a paragraph of its own.\n\n", span
    )


def sentence_moved(body: str, span: Span) -> tuple[str, Span] | None:
    sent = sentence_bounds(body, span)
    if sent is None or sent == paragraph_bounds(body, span[0]):
        return None
    s, e = sent
    sentence = body[s:e]
    offset = span[0] - s
    length = span[1] - span[0]
    cut_end = e + 1 if body[e : e + 1] == " " else e
    cut_start = s - 1 if cut_end == e and body[s - 1 : s] == " " else s
    rest = body[:cut_start] + body[cut_end:]
    _ps, pe = other_paragraph(rest, cut_start if cut_start < len(rest) else len(rest) - 1)
    new = rest[:pe] + " " + sentence + rest[pe:]
    start = pe + 1 + offset
    return new, (start, start + length)


def passage_deleted(body: str, span: Span) -> tuple[str, None] | None:
    sent = sentence_bounds(body, span)
    if sent is None:
        return None
    s, e = sent
    if (s, e) == paragraph_bounds(body, span[0]):  # the whole paragraph goes, with its break
        return (body[: max(0, s - 2)] + body[e:] if s else body[e + 2 :]), None
    if body[e : e + 1] == " ":
        e += 1
    return body[:s] + body[e:].rstrip(" ") if e >= len(body) else body[:s] + body[e:], None


def passage_rewritten(body: str, span: Span) -> tuple[str, None] | None:
    """Every other word of the passage replaced: the sentence now says something else."""
    words = words_in(body, span)
    if len(words) < 4:
        return None
    new = body
    for i, (a, b) in enumerate(reversed(words)):
        if i % 2 == 0:
            new = new[:a] + "zq" * max(1, (b - a) // 2) + new[b:]
    return new, None


def near_duplicate_added(body: str, span: Span) -> tuple[str, Span] | None:
    """A sentence like the passage, one word changed, added to another paragraph."""
    words = words_in(body, span)
    if len(words) < 3:
        return None
    a, b = max(words, key=lambda w: w[1] - w[0])
    other = "another" if body[a:b] != "another" else "a second"
    dup = body[span[0] : a] + other + body[b : span[1]]
    _ps, pe = other_paragraph(body, span[0])
    return splice(body, pe, pe, f" Some said: {dup}.", span)


def typo_fixed_and_near_duplicate(body: str, span: Span) -> tuple[str, Span] | None:
    dup = near_duplicate_added(body, span)
    if dup is None:
        return None
    return typo_fixed(*dup)


def typo_fixed_and_moved(body: str, span: Span) -> tuple[str, Span] | None:
    moved = sentence_moved(body, span)
    if moved is None or moved[1] is None:
        return None
    return typo_fixed(*moved)


def typo_fixed_and_paragraph_inserted(body: str, span: Span) -> tuple[str, Span] | None:
    fixed = typo_fixed(body, span)
    return None if fixed is None else paragraph_inserted_above(*fixed)


def deleted_with_similar_elsewhere(body: str, span: Span) -> tuple[str, None] | None:
    """Hypothesis's failure: the passage is deleted, and a sentence like it (one word
    different) already stood in another paragraph. The note must not move there."""
    dup = near_duplicate_added(body, span)  # the article as it was when the note was written
    if dup is None:
        return None
    before, span = dup
    deleted = passage_deleted(before, span)
    return None if deleted is None else (deleted[0], None)


def typo_fixed_and_two_paragraphs_inserted(body: str, span: Span) -> tuple[str, Span] | None:
    fixed = typo_fixed_and_paragraph_inserted(body, span)
    if fixed is None:
        return None
    return splice(*fixed[:1], 0, 0, "A second new paragraph, a few words long.\n\n", fixed[1])


def three_typos(body: str, span: Span) -> tuple[str, Span] | None:
    """Three words of the passage each with two letters swapped (typos fixed since)."""
    words = [w for w in words_in(body, span) if w[1] - w[0] >= 5]
    if len(words) < 3:
        return None
    new, new_span = body, span
    for a, b in sorted(words, key=lambda w: -w[0])[:3]:  # from the end: offsets stay valid
        i = a + (b - a) // 2
        new, new_span = splice(new, i - 1, i + 1, new[i] + new[i - 1], new_span)
    return new, new_span


def sentence_split(body: str, span: Span) -> tuple[str, Span] | None:
    """A comma inside the passage becomes a full stop: the sentence is split in two."""
    text = body[slice(*span)]
    m = re.search(r", (\w)", text)
    if m is None:
        return None
    i = span[0] + m.start()
    return splice(body, i, i + 3, ". " + m.group(1).upper(), span)


def paragraph_inserted_inside(body: str, span: Span) -> tuple[str, Span, str] | None:
    """A new paragraph inserted between two sentences (or two words) of the passage: the
    quote now straddles it. Anchoring on the passage's words on either side, or refusing,
    is right; anywhere else is wrong."""
    words = words_in(body, span)
    if len(words) < 4:
        return None
    text = body[slice(*span)]
    m = re.search(r"[.!?] ", text)
    cut = span[0] + m.end() - 1 if m else words[len(words) // 2][0] - 1
    if body[cut] != " ":
        return None
    new, new_span = splice(body, cut, cut + 1, "\n\nAn editor's note, added later.\n\n", span)
    return new, new_span, "either"


_RESPELLINGS = (("ou", "u"), ("o", "u"), ("a", "e"), ("i", "y"), ("ll", "l"), ("e", "a"))


def name_respelt(body: str, span: Span) -> tuple[str, Span] | None:
    """A capitalised word (a name, most often) respelt: 'Najibollah' -> 'Najibullah'."""
    words = [
        w
        for w in words_in(body, span)
        if body[w[0]].isupper() and w[1] - w[0] >= 4 and w[0] > span[0]
    ] or [w for w in words_in(body, span) if body[w[0]].isupper() and w[1] - w[0] >= 5]
    if not words:
        return None
    a, b = words[0]
    word = body[a:b]
    for old, new in _RESPELLINGS:
        i = word.find(old, 1)
        if i != -1:
            return splice(body, a + i, a + i + len(old), new, span)
    return None


EDITS: dict[str, Edit] = {
    "typo fixed inside the quote": typo_fixed,
    "two small changes inside": two_typos,
    "three typos fixed inside": three_typos,
    "capital letter fixed inside": case_fixed,
    "word inserted inside": word_inserted_inside,
    "word deleted inside": word_deleted_inside,
    "punctuation changed inside": punctuation_changed,
    "sentence split in two": sentence_split,
    "name respelt": name_respelt,
    "paragraph inserted inside the quote": paragraph_inserted_inside,
    "words inserted nearby": words_inserted_nearby,
    "paragraph re-wrapped": text_rewrapped,
    "paragraph split": paragraph_split,
    "paragraph inserted above": paragraph_inserted_above,
    "sentence moved": sentence_moved,
    "typo fixed + sentence moved": typo_fixed_and_moved,
    "typo fixed + paragraph inserted": typo_fixed_and_paragraph_inserted,
    "near-duplicate added elsewhere": near_duplicate_added,
    "typo fixed + near-duplicate elsewhere": typo_fixed_and_near_duplicate,
    "typo fixed + 2 paragraphs inserted": typo_fixed_and_two_paragraphs_inserted,
    "passage deleted": passage_deleted,
    "deleted; similar sentence elsewhere": deleted_with_similar_elsewhere,
    "passage rewritten": passage_rewritten,
}


# --- running the table -----------------------------------------------------------------------


SPEECHES = REPO / "tests" / "fixtures" / "speeches"
PROJECTS = (REPO, SPEECHES)
"""The edition's own article, and a second project on texts written elsewhere (two
public-domain speeches, notes written for this table)."""

EVIDENCE = ("quote only", "as written", "with paragraph", "with paragraph and context")
"""What each note records, in four runs: nothing but its quote; the note as written (its
prefix/suffix if it has them); plus the paragraph ``glossator new`` and ``check --fix``
record; plus a prefix and suffix of a few words taken from the article before the edit."""
CONTEXT_WORDS = 4


@dataclasses.dataclass
class Case:
    edit: str
    note: str
    with_paragraph: bool
    outcome: str  # correct | wrong | not re-anchored
    status: str
    detail: str = ""
    evidence: str = ""
    recoverable: bool = False  # the passage still stands as one: it must be found
    article: str = ""


def overlap(a: Span, b: Span) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _recorded(note, evidence: str, body: str):
    """The note's annotation as it would be recorded under ``evidence``."""
    a = note.annotation
    if evidence == "quote only":
        return dataclasses.replace(a, prefix="", suffix="", paragraph=None)
    if evidence == "as written":
        return dataclasses.replace(a, paragraph=None)
    a = dataclasses.replace(a, paragraph=note.paragraph)
    if evidence == "with paragraph and context":
        before = body[: note.start].split(" ")[-(CONTEXT_WORDS + 1) :]
        after = body[note.end :].split(" ")[: CONTEXT_WORDS + 1]
        a = dataclasses.replace(a, prefix=" ".join(before), suffix=" ".join(after))
    return a


def run(projects: tuple[Path, ...] | Path = PROJECTS) -> Iterator[Case]:
    for repo in (projects,) if isinstance(projects, Path) else projects:
        yield from _run_project(repo)


def _run_project(repo: Path) -> Iterator[Case]:
    edition = load_edition(repo)
    for slug, notes in sorted(edition.notes.items()):
        article = edition.articles[slug]
        body = article.body
        for note in notes:
            span = (note.start, note.end)
            for name, edit in EDITS.items():
                changed = edit(body, span)
                if changed is None:
                    continue
                new_body, expected, *either = changed
                if expected is None and normalise(body).count(normalise(note.annotation.quote)) > 1:
                    continue  # the quote stays elsewhere: "gone" is not well defined
                new_article = parse_article(f"{article.title}\n\n{new_body}", slug)
                if new_article.body != new_body:  # the edit left an empty paragraph or so
                    continue
                normalised = NormalisedText(new_body)
                unique = normalise(body).count(normalise(note.annotation.quote).strip()) == 1
                for evidence in EVIDENCE:
                    if evidence == "quote only" and not unique:
                        continue  # without its context the note was never valid
                    a = _recorded(note, evidence, body)
                    anchored, _problems = anchor_note(a, new_article, normalised)
                    case = classify(
                        name, a.id, a.paragraph is not None, new_body, expected, anchored, either
                    )
                    case.evidence = evidence
                    case.article = slug
                    case.recoverable = expected is not None and not either
                    yield case


def classify(name, note_id, with_paragraph, body, expected, anchored, either=()) -> Case:
    status = anchored.match.status if anchored else "orphan/ambiguous"
    if anchored is None:
        outcome = "correct" if expected is None or either else "not re-anchored"
        return Case(name, note_id, with_paragraph, outcome, status)
    got = (anchored.start, anchored.end)
    if expected is not None and (
        overlap(got, expected) >= 0.8 or (either and expected[0] <= got[0] < got[1] <= expected[1])
    ):
        return Case(name, note_id, with_paragraph, "correct", anchored.match.status)
    detail = f"landed on {body[got[0] : got[1]]!r}"
    if expected is not None:
        detail += f", expected {body[expected[0] : expected[1]]!r}"
    return Case(name, note_id, with_paragraph, "wrong", anchored.match.status, detail)


def summarise(cases: list[Case], verbose: bool = False) -> str:
    """The table as text: per edit and per evidence recorded, then totals and the targets."""
    outcomes = ("correct", "wrong", "not re-anchored")
    by_edit: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cases:
        by_edit[(c.edit, c.evidence)][c.outcome] += 1
    lines = [f"{'edit':40} {'evidence':>26} " + " ".join(f"{o:>15}" for o in outcomes)]
    for name in EDITS:
        for evidence in EVIDENCE:
            counts = by_edit.get((name, evidence))
            if counts:
                row = " ".join(f"{counts[o]:>15}" for o in outcomes)
                lines.append(f"{name:40} {evidence:>26} {row}")
    for label in EVIDENCE:
        chosen = [c for c in cases if c.evidence == label]
        totals = Counter(c.outcome for c in chosen)
        lines.append(
            f"TOTAL ({label}): {sum(totals.values())} cases: "
            + ", ".join(f"{totals[o]} {o}" for o in outcomes)
        )
    lines.append("targets: 0 wrong; at least 98% of recoverable notes re-anchored")
    for evidence in EVIDENCE:
        chosen = [c for c in cases if c.evidence == evidence]
        recoverable = [c for c in chosen if c.recoverable]
        found = sum(c.outcome == "correct" for c in recoverable)
        wrong = sum(c.outcome == "wrong" for c in chosen)
        share = found / len(recoverable) if recoverable else 1.0
        lines.append(
            f"  {evidence:26} {wrong} wrong; {found} of {len(recoverable)} recoverable "
            f"re-anchored ({share:.1%})"
        )
    by_article = Counter(c.article for c in cases)
    lines.append(
        "articles: " + ", ".join(f"{a} ({n} cases)" for a, n in sorted(by_article.items()))
    )
    if verbose:
        lines += [
            f"- {c.outcome}: {c.edit} / {c.article}/{c.note} ({c.evidence}) {c.detail}"
            for c in cases
            if c.outcome != "correct"
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every case not correct")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cases = list(run())
    print(summarise(cases, verbose=args.verbose))
    print(f"({time.perf_counter() - started:.1f}s for {len(cases)} matches)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
