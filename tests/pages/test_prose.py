"""The prose shortcut writes exactly what Python-Markdown and the sanitiser write, or declines."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from glossator.pages.markup import LINK_REL, _parser, render_markdown, sanitise_html
from glossator.pages.prose import render_prose


def parsed(text: str) -> str:
    md = _parser()
    md.reset()
    return sanitise_html(md.convert(text))


PIECES = st.sampled_from(
    [
        "word", "Word", "the record", " ", " ", "\n", "\n\n", "\n\n\n", "*", "**", "***", "_",
        "[", "]", "(", ")", "[a link](https://example.org/record)", "](https://x.org/a?b=c)",
        "https://x.org", "1. ", "- ", "> ", "# ", "    ", "\t", "  \n", "'", '"', "&", "<", ">",
        "é", "日本", "\u00a0", "\x0c", "=", "-", "+", ".", ",", ":", "!", "`", "\\", "|", "~",
        "%", "@", "$", "{", "}", "^", ";", "?", "/", "0", "12", "*em*", "**strong**", "x*y*z",
    ]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join))
@example("A note of a typical length, with *emphasis* and a\n[link](https://example.org/r) (ref).")
@example("First paragraph with **strong** words.\n\nSecond, after a blank line.")
def test_the_shortcut_writes_what_the_parser_writes(body):
    text = body.strip()
    fast = render_prose(text, LINK_REL)
    if fast is not None:
        assert fast == parsed(text)


def test_the_usual_note_takes_the_shortcut_and_other_shapes_do_not():
    usual = "A note with *emphasis* and a\n[link](https://example.org/record) to the record."
    assert render_prose(usual, LINK_REL) == render_markdown(usual)
    for shape in ("- a list", "> a quote", "1. first", "a `code` span", "a_b_c", "a\n\n    code"):
        assert render_prose(shape, LINK_REL) is None, shape
