"""One build's reuse outputs: gathers what they need (the history, each note's dates, the
publisher's details) once, then hands the plugin HTML for its pages and writes the files.

Everything made for one article (the HTML around its notes and their citations, its
structured data, its export and feed) is one bundle, kept in the build cache under a key covering
the article's folder, the publisher's details and everything the history says about it: an
unchanged article costs a cache read on the next build. This is the glue between the edition
and the pure output modules (``reuse``, ``changes``, ``jsonld``); it holds no MkDocs types.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path

from glossator.history.gitlog import HistoryReader
from glossator.history.provenance import History
from glossator.interface import ENGLISH, Interface
from glossator.model import Edition
from glossator.pages.article import render_article
from glossator.pipeline.cache import feed, new_hash
from glossator.pipeline.pack import BuildCache
from glossator.pipeline.writer import FileWriter
from glossator.reuse.changes import (
    NoteDates,
    article_changes,
    note_dates,
    render_changes,
    render_note_provenance,
)
from glossator.reuse.exports import (
    ArticleData,
    Place,
    article_citation,
    article_files,
    export_page,
    items_json,
    note_citation,
    places,
    site_files,
    w3c_items,
)
from glossator.reuse.html import head_links, render_cite
from glossator.reuse.jsonld import article_graph, script_tag
from glossator.reuse.siteinfo import SiteInfo, site_info


@dataclass
class Bundle:
    page: str  # the article's HTML as render_article makes it, with the extras in place
    structured: str  # the page's <script type="application/ld+json">
    items: str  # the notes as Web Annotations: the inside of a JSON array
    files: dict[str, bytes]


def _mtime_day(path: Path | str) -> str:
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
        self.keys: dict[str, str] = {}
        self.cache: BuildCache | None = None
        self.authors = False
        self.notes_dir = "annotations"
        self.directory_urls = True
        self._bundles: dict[str, Bundle] = {}
        self.site_dir = Path("site")
        self._writer: FileWriter | None = None
        self.places: dict[str, Place] = {}  # each article's page of the site-wide collection
        self.total = 0

    def prepare(
        self,
        edition: Edition,
        root: Path,
        options,
        config,
        cache: BuildCache | None = None,
        folder_keys: dict[str, str] | None = None,
        ui: Interface = ENGLISH,
    ) -> None:
        """Read the history (one pass) and each note's dates; ``options`` are the plugin's."""
        self.site = site_info(
            config.site_name or "",
            config.site_url or "",
            options.notes_license,
            config.repo_url or "",
            options.commit_url,
            ui,
            favicon=str(config.theme.get("favicon") or ""),
        )
        self.authors = options.provenance_authors
        self.notes_dir = options.annotations_dir.strip("/")
        self.directory_urls = bool(config.use_directory_urls)
        self.cache = cache
        self._bundles = {}
        self.site_dir = Path(config.site_dir)
        self._close_writer(check=False)  # a failed build's: its error was that build's
        self.history = (
            self.read_history(root, [options.seeds_dir, options.annotations_dir])
            if options.provenance
            else None
        )
        self.data, self.keys = {}, {}
        for slug, article in sorted(edition.articles.items()):
            notes = edition.notes.get(slug, [])
            dates = {n.id: note_dates(self.history, n.annotation) for n in notes}
            added = self.history.added(article.path) if self.history else None
            fallback = {"": _mtime_day(root / article.path)}
            for n in notes:
                if not (dates[n.id].added or n.annotation.created):  # (str: a Path each is slow)
                    fallback[n.id] = _mtime_day(os.path.join(root, n.annotation.path))
            data = ArticleData(article, notes, dates, fallback, added.commit.date if added else "")
            self.data[slug] = data
            folder_key = (folder_keys or {}).get(slug)
            if folder_key is not None:
                h = new_hash()
                changes = (
                    article_changes(self.history, article, f"{self.notes_dir}/{slug}")
                    if self.history
                    else []
                )
                pending = sorted(self.history.uncommitted) if self.history else []
                feed(
                    h,
                    folder_key,
                    repr(self.site),
                    repr(sorted(ui.overrides.items())),
                    repr((self.authors, self.directory_urls)),
                    repr(sorted(dates.items())),
                    repr((data.added, sorted(fallback.items()))),
                    repr(changes),
                    repr([p for p in pending if p.startswith(f"{self.notes_dir}/{slug}/")]),
                )
                self.keys[slug] = h.hexdigest()
        self.places = places(list(self.data.values()))
        self.total = sum(len(d.notes) for d in self.data.values())

    def key(self, slug: str) -> str | None:
        """What the reuse outputs of an article depend on besides its folder (None: no cache)."""
        return self.keys.get(slug)

    # --- one article -------------------------------------------------------------------------

    def bundle(self, slug: str) -> Bundle:
        if slug in self._bundles:
            return self._bundles[slug]
        key = self.keys.get(slug)
        found = self.cache.load("reuse", key) if self.cache is not None and key else None
        if not isinstance(found, Bundle):
            found = self._make(slug)
            if self.cache is not None and key:
                self.cache.store("reuse", key, found)
        # the files go to the site now and leave memory: a thousand articles' files are
        # hundreds of megabytes, and nothing else reads them
        self._write_files(found.files)
        # framed now, not cached: its neighbours and place depend on the other articles
        self._write_files(
            export_page(self.data[slug], self.site, self.places[slug], self.total, found.items)
        )
        found = replace(found, files={}, items="")
        self._bundles[slug] = found
        return found

    def _write_files(self, files: dict[str, bytes]) -> None:
        if self._writer is None:
            self._writer = FileWriter()
        for rel, content in files.items():
            self._writer.put(self.site_dir / rel, content)

    def _close_writer(self, check: bool = True) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.close()
            except OSError:
                if check:
                    raise

    def _make(self, slug: str) -> Bundle:
        data, site = self.data[slug], self.site
        ui = site.ui
        what = ui.t("the article “{title}”", title=data.article.title)
        head_html = render_cite(article_citation(data, site), what, ui, article=True)
        note_html: dict[str, str] = {}
        for note in data.notes:
            provenance = render_note_provenance(
                data.dates.get(note.id, NoteDates()), self.authors, ui
            )
            cite = render_cite(
                note_citation(data, note, site),
                ui.t("the note “{title}”", title=note.annotation.title),
                ui,
            )
            note_html[note.id] = provenance + cite
        tail_html = render_changes(
            self.history,
            data.article,
            [n.annotation for n in data.notes],
            f"{self.notes_dir}/{slug}",
            site,
            self.authors,
        )
        page = render_article(
            data.article, data.notes, lambda n: note_html.get(n.id, ""), head_html, tail_html, ui
        )
        dates = {n.id: (data.added_on(n), data.dates[n.id].changed) for n in data.notes}
        structured = script_tag(
            article_graph(data.article, [n.annotation for n in data.notes], site, dates)
        )
        items_text = items_json(w3c_items(data, site))
        return Bundle(page, structured, items_text, article_files(data, site))

    # --- pages -------------------------------------------------------------------------------

    def article_html(self, slug: str) -> str:
        """The article's HTML, made and cached with the rest of its bundle."""
        return self.bundle(slug).page

    def add_to_head(self, output: str, slug: str | None, page_url: str) -> str:
        page_url = "" if page_url in (".", "./") else page_url
        page_dir = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
        to_root = "../" * len([p for p in page_dir.split("/") if p])
        if slug is not None and slug in self.data:
            to_article = "" if page_url.endswith("/") else f"{slug}/"
            head = head_links(self.data[slug].article.title, self.site, to_root, to_article)
            bundle = self.bundle(slug)
            head += bundle.structured
            # the page is written: nothing of its bundle is needed again
            self._bundles[slug] = replace(bundle, page="", structured="")
        else:
            head = head_links(None, self.site, to_root)
        at = output.find("</head>")
        return output if at < 0 else output[:at] + head + output[at:]

    # --- files -------------------------------------------------------------------------------

    def write(self, site_dir: Path) -> None:
        """The site-wide files (each article's were written with its page)."""
        self.site_dir = Path(site_dir)
        for slug in self.data:
            self.bundle(slug)
        self._write_files(site_files(list(self.data.values()), self.site))
        self._close_writer()  # every file on disk before the build is done
