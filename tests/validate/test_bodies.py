"""Bodies: raw HTML allowlist, unsafe URLs and paths, internal links — each with file:line:col."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from PIL import Image

from generator import markdown as mdconfig
from generator.outputs import publish
from generator.pipeline import build_catalog
from generator.validate import bodies as bodycheck

from ..helpers import ROOT, mkdocs_build, write_config, write_tree

ARTICLE = """\
---
title: Hello
date: 2020-01-02
summary: A short summary.
source:
  name: Example Daily
organizations: [iso]
---
Intro paragraph.

"""
ARTICLE_PATH = "news/2020/hello.md"
BODY_LINE = 9  # first body line of ARTICLE


def corpus(root: Path, body: str, **extra: str) -> Path:
    content = root / "content"
    write_tree(content, {
        ARTICLE_PATH: ARTICLE + body,
        "organizations/iso.md": "---\nname: ISO\n---\nThe ISO.\n\n## History\n\nFounded 1947.\n",
        "news/2020/old.md": ARTICLE.replace("title: Hello", "title: Old\ndraft: true"),
        **extra,
    })
    (content / "images").mkdir()
    Image.new("RGB", (2, 2)).save(content / "images" / "photo.png")  # images are checked too (test_assets.py)
    return content


def body_errors(tmp_path: Path, body: str, **extra: str) -> list[tuple[str, int, int]]:
    result = build_catalog(corpus(tmp_path, body, **extra))
    return [(e.code, e.line, e.col) for e in result.report.errors]


UNSAFE = [
    # (a line of the article's body, the expected code, its column)
    ("See <script>alert(1)</script> here.", "unsafe-html", 5),
    ("<iframe src=\"https://evil.example\"></iframe>", "unsafe-html", 1),
    ("<object data=\"x\"></object>", "unsafe-html", 1),
    ("An <embed src=\"x.swf\"> thing.", "unsafe-html", 4),
    ("<style>body{display:none}</style>", "unsafe-html", 1),
    ("<form action=\"https://evil.example\"><input name=q></form>", "unsafe-html", 1),
    ("A <sup onclick=\"alert(1)\">1</sup> note.", "unsafe-html", 3),
    ("An <img src=\"../../images/photo.png\" onerror=\"alert(1)\"> photo.", "unsafe-html", 4),
    ("<a href=\"javascript:alert(1)\">x</a>", "unsafe-url", 1),
    ("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "unsafe-url", 1),
    ("A [link](javascript:alert(1)) here.", "unsafe-url", 10),
    ("A [link](JavaScript&#58;alert(1)) encoded.", "unsafe-url", 10),
    ("A [link](vbscript:msgbox(1)) here.", "unsafe-url", 10),
    ("An ![image](data:image/png;base64,iVBORw0KGgo=) here.", "unsafe-url", 13),
    ("A [ref][evil] link.\n\n[evil]: javascript:alert(1)", "unsafe-url", 9),
    ("A [link](https://example.org){onclick=\"alert(1)\"} with attributes.", "unsafe-html", 31),
    ("A [link](../../../../etc/passwd) out.", "unsafe-path", 10),
    ("A ![photo](/etc/passwd) absolute.", "unsafe-path", 12),
    ("A [link](../../organizations/nope.md) broken.", "broken-link", 10),
    ("A [link](old.md) to a draft.", "broken-link", 10),
    ("A [link](../../organizations/iso/) to a folder.", "broken-link", 10),
    ("<a href=\"https://example.org\" target=\"_blank\">new window</a>", "unsafe-html", 1),
]


@pytest.mark.parametrize(("line", "code", "col"), UNSAFE, ids=[u[0][:40] for u in UNSAFE])
def test_unsafe_body_content_is_an_error_at_its_place(tmp_path: Path, line: str, code: str, col: int) -> None:
    errors = body_errors(tmp_path, f"Second paragraph.\n\n{line}\n")
    where = BODY_LINE + (6 if line.startswith("A [ref]") else 4)
    assert errors and {e[0] for e in errors} == {code}
    assert (code, where, col) in errors


SAFE = [
    "Inline `<script>alert(1)</script>` code and `[x](javascript:y)` stay text.",
    "    <script>indented code block</script>",
    "```html\n<iframe src=\"javascript:alert(1)\"></iframe>\n```",
    "~~~\n<img src=x onerror=alert(1)>\n~~~",
    "H<sub>2</sub>O, 10<sup>3</sup>, <abbr title=\"International Organization\">ISO</abbr><br>",
    "<figure>\n<img src=\"../../images/photo.png\" alt=\"A photo\">\n<figcaption>The caption</figcaption>\n</figure>",
    "<table>\n<tr><th scope=\"col\">A</th></tr>\n<tr><td colspan=\"2\">1</td></tr>\n</table>",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "[ISO](../../organizations/iso.md), [history](../../organizations/iso.md#history), "
    "[organizations](../../organizations/index.md), ![photo](../../images/photo.png)",
    "<https://example.org/a?b=c&d=e>, <mailto:desk@example.org>, <desk@example.org>, [web](//example.org/x)",
    "[new window](https://example.org){target=_blank}",
    "<a href=\"https://example.org\" target=\"_blank\" rel=\"noopener noreferrer\">new window</a>",
    "Text with a < b, 1 &lt; 2 and &amp; entities. <!-- an editor's comment -->",
    "Footnote[^1].\n\n[^1]: The note.\n\n*[ISO]: International Organization for Standardization",
]


@pytest.mark.parametrize("body", SAFE, ids=[s[:40] for s in SAFE])
def test_harmless_bodies_pass(tmp_path: Path, body: str) -> None:
    assert body_errors(tmp_path, body + "\n") == []


def test_entity_and_page_bodies_are_checked_from_their_own_folder(tmp_path: Path) -> None:
    errors = body_errors(
        tmp_path, "Fine.\n",
        **{"people/jane.md": "---\nname: Jane\n---\nWorks at [ISO](../organizations/iso.md) <script>x</script>\n",
           "about.md": "# About\n\nSee [ISO](organizations/iso.md) and [bad](news/2020/nope.md).\n"},
    )
    assert ("unsafe-html", 4, 41) in errors
    assert ("broken-link", 3, 43) in errors
    assert len(errors) == 2


def test_broken_link_names_the_target_and_suggests_one(tmp_path: Path) -> None:
    result = build_catalog(corpus(tmp_path, "See [ISO](../organizations/iso.md).\n"))
    (error,) = result.report.errors
    assert error.path.endswith(ARTICLE_PATH) and (error.line, error.col) == (BODY_LINE + 2, 11)
    assert "news/organizations/iso.md" in error.message
    assert error.hint == "did you mean '../../organizations/iso.md'?"


def test_a_hostile_file_does_not_flood_the_report(tmp_path: Path) -> None:
    errors = body_errors(tmp_path, "<script>x</script>\n" * 100)
    assert len(errors) == bodycheck.MAX_FINDINGS + 1
    assert errors[0] == ("too-many-problems", BODY_LINE, 1)


def test_checker_uses_the_extensions_of_the_site_build() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)  # the portal plugin sets them from generator/markdown.py
    assert config.markdown_extensions == bodycheck.EXTENSIONS == mdconfig.EXTENSIONS
    assert config.mdx_configs == bodycheck.EXTENSION_CONFIGS == mdconfig.EXTENSION_CONFIGS
    publish.discard(config.site_dir)


def test_extensions_listed_in_mkdocs_yml_are_refused(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    config = load_config(str(write_config(tmp_path, tmp_path / "content", markdown_extensions=["admonition"])))
    with pytest.raises(PluginError, match=r"generator/markdown\.py"):
        config.plugins.on_config(config)


def test_every_link_gets_noopener_and_passes_the_sanitizer() -> None:
    md = markdown.Markdown(extensions=["attr_list", "generator.markdown"])
    html = md.convert("[a](https://x.org){target=_blank} [b](https://y.org){target=_blank rel=nofollow} "
                      "[c](https://z.org) [d](https://w.org){target=_self}")
    assert '<a href="https://x.org" rel="noopener noreferrer" target="_blank">a</a>' in html
    assert '<a href="https://y.org" rel="noopener noreferrer" target="_blank">b</a>' in html
    assert '<a href="https://z.org" rel="noopener noreferrer">c</a>' in html
    assert '<a href="https://w.org" rel="noopener noreferrer" target="_self">d</a>' in html
    assert bodycheck.sanitizer_findings(html) == []


def test_duplicate_entity_ids_name_both_files(tmp_path: Path) -> None:
    result = build_catalog(corpus(tmp_path, "Fine.\n", **{
        "organizations/a/iec.md": "---\nname: IEC one\n---\n",
        "organizations/b/iec.md": "---\nname: IEC two\n---\n",
    }))
    (error,) = result.report.errors
    assert error.code == "duplicate-id"
    assert error.path.endswith("organizations/b/iec.md") and "organizations/a/iec.md" in error.message


def test_an_entity_named_index_is_a_duplicate_url(tmp_path: Path) -> None:
    result = build_catalog(corpus(tmp_path, "Fine.\n", **{"places/index.md": "---\nname: Index\n---\n"}))
    (error,) = result.report.errors
    assert error.code == "duplicate-url" and error.path.endswith("places/index.md")


def test_mkdocs_strict_build_fails_with_file_and_line(tmp_path: Path) -> None:
    content = corpus(tmp_path, "Read [the missing page](../../organizations/missing.md).\n")
    result = mkdocs_build(write_config(tmp_path, content))
    assert result.returncode != 0
    assert f"{ARTICLE_PATH}:{BODY_LINE + 2}:25: error[broken-link]" in result.stderr


def test_links_in_a_subfolder_resolve_from_the_published_page(tmp_path: Path) -> None:
    result = build_catalog(corpus(tmp_path, "Fine.\n", **{
        "organizations/bodies/iec.md": "---\nname: IEC\n---\nSee [ISO](iso.md) and [up](../../news/2020/hello.md).\n",
    }))
    (error,) = result.report.errors
    assert (error.code, error.line, error.col) == ("unsafe-path", 4, 28)
    assert "links resolve from organizations/iec.md" in (error.hint or "")
