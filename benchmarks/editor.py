"""Editor- and reader-side measurements for benchmarks/run.py (issue 16).

- ``check_changed``: `portal check --changed` after editing one article (cold, then warm cache; wall and CPU);
- ``serve_refresh``: `mkdocs serve --strict --dirty` (make serve): save an article → the page shows it;
- ``first_search``: a reader's first search in headless Chromium: bytes of Pagefind files transferred
  (as a static host sends them: Pagefind's chunks are gzip already, scripts and WebAssembly gzipped)
  and the time from typing to the first result.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
GIT_ENV = {**ENV, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_NAME": "Bench",
           "GIT_COMMITTER_EMAIL": "b@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, check=True, capture_output=True)


def _one_article(content: Path) -> Path:
    return sorted((content / "news").rglob("*.md"))[len(list((content / "news").rglob("*.md"))) // 2]


def check_changed(work: Path, warm_runs: int = 3) -> dict[str, Any]:
    """Time `portal check --changed` after one edit: cold (no .cache/), then ``warm_runs`` times warm;
    wall and CPU (the process and its git children) of each run."""
    content = work / "content"
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", "content")
    _git(work, "commit", "-q", "--no-gpg-sign", "-m", "corpus")
    article = _one_article(content)
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    shutil.rmtree(work / ".cache", ignore_errors=True)
    walls, cpus = [], []
    for _ in range(1 + warm_runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "generator", "check", "--changed", "--content", str(content)],
                              cwd=work, env=ENV, capture_output=True, text=True)
        walls.append(round(time.perf_counter() - started, 2))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2))
    return {"cold_s": walls[0], "cold_cpu_s": cpus[0], "warm_s": min(walls[1:]), "warm_wall_s": walls[1:],
            "warm_cpu_s": cpus[1:], "returncode": done.returncode}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def serve_refresh(work: Path, config: Path, edits: int = 3, limit: float = 900) -> dict[str, Any]:
    """Seconds from saving an article to `mkdocs serve` answering with the new text (best and median)."""
    content = work / "content"
    article = _one_article(content)
    url_path = "news/" + article.relative_to(content / "news").with_suffix("").as_posix() + "/"
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (work / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dirty", "-f", str(config),
                               "-a", f"127.0.0.1:{port}"],
                              cwd=work, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        started = time.perf_counter()
        while "<html" not in _get(base + url_path):
            if time.perf_counter() - started > limit or server.poll() is not None:
                return {"status": "first build did not finish"}
            time.sleep(0.5)
        first_build = time.perf_counter() - started
        time.sleep(2)  # let the watcher settle and the background index finish
        times = []
        for n in range(edits):
            marker = f"Benchmark edit number {n} marker"
            text = article.read_text(encoding="utf-8")
            article.write_text(text + f"\n{marker}.\n", encoding="utf-8")
            saved = time.perf_counter()
            while marker not in _get(base + url_path):
                if time.perf_counter() - saved > limit:
                    return {"status": "timeout", "first_build_s": round(first_build, 1)}
                time.sleep(0.05)
            times.append(time.perf_counter() - saved)
            time.sleep(3)
        times.sort()
        return {"status": "ok", "first_build_s": round(first_build, 1), "edit_to_page_s": round(times[0], 2),
                "edit_to_page_median_s": round(times[len(times) // 2], 2)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def first_search(site: Path, queries: list[str]) -> dict[str, Any]:
    """Per query, in a fresh browser: Pagefind bytes sent (as a static host would) and ms to results."""
    if not CHROMIUM.is_file():
        return {"status": f"no Chromium at {CHROMIUM}"}
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict[str, Any] = {"status": "ok"}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                sent: list[int] = []

                def count(response: Any, sent: list[int] = sent) -> None:
                    if "/pagefind/" in response.url:
                        body = response.body()
                        sent.append(len(body) if ".pf_" in response.url else len(gzip.compress(body, 6)))

                page.on("response", count)
                page.goto(base)
                box = page.locator("input.md-search__input")
                box.click()
                page.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for()
                started = time.perf_counter()
                box.fill(query)
                page.locator(".md-search-result__meta").filter(has_text="matching document").wait_for()
                elapsed = time.perf_counter() - started
                page.wait_for_load_state("networkidle")
                out[query] = {"kb": round(sum(sent) / 1024), "ms": round(elapsed * 1000),
                              "results": page.locator(".md-search-result__item").count()}
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def queries(files: dict[str, str]) -> list[str]:
    """A name query (the first organization's short name, else its name) and the commonest word."""
    import yaml

    name = "standards"
    for path in sorted(files):
        if path.startswith("organizations/"):
            front = yaml.safe_load(files[path].split("---\n")[1])
            name = front.get("short_name") or front["name"]
            break
    return [name, "standards"]
