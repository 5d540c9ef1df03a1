"""Material's navigation and tabs, rendered once per folder for the generated pages.

Material renders its whole site navigation (``partials/nav.html``) and the tabs (``partials/tabs.html``)
around every page: ≈12% of a build (issue 16 profile). The portal's generated pages (articles, entity
pages, listings) are not in the nav, so on each of them no nav item is active and the two partials
differ only by their links, which MkDocs makes relative to the page's URL. Two pages in the same folder
(``news/2024/a/`` and ``news/2024/b/``) get the same relative links to every nav page, so the partials
are rendered once per folder and reused. theme/main.html calls ``portal_include`` where Material
includes them; pages in the nav, and any page a nav page lies below, are rendered as Material does.
tests/site/test_render_workers.py and test_chrome_cache.py check the output is byte-identical.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

CACHED = ("partials/nav.html", "partials/tabs.html")
ENABLED = True  # tests turn it off to compare with Material's own includes


class ChromeCache:
    def __init__(self, env: jinja2.Environment, nav_urls: set[str]) -> None:
        self.env = env
        self.nav_urls = nav_urls
        self.store: dict[tuple[str, str], Markup] = {}

    def key(self, page: Any) -> str | None:
        """The folder of a page outside the nav, or None when its partials must be rendered for it."""
        url = getattr(page, "url", None)
        if not ENABLED or url is None or not url.endswith("/") or url.count("/") < 2:
            return None
        file = getattr(page, "file", None)
        if file is None or file.inclusion.is_in_nav() or any(u.startswith(url) for u in self.nav_urls):
            return None
        folder: str = url[: url.rstrip("/").rfind("/") + 1]
        return folder

    def include(self, context: jinja2.runtime.Context, name: str) -> Markup:
        """What ``{% include name %}`` renders here, from the cache when the page's folder has it."""
        template = self.env.get_template(name)
        key = self.key(context.get("page")) if name in CACHED else None
        if key is None:
            return Markup(template.render(context.get_all()))
        found = self.store.get((name, key))
        if found is None:
            found = self.store[(name, key)] = Markup(template.render(context.get_all()))
        return found


def install(env: jinja2.Environment, nav_urls: set[str]) -> ChromeCache:
    cache = ChromeCache(env, nav_urls)

    @jinja2.pass_context
    def portal_include(context: jinja2.runtime.Context, name: str) -> Markup:
        return cache.include(context, name)

    env.globals["portal_include"] = portal_include
    return cache
