"""Where a project is and what the CLI reads from its mkdocs.yml: the build's own settings."""

from __future__ import annotations

from pathlib import Path

from glossator.project import SCHEMA, Project, find_root, load_project

REPO = Path(__file__).resolve().parent.parent


def test_the_root_is_the_nearest_folder_with_mkdocs_yml(project):
    root = project({"seeds/a.txt": "A\n\nText.\n", "annotations/a/n.yml": "quote: x\n"})
    assert find_root(root / "annotations" / "a") == root.resolve()
    (root / "mkdocs.yml").unlink()  # no configuration: the folder holding seeds/ will do
    assert find_root(root / "annotations" / "a") == root.resolve()


def test_the_root_is_where_the_search_started_when_nothing_marks_one(tmp_path):
    assert find_root(tmp_path) == tmp_path.resolve()


def test_the_plugin_s_folders_and_the_site_url_are_read(project):
    root = project(
        {
            "mkdocs.yml": """\
                site_name: x
                site_url: https://example.org/edition/
                markdown_extensions:
                  - pymdownx.emoji:
                      emoji_index: !!python/name:material.extensions.emoji.twemoji
                plugins:
                  - search
                  - glossator:
                      seeds_dir: texts
                      annotations_dir: notes
                extra:
                  key: !ENV [SOME_VARIABLE, default]
            """
        }
    )
    p = load_project(root)
    assert (p.seeds_dir, p.annotations_dir, p.site_url) == (
        "texts",
        "notes",
        "https://example.org/edition/",
    )
    assert (p.seeds, p.annotations) == (root / "texts", root / "notes")


def test_defaults_when_mkdocs_yml_is_missing_or_broken(project):
    root = project({"mkdocs.yml": "plugins: [glossator\n"})
    assert load_project(root) == Project(root)
    (root / "mkdocs.yml").unlink()
    assert load_project(root) == Project(root)
    (root / "mkdocs.yml").write_text("plugins:\n  glossator:\n    seeds_dir: s\n")
    assert load_project(root).seeds_dir == "s"  # the mapping form of plugins: works too


def test_paths_are_shown_relative_to_the_project(tmp_path):
    p = Project(tmp_path)
    assert p.display(tmp_path / "annotations" / "a" / "n.yml") == "annotations/a/n.yml"
    assert p.display(Path("/elsewhere/n.yml")) == "/elsewhere/n.yml"


def test_a_note_points_at_the_schema_an_editor_can_open(tmp_path):
    # inside this repository: a relative path to the packaged schema, usable offline
    folder = REPO / "annotations" / "some-article"
    reference = Project(REPO).schema_reference(folder)
    assert not reference.startswith("http")
    assert (folder / reference).resolve() == SCHEMA.resolve()
    # elsewhere: the copy the site publishes, or nothing when the site's URL is unknown
    other = tmp_path / "annotations" / "a"
    assert (
        Project(tmp_path, site_url="https://example.org/ed/").schema_reference(other)
        == "https://example.org/ed/schema/annotation.json"
    )
    assert Project(tmp_path).schema_reference(other) == ""


def test_a_venv_inside_the_publication_never_reaches_a_note(tmp_path, monkeypatch):
    import glossator.project as project

    installed = tmp_path / ".venv/lib/python3.11/site-packages/glossator/schema/annotation.json"
    installed.parent.mkdir(parents=True)
    installed.write_text("{}")
    monkeypatch.setattr(project, "SCHEMA", installed)
    folder = tmp_path / "annotations" / "a"
    site = Project(tmp_path, site_url="https://example.org/ed/")
    assert site.schema_reference(folder) == "https://example.org/ed/schema/annotation.json"
    assert Project(tmp_path).schema_reference(folder) == ""
