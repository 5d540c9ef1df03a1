"""Take the design screenshots kept in docs/screenshots/ (home, article, timeline, organization, standards).

Usage: .venv/bin/python scripts/screenshots.py [SITE_DIR]   (default: site/, built by `make build`)
Serves the built site on 127.0.0.1 and drives Debian's chromium with Playwright.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = {
    "home": "",
    "article": "news/2017/take-the-lead-in-standardization-services/",
    "timeline": "timeline/",
    "organization": "organizations/smbqts/",
    "standards": "standards/",
}
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for vp_name, (width, height) in VIEWPORTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, url in PAGES.items():
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                path = OUT / f"{name}-{vp_name}.png"
                page.screenshot(path=str(path), full_page=vp_name == "desktop")
                print(path.relative_to(ROOT))
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
