"""Shared fixtures (helpers live in projects.py: two conftest modules cannot both be imported)."""

from __future__ import annotations

from pathlib import Path

import pytest

from projects import STRUCTURED, mkdocs_build, write_project


@pytest.fixture
def project(tmp_path):
    def make(files: dict[str, str | bytes]) -> Path:
        return write_project(tmp_path, files)

    return make


@pytest.fixture(scope="session")
def structured_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Markdown fixture edition (projects.STRUCTURED) built by MkDocs; its site folder."""
    import shutil

    root = tmp_path_factory.mktemp("structured")
    shutil.copytree(STRUCTURED, root, dirs_exist_ok=True)
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "site"
