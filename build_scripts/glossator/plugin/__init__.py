"""MkDocs glue: articles become in-memory pages; everything else happens in the core modules.

MkDocs hands a build's state from event to event on the plugin object, so the events live on
one class; each only calls into the core (pages, search, reuse, pipeline), which holds the
work. Options are in ``config``, the theme's stylesheets, scripts and templates in ``assets``.
"""

from __future__ import annotations

import html
import json
from logging import WARNING
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from glossator.anchoring.messages import strict_failure
from glossator.interface import Interface
from glossator.model import Edition
from glossator.pages.collection import (
    CollectionPage,
    collection_pages,
    groups,
    insert_after_byline,
    neighbours,
    relative_link,
    render_article_ways,
    render_prev_next,
)
from glossator.pages.listing import PLACEHOLDER, render_listing
from glossator.pages.preview import GENERAL, problems_by_article, render_problems
from glossator.pages.scripts import data_tag, search_kinds
from glossator.pipeline.edition import cyclic_gc_paused, load_edition
from glossator.pipeline.pack import BuildCache
from glossator.pipeline.publish import ReuseOutputs
from glossator.plugin.assets import (
    add_assets,
    add_search_templates,
    search_globals,
    switch_off_material_search,
)
from glossator.plugin.config import (
    ASSET_URIS,
    ASSETS,
    PROPOSE_RULES_URI,
    SCHEMA,
    SEARCH_ASSET_URIS,
    GlossatorConfig,
)
from glossator.plugin.publication import (
    add_home_page,
    check_site_url,
    check_theme,
    keep_readers_private,
)
from glossator.problems import summary
from glossator.project import Project
from glossator.search.lunr import article_search_html, note_entries
from glossator.search.pagefind import PagefindRun, SearchBuildError, language_code
from glossator.search.records import article_records, page_record
from glossator.tools.propose_rules import propose_rules

log = get_plugin_logger(__name__)
ARTICLE_PLACEHOLDER = "<!-- glossator: the article's HTML, which has its own <h1> -->"
"""Where the theme put the article's content; notes cannot write it (their text is escaped).
It names "<h1" because material adds the page title as a heading to content without one."""


