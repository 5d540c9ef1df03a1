"""A person's role as it was at a report's date (issue 21): 'president, IEC' on a 2004 report, whatever the
person became later; no role at all on a report from before any role is known."""

from __future__ import annotations

from pathlib import Path

import html5lib

from generator.dates import PartialDate
from generator.pipeline import build_catalog

from ..helpers import mkdocs_build, write_config, write_tree

ARTICLE = ("---\ntitle: {title}\ndate: \"{date}\"\nsummary: S.\nsource: {{name: X}}\norganizations: [iec]\n"
           "people: [sei]\n---\nText.\n")
CONTENT = {
    "index.md": "# Home\n", "about.md": "# About\n", "contribute.md": "# Contribute\n",
    "organizations/iec.md": "---\nname: International Electrotechnical Commission\nshort_name: IEC\n---\n",
    "people/sei.md": "---\nname: Sei Example\nroles:\n"
                     "  - {title: vice-president, organization: iec, from: \"2001\", to: \"2003-06\"}\n"
                     "  - {title: president, organization: iec, from: \"2003-07\", to: \"2005\"}\n"
                     "  - {title: honorary member, organization: iec, from: \"2010-05-01\"}\n---\n",
    "news/2000/early.md": ARTICLE.format(title="Early", date="2000-03-01"),
    "news/2003/spring.md": ARTICLE.format(title="Spring", date="2003-03"),
    "news/2004/award.md": ARTICLE.format(title="Award", date="2004-10-12"),
    "news/2005/late.md": ARTICLE.format(title="Late", date="2005-12-31"),
    "news/2012/now.md": ARTICLE.format(title="Now", date="2012-01-01"),
}


def test_role_at_a_date(tmp_path: Path) -> None:
    person = build_catalog(write_tree(tmp_path / "content", CONTENT)).catalog.people["sei"]
    at = {d: person.role_label(PartialDate.parse(d)) for d in ("2000-03-01", "2003-03", "2004-10-12", "2005-12-31",
                                                               "2007", "2012-01-01")}
    assert at == {"2000-03-01": None, "2003-03": "vice-president, IEC", "2004-10-12": "president, IEC",
                  "2005-12-31": "president, IEC",  # 'to: 2005' holds through 2005
                  "2007": None, "2012-01-01": "honorary member, IEC"}
    assert person.role_label() == "honorary member, IEC"  # the people index: the latest


def test_article_pages_show_the_role_of_their_date(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", CONTENT)
    run = mkdocs_build(write_config(tmp_path, content))
    assert run.returncode == 0, run.stderr

    def chip(url: str) -> str:
        tree = html5lib.parse((tmp_path / "site" / url / "index.html").read_text(encoding="utf-8"),
                              namespaceHTMLElements=False)
        [a] = [a for a in tree.iter("a") if a.get("href", "").endswith("people/sei/")
               and "portal-chip" in a.get("class", "")]
        return " ".join("".join(a.itertext()).split())

    assert chip("news/2004/award") == "Sei Example president, IEC"
    assert chip("news/2000/early") == "Sei Example"
    assert chip("news/2012/now") == "Sei Example honorary member, IEC"
