"""A minimal mkdocs.yml makes a working publication: theme, site_url, privacy, home page, watch."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from projects import ENGINE, engine_build, mkdocs_build, write_project

MINIMAL = """\
site_name: A <Small> Edition
site_url: https://example.org/edition/
repo_url: https://github.com/example/edition
theme: material
plugins: [search, glossator]
"""
ARTICLE = "Talks In Doha\n\nThe talks were held in Doha, the Qatari capital.\n"
NOTE = "quote: the Qatari capital\nkind: context\ntitle: Doha\nbody: Doha is in Qatar.\n"


def minimal(root, mkdocs_yml=MINIMAL, **extra):
    files = {
        "mkdocs.yml": mkdocs_yml,
        "seeds/doha.txt": ARTICLE,
        "annotations/doha/capital.yml": NOTE,
        **extra,
    }
    root = write_project(root, files)
    if "docs/index.md" not in extra:
        (root / "docs" / "index.md").unlink()  # an empty docs/, as a new publisher has
    return root


def test_home_page_is_generated_when_docs_has_none(tmp_path):
    root = minimal(tmp_path)
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((root / "site" / "index.html").read_text(), "html.parser")
    assert soup.select_one(".md-content h1").get_text() == "A <Small> Edition"
    assert soup.select_one(".glossator-articles li a")["href"] == "doha/"
    assert soup.find(id="newest") is not None


def test_an_own_home_page_is_kept(tmp_path):
    root = minimal(tmp_path, **{"docs/index.md": "# Welcome\n\nOur own words.\n"})
    assert mkdocs_build(root, "--strict").returncode == 0
    text = (root / "site" / "index.html").read_text()
    assert "Our own words." in text and 'id="newest"' not in text


def test_readers_browsers_call_no_third_party_by_default(tmp_path):
    root = minimal(tmp_path)
    assert mkdocs_build(root, "--strict").returncode == 0
    for page in (root / "site").rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis.com" not in text, page
        # material's repository button fetches api.github.com when it carries this marker
        assert 'data-md-component="source"' not in text, page
    assert "md-source" in (root / "site" / "index.html").read_text()


def test_a_chosen_font_is_kept_with_a_warning_saying_how_to_stop_it(tmp_path):
    root = minimal(
        tmp_path,
        MINIMAL.replace("theme: material", "theme:\n  name: material\n  font:\n    text: Lato"),
    )
    result = engine_build(root)
    assert result.returncode == 0, result.stderr
    assert "fonts.googleapis.com" in result.stderr and "privacy: false" in result.stderr
    assert "fonts.googleapis.com" in (root / "site" / "index.html").read_text()
    assert mkdocs_build(root, "--strict").returncode != 0


def test_privacy_off_leaves_the_theme_alone(tmp_path):
    root = minimal(
        tmp_path, MINIMAL.replace("[search, glossator]", "[search, {glossator: {privacy: false}}]")
    )
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    text = (root / "site" / "index.html").read_text()
    assert "fonts.googleapis.com" in text and 'data-md-component="source"' in text


OTHER_THEMES = {
    "none": "theme:\n  name: null\n  custom_dir: plain",  # every engine has this one
    **({"mkdocs": "theme: mkdocs"} if ENGINE == "mkdocs" else {}),  # ProperDocs ships without
}


@pytest.mark.parametrize("name", OTHER_THEMES)
def test_a_theme_other_than_material_is_a_clear_error(tmp_path, name):
    config = MINIMAL.replace("theme: material", OTHER_THEMES[name])
    root = minimal(tmp_path, config, **{"plain/main.html": "<html>{{ page.content }}</html>\n"})
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "Glossator needs the mkdocs-material theme" in result.stderr
    assert f"'{name}'" in result.stderr and "theme: material" in result.stderr


def test_missing_site_url_warns_and_fails_a_strict_build(tmp_path):
    root = minimal(tmp_path, MINIMAL.replace("site_url: https://example.org/edition/\n", ""))
    result = engine_build(root)
    assert result.returncode == 0, result.stderr
    assert "site_url is not set" in result.stderr
    strict = mkdocs_build(root, "--strict")
    assert strict.returncode != 0 and "site_url is not set" in strict.stderr


def test_search_part_pages_below_one_is_a_clear_error(tmp_path):
    config = MINIMAL.replace(
        "plugins: [search, glossator]",
        "plugins:\n  - search\n  - glossator:\n      search_part_pages: 0",
    )
    result = mkdocs_build(minimal(tmp_path, config))
    assert result.returncode != 0
    assert "search_part_pages" in result.stderr and "must be at least 1" in result.stderr
