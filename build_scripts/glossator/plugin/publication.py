"""What a minimal ``mkdocs.yml`` needs to become a working publication, checked or supplied.

A publisher writes ``theme: material``, ``plugins: [search, glossator]`` and ``site_url``;
everything else has a default here: the theme is checked (the page contract is written for
mkdocs-material), a missing ``site_url`` is said (feeds, citations and exports need absolute
links), readers' browsers are kept off third parties, the home page is generated when
``docs/`` has none (``watching`` has ``mkdocs serve`` watch the articles and notes).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from glossator.pages.escape import esc
from glossator.pages.listing import PLACEHOLDER
from glossator.plugin.config import PRIVACY_TEMPLATES
from glossator.project import read_config

THEME = "material"
FONTS_HOST = "fonts.googleapis.com"


def check_theme(config) -> None:
    """The notes' layout is written for mkdocs-material; any other theme breaks the page."""
    name = config.theme.name
    if name != THEME:
        raise PluginError(
            f"Glossator needs the mkdocs-material theme, and this site's theme is "
            f"'{name or 'none'}': with it the notes are unstyled and the margin runs into the "
            f"sidebar. Write 'theme: material' (or 'theme: {{name: material}}') in mkdocs.yml; "
            f"mkdocs-material is installed with Glossator."
        )


def check_site_url(config, log) -> None:
    """Feeds, citations, exports and JSON-LD need absolute ids: say so, fail a strict build."""
    if config.site_url:
        return
    message = (
        "site_url is not set in mkdocs.yml: feeds, citations, exports and structured data "
        "get relative links that readers' tools cannot follow. Add 'site_url: https://…/' "
        "(the address the site is published at)."
    )
    if config.strict:
        raise PluginError(message)
    log.warning(message)


def keep_readers_private(config, log) -> None:
    """No reader's browser calls a third party: no Google Fonts, no api.github.com.

    Material loads its fonts from Google unless ``theme.font`` is false, and its repository
    button asks api.github.com for stars and releases. The font is switched off unless the
    publisher chose one (then a warning says what it costs and how to stop it); the button is
    drawn from Glossator's copy of the partial without the request. ``privacy: false`` turns
    both off.
    """
    written = read_config(Path(config.config_file_path)) if config.config_file_path else {}
    theme = written.get("theme")
    chosen = theme.get("font") if isinstance(theme, dict) else None
    if chosen is None:
        config.theme["font"] = False
    elif chosen is not False:
        message = (
            f"theme.font makes every reader's browser load fonts from {FONTS_HOST} (Google): "
            "remove theme.font (or write 'font: false') for system fonts, or set the "
            "glossator option 'privacy: false' to accept it"
        )
        if config.strict:  # -q hides warnings from --strict: the verdict cannot depend on it
            raise PluginError(message)
        log.warning(message)
    if str(PRIVACY_TEMPLATES) not in config.theme.dirs:
        custom = config.theme.custom_dir
        at = 1 if custom and config.theme.dirs and config.theme.dirs[0] == custom else 0
        config.theme.dirs.insert(at, str(PRIVACY_TEMPLATES))


def add_home_page(files: Files, config) -> bool:
    """A home page listing the newest articles and the ways in, when ``docs/`` has none."""
    if files.get_file_from_path("index.md") is not None or files.get_file_from_path("README.md"):
        return False
    title = esc(config.site_name or "Articles")
    files.append(File.generated(config, "index.md", content=f"# {title}\n\n{PLACEHOLDER}\n"))
    return True
