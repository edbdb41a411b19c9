"""Where a Glossator project is, and the few settings the CLI shares with the MkDocs build.

The CLI must check exactly what the build checks, so it reads the same ``mkdocs.yml``: the
glossator plugin's ``seeds_dir`` and ``annotations_dir``, and ``site_url`` for the links it
writes. Only those keys are read, with a loader that ignores the custom tags
(``!!python/name:…``, ``!ENV``) MkDocs configurations often hold.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from glossator.problems import display_path

CONFIG_NAME = "mkdocs.yml"
SCHEMA = Path(__file__).parent / "schema" / "annotation.json"
INSTALLED = {"site-packages", "dist-packages"}
"""Folders an installed (not editable) package lives in."""


class _LenientLoader(yaml.SafeLoader):
    """A safe loader that reads any unknown tag as a plain value instead of failing."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_LenientLoader.add_multi_constructor("", _any_tag)


@dataclass(frozen=True)
class Project:
    root: Path
    seeds_dir: str = "seeds"
    annotations_dir: str = "annotations"
    site_url: str = ""
    language: str = "en"  # material's theme.language: the site's, an article's by default

    @property
    def seeds(self) -> Path:
        return self.root / self.seeds_dir

    @property
    def annotations(self) -> Path:
        return self.root / self.annotations_dir

    def display(self, path: Path) -> str:
        """``path`` as messages show it: relative to the project root when inside it."""
        return display_path(path, self.root)

    def schema_reference(self, folder: Path) -> str:
        """What a note in ``folder`` should name as its schema, for editors.

        A relative path to the packaged schema when the package's source is part of the
        project (a clone of this repository, installed editable): it works offline, and a
        pull request that changes the schema is checked against the new one. Never a path
        into an installed package (a venv inside the publication): that path exists on one
        machine only, and would reach every note and every proposed pull request. Otherwise
        the copy the site publishes at ``<site_url>schema/annotation.json``; empty when
        neither is known.
        """
        schema = SCHEMA.resolve()
        try:
            inside = schema.relative_to(self.root.resolve())
        except ValueError:
            inside = None
        if inside is None or INSTALLED & set(inside.parts):
            if self.site_url:
                return self.site_url.rstrip("/") + "/schema/annotation.json"
            return ""
        return Path(os.path.relpath(schema, folder.resolve())).as_posix()


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding mkdocs.yml (or a seeds/ folder)."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / CONFIG_NAME).exists():
            return folder
    for folder in [start, *start.parents]:
        if (folder / "seeds").is_dir():
            return folder
    return start


def read_config(path: Path) -> dict:
    """``mkdocs.yml`` as written (before any defaults): {} when missing or unreadable."""
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def load_project(root: Path) -> Project:
    """Read the settings from ``root/mkdocs.yml``; defaults when it is missing or unreadable."""
    config = read_config(root / CONFIG_NAME)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    options: dict = {}
    plugins = config.get("plugins") or []
    for plugin in [plugins] if isinstance(plugins, dict) else plugins:
        if isinstance(plugin, dict) and isinstance(plugin.get("glossator"), dict):
            options = plugin["glossator"]
    return Project(
        root=root,
        seeds_dir=str(options.get("seeds_dir") or "seeds"),
        annotations_dir=str(options.get("annotations_dir") or "annotations"),
        site_url=str(config.get("site_url") or ""),
        language=str(theme.get("language") or "en"),
    )
