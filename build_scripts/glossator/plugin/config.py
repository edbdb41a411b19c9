"""The plugin's options (``plugins: - glossator: …`` in mkdocs.yml) and where its files are.

Each option is declared once, with the sentence the publisher's guide shows for it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from glossator.search.pagefind import PART_PAGES

PACKAGE = Path(__file__).resolve().parent.parent
ASSETS = PACKAGE / "assets"
TEMPLATES = PACKAGE / "templates"
PRIVACY_TEMPLATES = TEMPLATES / "privacy"  # theme partials that call no third party
SCHEMA = PACKAGE / "schema" / "annotation.json"
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
PROPOSE_RULES_URI = "assets/glossator/propose.json"  # beside propose.js, which reads it


class PositiveInt(c.Type):
    """A whole number of at least 1, said so where MkDocs reports the option."""

    def __init__(self, default: int):
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        value = super().run_validation(value)
        if value < 1:
            raise c.ValidationError(
                f"must be at least 1 (the default is {self.default}), got {value}"
            )
        return value


class GlossatorConfig(Config):
    seeds_dir = c.Type(str, default="seeds")
    """Folder of article texts (``<name>.txt``, optional ``<name>.yml``), relative to mkdocs.yml."""
    annotations_dir = c.Type(str, default="annotations")
    """Folder of ``<article-slug>/<id>.yml`` note files, relative to mkdocs.yml."""
    assets = c.Type(bool, default=True)
    """Add Glossator's own stylesheet and script to every page (turn off to bring your own)."""
    cache_dir = c.Type(str, default=".cache/glossator")
    """Build cache for unchanged articles, article folders and search parts, relative to
    mkdocs.yml ("" turns it off)."""
    notes_license = c.Type(str, default="")
    """URL of the notes' licence (e.g. CC BY 4.0), stated in structured data, feeds, exports."""
    provenance = c.Type(bool, default=True)
    """In a git checkout, show when notes were added and changed, and each article's changes."""
    provenance_authors = c.Type(bool, default=False)
    """Also name the commit authors in provenance (off: contributors' names stay out)."""
    commit_url = c.Type(str, default="")
    """Link to one commit, with "{sha}" (default: derived from repo_url for GitHub/GitLab)."""
    search_shards = c.Type(list, default=[])
    """Other shards of the publication (their site roots, absolute or relative to this one's,
    e.g. ``../2019/``) whose Pagefind indexes the search box merges with this site's: one
    search across a publication built in parts (docs/shards.md)."""
    search_part_pages = PositiveInt(default=PART_PAGES)
    """Pages Pagefind indexes in one run: a bigger site's index is built in parts of this many
    pages, one after another, and searched as one (memory stays that of one part)."""
    search = c.Choice(("pagefind", "material"), default="pagefind")
    """Which search serves the site: Pagefind (chunked index fetched per query, notes as
    results with a kind filter; material's own search plugin is switched off) or material's
    lunr search (its whole index downloaded with every page; no kind filter)."""
    messages = c.Type(dict, default={})
    """Glossator's own words, overridden: ``{English message: your text}`` (a counted one
    takes ``{one: …, other: …}``, by CLDR plural category); see docs/languages.md."""
    branch = c.Type(str, default="main")
    """Branch of ``repo_url`` on which "Propose a note" opens a new note file."""
    privacy = c.Type(bool, default=True)
    """Readers' browsers call this site only: material's Google Fonts are switched off (system
    fonts, unless ``theme.font`` names one: then a warning) and the repository button does not
    ask api.github.com for stars. Off: the theme does both."""
