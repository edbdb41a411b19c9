"""MkDocs glue: articles become in-memory pages; everything else happens in the core modules."""

from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .cache import BuildCache
from .edition import Edition, cyclic_gc_paused, load_edition
from .listing import PLACEHOLDER, render_listing
from .problems import summary
from .publishing import ReuseOutputs
from .render import render_article
from .search import article_search_html, note_entries

log = get_plugin_logger(__name__)
ASSETS = Path(__file__).parent / "assets"
SCHEMA = Path(__file__).parent / "schema" / "annotation.json"
ASSET_URIS = {
    "glossator.css": "assets/glossator/glossator.css",
    "glossator.js": "assets/glossator/glossator.js",
    "propose.js": "assets/glossator/propose.js",
}


class GlossatorConfig(Config):
    seeds_dir = c.Type(str, default="seeds")
    """Folder of article texts (``<name>.txt``, optional ``<name>.yml``), relative to mkdocs.yml."""
    annotations_dir = c.Type(str, default="annotations")
    """Folder of ``<article-slug>/<id>.yml`` note files, relative to mkdocs.yml."""
    assets = c.Type(bool, default=True)
    """Add Glossator's own stylesheet and script to every page (turn off to bring your own)."""
    cache_dir = c.Type(str, default=".cache/glossator")
    """Build cache for unchanged article folders, relative to mkdocs.yml ("" turns it off)."""
    notes_license = c.Type(str, default="")
    """URL of the notes' licence (e.g. CC BY 4.0), stated in structured data, feeds, exports."""
    provenance = c.Type(bool, default=True)
    """In a git checkout, show when notes were added and changed, and each article's changes."""
    provenance_authors = c.Type(bool, default=False)
    """Also name the commit authors in provenance (off: contributors' names stay out)."""
    commit_url = c.Type(str, default="")
    """Link to one commit, with "{sha}" (default: derived from repo_url for GitHub/GitLab)."""


class GlossatorPlugin(BasePlugin[GlossatorConfig]):
    def __init__(self):
        self.edition = Edition()
        self.pages: dict[str, str] = {}  # src_uri -> article slug
        self.entries: dict[str, list[dict]] = {}  # slug -> search entries for its notes
        self._full_html: dict[str, str] = {}
        self.cache: BuildCache | None = None
        self.reuse = ReuseOutputs()

    def on_config(self, config):
        self.root = Path(config.config_file_path or ".").resolve().parent
        if self.config.assets:
            for name, uri in ASSET_URIS.items():
                if not (ASSETS / name).exists():
                    continue
                target = config.extra_css if name.endswith(".css") else config.extra_javascript
                if uri in [str(x) for x in target]:
                    continue
                if name.endswith(".js"):
                    script = ExtraScriptValue(uri)
                    script.defer = True  # never in the way of the first paint
                    target.append(script)
                else:
                    target.append(uri)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        self.cache = (
            BuildCache(self.root / self.config.cache_dir) if self.config.cache_dir else None
        )
        with cyclic_gc_paused():
            self.edition = load_edition(
                self.root, self.config.seeds_dir, self.config.annotations_dir, cache=self.cache
            )
        for problem in self.edition.problems:
            (log.error if problem.is_error else log.warning)(problem.format())
        if not self.edition.ok:
            raise PluginError(
                summary(
                    self.edition.problems,
                    self.edition.article_files + self.edition.annotation_files,
                )
                + " in articles and annotations (run 'glossator check' for the same list)"
            )
        self.pages = {}
        self.entries = {}
        self.reuse.prepare(
            self.edition, self.root, self.config, config, self.cache, self.edition.cache_keys
        )
        for slug in sorted(self.edition.articles):
            src_uri = f"{slug}.md"
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} clashes with the article '{slug}'; rename one")
            files.append(
                File.generated(
                    config,
                    src_uri,
                    content=f"<!-- glossator article {slug} -->",
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )
            self.pages[src_uri] = slug
        if self.config.assets:
            for name, uri in ASSET_URIS.items():
                if (ASSETS / name).exists():
                    files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
        if SCHEMA.exists() and files.get_file_from_path("schema/annotation.json") is None:
            # published for editors: the yaml-language-server modeline in notes points here
            files.append(File.generated(config, "schema/annotation.json", abs_src_path=str(SCHEMA)))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        slug = self.pages.get(page.file.src_uri)
        if slug is not None:
            article = self.edition.articles[slug]
            # material prints page.meta.title and .description into the page unescaped, and
            # article metadata is untrusted text like everything else we publish
            page.meta["title"] = html.escape(article.title)
            if article.summary:
                page.meta["description"] = html.escape(article.summary)
            return ""
        if PLACEHOLDER in markdown:

            def url_for(target: str) -> str:
                dest = files.get_file_from_path(f"{target}.md")
                return (
                    posixpath.relpath(dest.url or ".", posixpath.dirname(page.file.url) or ".")
                    + "/"
                )

            markdown = markdown.replace(PLACEHOLDER, render_listing(self.edition, url_for))
        return markdown

    def on_page_content(self, html, *, page, config, files):
        slug = self.pages.get(page.file.src_uri)
        if slug is None:
            return html
        article, notes = self.edition.articles[slug], self.edition.notes.get(slug, [])
        # the folder's key covers the article and every note, so it keys the page as well
        # (with what the reuse outputs depend on: dates, citations, changes around the notes)
        key = self.edition.cache_keys.get(slug) if self.cache is not None else None
        if key is not None:
            key = self.reuse.key(slug)
        cached = self.cache.load("pages", key) if key is not None else None
        if isinstance(cached, tuple) and len(cached) == 3 and cached[1] == page.url:
            rendered, _, self.entries[slug] = cached
        else:
            extras = self.reuse.page_extras(slug)
            rendered = render_article(
                article,
                notes,
                lambda n: extras.note_html.get(n.id, ""),
                extras.head_html,
                extras.tail_html,
            )
            self.entries[slug] = note_entries(article, notes, page.url)
            if key is not None:
                self.cache.store("pages", key, (rendered, page.url, self.entries[slug]))
        return rendered

    @event_priority(100)  # before the search plugin reads page.content
    def _index_light_content(self, context, *, page, config, nav):
        slug = self.pages.get(page.file.src_uri)
        if slug is not None:
            self._full_html[page.file.src_uri] = page.content
            page.content = article_search_html(self.edition.articles[slug])
        return context

    @event_priority(-100)  # after it: the page template gets the full article back
    def _restore_content(self, context, *, page, config, nav):
        full = self._full_html.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
        return context

    on_page_context = CombinedEvent(_index_light_content, _restore_content)

    def on_post_page(self, output, *, page, config):
        """Feeds, exports and structured data announced in the page's head."""
        return self.reuse.add_to_head(output, self.pages.get(page.file.src_uri), page.file.url)

    @event_priority(-100)  # after mkdocs-material's search plugin has written its index
    def on_post_build(self, *, config):
        if self.cache is not None:
            self.cache.save(prune=True)  # this build's entries only: the cache never grows
        self.reuse.write(Path(config.site_dir))
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.exists():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        for slug in sorted(self.entries):
            index["docs"].extend(self.entries[slug])
        path.write_text(
            json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8"
        )
