"""What the plugin adds to the theme: Glossator's stylesheets and scripts, the search box's
templates, and material's own search switched off when Pagefind serves the site."""

from __future__ import annotations

import json

from mkdocs.config.config_options import ExtraScriptValue

from glossator.plugin.config import ASSET_URIS, ASSETS, TEMPLATES
from glossator.search.pagefind import PagefindRun


def switch_off_material_search(config) -> None:
    """One search per site: material's would otherwise ship its whole index as well."""
    for name in ("material/search", "search"):
        other = config.plugins.get(name)
        if other is not None and hasattr(other.config, "enabled"):
            other.config.enabled = False


def add_search_templates(config) -> None:
    """The search box's templates, after the site's own custom_dir (which may override them)
    and before the theme's."""
    if str(TEMPLATES) in config.theme.dirs:
        return
    custom = config.theme.custom_dir
    at = 1 if custom and config.theme.dirs and config.theme.dirs[0] == custom else 0
    config.theme.dirs.insert(at, str(TEMPLATES))


def add_assets(config) -> None:
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


def search_globals(search: PagefindRun | None, shards: list[str]) -> dict[str, object]:
    """What the search box's template says to search.js: each language's bundle, the parts
    each bundle was indexed in, and the other shards' site roots (each merged into the search)."""
    return {
        "glossator_search_bundles": json.dumps(search.bundles(), sort_keys=True)
        if search
        else "{}",
        "glossator_search_parts": json.dumps(search.parts, sort_keys=True) if search else "{}",
        "glossator_search_shards": [f"{shard.rstrip('/')}/" for shard in shards],
    }
