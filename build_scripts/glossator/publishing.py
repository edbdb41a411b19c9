"""One build's reuse outputs: gathers what they need (the history, each note's dates, the
publisher's details) once, then hands the plugin HTML for its pages and writes the files.

The glue between the edition and the pure output modules (``reuse``, ``changes``, ``jsonld``);
it holds no MkDocs types, so another front end can drive it the same way.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from .cache import feed, new_hash
from .changes import NoteDates, note_dates, render_changes, render_note_provenance
from .gitlog import HistoryReader
from .jsonld import article_graph, script_tag
from .model import Edition
from .provenance import History
from .reuse import (
    CITE_DIR,
    ArticleData,
    article_citation,
    article_files,
    head_links,
    note_citation,
    render_cite,
    render_cite_page,
    site_files,
)
from .siteinfo import SiteInfo, site_info

CITE_MARK = "<!-- glossator cite {slug} -->"


@dataclass
class PageExtras:
    note_html: dict[str, str] = field(default_factory=dict)
    head_html: str = ""
    tail_html: str = ""

    def fingerprint(self) -> str:
        h = new_hash()
        feed(
            h,
            self.head_html,
            self.tail_html,
            *[f"{k}\0{v}" for k, v in sorted(self.note_html.items())],
        )
        return h.hexdigest()


def _mtime_day(path: Path) -> str:
    """A file's modification day (UTC): the only date known for a file outside git."""
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return ""
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date().isoformat()


class ReuseOutputs:
    def __init__(self) -> None:
        self.read_history = HistoryReader()
        self.history: History | None = None
        self.site = SiteInfo(name="")
        self.data: dict[str, ArticleData] = {}
        self.authors = False
        self.notes_dir = "annotations"

    def prepare(self, edition: Edition, root: Path, options, config) -> None:
        """Read the history (one pass) and each note's dates; ``options`` are the plugin's."""
        self.site = site_info(
            config.site_name or "",
            config.site_url or "",
            options.notes_license,
            config.repo_url or "",
            options.commit_url,
        )
        self.authors = options.provenance_authors
        self.notes_dir = options.annotations_dir.strip("/")
        self.history = (
            self.read_history(root, [options.seeds_dir, options.annotations_dir])
            if options.provenance
            else None
        )
        self.data = {}
        for slug, article in sorted(edition.articles.items()):
            notes = edition.notes.get(slug, [])
            dates = {n.id: note_dates(self.history, n.annotation) for n in notes}
            added = self.history.added(article.path) if self.history else None
            fallback = {"": _mtime_day(root / article.path)}
            for n in notes:
                if not (dates[n.id].added or n.annotation.created):
                    fallback[n.id] = _mtime_day(root / n.annotation.path)
            self.data[slug] = ArticleData(
                article, notes, dates, fallback, added.commit.day if added else ""
            )

    # --- pages -------------------------------------------------------------------------------

    def generated_pages(self) -> dict[str, str]:
        return {f"{slug}/{CITE_DIR}.md": CITE_MARK.format(slug=slug) for slug in self.data}

    def cite_slug(self, src_uri: str) -> str:
        return src_uri.rsplit("/", 1)[0] if self.is_cite_page(src_uri) else ""

    def is_cite_page(self, src_uri: str) -> bool:
        slug, _, name = src_uri.rpartition("/")
        return name == f"{CITE_DIR}.md" and slug in self.data

    def cite_page_title(self, src_uri: str) -> str:
        return f"Cite: {self.data[self.cite_slug(src_uri)].article.title}"

    def cite_page(self, src_uri: str, article_href: str) -> str:
        return render_cite_page(self.data[self.cite_slug(src_uri)], self.site, article_href)

    def page_extras(self, slug: str, cite_href: str) -> PageExtras:
        data = self.data[slug]
        extras = PageExtras()
        what = f"the article “{data.article.title}”"
        extras.head_html = render_cite(
            article_citation(data, self.site), cite_href, "article", what
        )
        for note in data.notes:
            provenance = render_note_provenance(data.dates.get(note.id, NoteDates()), self.authors)
            cite = render_cite(
                note_citation(data, note, self.site),
                cite_href,
                note.id,
                f"the note “{note.annotation.title}”",
            )
            extras.note_html[note.id] = provenance + cite
        extras.tail_html = render_changes(
            self.history,
            data.article,
            [n.annotation for n in data.notes],
            f"{self.notes_dir}/{slug}",
            self.site,
            self.authors,
        )
        return extras

    def add_to_head(self, output: str, slug: str | None, page_url: str) -> str:
        page_url = "" if page_url in (".", "./") else page_url
        page_dir = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
        to_root = "../" * len([p for p in page_dir.split("/") if p])
        head = ""
        if slug is not None and slug in self.data:
            data = self.data[slug]
            to_article = "" if page_url.endswith("/") else f"{slug}/"
            head = head_links(data.article.title, self.site, to_root, to_article)
            dates = {
                n.id: (data.added_on(n), data.dates[n.id].changed if n.id in data.dates else "")
                for n in data.notes
            }
            head += script_tag(
                article_graph(data.article, [n.annotation for n in data.notes], self.site, dates)
            )
        else:
            head = head_links(None, self.site, to_root)
        at = output.find("</head>")
        return output if at < 0 else output[:at] + head + output[at:]

    # --- files -------------------------------------------------------------------------------

    def write(self, site_dir: Path) -> None:
        files = site_files(list(self.data.values()), self.site)
        for data in self.data.values():
            files.update(article_files(data, self.site))
        for rel, content in files.items():
            path = site_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
