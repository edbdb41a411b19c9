"""How to cite a note or an annotated article: as text, as BibTeX and as CSL-JSON.

BibTeX and CSL-JSON are what Zotero, Pandoc and LaTeX read. A note is cited as a web page of
the edition (CSL ``webpage``, BibTeX ``@misc``) by its author, or by the edition when it names
none, with the article it annotates as the ``reviewed-title`` and in the note field. Names are
given as written (``literal`` in CSL, braced in BibTeX): notes carry one name or handle, and
splitting "Glossator editors" into a family and a given name would misname it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from glossator.interface import N_
from glossator.model import Annotation, Article
from glossator.model import date_parts as model_date_parts
from glossator.reuse.siteinfo import SiteInfo

NOTE_OF_KIND = {
    "context": N_("A context note on {article}"),
    "counterpoint": N_("A counterpoint note on {article}"),
    "source": N_("A source note on {article}"),
}

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass(frozen=True)
class Citation:
    key: str
    url: str
    text: str
    bibtex: str
    csl: dict

    @property
    def csl_json(self) -> str:
        """The item as a one-item CSL-JSON array, a field a line (what Zotero's import reads)."""
        fields = ",\n".join(f"    {_encode(k)}: {_encode(v)}" for k, v in self.csl.items())
        return "[\n  {\n" + fields + "\n  }\n]"


_encode = json.JSONEncoder(ensure_ascii=False).encode
"""One encoder for every field: ``json.dumps`` with any option makes a new one each call."""
_BIBTEX_TABLE = str.maketrans(_BIBTEX_SPECIAL)


def bibtex_escape(text: str) -> str:
    """Text as a BibTeX field value reads it back (LaTeX specials escaped, one line)."""
    return " ".join(text.split()).translate(_BIBTEX_TABLE)


def _bibtex_url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def date_parts(value: str) -> dict | None:
    """CSL's ``{"date-parts": [[y, m, d]]}`` from a full or partial ISO date."""
    parts = model_date_parts(value)
    return {"date-parts": [list(parts)]} if parts else None


def bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields if value]
    return "\n".join(lines) + "\n}\n"


def _date_fields(value: str) -> list[tuple[str, str]]:
    """``date`` (biblatex, full or partial ISO) and ``year`` (classic BibTeX)."""
    parts = model_date_parts(value)
    return [("date", value), ("year", str(parts[0]))] if parts else []


def _quoted(ui, title: str) -> str:
    """The title in quotes, closed as a sentence: "Title." but "Asia!" (never "Asia!.")."""
    quoted = ui.t("“{title}.”", title=title)
    if title.rstrip("”’\"')").endswith((".", "!", "?", "…")):
        quoted = quoted.replace(title + ".", title, 1)
    return quoted


def _article_words(article: Article, site: SiteInfo) -> str:
    """'“Title” by Author (Publication, 18 March 2024)', whatever of that is known."""
    ui = site.ui
    words = ui.t("“{title}”", title=article.title)
    if article.signed_by:
        words = ui.t("{title} by {author}", title=words, author=article.signed_by)
    where = ", ".join(x for x in (article.publication, ui.date(article.published)) if x)
    return words + (f" ({where})" if where else "")


def cite_note(note: Annotation, article: Article, site: SiteInfo, added: str) -> Citation:
    """The note as a citable item; ``added`` is the date it joined the edition (ISO, maybe partial)."""
    ui = site.ui
    url = f"{site.page_url(article.slug)}#{note.id}"
    author = note.author or site.name
    on = ui.t(NOTE_OF_KIND[note.kind], article=_article_words(article, site))
    when = f" ({ui.date(added)})" if added else ""
    quoted = _quoted(ui, note.title)
    text = f"{author}{when}. {quoted} {on}. {site.name}. {url}"
    lang = note.lang or article.lang or site.language
    key = f"{article.slug}-{note.id}"
    bibtex = bibtex_entry(
        "misc",
        key,
        [
            ("author", "{" + bibtex_escape(author) + "}"),
            ("title", "{" + bibtex_escape(note.title) + "}"),
            ("howpublished", bibtex_escape(site.name)),
            *_date_fields(added),
            ("note", bibtex_escape(on)),
            ("url", _bibtex_url(url)),
            ("language", lang),
        ],
    )
    csl = {
        "id": key,
        "type": "webpage",
        "title": note.title,
        "author": [{"literal": author}],
        "container-title": site.name,
        "genre": ui.t("Annotation ({kind})", kind=ui.kind(note.kind)),
        "language": lang,
        "reviewed-title": article.title,
        "URL": url,
        "note": on,
    }
    if article.signed_by:
        csl["reviewed-author"] = [{"literal": article.signed_by}]
    if date_parts(added):
        csl["issued"] = date_parts(added)
    return Citation(key, url, text, bibtex, csl)


def cite_article(article: Article, site: SiteInfo, notes: int) -> Citation:
    """The annotated edition of an article: the original's author, title and date, our address."""
    ui = site.ui
    url = site.page_url(article.slug)
    edition = ui.tn(
        "Annotated edition with {n} note, {site}",
        "Annotated edition with {n} notes, {site}",
        notes,
        site=site.name,
    )
    # an unsigned piece is cited by its title, with no author: the publication is not a person
    who = article.signed_by or ("" if article.publication else site.name)
    when = f" ({ui.date(article.published)})" if article.published else ""
    original = " " + ui.t("Original: {url}", url=article.url) if article.url else ""
    publication = f" {article.publication}." if article.publication else ""
    quoted = _quoted(ui, article.title)
    if who:
        text = f"{who}{when}. {quoted}{publication} {edition}. {url}{original}"
    else:  # “Title.” Publication (date). …
        text = f"{quoted}{publication[:-1]}{when}. {edition}. {url}{original}"
    lang = article.lang or site.language
    at = ui.t("; original at {url}", url=article.url) if article.url else ""
    key = article.slug
    bibtex = bibtex_entry(
        "misc",
        key,
        [
            *([("author", "{" + bibtex_escape(who) + "}")] if who else []),
            ("title", "{" + bibtex_escape(article.title) + "}"),
            ("howpublished", bibtex_escape(article.publication)),
            *_date_fields(article.published),
            ("note", bibtex_escape(edition + at)),
            ("url", _bibtex_url(url)),
            ("language", lang),
        ],
    )
    csl = {
        "id": key,
        "type": "article-newspaper" if article.publication else "webpage",
        "title": article.title,
        **({"author": [{"literal": who}]} if who else {}),
        "container-title": article.publication or site.name,
        "URL": url,
        "note": edition + at,
        "language": lang,
    }
    if date_parts(article.published):
        csl["issued"] = date_parts(article.published)
    return Citation(key, url, text, bibtex, csl)
