"""The build side of issue 14: atomic publish, legit markup published as written, an escaping
table of contents, and the dates at the edges of the accepted range building fine."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import html5lib
import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.toc import AnchorLink

from generator import plugin
from generator.outputs import publish

from ..helpers import ROOT, mkdocs_build, read_page, write_config, write_tree

LEGIT_BODY = """\
Text[^1] with [ISO](../../organizations/iso.md){target=_blank .chip}, <abbr title="Organization">ISO</abbr>.

## Results {#results}

| a | b |
|:--|--:|
| 1 | 2 |

[^1]: The note.
"""


def article(date: str, body: str = "Text.\n", title: str = "Hello") -> str:
    return (f"---\ntitle: {title}\ndate: \"{date}\"\nsummary: A summary.\nsource:\n  name: Daily\n"
            f"organizations: [iso]\nevents: [fair]\n---\n{body}")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("publish")
    write_tree(project / "content", {
        "index.md": "# Home\n", "about.md": "# About\n", "contribute.md": "# Contribute\n",
        "organizations/iso.md": "---\nname: ISO\n---\nThe ISO.\n",
        "events/fair.md": "---\ntitle: Fair\ndate: \"2100-12-31\"\norganizations: [iso]\n---\n",
        "news/2020/hello.md": article("2020-01-02", LEGIT_BODY),
        "news/1000/old.md": article("1000-01-02", title="Old"),
    })
    result = mkdocs_build(write_config(project, project / "content", site_url="https://portal.example/"))
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_legit_markup_is_published_as_written(project: Path) -> None:
    html = read_page(project / "site", "news/2020/hello/")
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    by_id = {el.get("id"): el for el in tree.iter() if isinstance(el.tag, str) and el.get("id")}
    assert {"fn-1", "fnref-1", "results"} <= set(by_id)
    link = next(el for el in tree.iter("a") if (el.get("href") or "").endswith("organizations/iso/")
                and el.get("class") == "chip")
    assert link.get("target") == "_blank" and link.get("rel") == "noopener noreferrer"
    assert [c.get("align") for c in tree.iter("th")] == ["left", "right"]
    assert any(el.get("title") == "Organization" for el in tree.iter("abbr"))
    toc = [el.get("href") for el in tree.iter("a") if "md-nav__link" in (el.get("class") or "")]
    assert "#results" in toc


def test_dates_at_the_edges_of_the_range_build(project: Path) -> None:
    assert (project / "site/news/1000/old/index.html").is_file()
    assert "31 December 2100" in read_page(project / "site", "events/fair/")


def _build_in_process(project: Path) -> None:
    build(load_config(str(project / "mkdocs.yml")))


def test_a_build_that_fails_late_leaves_the_site_byte_for_byte(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    before = snapshot(project / "site")

    def fail(*args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("an output failed after every page was written")

    monkeypatch.setattr(plugin.portal, "write_outputs", fail)
    with pytest.raises(RuntimeError):
        _build_in_process(project)
    assert snapshot(project / "site") == before
    assert publish.leftovers(str(project / "site")) == []


def test_a_strict_build_with_a_warning_leaves_the_site_byte_for_byte(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    before = snapshot(project / "site")

    def warn(*args: object, **kwargs: object) -> list[str]:
        logging.getLogger("mkdocs.plugins.portal").warning("a late warning")
        return []

    monkeypatch.setattr(plugin.portal, "write_outputs", warn)
    with pytest.raises(Abort):
        _build_in_process(project)
    assert snapshot(project / "site") == before
    assert publish.leftovers(str(project / "site")) == []


def test_a_build_with_content_errors_leaves_the_site(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "p"
    shutil.copytree(project, copy)
    config = write_config(copy, copy / "content", site_url="https://portal.example/")
    before = snapshot(copy / "site")
    (copy / "content/news/2020/hello.md").write_text(article("2107-10-14"), encoding="utf-8")
    result = mkdocs_build(config)
    assert result.returncode != 0 and "invalid-date" in result.stderr
    assert snapshot(copy / "site") == before


def test_a_good_build_replaces_the_site(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "p"
    shutil.copytree(project, copy)
    config = write_config(copy, copy / "content", site_url="https://portal.example/")
    (copy / "site/stale.txt").write_text("from an old build", encoding="utf-8")
    (copy / "content/news/2020/hello.md").write_text(article("2020-01-02", "Brand new text.\n"), encoding="utf-8")
    result = mkdocs_build(config)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Brand new text." in read_page(copy / "site", "news/2020/hello/")
    assert not (copy / "site/stale.txt").exists()
    assert publish.leftovers(str(copy / "site")) == []


def test_the_table_of_contents_escapes_what_it_prints() -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "theme"), autoescape=False)
    item = AnchorLink('x" autofocus onfocus="alert(1)', 'x" autofocus onfocus="alert(1)', 2)
    item.title = '<img src=x onerror="alert(2)">'
    html = env.get_template("partials/toc-item.html").render(toc_item=item)
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    assert not [a for el in tree.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
    assert not list(tree.iter("img"))


def test_the_plugin_sanitizes_table_of_contents_entries() -> None:
    item = AnchorLink('A <img src=x onerror="y"> title', 'x" onfocus="y', 2)
    item.children = [AnchorLink("Child", "ok_id-1", 3)]
    plugin._sanitize_toc([item])
    assert item.id == "xonfocusy" and item.url == "#xonfocusy" and "onerror" not in item.title
    assert item.children[0].id == "ok_id-1"


@pytest.mark.benchmark
def test_the_hostile_input_benchmark_runs(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    out = tmp_path / "hostile.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks/hostile.py"), "--only", "front matter 500", "--json",
                    str(out)], check=True, capture_output=True, text=True, timeout=300)
    (row,) = json.loads(out.read_text(encoding="utf-8"))
    assert row["exit"] == 1 and row["codes"]["yaml-too-deep"] == 1 and row["wall_s"] > 0


def test_source_date_epoch_fits_a_gzip_header() -> None:
    import datetime as dt

    utc = dt.UTC
    assert publish.source_date_epoch(dt.datetime(2107, 10, 14, tzinfo=utc)) == str(2**32 - 1)
    assert publish.source_date_epoch(dt.datetime(1000, 1, 1, tzinfo=utc)) == "0"
    assert publish.source_date_epoch(dt.datetime(2017, 10, 14, tzinfo=utc)) == "1507939200"


def test_the_build_sanitizes_even_what_the_check_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth: with the check's errors dropped, the built page still holds nothing that runs."""
    from generator.diagnostics import Report

    body = ("<script>alert(1)</script> <!--><img src=x onerror=alert(2)>-->\n\n"
            "## Hi {: id='x\" autofocus onfocus=\"alert(3)' }\n\nA paragraph.\n{: style=\"position:fixed\" }\n")
    write_tree(tmp_path / "content", {
        "index.md": "# Home\n", "about.md": "# About\n", "contribute.md": "# Contribute\n",
        "organizations/iso.md": "---\nname: ISO\n---\nThe ISO.\n",
        "events/fair.md": "---\ntitle: Fair\ndate: \"2020-01-01\"\norganizations: [iso]\n---\n",
        "news/2020/hello.md": article("2020-01-02", body),
    })
    config = write_config(tmp_path, tmp_path / "content", strict=False)
    real = plugin.portal.build_catalog

    def lenient(path: Path, **options: Any) -> object:  # options: the parse cache under `serve`
        result = real(path, **options)
        assert result.report.has_errors  # the check refuses this body
        result.report = Report()
        return result

    monkeypatch.setattr(plugin.portal, "build_catalog", lenient)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(load_config(str(config)))
    page = read_page(tmp_path / "site", "news/2020/hello/")
    tree = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert not (el.tag == "script" and "alert" in (el.text or ""))
        assert not [a for a in el.attrib if a.startswith("on") or a == "autofocus"], (el.tag, el.attrib)
        assert "position:fixed" not in (el.get("style") or "")
