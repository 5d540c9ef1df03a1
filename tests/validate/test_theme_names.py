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
