"""No silent loss, no broken links, reproducible output: checked on real builds.

The invariants marked ``live`` hold for any content and run on the live site; the same checks run on the
fixture site, whose draft, images and generated pages they must handle.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from generator import designations
from generator.pages.collisions import collisions
from generator.pages.plan import PageSpec

from ..fixture_site import Built
from ..helpers import ROOT, mkdocs_build, read_page, write_config, write_tree

BASE = "https://site.invalid/"
COUNT_LINE = re.compile(r"portal: built (\d+) pages: (.+)$", re.M)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key] or "")
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append(a[key] or "")


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, path: str) -> Path:
    file = site / unquote(path).lstrip("/")
    return file / "index.html" if path.endswith("/") or file.is_dir() else file


def broken_links(site: Path) -> list[str]:
    """Every internal href/src of every page that misses its file or its #anchor."""
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for page, links in pages.items():
        here = BASE + page.relative_to(site).as_posix()
        for ref in links.refs:
            url = urlsplit(urljoin(here, ref))
            if f"{url.scheme}://{url.netloc}/" != BASE:
                continue  # external, mailto:, data: …
            target = _target(site, url.path)
            if not target.is_file():
                problems.append(f"{page.relative_to(site)}: {ref} → missing {target.relative_to(site)}")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(url.fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {ref} → no id '{url.fragment}'")
    return problems


@pytest.mark.live
def test_built_site_has_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    assert list(built_site.rglob("*.html"))
    assert broken_links(built_site) == []


def test_fixture_site_has_no_broken_internal_links_or_anchors(fixture_plain_site: Built) -> None:
    site = fixture_plain_site.site
    assert (site / "images/2016/pilot-signing.png").is_file()  # an image the crawler must find
    assert len(list(site.rglob("*.html"))) > 100
    assert broken_links(site) == []


def test_the_crawler_finds_a_broken_link_and_anchor(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "index.html": '<a href="a/">a</a> <a href="a/#top">top</a> <a href="a/#nope">x</a> <img src="gone.png">'
                      ' <a href="https://example.org/x">ext</a> <a href="mailto:x@example.org">m</a>',
        "a/index.html": '<h1 id="top">A</h1><a href="../">home</a><a href="../b/">b</a>',
    })
    assert broken_links(tmp_path) == [
        "a/index.html: ../b/ → missing b/index.html",
        "index.html: a/#nope → no id 'nope'",
        "index.html: gone.png → missing gone.png",
    ]


# --- reproducibility (the fixture site, built twice) and counts (any content) ---------------------


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(fixture_site: Built, fixture_rebuild: Built) -> None:
    """Built without SOURCE_DATE_EPOCH: time stamps come from the content, not the clock."""
    first, second = _tree(fixture_site.site), _tree(fixture_rebuild.site)
    assert len(first) > 100 and "sitemap.xml.gz" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def _on_disk(content: Path) -> dict[str, int]:
    """Pages per kind, counted from the files themselves (drafts left out)."""
    def front(path: Path) -> dict:
        text = path.read_text(encoding="utf-8-sig")
        return (yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}) or {}

    articles = [data for data in map(front, (content / "news").glob("*/*.md")) if not data.get("draft", False)]
    counts = {"articles": len(articles)}
    for kind in ("events", "organizations", "people", "places", "committees"):
        counts[kind] = len(list((content / kind).rglob("*.md")))
    # Standards: a page per file, and one per designation a published report or an event lists that no file has.
    files = [front(p)["designation"] for p in (content / "standards").glob("*.md")]
    listed = {designations.key(d) for data in [*articles, *map(front, (content / "events").glob("*.md"))]
              for d in data.get("standards") or []}
    known = {designations.key(d) for d in files} | {designations.family(d) for d in files}
    counts["standards"] = len(files) + len({d for d in listed
                                            if d not in known and designations.family(d) not in known})
    topics = content / "topics.yml"
    counts["topics"] = len(yaml.safe_load(topics.read_text(encoding="utf-8")) or {}) if topics.exists() else 0
    counts["pages"] = len(list(content.glob("*.md")))
    return counts


BOTH = pytest.mark.parametrize("which", ["fixture_plain_site", pytest.param("live_build", marks=pytest.mark.live)])