class GlossatorPlugin(BasePlugin[GlossatorConfig]):
    def __init__(self):
        self.edition = Edition()
        self.pages: dict[str, str] = {}  # src_uri -> article slug
        self.entries: dict[str, list[dict]] = {}  # slug -> search entries for its notes
        self._full_html: dict[str, str] = {}
        self.cache: BuildCache | None = None
        self.project: Project | None = None
        self.files: Files | None = None
        self.reuse = ReuseOutputs()
        self.search: PagefindRun | None = None
        self.generated: dict[str, CollectionPage] = {}  # by src_uri
        self.groups: dict = {}
        self.neighbours: dict[str, tuple] = {}  # slug -> (newer, older) article
        self.ui = Interface()
        self.serving = False  # under `mkdocs serve`: broken notes are shown, not fatal
        self.preview: dict[str, list] = {}  # slug (or GENERAL) -> problems the page shows
        self._observer = None  # what watches the articles and notes under `mkdocs serve`

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_serve(self, server, *, config, builder):
        from glossator.plugin.watching import watch_sources  # watchdog: only when serving

        if self._observer is not None:
            self._observer.stop()
        self._observer = watch_sources(
            server, config, self.root, [self.config.seeds_dir, self.config.annotations_dir]
        )
        return server

    @property
    def pagefind(self) -> bool:
        return self.config.search == "pagefind"

    @event_priority(50)  # before material's search plugin reads its own config
    def _switch_off_material_search(self, config):
        if self.pagefind:
            switch_off_material_search(config)
        return config

    def _add_assets(self, config):
        self.root = Path(config.config_file_path or ".").resolve().parent
        check_theme(config)
        check_site_url(config, log)
        if self.config.privacy:
            keep_readers_private(config, log)
        # material's language is the site's: the theme's words and Glossator's agree
        self.ui = Interface(config.theme.get("language") or "en", self.config.messages)
        if self.pagefind:
            add_search_templates(config)
        if self.config.assets:
            add_assets(config)
        return config

    on_config = CombinedEvent(_switch_off_material_search, _add_assets)

    def on_files(self, files: Files, *, config) -> Files:
        if self.cache is not None:
            self.cache.close()  # the previous build's (mkdocs serve)
        self.cache = (
            BuildCache(self.root / self.config.cache_dir) if self.config.cache_dir else None
        )
        self.project = Project(
            self.root,
            seeds_dir=self.config.seeds_dir,
            annotations_dir=self.config.annotations_dir,
            site_url=config.site_url or "",
        )
        with cyclic_gc_paused():
            self.edition = load_edition(self.project, cache=self.cache)
        for problem in self.edition.problems:
            (log.error if problem.is_error else log.warning)(problem.format())
        self.preview = {}
        if self.serving and self.edition.problems:
            self.preview = problems_by_article(self.edition, self.config.annotations_dir)
        if not self.edition.ok and self.serving:
            log.warning(
                "the preview goes on without the notes that have errors: each page shows its "
                "problems; 'mkdocs build' and 'glossator check' fail until they are fixed"
            )
        elif not self.edition.ok:
            raise PluginError(
                summary(
                    self.edition.problems,
                    self.edition.article_files + self.edition.annotation_files,
                )
                + " in articles and annotations (run 'glossator check' for the same list)"
            )
        self.pages = {}
        self.entries = {}
        if self.pagefind:
            if self.search is not None:
                self.search.close()
            kept = self.cache.directory / "pagefind" if self.cache is not None else None
            parts = self.config.search_part_pages
            self.search = PagefindRun(language_code(self.ui.language), parts, kept)
        self.reuse.prepare(
            self.edition,
            self.root,
            self.config,
            config,
            self.cache,
            self.edition.cache_keys,
            self.ui,
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
        add_home_page(files, config)
        self._add_collection_pages(files, config)
        if self.config.assets:
            for name, uri in ASSET_URIS.items():
                if (ASSETS / name).exists():
                    files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
            folders = self.config.annotations_dir
            project = self.project
            # every article's folder is one level under annotations/: any slug gives the same path
            schema = project.schema_reference(project.annotations / "slug")
            rules = propose_rules(schema, folders, config.repo_url or "", self.config.branch)
            rules = json.dumps(rules, sort_keys=True)
            files.append(File.generated(config, PROPOSE_RULES_URI, content=rules))
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
        self.neighbours = neighbours(self.edition)
        self.generated = {}
        for page in collection_pages(self.edition, self.groups):
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"docs/{page.src_uri} (or an article's slug) clashes with Glossator's "
                    f"collection page '{page.src_uri}'; rename '{page.src_uri.split('/')[0]}'"
                )
            files.append(
                File.generated(
                    config,
                    page.src_uri,
                    content=f"<!-- glossator collection {page.src_uri} -->",
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )
            self.generated[page.src_uri] = page

    @staticmethod
    def _linker(page, files: Files):
        def url_of(src_uri: str) -> str | None:
            found = files.get_file_from_path(src_uri)
            return found.url if found is not None else None

        return relative_link(page.file.url, url_of)

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
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.meta["title"] = html.escape(generated.title(self.ui))
            return ""
        return markdown

    def on_page_content(self, html, *, page, config, files):
        slug = self.pages.get(page.file.src_uri)
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            return generated.render(self.edition, self.groups, self._linker(page, files), self.ui)
        if slug is None and PLACEHOLDER in html:
            listing = render_listing(self.edition, self.groups, self._linker(page, files), self.ui)
            html = html.replace(PLACEHOLDER, listing)
        if slug is None and page.is_homepage:
            html = render_problems(self.preview.get(GENERAL, [])) + html
        if slug is None:
            if self.search is not None:
                uri, title = page.file.src_uri, page.title or config.site_name
                record = page_record(
                    uri[:-3], title, html, page.url, self.search.language, self._search_root(config)
                )
                self.search.add(uri, [record])
            return html
        article, notes = self.edition.articles[slug], self.edition.notes.get(slug, [])
        key = self._page_key(slug)
        if self.search is not None:
            cached = self.cache.load("search", key) if key is not None else None
            if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == page.url:
                records = cached[1]  # the key covers site_url; the root is the url's path
            else:
                lang = article.lang or self.ui.language
                records = article_records(article, notes, page.url, lang, self._search_root(config))
                if key is not None:
                    self.cache.store("search", key, (page.url, records))
            self.search.add(page.file.src_uri, records)
        self.files = files
        # the article's HTML is made when its page is written (on_post_page), so a thousand
        # articles' HTML is never in memory at once, as it would be here until MkDocs writes
        return ARTICLE_PLACEHOLDER

    def _search_root(self, config) -> str:
        """Where this shard's pages are, for results found through another shard's search."""
        if not self.config.search_shards:
            return ""
        return urlsplit(config.site_url or "").path or "/"

    def _page_key(self, slug: str) -> str | None:
        # the folder's key covers the article and every note, so it keys the page as well
        # (with what the reuse outputs depend on: dates, citations, changes around the notes)
        key = self.edition.cache_keys.get(slug) if self.cache is not None else None
        return self.reuse.key(slug) if key is not None else None

    def _article_html(self, slug: str, page) -> str:
        article, notes = self.edition.articles[slug], self.edition.notes.get(slug, [])
        rendered = self.reuse.article_html(slug)  # one cache entry with the page's other parts
        if not self.pagefind:
            self.entries[slug] = note_entries(article, notes, page.url, self.ui)
        link = self._linker(page, self.files)
        newer, older = self.neighbours.get(slug, (None, None))
        ways = render_problems(self.preview.get(slug, [])) + render_article_ways(
            article, link, self.ui
        )
        return insert_after_byline(rendered, ways) + render_prev_next(newer, older, link, self.ui)

    def on_env(self, env, *, config, files):
        env.globals["glossator_search"] = self.config.search
        env.globals["glossator_ui"] = self.ui
        env.globals["glossator_search_kinds"] = search_kinds(self.ui)
        if self.search is not None:
            try:
                self.search.start()  # indexes while MkDocs writes the pages
            except SearchBuildError as exc:
                raise PluginError(f"search index: {exc}") from exc
        env.globals.update(search_globals(self.search, self.config.search_shards))
        return env

    def on_build_error(self, *, error):
        if self.search is not None:
            self.search.close()
        if self.cache is not None:  # what it appended unsaved is taken back: the pack stays whole
            self.cache.close()

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

    @event_priority(100)  # first: other plugins see the whole page
    def on_post_page(self, output, *, page, config):
        """The article itself; feeds, exports and structured data announced in the head."""
        slug = self.pages.get(page.file.src_uri)
        if slug is not None:
            at = output.find(ARTICLE_PLACEHOLDER)
            if at >= 0:
                html = self._article_html(slug, page)
                output = output[:at] + html + output[at + len(ARTICLE_PLACEHOLDER) :]
        output = self.reuse.add_to_head(output, slug, page.file.url)
        at = output.find("</head>")  # the scripts' words and kinds (pages/scripts.py)
        return output if at < 0 else output[:at] + data_tag(self.ui) + output[at:]

    @event_priority(-100)  # after mkdocs-material's search plugin has written its index
    def on_post_build(self, *, config):
        if self.cache is not None:
            self.cache.save(prune=True)  # this build's entries only: the cache never grows
        # MkDocs counts warnings for --strict only while they are logged, and -q stops
        # logging them: the verdict on Glossator's own warnings cannot depend on verbosity.
        if config.strict:
            failure = strict_failure(self.edition.problems, shown=log.isEnabledFor(WARNING))
            if failure:
                raise Abort(failure)
        if self.search is not None:
            try:
                self.search.finish(config.site_dir)
            except SearchBuildError as exc:
                raise PluginError(f"search index: {exc}") from exc
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
