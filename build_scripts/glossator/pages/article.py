"""An article and its anchored notes as an HTML fragment: the page contract (docs/page-contract.md).

Article text is only ever escaped, never interpreted, and is emitted in full: the page's
text with the notes removed is the article. Highlights are ``mark`` elements that nest when
passages nest and are split (and reopened) only where passages cross or a paragraph ends.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from urllib.parse import quote as urlquote

from glossator.model import KIND_LABELS, KINDS, AnchoredNote, Article, Source, format_partial_date
from glossator.pages.escape import attr, esc
from glossator.pages.markup import LINK_REL, render_markdown
from glossator.pages.placement import article_runs, place_notes


def _open_mark(note: AnchoredNote) -> str:
    i = attr(note.id)
    return (
        f'<mark class="glossator-mark" data-annotation="{i}" '
        f'data-kind="{note.kind}" aria-details="{i}">'
    )


def render_paragraph(text: str, offset: int, notes: list[AnchoredNote]) -> str:
    """Escaped paragraph text with marks for every note overlapping [offset, offset+len(text))."""
    end_of_para = offset + len(text)
    spans = [
        (max(n.start, offset) - offset, min(n.end, end_of_para) - offset, n)
        for n in notes
        if n.start < end_of_para and n.end > offset
    ]
    spans = [s for s in spans if s[1] > s[0]]
    if not spans:
        return esc(text)
    starts: dict[int, list] = defaultdict(list)
    ends: dict[int, set[str]] = defaultdict(set)
    for s, e, n in spans:
        starts[s].append((s, e, n))
        ends[e].add(n.id)
    out: list[str] = []
    stack: list[tuple[int, int, AnchoredNote]] = []
    pos = 0
    for b in sorted(set(starts) | set(ends)):
        out.append(esc(text[pos:b]))
        pos = b
        closing = ends.get(b, set())
        if closing:
            lowest = min(i for i, (_, _, n) in enumerate(stack) if n.id in closing)
            reopen = [item for item in stack[lowest:] if item[2].id not in closing]
            out.append("</mark>" * (len(stack) - lowest))
            del stack[lowest:]
            for item in reopen:
                out.append(_open_mark(item[2]))
                stack.append(item)
        # longer passages open first, so they are the outer marks
        for item in sorted(starts.get(b, []), key=lambda it: (-it[1], it[2].id)):
            out.append(_open_mark(item[2]))
            stack.append(item)
    out.append(esc(text[pos:]))
    return "".join(out)


def text_fragment(body: str, start: int, end: int) -> str:
    """A URL text fragment (``:~:text=``) for the passage, with context when it is not unique."""

    def enc(s: str) -> str:
        return urlquote(" ".join(s.split()), safe="").replace("-", "%2D")

    passage = " ".join(body[start:end].split())
    words = passage.split(" ")
    if len(words) > 10:
        directive = f"{enc(' '.join(words[:4]))},{enc(' '.join(words[-4:]))}"
    else:
        directive = enc(passage)
    if body.count(body[start:end]) > 1:
        before = " ".join(body[max(0, start - 60) : start].split()[-3:])
        after = " ".join(body[end : end + 60].split()[:3])
        if before:
            directive = f"{enc(before)}-,{directive}"
        if after:
            directive = f"{directive},-{enc(after)}"
    return ":~:text=" + directive


def render_source(source: Source) -> str:
    title = esc(source.title)
    if source.url:
        title = f'<a href="{attr(source.url)}" rel="{LINK_REL}">{title}</a>'
    # "[Report on …]" is the editors' description, not the document's headline: shown as
    # plain text, brackets kept, so it never looks like a quoted title (annotation-format.md).
    bare = source.title.strip()
    if bare.startswith("[") and bare.endswith("]"):
        parts = [f'<span class="glossator-source-described">{title}</span>']
    else:
        parts = [f"<cite>{title}</cite>"]
    if source.publisher:
        parts.append(f'<span class="glossator-publisher">{esc(source.publisher)}</span>')
    if source.date:
        parts.append(
            f'<time datetime="{attr(source.date)}">{esc(format_partial_date(source.date))}</time>'
        )
    text = ", ".join(parts)
    if source.archive_url:
        text += (
            f' (<a class="glossator-archive" href="{attr(source.archive_url)}" '
            f'rel="{LINK_REL}">archived</a>)'
        )
    return f'<li class="glossator-source">{text}</li>'


def _element_id(article: Article, note: AnchoredNote) -> str:
    if 1 <= note.paragraph <= len(article.paragraphs):
        return article.paragraphs[note.paragraph - 1].element_id
    return f"p{note.paragraph}"


def render_text(
    article: Article, notes: list[AnchoredNote], note_html: Callable[[AnchoredNote], str]
) -> str:
    """The article's own HTML with marks in its text runs and each group of notes after a
    top-level element (``placement``); nothing but white space is added between runs."""
    runs = article_runs(article)
    placed = place_notes(runs, notes)
    ordered = sorted(notes, key=lambda n: n.start)
    starts = [n.start for n in ordered]
    out: list[str] = []
    for i, run in enumerate(runs):
        if run.html:
            out.append(run.html)
        elif run.markable:
            end = run.start + len(run.text)
            here = [n for n in ordered[: bisect_left(starts, end)] if n.end > run.start]
            out.append(render_paragraph(run.text, run.start, here))
        else:
            out.append(esc(run.text))
        group = placed.get(i)
        if group:
            block = article.paragraph_at(max(group[-1].end - 1, 0)).element_id
            out.append(
                f'<div class="glossator-notes" data-paragraph="{attr(block)}" data-search-exclude>'
                + "\n".join(note_html(n) for n in group)
                + "</div>"
            )
    out.append("</div>")
    return "".join(out)


def render_note(note: AnchoredNote, body: str, extra: str = "", paragraph_id: str = "") -> str:
    """One note; ``extra`` is trusted HTML put before its permalink (provenance, "Cite");
    ``paragraph_id`` the id of the block its passage starts in (``p<N>`` by default)."""
    a = note.annotation
    i = attr(a.id)
    label = KIND_LABELS[a.kind]
    parts = [
        f'<aside class="glossator-note" id="{i}" data-kind="{a.kind}" '
        f'data-paragraph="{attr(paragraph_id or f"p{note.paragraph}")}" role="note" aria-labelledby="{i}-label" '
        # excluded on the aside itself: material's indexer matches excluded elements by tag
        # name, so an excluded <div> around notes stops being excluded at the first inner </div>
        "data-search-exclude "
        f'data-text-fragment="{attr(text_fragment(body, note.start, note.end))}">',
        f'<p class="glossator-note-head" id="{i}-label"><span class="glossator-kind">'
        f'<span class="glossator-icon" aria-hidden="true"></span>{label}</span>'
        f'<span class="glossator-sep">: </span>'
        f'<span class="glossator-note-title">{esc(a.title)}</span></p>',
        f'<div class="glossator-note-body">{render_markdown(a.body)}</div>',
    ]
    if a.sources:
        parts.append('<ol class="glossator-sources">')
        parts.extend(render_source(s) for s in a.sources)
        parts.append("</ol>")
    if extra:
        parts.append(extra)
    parts.append(
        f'<a class="glossator-permalink" href="#{i}" aria-label="Link to this note">#</a></aside>'
    )
    return "".join(parts)


def counts_by_kind(notes: list[AnchoredNote]) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    for n in notes:
        counts[n.kind] += 1
    return counts


KIND_PLURALS = {"context": "context", "counterpoint": "counterpoints", "source": "sources"}
"""A count's noun: "1 source", "3 sources", "18 context" (context is not counted as things)."""


