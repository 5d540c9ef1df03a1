"""Hostile front matter: a payload in every string field of every kind never becomes markup or code.

One small site is built where every text field that reaches a page holds an HTML/JS payload;
every built file is then parsed and searched for the payload as markup (script elements,
event handlers, injected images) instead of text.
"""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from ..helpers import ROOT, mkdocs_build, page_text, read_page, write_config

MARK = "alert"  # every payload calls alert(); it may appear only as text
PAYLOAD = "\"'><script>alert(1)</script><img src=x onerror=alert(2)></title></textarea></script><!--"
SHORT = "\"><img src=x onerror=alert(3)></script><!--"  # for fields limited to 80 characters
URL = "https://example.org/?q=\"><script>alert(4)</script>&x=</script><!--"


def front(data: dict, body: str = "") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def write_corpus(content: Path) -> None:
    files = {
        "index.md": front({"title": f"Home {PAYLOAD}", "description": PAYLOAD}, "Welcome.\n"),
        "about.md": front({"title": f"About {PAYLOAD}", "description": PAYLOAD}, "About `<script>` text.\n"),
        "contribute.md": "# Contribute\n\nPlain page without front matter.\n",
        "topics.yml": yaml.safe_dump({"quality": {"name": f"Quality {PAYLOAD}", "description": PAYLOAD}}),
        "organizations/acme.md": front({
            "name": f"Acme {PAYLOAD}", "short_name": f"AC {PAYLOAD}", "aliases": [f"Alias {PAYLOAD}"],
            "name_zh": SHORT, "kind": "company", "country": "CN", "place": "town", "website": URL,
        }, "Acme makes things.\n"),
        "people/jo.md": front({
            "name": f"Jo {PAYLOAD}", "name_zh": SHORT,
            "roles": [{"title": f"director {PAYLOAD}", "organization": "acme", "from": "2019"}],
        }, "Jo directs.\n"),
        "places/town.md": front({"name": f"Town {PAYLOAD}", "name_zh": SHORT, "kind": "city", "country": "CN"}),
        "events/fair-2020.md": front({
            "title": f"Fair {PAYLOAD}", "date": "2020-03-04", "kind": "conference", "place": "town",
            "organizations": ["acme"], "people": ["jo"], "summary": PAYLOAD,
        }, "The fair.\n"),
        "news/2020/report.md": front({
            "title": f"Report {PAYLOAD}", "date": "2020-03-05", "summary": PAYLOAD,
            "source": {"name": f"Daily {PAYLOAD}", "url": URL},
            "organizations": ["acme"], "people": ["jo"], "places": ["town"], "events": ["fair-2020"],
            "topics": ["quality"], "standards": [f"ISO {PAYLOAD}"],
            "images": [{"caption": f"Caption {PAYLOAD}", "credit": f"Photo {PAYLOAD}"}],
        }, "The report, quoting `<script>alert(5)</script>` as code.\n"),
    }
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    write_corpus(project / "content")
    result = mkdocs_build(write_config(project, project / "content", site_url="https://portal.example/"))
    assert result.returncode == 0, result.stderr[-5000:]
    return project / "site"


class _Markup(HTMLParser):
    """Collects what a browser would execute or load: scripts, handlers, sources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []  # (type, content)
        self.handlers: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.images: list[str] = []
        self._script: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name, value or ""))
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")
        if tag == "script":
            self._script = (dict(attrs).get("type") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)


def markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert len(files) > 10
    return files


def test_no_payload_becomes_a_script_handler_or_image(hostile_site: Path) -> None:
    json_scripts = 0
    for path in html_files(hostile_site):
        found = markup(path.read_text(encoding="utf-8"))
        where = path.relative_to(hostile_site)
        assert found.handlers == [], where
        assert "x" not in found.images, where
        for kind, text in found.scripts:
            if "json" in kind:
                json_scripts += 1
                json.loads(text)  # a value that broke out would leave invalid JSON behind
                assert "<!--" not in text and "</" not in text, where
            else:
                assert MARK not in text, where
    assert json_scripts > 0  # the check above ran on real JSON(-LD) blocks


def test_payloads_show_as_text(hostile_site: Path) -> None:
    article = page_text(read_page(hostile_site, "news/2020/report/"))
    for field in ("Report ", "Daily ", "ISO ", "Caption ", "Photo ", "Fair ", "Quality "):
        assert field + PAYLOAD in article, field
    assert "<script>alert(5)</script>" in article  # the body's code span
    assert f"Jo {PAYLOAD}" in page_text(read_page(hostile_site, "people/jo/"))
    assert f"Acme {PAYLOAD}" in page_text(read_page(hostile_site, "organizations/acme/"))
    assert f"Town {PAYLOAD}" in page_text(read_page(hostile_site, "places/town/"))
    assert f"About {PAYLOAD}" in page_text(read_page(hostile_site, "about/"))


def test_head_title_and_description_stay_escaped(hostile_site: Path) -> None:
    html = read_page(hostile_site, "news/2020/report/")
    assert "<title>Report &#34;&#39;&gt;&lt;script&gt;" in html
    assert '<meta name="description" content="&#34;&#39;&gt;&lt;script&gt;' in html


def test_search_index_holds_content_as_text_and_the_page_shows_it_as_text(hostile_site: Path) -> None:
    # Pagefind's fragments (gzip: a signature, then JSON) hold each page's text unescaped, so the
    # payload is there as characters; theme/assets/search.js builds results from text nodes only
    # (and <mark> elements it creates itself), never by parsing index text as HTML.
    fragments = sorted((hostile_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) > 5
    texts = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):]) for p in fragments]
    assert any(PAYLOAD in doc["content"] for doc in texts)
    assert any(PAYLOAD in doc["meta"]["title"] for doc in texts)
    script = (ROOT / "theme" / "assets" / "search.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "DOMParser", "document.write", "eval("):
        assert sink not in script, sink


def test_every_data_file_still_parses(hostile_site: Path) -> None:
    json_files = sorted(hostile_site.rglob("*.json"))
    xml_files = sorted(hostile_site.rglob("*.xml"))
    assert json_files and xml_files
    for path in json_files:
        json.loads(path.read_text(encoding="utf-8"))
    for path in xml_files:
        ET.parse(path)
