"""Issue 16: the build's one Markdown converter (generator/plugin/glue.py) writes the very bytes MkDocs's own
Page.render, a new converter per page, writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.plugin import glue

from ..helpers import write_config, write_tree
from ..workbench import ACME_ARTICLE

# Bodies whose extensions keep state within a document: footnotes, abbreviations, heading ids (toc),
# the HTML stash (fenced code, raw HTML), attribute lists and links to other pages and anchors.
FIRST = """
## Scope {#scope}

The WTO[^1] and the ISO agreed. Read [the second report](../2023/beta-opens.md#scope) and [below](#scope).

| Body | Year |
|:-----|-----:|
| ISO  | 1947 |

## Scope

```
code <kept>
```

*[ISO]: International Organization for Standardization

[^1]: World Trade Organization.
"""
SECOND = """
## Scope

The ISO[^1] met again; no abbreviation is defined here, so ISO stays plain.

Term
: A definition.

[^1]: A second footnote with the same label.
"""


def _site(tmp_path: Path, shared: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    project = tmp_path / ("shared" if shared else "mkdocs")
    content = write_tree(project / "content", {
        "index.md": "# Home\n", "about.md": "# About\n", "contribute.md": "# Contribute\n",
        "organizations/acme.md": "---\nname: Acme Standards\n---\n",
        "news/2024/acme-opens.md": ACME_ARTICLE + FIRST,
        "news/2023/beta-opens.md": ACME_ARTICLE.replace("2024-05-06", "2023-05-06").replace("Acme opens", "Beta")
                                   + SECOND,
    })
    monkeypatch.setattr(glue, "SHARE_MARKDOWN", shared)
    build(load_config(str(write_config(project, content, site_url="https://portal.example/"))))
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_one_converter_writes_the_same_site_as_a_converter_per_page(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shared = _site(tmp_path, True, monkeypatch)
    own = _site(tmp_path, False, monkeypatch)
    assert shared.keys() == own.keys()
    assert [p for p in shared if shared[p] != own[p]] == []
    first = shared["news/2024/acme-opens/index.html"].decode()
    second = shared["news/2023/beta-opens/index.html"].decode()
    assert "<abbr" in first and "<abbr" not in second  # the first page's abbreviation stays on it
    assert second.count('class="footnote-ref"') == 1  # one footnote, not the first page's as well
