"""A small fixture site built at two addresses and as a preview, for the deployment tests (issue 15).

The content exercises what deployment outputs must get right: a report dated to the year only
(with a Chinese title), one dated to the month, an unattributed report, a corrected one, an
online event, a multi-day event in a district of a municipality, a month-only event in a city of a
province, an organization with a website and other identifying pages, and Chinese names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from generator.catalog.graph import Catalog
from generator.pipeline import build_catalog

from .helpers import load_mkdocs_config, mkdocs_build, write_config, write_tree
from .shared import shared_folder

ADDRESS_A = "https://news.example.org/"
LOGO = "images/logos/stbq.png"  # the bureau's logo, a file of the fixture
ADDRESS_B = "http://127.0.0.1:8123/mirror/"

FILES = {
    "index.md": "---\ntitle: Test Portal\n---\n\nA test portal.\n",
    "about.md": "# About\n\nAbout the test portal.\n",
    "contribute.md": "# Contribute\n\nHow to contribute.\n",
    "topics.yml": "standards:\n  name: Standards\n  description: Standards in general.\n",
    "places/china.md": '---\nname: China\nname_zh: 中国\nkind: country\ncountry: "CN"\n---\n',
    "places/shanghai.md": '---\nname: Shanghai\nname_zh: 上海\nkind: municipality\nparent: china\ncountry: "CN"\n---\n',
    "places/pudong.md": "---\nname: Pudong New Area\nname_zh: 浦东新区\nkind: district\nparent: shanghai\n---\n",
    "places/guangdong.md": "---\nname: Guangdong\nkind: province\nparent: china\n---\n",
    "places/shenzhen.md": "---\nname: Shenzhen\nname_zh: 深圳\nkind: city\nparent: guangdong\n---\n",
    "organizations/smbqts.md": """
        ---
        name: Shanghai Test Bureau of Quality
        short_name: STBQ
        name_zh: 上海市测试质量局
        kind: government-agency
        place: shanghai
        country: "CN"
        website: https://example.org/stbq
        same_as:
          - https://www.wikidata.org/wiki/Q4115189
        logo: images/logos/stbq.png
        ---

        A bureau that exists only in the tests.
        """,
    "organizations/iso.md": "---\nname: Test Standards Organization\nshort_name: TSO\nkind: international-body\n---\n",
    "people/chen.md": ("---\nname: Chen Test\nname_zh: 陈测试\n"
                       "roles:\n  - title: director\n    organization: smbqts\n---\n"),
    "events/forum-2019.md": """
        ---
        title: Test standards forum 2019
        date: "2019-03-05"
        end: "2019-03-07"
        kind: forum
        place: pudong
        organizations: [smbqts]
        people: [chen]
        summary: A three-day test forum.
        ---
        """,
    "events/webinar-2020.md": """
        ---
        title: Test standards webinar
        date: "2020-05-10"
        kind: meeting
        attendance: online
        organizations: [iso]
        ---
        """,
    "events/pilot-2018.md": """
        ---
        title: Test pilot in Shenzhen
        date: "2018-07"
        kind: launch
        place: shenzhen
        organizations: [iso]
        ---
        """,
    "news/2019/forum-opens.md": """
        ---
        title: Test forum opens in Pudong
        date: "2019-03-08"
        updated: "2019-04-02"
        summary: The test forum opened in Pudong.
        source:
          name: Test Gazette
          url: https://example.org/gazette/forum
          authors: [Li Test, Wang Test]
        organizations: [smbqts]
        people: [chen]
        places: [pudong]
        events: [forum-2019]
        topics: [standards]
        ---

        The forum opened. See [the bureau](../../organizations/smbqts.md).
        """,
    "news/2018/year-only.md": """
        ---
        title: 深圳 pilot report
        date: "2018"
        summary: A report known only to its year.
        source:
          name: Unattributed
        organizations: [iso]
        places: [shenzhen]
        events: [pilot-2018]
        ---

        The pilot began.
        """,
    "news/2020/webinar.md": """
        ---
        title: Test webinar held online
        date: "2020-05"
        summary: A report known to its month.
        source:
          name: Test Wire
        organizations: [iso]
        events: [webinar-2020]
        topics: [standards]
        ---

        The webinar was held.
        """,
}


@dataclass(frozen=True)
class Deployed:
    a: Path  # built with site_url ADDRESS_A
    b: Path  # the same content built with site_url ADDRESS_B
    preview: Path  # built without site_url
    preview_log: str
    a_log: str
    content: Path
    project: Path
    catalog: Catalog


BUILDS = (("a", ADDRESS_A), ("b", ADDRESS_B), ("preview", None))


def _deploy(project: Path) -> None:
    content = write_tree(project / "content", FILES)
    logo = content / LOGO
    logo.parent.mkdir(parents=True)
    Image.new("RGB", (120, 60), "navy").save(logo)
    for name, url in BUILDS:
        folder = project / name
        folder.mkdir()
        plugins = [{"portal": {"cache_dir": str(project / "cache")}} if "portal" in p else p
                   for p in load_mkdocs_config()["plugins"]]
        config = write_config(folder, content, site_url=url, plugins=plugins)
        done = mkdocs_build(config, folder / "site")
        assert done.returncode == 0, done.stderr[-5000:]
        (folder / "build.log").write_text(done.stderr, encoding="utf-8")


@pytest.fixture(scope="session")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Deployed:
    """Built once per run (tests/shared.py), whichever worker asks first."""
    project = shared_folder(tmp_path_factory, "deployed", _deploy)
    content = project / "content"
    result = build_catalog(content)
    assert result.ok
    logs = {name: (project / name / "build.log").read_text(encoding="utf-8") for name, _ in BUILDS}
    return Deployed(project / "a" / "site", project / "b" / "site", project / "preview" / "site",
                    logs["preview"], logs["a"], content, project, result.catalog)
