"""Issue 20, case 1: a body reaches MkDocs only as content. MkDocs reads page settings from a leading
``Key: value`` block or a second ``---`` block; none of them may become a setting, and the lines stay text."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

from ..helpers import mkdocs_build, page_text, read_page, write_config, write_tree
from ..validate.test_bodies import ARTICLE

BODIES = {
    "redirect": 'Template: redirect.html\nLocation: "]);alert(document.domain);//\n\nThe report.\n',
    "refresh": 'Author: 0;url=https://evil.example" http-equiv="refresh\n\nThe report.\n',
    "hidden": "Template: 404.html\n\nThe report.\n",
    "missing": "Template: nonexistent.html\n\nThe report.\n",
    "update": "Update: the ministry issued the plan on Monday.\n\nThe report.\n",
    "yaml": "---\ntemplate: redirect.html\nlocation: https://evil.example/\n---\n\nThe report.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("body-meta")
    files = {f"news/2020/{name}.md": ARTICLE.replace("Intro paragraph.\n\n", body).replace("Hello", name)
             for name, body in BODIES.items()}
    files["organizations/iso.md"] = "---\nname: ISO\n---\nThe ISO.\n"
    for page in ("index", "about", "contribute"):  # the pages mkdocs.yml's nav names
        files[f"{page}.md"] = f"# {page.title()}\n\nText.\n"
    content = write_tree(project / "content", files)
    done = mkdocs_build(write_config(project, content), project / "site")
    assert done.returncode == 0, done.stderr[-3000:].replace("\\n", "\n")
    return project / "site"


@pytest.mark.parametrize("name", sorted(BODIES))
def test_no_page_setting_comes_from_a_body(site: Path, name: str) -> None:
    html = read_page(site, f"news/2020/{name}/")
    document = html5lib.parse(html, namespaceHTMLElements=False)
    assert document.find(".//article") is not None, "the article template, not the one the body asked for"
    assert not [m for m in document.iter("meta") if m.get("http-equiv", "").lower() == "refresh"]
    assert not [m for m in document.iter("meta") if m.get("name") == "author"]
    scripts = " ".join(s.text or "" for s in document.iter("script"))
    assert "evil.example" not in scripts and "alert(" not in scripts
    assert "The report." in page_text(html)


@pytest.mark.parametrize("name", ["update", "redirect", "missing"])
def test_the_first_line_of_a_body_survives_as_text(site: Path, name: str) -> None:
    first = BODIES[name].splitlines()[0]
    assert first.replace('"', "") in page_text(read_page(site, f"news/2020/{name}/")).replace('"', "")
