"""Escaping: text between tags keeps its quotes, attribute values lose none of the five."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from glossator.pages.escape import attr, esc


@given(st.text(alphabet=st.sampled_from("ab &<>\"'é\n"), max_size=20))
def test_escaping_is_the_standard_librarys(text):
    assert esc(text) == html.escape(text, quote=False)
    assert attr(text) == html.escape(text, quote=True)


def test_markup_in_text_never_survives():
    assert esc('<script>alert("x")</script> & co') == (
        '&lt;script&gt;alert("x")&lt;/script&gt; &amp; co'
    )
    assert attr("\" onmouseover='x'") == "&quot; onmouseover=&#x27;x&#x27;"
