"""Kept for test modules written against it: the site with ``site_url`` is now the fixture site.

New tests should ask for ``fixture_site`` (conftest.py) and import the constants from tests/fixture_site.py.
"""

from __future__ import annotations

import pytest

from .fixture_site import MULTI_DAY_ID, SITE_URL, TRICKY_ID, TRICKY_TITLE, Built

__all__ = ["MULTI_DAY_ID", "SITE_URL", "TRICKY_ID", "TRICKY_TITLE", "Built", "url_site"]


@pytest.fixture(scope="session")
def url_site(fixture_site: Built) -> Built:
    return fixture_site
