"""The live content: whatever content/ holds. Only content-agnostic invariants run on it (marker ``live``).

``PORTAL_TEST_ROOT`` points the live tests at another copy of the repository (its content/, mkdocs.yml
and theme/): tests/site/test_any_content.py runs ``pytest -m live`` that way on a copy to which an editor's
new files were added, to prove that the invariants hold for any valid content.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .helpers import ROOT

LIVE_ROOT = Path(os.environ.get("PORTAL_TEST_ROOT") or ROOT).resolve()
LIVE_CONTENT = LIVE_ROOT / "content"
LIVE_CONFIG = LIVE_ROOT / "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data; MkDocs's `!ENV` tag reads as unset (a test passes what it wants itself)."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def write_live_config(project: Path, **overrides: object) -> Path:
    """A copy of the live mkdocs.yml, building the live content into project/site, with ``overrides``."""
    config = yaml.load(LIVE_CONFIG.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    config["docs_dir"] = str(LIVE_CONTENT)
    config["site_dir"] = str(project / "site")
    config["theme"]["custom_dir"] = str(LIVE_ROOT / config["theme"].get("custom_dir", "theme"))
    config.update(overrides)
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
