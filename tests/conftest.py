"""Shared fixtures (helpers live in projects.py: two conftest modules cannot both be imported)."""

from __future__ import annotations

from pathlib import Path

import pytest

from projects import write_project


@pytest.fixture
def project(tmp_path):
    def make(files: dict[str, str | bytes]) -> Path:
        return write_project(tmp_path, files)

    return make