@BOTH
def test_build_log_counts_match_the_files_on_disk(request: pytest.FixtureRequest, which: str) -> None:
    built: Built = request.getfixturevalue(which)
    match = COUNT_LINE.search(built.log)
    assert match, built.log[-2000:]
    logged = {kind: int(n) for n, kind in (part.split(" ", 1) for part in match[2].split(", "))}
    assert logged == _on_disk(built.content)


@BOTH
def test_every_content_file_has_its_page(request: pytest.FixtureRequest, which: str) -> None:
    built: Built = request.getfixturevalue(which)
    content = built.content
    drafts = {f"news/{Path(d).parent.name}/{Path(d).stem}/" for d in built.catalog.drafts}
    urls = [u for p in (content / "news").glob("*/*.md") if (u := f"news/{p.parent.name}/{p.stem}/") not in drafts]
    for kind in ("events", "organizations", "people", "places", "standards", "committees"):
        urls += [f"{kind}/{p.stem}/" for p in (content / kind).rglob("*.md")]
    urls += [s.url for s in built.catalog.table("standard").values() if not s.has_file]  # listed, no file
    urls += ["" if p.stem == "index" else f"{p.stem}/" for p in content.glob("*.md")]
    topics = content / "topics.yml"
    urls += [f"topics/{key}/" for key in (yaml.safe_load(topics.read_text(encoding="utf-8")) or {} if topics.exists()
                                          else {})]
    assert len(urls) == len(set(urls)) == sum(_on_disk(content).values())
    for url in urls:
        assert read_page(built.site, url)
    for url in drafts:  # a draft has no page
        assert not (built.site / url).exists()


# --- a small corpus: drafts, subfolders, links between pages --------------------------------

ARTICLE = """\
---
title: {title}
date: 2021-05-0{day}
summary: Summary.
source:
  name: Example Daily
organizations: [iso]
{extra}---
{body}
"""


def test_drafts_are_left_out_counted_and_listed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_tree(content, {
        "index.md": "# Home\n",
        "about.md": "# About\n",
        "contribute.md": "# Contribute\n",
        "organizations/bodies/iso.md":
            "---\nname: ISO\n---\nSee [the report](../news/2021/live.md).\n\n## History\n\nOld.\n",
        "events/summit-2021.md": "---\ntitle: Summit\ndate: 2021-05-01\norganizations: [iso]\n---\n",
        "news/2021/live.md": ARTICLE.format(
            title="Live", day=1, extra="events: [summit-2021]\n",
            body="About [ISO](../../organizations/iso.md#history){target=_blank} and [us](../../about.md)."),
        "news/2021/hidden.md": ARTICLE.format(title="Hidden", day=2, extra="draft: true\n", body="Not yet."),
    })
    result = mkdocs_build(write_config(tmp_path, content))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    # counts in the order kinds are declared (generator/kinds/)
    assert (": 1 articles, 1 organizations, 1 events, 0 people, 0 places, 0 topics, 0 standards, 0 committees, "
            "3 pages") in result.stderr
    assert re.search(r"portal: 1 draft\(s\) left out: \S*content/news/2021/hidden\.md", result.stderr)
    assert not (site / "news" / "2021" / "hidden").exists()
    assert "Hidden" not in (site / "news" / "index.html").read_text(encoding="utf-8")
    # A relative link between content files works on the built site, also from a subfolder.
    assert '<a href="../../../organizations/iso/#history" target="_blank" rel="noopener noreferrer">ISO</a>' in \
        read_page(site, "news/2021/live/")
    assert '<a href="../../news/2021/live/" rel="noopener noreferrer">the report</a>' in \
        read_page(site, "organizations/iso/")
    assert broken_links(site) == []


def test_pages_sharing_an_address_name_both_sources() -> None:
    specs = [PageSpec("news/2021.md", "news.html", "News from 2021", "listing"),
             PageSpec("about.md", "page.html", "About", "page"),
             PageSpec("news/2021/index.md", "article.html", "Index", "article")]
    specs[2].node = type("N", (), {"path": "content/news/2021/index.md"})()  # type: ignore[assignment]
    (error,) = collisions(specs)
    assert (error.path, error.code) == ("content/news/2021/index.md", "duplicate-url")
    assert "content/news/2021/index.md" in error.message and "'News from 2021' (news/2021.md)" in error.message
    assert "/news/2021/" in error.message


def test_reproducible_builds_are_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "SOURCE_DATE_EPOCH" in readme and "## Security model" in readme
