"""The Hugo baseline of benchmarks/run.py: the same `portal synth` corpus as a Hugo site.

Articles become pages under content/news/<year>/ with organizations, people, places and topics as
taxonomies (their entity files become the term pages' _index.md, so terms carry their names), events
become pages, and the minimal layouts in benchmarks/hugo/layouts render a page per article, paginated
listings and a page per term. Pagefind then indexes the articles (data-pagefind-body) as the portal's
search does. Hugo is Debian's package, installed here with apt-get when it is missing (needs root).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

LAYOUTS = Path(__file__).parent / "hugo" / "layouts"
TAXONOMIES = {"organizations": "organization", "people": "person", "places": "place", "topics": "topic"}


def ensure_hugo() -> str | None:
    """Path of the hugo binary, installing Debian's package if it is missing; None if that fails."""
    found = shutil.which("hugo")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt:
        subprocess.run([apt, "install", "-y", "-qq", "hugo"], capture_output=True,
                       env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    return shutil.which("hugo")


def _date(value: str) -> str:
    parts = str(value).split("-")
    return "-".join([parts[0], *[*parts[1:], "01", "01"][:2]])


def _split(text: str) -> tuple[dict[str, Any], str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def write_site(files: dict[str, str], root: Path) -> Path:
    """Write the corpus as a Hugo site under ``root``; returns the site folder."""
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    shutil.copytree(LAYOUTS, root / "layouts")
    config = {"baseURL": "/", "title": "Standards News Portal (Hugo baseline)", "languageCode": "en",
              "taxonomies": {v: k for k, v in TAXONOMIES.items()}, "disableKinds": ["sitemap"]}
    (root / "hugo.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    topics: dict[str, Any] = {}
    for rel, text in sorted(files.items()):
        top = rel.split("/")[0]
        if rel == "topics.yml":
            topics = yaml.safe_load(text) or {}
            continue
        if top == "news":
            front, body = _split(text)
            out = {"title": front["title"], "date": _date(front["date"]), "summary": front.get("summary", ""),
                   "source": front.get("source") or {}}
            out.update({tax: front.get(tax) or [] for tax in TAXONOMIES})
        elif top in TAXONOMIES:
            front, body = _split(text)
            rel = f"{top}/{Path(rel).stem}/_index.md"
            out = {"title": front.get("name", Path(rel).stem)}
        elif top == "events":
            front, body = _split(text)
            out = {"title": front["title"], "date": _date(front["date"]), "summary": front.get("summary", "")}
        else:
            continue
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + yaml.safe_dump(out, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    for topic_id, topic in topics.items():
        path = content / "topics" / topic_id / "_index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + yaml.safe_dump({"title": topic.get("name", topic_id)}, allow_unicode=True)
                        + "---\n" + (topic.get("description") or ""), encoding="utf-8")
    return root
