"""An article and its anchored notes as an HTML fragment: the page contract (docs/page-contract.md).

Article text is only ever escaped, never interpreted, and is emitted in full: the page's
text with the notes removed is the article. Highlights are ``mark`` elements that nest when
passages nest and are split (and reopened) only where passages cross or a paragraph ends.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable
from urllib.parse import quote as urlquote

from glossator.interface import ENGLISH, Interface, Nn_
from glossator.language import attributes
from glossator.model import KINDS, AnchoredNote, Article, Source
from glossator.pages.escape import attr, esc
from glossator.pages.markup import LINK_REL, render_markdown
from glossator.pages.placement import article_runs, place_notes

COUNTS = {
    "context": Nn_("{n} context", "{n} contexts"),
    "counterpoint": Nn_("{n} counterpoint", "{n} counterpoints"),
    "source": Nn_("{n} source", "{n} sources"),
}
"""How many notes of a kind, as the filter buttons and the lists of articles say it."""


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


def isolate(text: str, lang: str = "") -> str:
    """Escaped text inserted among words of another language or direction: ``<bdi>`` keeps
    an Arabic title from reordering the English sentence around it (and the reverse)."""
    return f'<bdi lang="{lang}">{esc(text)}</bdi>' if lang else f"<bdi>{esc(text)}</bdi>"


def language_of(article: Article, ui: Interface) -> str:
    """The article's language: its sidecar's ``lang``, else the site's."""
    return article.lang or ui.language


def render_source(source: Source, ui: Interface = ENGLISH) -> str:
    title = isolate(source.title)
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
        parts.append(f'<span class="glossator-publisher">{isolate(source.publisher)}</span>')
    if source.date:
        parts.append(f'<time datetime="{attr(source.date)}">{esc(ui.date(source.date))}</time>')
    text = ", ".join(parts)
    if source.archive_url:
        text += (
            f' (<a class="glossator-archive" href="{attr(source.archive_url)}" '
            f'rel="{LINK_REL}">{esc(ui.t("archived"))}</a>)'
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


def render_note(
    note: AnchoredNote,
    body: str,
    extra: str = "",
    paragraph_id: str = "",
    ui: Interface = ENGLISH,
    around: str = "",
) -> str:
    """One note; ``extra`` is trusted HTML put before its permalink (provenance, "Cite");
    ``paragraph_id`` the id of the block its passage starts in (``p<N>`` by default).

    ``around`` is the article's language: the note's own words carry the note's ``lang``
    where it differs, Glossator's words (the kind, "Cite"…) the site's where that differs.
    """
    a = note.annotation
    i = attr(a.id)
    around = around or ui.language
    mine = attributes(a.lang or around, around)
    chrome = attributes(ui.language, around)
    label = ui.kind(a.kind)
    parts = [
        f'<aside class="glossator-note" id="{i}" data-kind="{a.kind}" '
        f'data-paragraph="{attr(paragraph_id or f"p{note.paragraph}")}" role="note" aria-labelledby="{i}-label" '
        # excluded on the aside itself: material's indexer matches excluded elements by tag
        # name, so an excluded <div> around notes stops being excluded at the first inner </div>
        "data-search-exclude "
        f'data-text-fragment="{attr(text_fragment(body, note.start, note.end))}">',
        f'<p class="glossator-note-head" id="{i}-label"><span class="glossator-kind"{chrome}>'
        f'<span class="glossator-icon" aria-hidden="true"></span>{esc(label)}</span>'
        f'<span class="glossator-sep">{esc(ui.t(": "))}</span>'
        f'<span class="glossator-note-title"{mine}>{esc(a.title)}</span></p>',
        f'<div class="glossator-note-body"{mine}>{render_markdown(a.body)}</div>',
    ]
    if a.sources:
        parts.append(f'<ol class="glossator-sources"{chrome}>')
        parts.extend(render_source(s, ui) for s in a.sources)
        parts.append("</ol>")
    if extra:
        parts.append(f'<div class="glossator-note-meta"{chrome}>{extra}</div>' if chrome else extra)
    link = attr(ui.t("Link to this note"))
    parts.append(f'<a class="glossator-permalink" href="#{i}" aria-label="{link}">#</a></aside>')
    return "".join(parts)


_KIND_OF = operator.attrgetter("kind")


def counts_by_kind(notes: list[AnchoredNote]) -> dict[str, int]:
    """Counted in C: every list of articles counts each article's notes again."""
    counted = Counter(map(_KIND_OF, notes))
    return {k: counted[k] for k in KINDS}


def render_counts(notes: list[AnchoredNote], tag: str = "p", ui: Interface = ENGLISH) -> str:
    counts = counts_by_kind(notes)
    items = "".join(
        f'<span class="glossator-count" data-kind="{k}">{esc(ui.tn(*COUNTS[k], counts[k]))}</span>'
        for k in KINDS
        if counts[k]  # no "0 counterpoint" badge: a kind without notes says nothing
    )
    return f'<{tag} class="glossator-counts" data-search-exclude>{items}</{tag}>'


def render_byline(article: Article, ui: Interface = ENGLISH) -> str:
    bits = []
    if article.publication:
        bits.append(isolate(article.publication))
    if article.author and article.author != article.publication:
        bits.append(isolate(article.author))
    if article.published:
        bits.append(
            f'<time datetime="{attr(article.published)}">{esc(ui.date(article.published))}</time>'
        )
    if article.url:
        bits.append(
            f'<a href="{attr(article.url)}" rel="{LINK_REL}">{esc(ui.t("Original article"))}</a>'
        )
    return f'<p class="glossator-byline">{" · ".join(bits)}</p>' if bits else ""


def render_sources_index(notes: list[AnchoredNote], ui: Interface = ENGLISH) -> str:
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
        li = render_source(source, ui)[len('<li class="glossator-source">') : -len("</li>")]
        links = ui.t(", ").join(
            f'<a href="#{attr(n.id)}">{isolate(n.annotation.title, n.annotation.lang)}</a>'
            for n in citing
        )
        items.append(
            f'<li class="glossator-source">{ui.t("{source} — cited by {notes}", source=li, notes=links)}</li>'
        )
    return (
        '<section class="glossator-sources-index" data-search-exclude>'
        f'<h2 id="sources">{esc(ui.t("Sources"))}</h2><ol>{"".join(items)}</ol></section>'
    )


def render_article(
    article: Article,
    notes: list[AnchoredNote],
    note_extra: Callable[[AnchoredNote], str] | None = None,
    head_extra: str = "",
    tail_extra: str = "",
    ui: Interface = ENGLISH,
) -> str:
    """The article page's HTML: title, byline, counts, text with marks and notes, sources.

    The extras are trusted HTML from other output modules: after each note's sources, after
    the byline, and after the sources index.
    """
    body = article.body
    lang = language_of(article, ui)
    own = attributes(lang, ui.language)
    out = [
        f'<h1 id="{attr(article.slug)}-title"{own}>{esc(article.title)}</h1>',
        render_byline(article, ui),
        head_extra,
        render_counts(notes, ui=ui),
        f'<div class="glossator-article" data-article="{attr(article.slug)}"{own}>'
        + render_text(
            article,
            notes,
            lambda n: render_note(
                n, body, note_extra(n) if note_extra else "", _element_id(article, n), ui, lang
            ),
        ),
    ]
    out.append(render_sources_index(notes, ui))
    out.append(tail_extra)
    return "\n".join(x for x in out if x)
