"""Languages (issue 23): a report's `language` sets the language of its words, og:locale, JSON-LD inLanguage
and its feed items; `translation_of` links a report and its translations both ways, with hreflang alternates."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import html5lib

from generator.pipeline import build_catalog

from .helpers import mkdocs_build, write_config, write_tree

SITE = "https://portal.example.org/"
ARTICLE = ("---\ntitle: {title}\ndate: \"2024-05-06\"\nsummary: {summary}\nsource: {{name: X}}\n{extra}---\n"
           "{body}\n")
CONTENT = {
    "index.md": "# Home\n", "about.md": "# About\n", "contribute.md": "# Contribute\n",
    "news/2024/forum-opens.md": ARTICLE.format(title="Forum opens", summary="A forum opened.", extra="",
                                               body="The forum opened."),
    "news/2024/forum-opens-zh.md": ARTICLE.format(
        title="论坛开幕", summary="论坛开幕了。", extra="language: zh\ntranslation_of: 2024/forum-opens\n",
        body="论坛今天开幕。"),
}


def _page(site: Path, url: str) -> object:
    return html5lib.parse((site / url / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)


def test_languages_and_translations_on_the_built_site(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", CONTENT)
    run = mkdocs_build(write_config(tmp_path, content, site_url=SITE))
    assert run.returncode == 0, run.stderr
    site = tmp_path / "site"
    zh, en = _page(site, "news/2024/forum-opens-zh"), _page(site, "news/2024/forum-opens")
    assert zh.get("lang") == "en"  # type: ignore[attr-defined]  # <html>: the site's own words stay English
    body = next(d for d in zh.iter("div") if "portal-body" in d.get("class", ""))  # type: ignore[attr-defined]
    assert body.get("lang") == "zh" and "论坛今天开幕" in "".join(body.itertext())
    assert next(h for h in zh.iter("h1")).get("lang") == "zh"  # type: ignore[attr-defined]
    assert next(h for h in en.iter("h1")).get("lang") is None  # type: ignore[attr-defined]

    def meta(tree: object, prop: str) -> str:
        return next(m.get("content") for m in tree.iter("meta") if m.get("property") == prop)  # type: ignore[attr-defined]

    assert (meta(zh, "og:locale"), meta(en, "og:locale")) == ("zh_CN", "en_US")
    for tree in (zh, en):  # reciprocal, absolute, each page listing itself too, and the original as x-default
        alternates = {link.get("hreflang"): link.get("href") for link in tree.iter("link")  # type: ignore[attr-defined]
                      if link.get("rel") == "alternate" and link.get("hreflang")}
        assert alternates == {"en": f"{SITE}news/2024/forum-opens/", "zh": f"{SITE}news/2024/forum-opens-zh/",
                              "x-default": f"{SITE}news/2024/forum-opens/"}
    read_in = {a.get("hreflang"): (a.get("href"), a.text) for a in zh.iter("a") if a.get("hreflang")}  # type: ignore[attr-defined]
    assert read_in == {"en": ("../forum-opens/", "English")}
    assert {a.get("hreflang"): a.text for a in en.iter("a") if a.get("hreflang")} == {"zh": "中文"}  # type: ignore[attr-defined]
    [ld] = [json.loads(s.text) for s in zh.iter("script") if s.get("type") == "application/ld+json"]  # type: ignore[attr-defined]
    news = next(n for n in ld["@graph"] if n["@type"] == "NewsArticle")
    assert news["inLanguage"] == "zh" and news["translationOfWork"]["@id"].endswith("article/2024/forum-opens")
    atom = feedparser.parse((site / "atom.xml").read_bytes())
    assert {e.title: e.title_detail.language for e in atom.entries} == {"论坛开幕": "zh", "Forum opens": "en"}
    rss = feedparser.parse((site / "feed.xml").read_bytes())
    assert {e.title: e.get("language") for e in rss.entries} == {"论坛开幕": "zh", "Forum opens": None}
    items = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert {i["title"]: i["language"] for i in items} == {"论坛开幕": "zh", "Forum opens": "en"}
    api = {i["id"]: i for i in json.loads((site / "api/v1/articles.json").read_text(encoding="utf-8"))["items"]}
    assert api["2024/forum-opens-zh"]["translation_of"] == "2024/forum-opens"
    assert api["2024/forum-opens"]["translations"] == ["2024/forum-opens-zh"]


def test_bad_language_and_unknown_original_are_reported(tmp_path: Path) -> None:
    files = {**CONTENT, "news/2024/forum-opens-zh.md": ARTICLE.format(
        title="论坛开幕", summary="S.", extra="language: Chinese\ntranslation_of: 2024/forum-open\n", body="x")}
    found = {d.code: d for d in build_catalog(write_tree(tmp_path / "content", files)).report.items}
    assert found["invalid-value"].message == "'Chinese' in 'language' is not a language tag"
    assert found["unknown-reference"].message == "no article with id '2024/forum-open'"
    assert found["unknown-reference"].hint == "did you mean '2024/forum-opens' (Forum opens)?"
