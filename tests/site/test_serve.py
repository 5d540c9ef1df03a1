"""`make serve` (`mkdocs serve` + the portal plugin): a broken edit shows the diagnostics, keeps the last good site."""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..helpers import env, write_config, write_tree
from ..workbench import ACME_ARTICLE as ARTICLE
from ..workbench import run_portal

DEADLINE = 90  # seconds; a bound against hanging, not a timing assertion


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait(what: str, ready: Callable[[], bool], log: Path) -> None:
    end = time.monotonic() + DEADLINE
    while not ready():
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting for {what}; server output:\n{log.read_text(encoding='utf-8')}")
        time.sleep(0.2)


def _serve(tmp_path: Path, *extra: str) -> Iterator[tuple[Path, str, Path]]:
    content = write_tree(tmp_path / "content", {
        "index.md": "# Home\n",
        "organizations/acme.md": "---\nname: Acme Standards\n---\n",
        "organizations/beta.md": "---\nname: Beta Standards\n---\n",
        "news/2024/acme-opens.md": ARTICLE,
        "news/2023/beta-opens.md": ARTICLE.replace("  - acme\n", "  - beta\n").replace("Acme", "Beta")
                                          .replace("2024-05-06", "2023-05-06"),
    })
    write_config(tmp_path, content, nav=[{"Home": "index.md"}])
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}", *extra],
            cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, env=env(),
        )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    yield from _serve(tmp_path)


@pytest.fixture
def served_dirty(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """As `make serve` runs it: --strict --dirty."""
    yield from _serve(tmp_path, "--strict", "--dirty")


def test_a_broken_edit_keeps_the_last_good_build_and_shows_the_diagnostics(served: tuple[Path, str, Path]) -> None:
    project, base, log = served
    page = f"{base}/news/2024/acme-opens/"
    _wait("the first build", lambda: "Acme opened its doors" in _get(page)[1], log)
    # The preview runs under the published policy plus the one live-reload script MkDocs appends (issue 20).
    served = _get(page)[1]
    policy = re.search(r'http-equiv="Content-Security-Policy" content="[^"]*script-src ([^;"]*)', served)
    assert policy is not None and _reload_hash(served) in policy.group(1).split()

    article = project / "content/news/2024/acme-opens.md"
    article.write_text(ARTICLE.replace("  - acme\n", "  - acme-gone\n").replace("its doors", "its gates"),
                       encoding="utf-8")
    _wait("the failed rebuild", lambda: "still serving the last good build" in log.read_text(encoding="utf-8"),
          log)

    status, html = _get(page)  # answered at once, from the last good build
    assert status == 200 and "Acme opened its doors" in html and "its gates" not in html
    output = log.read_text(encoding="utf-8")
    code, expected, _ = run_portal(project, "check")
    assert code == 1 and "error[unknown-reference]" in expected
    assert expected.strip() in output  # the very same diagnostics as `portal check`
    assert "Traceback" not in output

    article.write_text(ARTICLE.replace("its doors", "its gates"), encoding="utf-8")
    _wait("the fixed rebuild", lambda: "Acme opened its gates" in _get(page)[1], log)


def _reload_hash(html: str) -> str:
    """The CSP hash of the live-reload script MkDocs appends to a served page (its last script)."""
    script = re.findall(r"<script>(.*?)</script>", html, re.S)[-1]
    assert "livereload(" in script
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def _unserved(html: str) -> str:
    """A served page without the reload script MkDocs injects (it carries the build's number), nor its hash."""
    return re.sub(r"livereload\(\d+, ?\d+\)", "", html.replace(_reload_hash(html) + " ", ""))


def _rendered(log: Path) -> list[tuple[int, int]]:
    """(pages changed, pages planned) of every build so far, from the plugin's log."""
    return [(int(a), int(b)) for a, b in re.findall(r"portal: (\d+) of (\d+) pages changed", log.read_text("utf-8"))]


def test_an_edit_re_renders_only_the_pages_it_affects(served_dirty: tuple[Path, str, Path]) -> None:
    """Issue 16: make serve re-renders the pages whose fingerprint changed, and the search index follows."""
    project, base, log = served_dirty
    page = f"{base}/news/2024/acme-opens/"
    _wait("the first build", lambda: "Acme opened its doors" in _get(page)[1], log)
    _wait("the first search index", lambda: "search index refreshed" in log.read_text("utf-8"), log)
    ((first, total),) = _rendered(log)
    assert first == total > 10  # everything, the first time
    beta_before = _unserved(_get(f"{base}/organizations/beta/")[1])
    feeds_before = {f: _get(f"{base}/{f}")[1] for f in ("feed.json", "organizations/acme/feed.json",
                                                         "organizations/beta/feed.json")}
    assert all("Acme opened its doors" in feeds_before[f] for f in ("feed.json", "organizations/acme/feed.json"))

    # A save that changes nothing re-renders no page and writes no feed, calendar, data file or card.
    article = project / "content/news/2024/acme-opens.md"
    wrote = log.read_text("utf-8").count("portal: wrote ")
    article.write_text(ARTICLE, encoding="utf-8")
    _wait("the rebuild after an unchanged save", lambda: len(_rendered(log)) == 2, log)
    _wait("the end of that build", lambda: log.read_text("utf-8").count("portal: built ") == 2, log)
    assert _rendered(log)[-1][0] == 0
    assert log.read_text("utf-8").count("portal: wrote ") == wrote

    article.write_text(ARTICLE.replace("its doors", "its gates"), encoding="utf-8")
    _wait("the rebuild", lambda: "Acme opened its gates" in _get(page)[1], log)
    # The edited article's feeds follow; Beta's feed, which does not show it, is the same file.
    for feed in ("feed.json", "organizations/acme/feed.json"):
        text = _get(f"{base}/{feed}")[1]
        assert "Acme opened its gates" in text and "Acme opened its doors" not in text, feed
    assert _get(f"{base}/organizations/beta/feed.json")[1] == feeds_before["organizations/beta/feed.json"]
    changed, planned = _rendered(log)[-1]
    # The article, the listings and entity pages that show it, and nothing else: not Beta's page.
    assert 0 < changed < planned // 2, _rendered(log)
    assert _unserved(_get(f"{base}/organizations/beta/")[1]) == beta_before  # not re-rendered
    assert "Acme opened its gates" in _get(f"{base}/news/")[1] or "Acme opens" in _get(f"{base}/news/")[1]
    assert "Traceback" not in log.read_text("utf-8")

    # Renaming a file re-renders every page that showed it, and its old page goes.
    old = project / "content/news/2023/beta-opens.md"
    old.rename(old.with_name("beta-opened.md"))
    _wait("the rebuild after a rename", lambda: _get(f"{base}/news/2023/beta-opens/")[0] == 404, log)
    assert _get(f"{base}/news/2023/beta-opened/")[0] == 200
    for listing in ("news/", "organizations/beta/", ""):
        html = _get(f"{base}/{listing}")[1]
        assert "beta-opened/" in html and "beta-opens/" not in html, listing
