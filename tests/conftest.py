"""Session fixtures: the real site is built once and shared by every test that reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import ROOT, mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content built with `mkdocs build --strict` into a temp folder."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-5000:]
    return site
