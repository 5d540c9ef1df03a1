"""The Content-Security-Policy written into each page (generator/outputs/csp.py; issue 20).

Chromium proves the policy works (tests/browser/test_csp.py); these tests hold the parts it rests on:
only the theme's own inline elements are hashed — nothing in a body can add a hash, whatever it holds —,
a page without the placeholder fails the build by name, and the preview allows its live-reload script.
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from generator.outputs import csp
from generator.plugin import glue

from ..helpers import ROOT
from ..validate.test_fuzz_bodies import BODY, PROFILE, published

PAGE = ('<!doctype html><html><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="portal-csp">'
        '<script>var a = 1;</script><script type="application/ld+json">{"x": 1}</script>'
        '<script src="assets/x.js"></script><style>p { color: red }</style></head>'
        '<body><article>{body}</article><script>var b = "</scrip";</script></body></html>')
HOSTILE = [
    '<p title="<script>alert(1)</script>">x</p>', "<a href=\"https://x.org/?q=<style>p{}</style>\">l</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;", "<ScRiPt>alert(1)</sCrIpT>", "<style>*{}</style>",
    "<svg><script>alert(1)</script></svg>", "<noscript><p title=\"</noscript><script>x</script>\">",
    "```\n<script>alert(1)</script>\n```", "`<style>`", "<img alt=\"<script>\" src=\"x.png\">",
]


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_hashes_exactly_the_inline_scripts_and_styles() -> None:
    page = csp.finish(PAGE.replace("{body}", "<p>Hello</p>"))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    directives = {d.split()[0]: d.split()[1:] for d in policy.group(1).split("; ")}
    # Data blocks (JSON-LD) do not run and external scripts are 'self': neither is hashed.
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'", sha("var a = 1;"), sha('var b = "</scrip";')]
    assert directives["style-src"] == ["'self'", sha("p { color: red }")]
    for name, value in [("default-src", ["'self'"]), ("object-src", ["'none'"]), ("base-uri", ["'self'"]),
                        ("form-action", ["'self'"]), ("connect-src", ["'self'"])]:
        assert directives[name] == value
    assert "frame-ancestors" not in directives  # ignored in <meta>; the header has it
    assert "frame-ancestors 'none'" in csp.header()
    assert "portal-csp" not in page


@pytest.mark.parametrize("body", HOSTILE)
def test_no_body_adds_a_hash(body: str) -> None:
    clean = csp.inline_hashes(PAGE.replace("{body}", ""))
    assert csp.inline_hashes(PAGE.replace("{body}", published(body))) == clean


@settings(max_examples=500 if PROFILE == "ci" else 100, deadline=None, database=None)
@given(BODY, st.sampled_from(HOSTILE))
def test_no_generated_body_adds_a_hash(body: str, hostile: str) -> None:
    html = published(body + hostile)
    # What the hashing rests on: in a sanitized body every "<" opens a tag, and none is a script or a style.
    assert re.search(r"<(?![A-Za-z/])|<(?:script|style)\b|</(?![A-Za-z])", html, re.I) is None, html
    assert csp.inline_hashes(PAGE.replace("{body}", html)) == csp.inline_hashes(PAGE.replace("{body}", ""))


def test_a_page_without_the_placeholder_fails_the_build_by_name() -> None:
    with pytest.raises(PluginError, match=r"news/2024/x\.md: the page has no Content-Security-Policy"):
        glue.with_policy("<html><head></head><body></body></html>", "news/2024/x.md")
    assert glue.with_policy("<urlset/>", "sitemap.xml", static=True) == "<urlset/>"


def test_the_preview_allows_its_live_reload_script_only() -> None:
    page = csp.finish(PAGE.replace("{body}", ""))
    served = csp.allow_appended(page, "livereload(1, 2);")
    before, after = (re.search(r"script-src ([^;]*)", p).group(1).split() for p in (page, served))  # type: ignore[union-attr]
    assert set(after) - set(before) == {sha("livereload(1, 2);")}
    assert csp.allow_appended("<html></html>", "x") == "<html></html>"


def test_readme_gives_the_policy_the_build_writes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("**Content-Security-Policy.**", 1)[1].split("```", 2)[1]
    assert " ".join(block.split()) == csp.header()
