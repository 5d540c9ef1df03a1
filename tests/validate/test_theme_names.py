"""Issue 20, cases 2 and 4: nothing in a body can address the theme. Ids the theme's JavaScript looks up
(Material's bundle, read here) and classes that switch theme features on never reach a page."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import material
import pytest

from generator import sanitize
from generator.markdown import new_markdown

from ..helpers import mkdocs_build, write_config, write_tree
from .test_security_cases import ARTICLE, ARTICLE_PATH, check

BUNDLE = next((Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js"))


def _ids_and_classes(html: str) -> tuple[set[str], set[str]]:
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    ids = {el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")}
    classes = {c for el in tree.iter() if isinstance(el.tag, str) for c in (el.get("class") or "").split()}
    return ids, classes  # type: ignore[return-value]


def test_every_id_materials_javascript_looks_up_is_refused() -> None:
    looked_up = set(re.findall(r'"(__[A-Za-z0-9_]+)"|#(__[A-Za-z0-9_-]+)', BUNDLE.read_text(encoding="utf-8")))
    names = {a or b for a, b in looked_up}
    assert {"__config", "__palette", "__tabs"} <= names  # the bundle was read
    for name in sorted(names):
        ids, _ = _ids_and_classes(sanitize.clean(f'<p id="{name}">x</p><script id="{name}">{{}}</script>'))
        assert name not in ids


@pytest.mark.parametrize("html, gone", [
    ('<div id="__config">{"base": "https://evil.example"}</div>', "__config"),
    ('<pre class="mermaid">graph TD; A-->B</pre>', "mermaid"),
    ('<div class="md-dialog md-dialog--active"><a href="https://evil.example">x</a></div>', "md-dialog"),
    ('<div class="admonition danger"><p class="admonition-title">Site notice</p></div>', "admonition"),
    ('<p class="portal-event">x</p>', "portal-event"),
    ('<span id="md-toggle">x</span>', "md-toggle"),
    ('<span id="portal-title">x</span>', "portal-title"),
])
def test_theme_ids_and_classes_are_removed(html: str, gone: str) -> None:
    ids, classes = _ids_and_classes(sanitize.clean(html))
    assert gone not in ids | classes


def test_what_the_markdown_extensions_produce_is_kept() -> None:
    html = new_markdown().convert("# T\n\nA[^1] [x](y.md){.chip #mine}\n\n```python\nx\n```\n\n[^1]: n\n")
    assert _ids_and_classes(sanitize.clean(html)) == _ids_and_classes(html)
    ids, classes = _ids_and_classes(html)
    assert {"headerlink", "footnote", "footnote-ref", "footnote-backref", "language-python", "chip"} == classes
    assert {"t", "fn-1", "fnref-1", "mine"} == ids


def test_the_check_reports_a_theme_class_in_a_body(tmp_path: Path) -> None:
    body = 'Text.\n\n<div class="md-dialog md-dialog--active">Click</div>\n'
    errors = check(tmp_path, {ARTICLE_PATH: ARTICLE + body})
    assert [e.code for e in errors] == ["unsafe-html"]


def test_a_heading_never_takes_an_id_of_the_theme(tmp_path: Path) -> None:
    """Headings that slug to a theme prefix keep an id out of its namespace and pass the check."""
    body = ("## MD-5 checksums\n\nText.\n\n## Portal-wide rules\n\nText.\n\n## __init__ and more\n\n"
            "See [it](#h-md-5-checksums).\n")
    assert check(tmp_path, {ARTICLE_PATH: ARTICLE + body}) == []
    ids, _ = _ids_and_classes(sanitize.clean(new_markdown().convert(body)))
    assert {"h-md-5-checksums", "h-portal-wide-rules"} <= ids
    assert not any(i.startswith(sanitize.RESERVED_ID_PREFIXES) for i in ids)


def test_no_body_id_collides_with_one_of_the_page(tmp_path: Path) -> None:
    """Every id the templates write next to a body is in the theme's namespace: a body whose headings are
    named like the page's own sections ('People', 'Related', 'Articles' …) builds pages with unique ids."""
    headings = ["Articles", "Events", "Timeline", "People", "Related", "Photos", "In this article", "Latest",
                "Recent events", "Explore", "Organizations", "Referrers organization", "Top", "Content"]
    body = "".join(f"## {h}\n\nText [^{i}].\n\n[^{i}]: Note.\n\n" for i, h in enumerate(headings))
    project = tmp_path / "project"
    content = write_tree(project / "content", {
        "index.md": "# Home\n\n" + body,
        "organizations/iso.md": "---\nname: ISO\n---\nThe ISO.\n\n" + body,
        "people/ann.md": "---\nname: Ann\nroles:\n  - title: head\n    organization: iso\n---\n" + body,
        ARTICLE_PATH: ARTICLE.replace("organizations: [iso]", "organizations: [iso]\npeople: [ann]") + body,
    })
    done = mkdocs_build(write_config(project, content, nav=[{"Home": "index.md"}]), project / "site")
    assert done.returncode == 0, done.stderr
    for page in (project / "site").rglob("*.html"):
        tree = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        ids = [el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")]
        twice = {i for i in ids if ids.count(i) > 1}
        assert not twice, f"{page.relative_to(project)}: {sorted(twice)}"
