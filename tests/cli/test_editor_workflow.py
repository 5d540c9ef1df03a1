"""The editor's path end to end, in a temporary copy of the fixture content under git.

Scaffold an article, an organization and an event with `portal new`, fill them in,
`portal check --changed` passes, `mkdocs build --strict` shows them on the timeline and the
organization index; then deleting the organization is reported at every reference.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .. import workbench
from ..fixture_site import DISTRICT_ID, FIXTURE_CONTENT
from ..fixture_site import ORG_ID as KNOWN_ORG
from ..helpers import mkdocs_build, page_text, read_page, write_config
from ..workbench import git, run_portal

ORG, EVENT = "acme-standards-institute", "acme-standards-summit-2024"


def _fill(path: Path, replacements: dict[str, str]) -> None:
    """Edit like an editor: replace whole lines that start with each key."""
    text = path.read_text(encoding="utf-8")
    for start, line in replacements.items():
        text, n = re.subn(rf"^{re.escape(start)}.*$", line, text, count=1, flags=re.M)
        assert n == 1, start
    path.write_text(text, encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if line == text)


def test_new_editor_adds_an_article_an_organization_and_an_event(tmp_path: Path) -> None:
    project = tmp_path / "project"
    content = Path(shutil.copytree(FIXTURE_CONTENT, project / "content"))
    workbench.init(project)
    workbench.commit(project, "the portal as it is")

    made = [
        run_portal(project, "new", "article", "Acme Standards Institute opens in Example City", "--date", "2024-05-06",
                   "--source", "China Daily"),
        run_portal(project, "new", "organization", ORG, "--name", "Acme Standards Institute"),
        run_portal(project, "new", "event", EVENT, "--name", "Acme Standards Summit 2024", "--date", "2024-05-06"),
    ]
    assert [code for code, _, _ in made] == [0, 0, 0], [err for _, _, err in made]
    article, org, event = (project / out.strip() for _, out, _ in made)
    slug = "acme-standards-institute-opens-in-example-city"
    assert article.relative_to(project).as_posix() == f"content/news/2024/{slug}.md"

    code, out, _ = run_portal(project, "check", "--changed")
    assert code == 1
    assert set(re.findall(r"error\[([a-z-]+)\]", out)) == {"placeholder"}

    _fill(article, {
        "summary:": 'summary: "The Acme Standards Institute opened in North Example District and held a summit."',
        "organizations:": f"organizations: [{ORG}, {KNOWN_ORG}]",
        "places:": f"places: [{DISTRICT_ID}]",
        "events:": f"events:\n  - {EVENT}",
        "TODO:": "The Acme Standards Institute opened its doors on May 6.",
    })
    _fill(org, {"# kind:": "kind: association", "# country:": 'country: "CN"',
                "TODO:": "A fictional institute for standardization services."})
    _fill(event, {"# kind:": "kind: conference", "# place:": f"place: {DISTRICT_ID}",
                  "organizations:": f"organizations:\n  - {ORG}", "TODO:": "The institute's first summit."})

    code, out, err = run_portal(project, "check", "--changed")
    assert (code, out) == (0, ""), out + err

    config = write_config(project, content)
    built = mkdocs_build(config)
    assert built.returncode == 0, built.stderr[-3000:]
    site = project / "site"
    timeline = read_page(site, "timeline/")
    assert f'href="../events/{EVENT}/"' in timeline
    assert 'href="../news/2024/acme-standards-institute-opens-in-example-city/"' in timeline  # "Reported in"
    assert "Acme Standards Summit 2024" in page_text(timeline)
    orgs = read_page(site, "organizations/")
    assert f'href="{ORG}/"' in orgs and "Acme Standards Institute" in page_text(orgs)
    assert "The Acme Standards Institute opened its doors" in page_text(
        read_page(site, "news/2024/acme-standards-institute-opens-in-example-city/"))

    workbench.commit(project, "add Acme")
    git(project, "rm", "-q", f"content/organizations/{ORG}.md")
    code, out, _ = run_portal(project, "check", "--changed")
    assert code == 1
    reported = sorted(re.findall(rf"^(\S+:\d+:\d+): error\[unknown-reference\]: no organization with id '{ORG}'",
                                 out, re.M))
    assert reported == sorted([
        f"content/news/2024/{article.name}:{_line_of(article, f'organizations: [{ORG}, {KNOWN_ORG}]')}:17",
        f"content/events/{event.name}:{_line_of(event, f'  - {ORG}')}:5",
    ])
