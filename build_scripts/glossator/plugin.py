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
from .collection import (
    FOLDERS,
    INDEX_URI,
    PUBLICATION,
    TOPIC,
    directory_uri,
    groups,
    insert_after_byline,
    newest_first,
    render_article_ways,
    render_directory,
    render_group_page,
    render_index,
    render_prev_next,
)
from .edition import Edition, cyclic_gc_paused, load_edition
from .listing import PLACEHOLDER, render_listing
from .problems import summary
from .render import render_article
from .search import article_search_html, note_entries
from .searchbuild import PagefindRun, SearchBuildError
from .searchindex import article_records, page_record

log = get_plugin_logger(__name__)
ASSETS = Path(__file__).parent / "assets"
TEMPLATES = Path(__file__).parent / "templates"
SCHEMA = Path(__file__).parent / "schema" / "annotation.json"
ASSET_URIS = {
    "glossator.css": "assets/glossator/glossator.css",
    "glossator.js": "assets/glossator/glossator.js",
    "propose.js": "assets/glossator/propose.js",
    "collection.css": "assets/glossator/collection.css",
}
SEARCH_ASSET_URIS = {  # published, but loaded only when the reader opens the search box
    "search.js": "assets/glossator/search.js",
    "search.css": "assets/glossator/search.css",
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
    search = c.Choice(("pagefind", "material"), default="pagefind")
    """Which search serves the site: Pagefind (chunked index fetched per query, notes as
    results with a kind filter; material's own search plugin is switched off) or material's
    lunr search (its whole index downloaded with every page; no kind filter)."""


class GlossatorPlugin(BasePlugin[GlossatorConfig]):
    def __init__(self):
        self.edition = Edition()
        self.pages: dict[str, str] = {}  # src_uri -> article slug
        self.entries: dict[str, list[dict]] = {}  # slug -> search entries for its notes
        self._full_html: dict[str, str] = {}
        self.cache: BuildCache | None = None
        self.search_records: dict[str, list] = {}  # src_uri -> Pagefind records of that page
        self._search_run: PagefindRun | None = None
        self.generated: dict[str, tuple[str, object]] = {}  # collection pages: src_uri -> what
        self.groups: dict = {}
        self.neighbours: dict[str, tuple] = {}  # slug -> (newer, older) article

    @property
    def pagefind(self) -> bool:
        return self.config.search == "pagefind"

    @event_priority(50)  # before material's search plugin reads its own config
    def _switch_off_material_search(self, config):
        if self.pagefind:
            # one search per site: material's would otherwise ship its whole index as well
            for name in ("material/search", "search"):
                other = config.plugins.get(name)
                if other is not None and hasattr(other.config, "enabled"):
                    other.config.enabled = False
        return config

    def _add_assets(self, config):
        self.root = Path(config.config_file_path or ".").resolve().parent
        if self.pagefind and str(TEMPLATES) not in config.theme.dirs:
            # the search box's templates, after the site's own custom_dir (which may override
            # them) and before the theme's
            custom = config.theme.custom_dir
            at = 1 if custom and config.theme.dirs and config.theme.dirs[0] == custom else 0
            config.theme.dirs.insert(at, str(TEMPLATES))
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

    on_config = CombinedEvent(_switch_off_material_search, _add_assets)

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
        self.search_records = {}
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
        self._add_collection_pages(files, config)
        if self.config.assets:
            for name, uri in ASSET_URIS.items():
                if (ASSETS / name).exists():
                    files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
        if self.pagefind:
            for name, uri in SEARCH_ASSET_URIS.items():
                files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
        if SCHEMA.exists() and files.get_file_from_path("schema/annotation.json") is None:
            # published for editors: the yaml-language-server modeline in notes points here
            files.append(File.generated(config, "schema/annotation.json", abs_src_path=str(SCHEMA)))
        return files

    def _add_collection_pages(self, files: Files, config) -> None:
        """Year, publication and topic pages, their directories and the all-articles index."""
        self.groups = groups(self.edition)
        ordered = newest_first(self.edition)
        self.neighbours = {
            a.slug: (
                ordered[i - 1] if i else None,
                ordered[i + 1] if i + 1 < len(ordered) else None,
            )
            for i, a in enumerate(ordered)
        }
        pages: dict[str, tuple[str, object]] = {}
        if self.edition.articles:
            pages[INDEX_URI + "index.md"] = ("index", None)
        for kind, found in self.groups.items():
            for group in found:
                pages[group.uri.rstrip("/") + ".md"] = ("group", group)
            if found and kind in (PUBLICATION, TOPIC):
                pages[directory_uri(kind) + "index.md"] = ("directory", kind)
        self.generated = {}
        for src_uri, what in pages.items():
            if files.get_file_from_path(src_uri) is not None:
                folder = src_uri.split("/")[0]
                raise PluginError(
                    f"docs/{src_uri} or an article's slug clashes with the collection page "
                    f"'{src_uri}' ({', '.join(sorted({*FOLDERS.values(), 'articles'}))}/ are "
                    f"Glossator's); rename '{folder}'"
                )
            files.append(
                File.generated(
                    config,
                    src_uri,
                    content=f"<!-- glossator collection {src_uri} -->",
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )
            self.generated[src_uri] = what

    @staticmethod
    def _linker(page, files: Files):
        """Site-relative URIs ('topics/x/', 'slug/') as links relative to ``page``."""
        here = page.file.url
        base = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)

        def link(uri: str) -> str:
            dest = files.get_file_from_path(uri.rstrip("/") + ".md") or files.get_file_from_path(
                uri + "index.md"
            )
            target = dest.url if dest is not None else uri
            rel = posixpath.relpath(target or ".", base or ".")
            if rel == ".":
                return "./"
            return rel + "/" if not target or target.endswith("/") else rel

        return link

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
        what = self.generated.get(page.file.src_uri)
        if what is not None:
            kind, value = what
            if kind == "group":
                title = value.title
            elif kind == "directory":
                title = "Publications" if value == PUBLICATION else "Topics"
            else:
                title = "All articles"
            page.meta["title"] = html.escape(title)
            return ""
        return markdown

    def on_page_content(self, html, *, page, config, files):
        slug = self.pages.get(page.file.src_uri)
        what = self.generated.get(page.file.src_uri)
        if what is not None:
            kind, value = what
            link = self._linker(page, files)
            if kind == "group":
                return render_group_page(value, self.edition, link)
            if kind == "directory":
                return render_directory(value, self.groups, link)
            return render_index(self.edition, self.groups, link)
        if slug is None and PLACEHOLDER in html:
            html = html.replace(
                PLACEHOLDER, render_listing(self.edition, self.groups, self._linker(page, files))
            )
        if slug is None:
            if self.pagefind and page.file.src_uri not in self.generated:
                self.search_records[page.file.src_uri] = [
                    page_record(
                        page.file.src_uri.removesuffix(".md"),
                        page.title or config.site_name,
                        html,
                        page.url,
                        self.language(config),
                    )
                ]
            return html
        article, notes = self.edition.articles[slug], self.edition.notes.get(slug, [])
        # the folder's key covers the article and every note, so it keys the page as well
        key = self.edition.cache_keys.get(slug) if self.cache is not None else None
        cached = self.cache.load("pages", key) if key is not None else None
        if isinstance(cached, tuple) and len(cached) == 3 and cached[1] == page.url:
            rendered, _, self.entries[slug] = cached
        else:
            rendered = render_article(article, notes)
            self.entries[slug] = note_entries(article, notes, page.url)
            if key is not None:
                self.cache.store("pages", key, (rendered, page.url, self.entries[slug]))
        if self.pagefind:
            cached = self.cache.load("search", key) if key is not None else None
            if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == page.url:
                records = cached[1]
            else:
                records = article_records(article, notes, page.url, self.language(config))
                if key is not None:
                    self.cache.store("search", key, (page.url, records))
            self.search_records[page.file.src_uri] = records
        link = self._linker(page, files)
        newer, older = self.neighbours.get(slug, (None, None))
        return insert_after_byline(rendered, render_article_ways(article, link)) + render_prev_next(
            newer, older, link
        )

    @staticmethod
    def language(config) -> str:
        return str(config.theme.get("language") or "en").split("-")[0] or "en"

    def on_env(self, env, *, config, files):
        env.globals["glossator_search"] = self.config.search
        if self.pagefind:
            if self._search_run is not None:
                self._search_run.close()
            self._search_run = PagefindRun(self.language(config))
            try:
                self._search_run.start(
                    r for uri in sorted(self.search_records) for r in self.search_records[uri]
                )
            except (OSError, SearchBuildError) as exc:
                self._search_run.close()
                raise PluginError(f"search index: {exc}") from exc
        return env

    def on_build_error(self, *, error):
        if self._search_run is not None:
            self._search_run.close()
            self._search_run = None

    @event_priority(100)  # before the search plugin reads page.content
    def _index_light_content(self, context, *, page, config, nav):
        slug = self.pages.get(page.file.src_uri)
        if slug is not None and not self.pagefind:
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

    @event_priority(-100)  # after mkdocs-material's search plugin has written its index
    def on_post_build(self, *, config):
        if self.cache is not None:
            self.cache.save(prune=True)  # this build's entries only: the cache never grows
        if self._search_run is not None:
            run, self._search_run = self._search_run, None
            try:
                run.finish(config.site_dir)
            except (OSError, SearchBuildError) as exc:
                raise PluginError(f"search index: {exc}") from exc
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.exists():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        for slug in sorted(self.entries):
            index["docs"].extend(self.entries[slug])
        path.write_text(
            json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8"
        )
