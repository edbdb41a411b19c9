"""The edition as a publisher: its name, address, licence and repository, for every output.

The feeds, the structured data, the citations and the exports all name the same publisher and
licence; they take them from here, so a page never says one licence and its data another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from glossator.interface import ENGLISH, Interface

KNOWN_LICENSES = {
    "https://creativecommons.org/licenses/by/4.0/": "CC BY 4.0",
    "https://creativecommons.org/licenses/by-sa/4.0/": "CC BY-SA 4.0",
    "https://creativecommons.org/publicdomain/zero/1.0/": "CC0 1.0",
}


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str = ""  # the published site's address, ending in "/" ("" when not configured)
    license_url: str = ""  # the notes' licence ("" claims none)
    repo_url: str = ""
    commit_url: str = ""  # with "{sha}", e.g. https://github.com/o/r/commit/{sha}
    language: str = "en"  # the site's (material's theme.language)
    ui: Interface = field(default=ENGLISH, compare=False, repr=False)
    """The site's words; ``language`` (and the overrides, in the cache key) stand for it."""
    favicon: str = ""  # the theme's icon, relative to the site's root (pages outside the theme)

    @property
    def license_name(self) -> str:
        return KNOWN_LICENSES.get(self.license_url, self.license_url)

    def page_url(self, slug: str) -> str:
        """An article page's address: absolute when the site's address is known."""
        return f"{self.url}{slug}/" if self.url else f"/{slug}/"

    def link_to_commit(self, sha: str) -> str:
        return self.commit_url.replace("{sha}", sha) if self.commit_url else ""


def commit_url_for(repo_url: str) -> str:
    """Where a hosting service shows one commit, for the repository URLs whose pattern we know."""
    base = repo_url.rstrip("/")
    if base.endswith(".git"):
        base = base[: -len(".git")]
    if not base.startswith("https://"):
        return ""
    if "gitlab" in base:
        return base + "/-/commit/{sha}"
    if "github.com" in base or "codeberg.org" in base or "bitbucket.org" in base:
        return base + ("/commits/{sha}" if "bitbucket.org" in base else "/commit/{sha}")
    return ""


def site_info(
    name: str,
    url: str,
    license_url: str = "",
    repo_url: str = "",
    commit_url: str = "",
    ui: Interface = ENGLISH,
    favicon: str = "",
) -> SiteInfo:
    url = url.rstrip("/") + "/" if url else ""
    return SiteInfo(
        name=name,
        url=url,
        license_url=license_url,
        repo_url=repo_url,
        commit_url=commit_url or commit_url_for(repo_url),
        language=ui.language,
        ui=ui,
        favicon=favicon,
    )
