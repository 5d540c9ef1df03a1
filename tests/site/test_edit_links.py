"""Issue 23: with repo_url and edit_uri, each article and entity page links to its source file under
content/ (Material's "edit this page"), never to a generated page; listings get no link."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from .. import fixture_site as fx
from ..helpers import mkdocs_build, write_config

REPO = "https://github.com/example/standards-portal"
EDIT = "edit/main/content/"


def test_edit_links_open_the_source_files(tmp_path: Path, fixture_content: Path) -> None:
    config = write_config(tmp_path, fixture_content, repo_url=REPO, edit_uri=EDIT)
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr[-3000:]

    def edit_link(url: str) -> str | None:
        page = lxml.html.fromstring((tmp_path / "site" / url / "index.html").read_text(encoding="utf-8"))
        links = page.xpath("//a[@rel='edit']/@href")
        return links[0] if links else None

    prefix = f"{REPO}/{EDIT}"
    expected = {f"news/{fx.IMAGES_ID}/": f"news/{fx.IMAGES_ID}.md",
                f"organizations/{fx.ORG_ID}/": f"organizations/{fx.ORG_ID}.md",
                "about/": "about.md"}
    topic = next(p.name for p in (tmp_path / "site/topics").iterdir() if p.is_dir() and p.name != "page")
    expected[f"topics/{topic}/"] = "topics.yml"
    for url, source in expected.items():
        assert edit_link(url) == prefix + source, url
        assert (fixture_content / source).is_file(), source  # the link opens a file that exists
    for listing in ("news/", "organizations/", "timeline/", "events/"):
        assert edit_link(listing) is None, listing
