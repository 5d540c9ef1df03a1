"""Issue 20, case 6: `portal check` and `mkdocs build --strict` agree on links to anchors. Each case is
checked both ways on the same tree: the check reports `broken-anchor` exactly when the strict build fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import build_catalog

from ..helpers import mkdocs_build, write_config, write_tree
from .test_bodies import ARTICLE, ARTICLE_PATH

ISO = "---\nname: ISO\n---\nThe ISO.\n\n## History\n\nFounded 1947.\n"
CASES: dict[str, tuple[str, bool | str]] = {
    "same-page-missing": ("[x](#nope)\n", True),
    "same-page-heading": ("## Results\n\n[x](#results)\n", False),
    "same-page-footnote": ("Text[^1] and [back](#fn-1).\n\n[^1]: The note.\n", False),
    "same-page-attr-list": ("Text\n{: #mine }\n\n[x](#mine)\n", False),
    "same-page-not-an-attr-list": ("Text {#mine}\n\n[x](#mine)\n", True),
    "other-page-missing": ("[x](../../organizations/iso.md#nope)\n", True),
    "other-page-heading": ("[x](../../organizations/iso.md#history)\n", False),
    "top-is-not-an-anchor": ("[top](#top)\n", True),  # the theme's own ids are not the body's
    "raw-html-id": ('<span id="here">x</span>\n\n[x](#here)\n', False),
    # Found by the fuzz suite: MkDocs's raw-HTML reader (html.parser) raises on "<![i" on Python 3.11.
    "unreadable-for-mkdocs": ("A <![i](https://example.org/i.png) b.\n", "unsafe-html"),
}


def _tree(root: Path, body: str) -> Path:
    files = {ARTICLE_PATH: ARTICLE + body, "organizations/iso.md": ISO}
    for page in ("index", "about", "contribute"):
        files[f"{page}.md"] = f"# {page.title()}\n\nText.\n"
    return write_tree(root / "content", files)


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_fails_exactly_when_the_strict_build_fails(tmp_path: Path, name: str) -> None:
    body, broken = CASES[name]  # broken: True (a broken anchor), the code of another error, or False
    content = _tree(tmp_path, body)
    codes = [e.code for e in build_catalog(content).report.errors]
    assert codes == ([broken if isinstance(broken, str) else "broken-anchor"] if broken else [])
    # The strict build, without the portal's check in front of it: MkDocs's own anchor validation.
    done = mkdocs_build(write_config(tmp_path, content), tmp_path / "site")
    assert (done.returncode != 0) == bool(broken), done.stderr[-2000:]


def test_the_diagnostic_names_the_link_and_its_place(tmp_path: Path) -> None:
    content = _tree(tmp_path, "Intro.\n\nSee [the history](../../organizations/iso.md#histroy).\n")
    (error,) = build_catalog(content).report.errors
    assert (error.code, error.line, error.col) == ("broken-anchor", 13, 19)
    assert "'organizations/iso.md' has no anchor '#histroy'" in error.message