def count_of_kind(n: int, kind: str) -> str:
    return f"{n} {kind if n == 1 else KIND_PLURALS[kind]}"


def render_counts(notes: list[AnchoredNote], tag: str = "p") -> str:
    """One badge per kind the article has notes of: a kind with none gets no "0" badge."""
    counts = counts_by_kind(notes)
    items = "".join(
        f'<span class="glossator-count" data-kind="{k}">{count_of_kind(counts[k], k)}</span>'
        for k in KINDS
        if counts[k]
    )
    return f'<{tag} class="glossator-counts" data-search-exclude>{items}</{tag}>'


def render_byline(article: Article) -> str:
    bits = []
    if article.publication:
        bits.append(esc(article.publication))
    if article.author and article.author != article.publication:
        bits.append(esc(article.author))
    if article.published:
        bits.append(
            f'<time datetime="{attr(article.published)}">{esc(article.published_label)}</time>'
        )
    if article.url:
        bits.append(f'<a href="{attr(article.url)}" rel="{LINK_REL}">Original article</a>')
    return f'<p class="glossator-byline">{" · ".join(bits)}</p>' if bits else ""


def render_sources_index(notes: list[AnchoredNote]) -> str:
    """Every cited source once, with the notes that cite it (first-cited order)."""
    cited: dict[tuple[str, str], tuple[Source, list[AnchoredNote]]] = {}
    for n in notes:
        for s in n.annotation.sources:
            key = (s.url or "", " ".join(s.title.lower().split()))
            if key not in cited:
                cited[key] = (s, [])
            if not any(other is n for other in cited[key][1]):  # identity: cheap
                cited[key][1].append(n)
    if not cited:
        return ""
    items = []
    for source, citing in cited.values():
        li = render_source(source)[len('<li class="glossator-source">') : -len("</li>")]
        links = ", ".join(f'<a href="#{attr(n.id)}">{esc(n.annotation.title)}</a>' for n in citing)
        items.append(f'<li class="glossator-source">{li} — cited by {links}</li>')
    return (
        '<section class="glossator-sources-index" data-search-exclude>'
        f'<h2 id="sources">Sources</h2><ol>{"".join(items)}</ol></section>'
    )


def render_article(
    article: Article,
    notes: list[AnchoredNote],
    note_extra: Callable[[AnchoredNote], str] | None = None,
    head_extra: str = "",
    tail_extra: str = "",
) -> str:
    """The article page's HTML: title, byline, counts, text with marks and notes, sources.

    The extras are trusted HTML from other output modules: after each note's sources, after
    the byline, and after the sources index.
    """
    body = article.body
    out = [
        f'<h1 id="{attr(article.slug)}-title">{esc(article.title)}</h1>',
        render_byline(article),
        head_extra,
        render_counts(notes),
        f'<div class="glossator-article" data-article="{attr(article.slug)}">'
        + render_text(
            article,
            notes,
            lambda n: render_note(
                n, body, note_extra(n) if note_extra else "", _element_id(article, n)
            ),
        ),
    ]
    out.append(render_sources_index(notes))
    out.append(tail_extra)
    return "\n".join(x for x in out if x)
