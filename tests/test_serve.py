"""`make serve` (`mkdocs serve` + the portal plugin): a broken edit shows the diagnostics, keeps the last good site."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .helpers import env, write_config, write_tree
from .workbench import ACME_ARTICLE as ARTICLE
from .workbench import run_portal

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


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    content = write_tree(tmp_path / "content", {
        "index.md": "# Home\n",
        "organizations/acme.md": "---\nname: Acme Standards\n---\n",
        "news/2024/acme-opens.md": ARTICLE,
    })
    write_config(tmp_path, content, nav=[{"Home": "index.md"}])
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
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


def test_a_broken_edit_keeps_the_last_good_build_and_shows_the_diagnostics(served: tuple[Path, str, Path]) -> None:
    project, base, log = served
    page = f"{base}/news/2024/acme-opens/"
    _wait("the first build", lambda: "Acme opened its doors" in _get(page)[1], log)

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
