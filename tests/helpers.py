"""Shared test helpers: build sites, write content trees, read built HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The repository's own content. Tests may only check content-agnostic invariants on it (marker ``live``,
# and through tests/live.py, which honours PORTAL_TEST_ROOT); behaviour tests use the fixture site.
CONTENT = ROOT / "content"


def env() -> dict[str, str]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "1700000000")
    # A test that wants an address passes site_url itself: a PORTAL_SITE_URL in the caller's shell must not leak in.
    inherited = {k: v for k, v in os.environ.items() if k != "PORTAL_SITE_URL"}
    return {**inherited, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; MkDocs's `!ENV` tag reads as unset, so copies build without an address unless told."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def load_mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def write_config(project: Path, content: Path, **overrides: object) -> Path:
    """A copy of the real mkdocs.yml pointing at ``content``, with absolute theme paths."""
    config = load_mkdocs_config()
    config["docs_dir"] = str(content)
    config["site_dir"] = str(project / "site")
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    config.update(overrides)
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def mkdocs_build(config: Path, site_dir: Path | None = None, *extra: str) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    if site_dir is not None:
        args += ["-d", str(site_dir)]
    return subprocess.run([*args, *extra], capture_output=True, text=True, env=env(), cwd=config.parent, timeout=900)


def portal(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          env=env(), cwd=cwd, timeout=300)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} (text dedented) below root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def copy_content(dest: Path) -> Path:
    shutil.copytree(CONTENT, dest)
    return dest


class _Text(HTMLParser):
    SKIP = frozenset({"script", "style", "template", "noscript"})  # never shown as text

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def text_parts(html: str) -> list[str]:
    """The visible text runs of a page, in order, as the parser found them."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.parts


def page_text(html: str) -> str:
    """Visible text of a page, whitespace collapsed."""
    return " ".join(" ".join(text_parts(html)).split())


def read_page(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8") if url.strip("/") else \
        (site / "index.html").read_text(encoding="utf-8")


def walk(value: Any) -> list[dict[str, Any]]:
    """Every JSON object inside ``value`` (JSON-LD graphs, API records), nested ones included."""
    out: list[dict[str, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            out.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out
