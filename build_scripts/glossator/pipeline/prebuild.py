"""A cold build's article work on every core, before MkDocs asks for it page by page.

Each article's page, reuse outputs and search records depend on that article alone, and
MkDocs builds its pages one after another on one core. So when many articles are missing
from the build cache, a forked pool makes them ahead (``fill``) and the parent stores each
result in the cache as it arrives: the page events then find every article in the cache,
as in a warm build, and nothing is held in memory meanwhile. The same functions make a
part on a miss during the page events (``page_html``, ``search_records``), so both ways give
the same bytes.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from glossator.interface import Interface
from glossator.model import Edition
from glossator.pages.article import render_article
from glossator.pipeline.cache import BuildCache
from glossator.pipeline.publish import ReuseOutputs
from glossator.search.lunr import note_entries
from glossator.search.records import SearchRecord, article_records

POOL_ARTICLES = 64
"""Articles to make before the pool is worth starting: below it, forking costs more."""


@dataclass(frozen=True)
class PageSetting:
    """What an article's page parts depend on besides the article: the build's settings."""

    ui: Interface
    pagefind: bool
    search_root: str


def page_html(
    reuse: ReuseOutputs, edition: Edition, slug: str, url: str, setting: PageSetting
) -> tuple[str, str, list[dict]]:
    """The article's HTML (without the parts that name other pages), its url, and its notes'
    entries for material's search (none with Pagefind): the "pages" cache entry."""
    article, notes = edition.articles[slug], edition.notes.get(slug, [])
    extras = reuse.page_extras(slug)
    rendered = render_article(
        article,
        notes,
        lambda n: extras.note_html.get(n.id, ""),
        extras.head_html,
        extras.tail_html,
        setting.ui,
    )
    entries = [] if setting.pagefind else note_entries(article, notes, url, setting.ui)
    return rendered, url, entries


def search_records(
    edition: Edition, slug: str, url: str, setting: PageSetting
) -> tuple[str, list[SearchRecord]]:
    """The article's Pagefind records, with its url: the "search" cache entry."""
    article, notes = edition.articles[slug], edition.notes.get(slug, [])
    lang = article.lang or setting.ui.language
    return url, article_records(article, notes, url, lang, setting.search_root)


_STATE: tuple = ()
"""(reuse, edition, setting) for the workers: set before they are forked, never pickled."""


def _make(job: tuple[str, str]) -> tuple:
    reuse, edition, setting = _STATE
    slug, url = job
    bundle = reuse.made(slug)
    reuse.hold(slug, bundle)  # the page below reads the bundle just made, not the cache
    page = page_html(reuse, edition, slug, url, setting)
    records = search_records(edition, slug, url, setting) if setting.pagefind else None
    return bundle, page, records


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def fill(
    reuse: ReuseOutputs,
    edition: Edition,
    cache: BuildCache,
    pages: dict[str, str],
    setting: PageSetting,
) -> int:
    """Make in a pool every article of ``pages`` (slug -> url) the cache lacks, storing each
    part under the key the page events look for; returns how many were made."""
    global _STATE
    jobs = [
        (slug, url)
        for slug, url in sorted(pages.items())
        if (key := reuse.key(slug)) is not None and not cache.has("pages", key)
    ]
    cores = _cores()
    if len(jobs) < POOL_ARTICLES or cores < 2 or "fork" not in mp.get_all_start_methods():
        return 0
    _STATE = (reuse, edition, setting)
    try:
        context = mp.get_context("fork")
        with ProcessPoolExecutor(cores, mp_context=context) as pool:
            chunk = max(1, len(jobs) // (cores * 8))
            for (slug, _), (bundle, page, records) in zip(
                jobs, pool.map(_make, jobs, chunksize=chunk), strict=True
            ):
                key = reuse.key(slug)
                cache.store("reuse", key, bundle)
                cache.store("pages", key, page)
                if records is not None:
                    cache.store("search", key, records)
    finally:
        _STATE = ()
    return len(jobs)
