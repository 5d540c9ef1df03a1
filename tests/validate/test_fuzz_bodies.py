"""Fuzzing bodies: Markdown, raw HTML fragments, comments, entities and attribute lists.

Every body gives diagnostics, or a page with nothing from content that runs or styles: the HTML
the build publishes (the one Markdown configuration, then the sanitizer, exactly as the plugin's
``on_page_content`` does), parsed the HTML5 way with html5lib inside a page, holds no script, no
event-handler attribute, no ``javascript:`` URL and no ``style``. A body that passes the check is
published as it was checked: the sanitizer has nothing left to change. A second test builds a
real site from generated bodies that pass the check and reads every page the same way.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from generator import markdown as mdconfig
from generator import sanitize
from generator.diagnostics import Report
from generator.kinds import Kind
from generator.load.frontmatter import Document
from generator.load.yamlsafe import Located
from generator.validate import bodies as bodycheck
from generator.validate.characters import check_characters

from ..helpers import mkdocs_build, write_config, write_tree

# CI (and `make test`) runs the full 2,000 examples; PORTAL_FUZZ=dev runs 200 while editing.
settings.register_profile("ci", max_examples=2000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("PORTAL_FUZZ", "ci")
# Bodies built into one site: few of the random ones pass the check, so finding them is most of that test's time.
SITE_BODIES = 40 if PROFILE == "ci" else 10

BITS = [
    "<!--", "-->", "<!-->", "<!--->", "--!>", "<img src=x onerror=alert(1)>", "<img src=\"x\" alt=\"a\">",
    "<a href='javascript:alert(1)'>", "<a href=\"https://example.org\">", "<a href=\"../../organizations/iso.md\">",
    "</a>", "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>", "<script>alert(1)</script>",
    "<style>p{}</style>", "<p style='color:red'>", "<b>", "</b>", "<i>", "</i>", "<div>", "</div>", "<p>", "</p>",
    "<iframe src=x>", "<math><mi xlink:href='javascript:1'>x</mi></math>", "<table><tr><td>", "</td></tr></table>",
    "<sub>", "</sub>", "<abbr title=\"t\">", "</abbr>", "<noscript><p title=\"</noscript><img src=x onerror=y>\">",
    "<textarea>", "<title>", "<xmp>", "<plaintext>", "<form action=x>", "<details open ontoggle=alert(1)>",
    "&lt;script&gt;", "&#x3C;script&#x3E;", "&amp;", "&#0;", "&nbsp;", "&#106;avascript:", "&#x6A;avascript&colon;",
    "{: onclick='x' }", "{: style='color:red' }", "{: #id .cls }", "{: id='a\" onfocus=\"x' }", "{: hidden }",
    "{target=_blank}", "{: .a-b_c }", "[l](javascript:alert(1))", "[l](JaVaScRiPt:x)", "[l](https://example.org)",
    "[l](../../organizations/iso.md)", "![i](../../images/x.png)", "![i](data:text/html,x)", "[r]",
    "[r]: javascript:x\n",
    "[^1]", "[^1]: n\n", "*[ISO]: x\n", "ISO", "## ", "# ", "- ", "1. ", "> ", "`", "```\n", "~~~\n", "\n", "\n\n",
    "    ", "| a | b |\n|:--|--:|\n", "javascript:", "\"", "'", "<", ">", "=", " ", "/", "<http://x.org>", "<a@b.org>",
]
# Issue 20: what goes around the sanitizer — page settings MkDocs would read from a body's first lines, and
# names the theme's JavaScript and stylesheet act on.
META_FIRST = [
    "Template: redirect.html\nLocation: \"]);alert(document.domain);//\n",
    "Author: 0;url=https://evil.example\" http-equiv=\"refresh\n", "---\ntemplate: 404.html\n---\n",
    "Update: the ministry said\n", "Title: Pwned\nHide: navigation\n", "template: nonexistent.html\n\n",
    "Description: \"<script>alert(1)</script>\"\n",
]
THEME_BITS = [
    '<div id="__config">{"base": "https://evil.example"}</div>', '<p class="md-dialog md-dialog--active">x</p>',
    '<pre class="mermaid">graph TD; A-->B</pre>', "{: #__drawer .md-typeset }", '<span id="portal-title">x</span>',
    "{: .admonition .danger }", '<div class="admonition warning"><p>Site notice</p></div>', "{: #md-content }",
]
BITS += THEME_BITS
BODY = st.lists(st.sampled_from(BITS) | st.text(max_size=6), max_size=25).map("".join)
FIRST_LINES = st.sampled_from(["", *META_FIRST])
TARGETS = bodycheck.Targets(frozenset({"organizations/iso.md", "news/2020/story.md"}), frozenset(),
                            frozenset({"images/x.png"}))
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite"}
URL_JUNK = re.compile(r"[\x00-\x20]")


def published(body: str) -> str:
    """The body as the build publishes it (generator/plugin.py, on_page_content)."""
    return sanitize.clean(mdconfig.new_markdown().convert(body))


def dangers(page: str) -> list[str]:
    """Whatever in an HTML page could run, load a script or restyle the page, read the HTML5 way."""
    tree = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    found: list[str] = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("script", "style", "iframe", "object", "embed", "form", "svg", "math", "base", "link", "meta"):
            found.append(f"<{tag}>")
        for name, value in el.attrib.items():
            local = str(name).rsplit("}", 1)[-1].lower()
            if local.startswith("on") or local == "style":
                found.append(f"{tag}[{local}]")
            url = URL_JUNK.sub("", value).lower()
            if local in URL_ATTRS and url.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{tag}[{local}={value}]")
    return found


def theme_names(html: str) -> list[str]:
    """Ids and classes in a published body that address the theme (ids it owns, classes not on the list)."""
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    found: list[str] = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if (el.get("id") or "").startswith(sanitize.RESERVED_ID_PREFIXES):
            found.append(f"#{el.get('id')}")
        found += [f".{c}" for c in (el.get("class") or "").split() if not sanitize.allowed_class(el.tag, c)]
    return found


def checked_all(bodies: list[str]) -> list[bool]:
    """Whether each body passes the check, in one run of the body check (one worker for all)."""
    report = Report()
    docs = [Document(Kind.ARTICLE, f"2020/s{i}", f"content/news/2020/s{i}.md", f"news/2020/s{i}.md", Located({}),
                     body, 9) for i, body in enumerate(bodies)]
    for doc in docs:
        check_characters(doc, report)
    bodycheck.check(docs, TARGETS, report)
    failed = {d.path for d in report.items if d.is_error}
    return [mdconfig.too_deep(d.body) is None and d.path not in failed for d in docs]


def checked(body: str) -> Report:
    report = Report()
    doc = Document(Kind.ARTICLE, "2020/story", "content/news/2020/story.md", "news/2020/story.md", Located({}),
                   body, 9)
    check_characters(doc, report)  # validate's part of the body check
    bodycheck.check([doc], TARGETS, report)
    return report


@settings(settings.get_profile(PROFILE))
@given(FIRST_LINES, BODY)
def test_every_body_is_diagnostics_or_inert_html(first: str, rest: str) -> None:
    body = first + rest
    report = checked(body)
    assert not [d for d in report.items if d.code == "internal-error"], report.items
    for d in report.items:
        assert d.path == "content/news/2020/story.md" and d.line >= 9 and d.col >= 1
    if mdconfig.too_deep(body) is not None:
        assert report.has_errors
        return
    html = published(body)
    assert dangers(f"<!DOCTYPE html><title>t</title><article>{html}</article>") == []
    assert theme_names(html) == []
    if not report.has_errors:  # what was checked is what is published
        assert bodycheck.sanitizer_findings(mdconfig.new_markdown().convert(body)) == []


def test_a_site_built_from_generated_bodies_has_nothing_from_content_that_runs(tmp_path: Path) -> None:
    rng = random.Random(14)
    bodies: list[str] = []
    while len(bodies) < SITE_BODIES:  # bodies that pass the check, so the build goes through; checked 200 at a time
        batch = ["".join(rng.choice(BITS) if rng.random() < 0.7 else rng.choice("ab <>&\"'=") for _ in range(20))
                 for _ in range(200)]
        batch = [rng.choice(META_FIRST) + b if i % 2 else b for i, b in enumerate(batch)]  # half: page settings
        bodies += [b for b, ok in zip(batch, checked_all(batch), strict=True) if ok][:SITE_BODIES - len(bodies)]
    front = "---\ntitle: Story\ndate: \"2020-01-02\"\nsummary: S.\nsource:\n  name: D\norganizations: [iso]\n---\n"
    files = {
        "index.md": "# Home\n", "about.md": "# About\n", "contribute.md": "# Contribute\n",
        "organizations/iso.md": "---\nname: ISO\n---\nThe ISO.\n",
        **{f"news/2020/story-{i}.md": f"{front}Text.\n\n{body}\n" for i, body in enumerate(bodies)},
    }
    content = write_tree(tmp_path / "content", files)
    (content / "images").mkdir()
    Image.new("RGB", (2, 2)).save(content / "images/x.png")  # a real one: images are checked (test_assets.py)
    result = mkdocs_build(write_config(tmp_path, content))
    assert result.returncode == 0, result.stderr[-3000:]
    for i in range(len(bodies)):
        page = (tmp_path / f"site/news/2020/story-{i}/index.html").read_text(encoding="utf-8")
        article = page[page.index("<article"):page.rindex("</article>") + len("</article>")]
        assert dangers(f"<!DOCTYPE html><title>t</title>{article}") == [], bodies[i]
        # Every page setting is the plugin's: the article template, its title, no author, no refresh.
        tree = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
        assert tree.findtext(".//title") == "Story - Standards News Portal", bodies[i]
        assert tree.find(".//meta[@name='author']") is None and tree.find(".//meta[@http-equiv='refresh']") is None
        ids = [el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")]
        assert ids.count("__config") == 1 and 'class="portal-article' in page, bodies[i]
        assert len(ids) == len(set(ids)), bodies[i]
        if bodies[i].startswith(("Update:", "Template:")):  # a body's first line is always kept
            assert bodies[i].split(":")[0] + ":" in article, bodies[i]


@pytest.mark.parametrize("body", ["<svg onload=alert(1)>", "<!--><img src=x onerror=alert(1)>-->",
                                  "[l](javascript:alert(1))", "{: style='x' }\n\nA para\n{: style='x' }"])
def test_the_danger_reader_sees_what_it_looks_for(body: str) -> None:
    raw = mdconfig.new_markdown().convert(body)
    assert dangers(f"<!DOCTYPE html><article>{raw}</article>") != []  # unsanitized: found
    assert dangers(f"<!DOCTYPE html><article>{published(body)}</article>") == []
