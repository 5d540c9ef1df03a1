"""MkDocs adapter: wires the core pipeline into MkDocs's build events.

Nothing here knows about content rules or page layout: validation, the
catalog and the page plan live in the core; templates live in theme/.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import CountHandler

from . import mdconfig, publish, sanitize
from .diagnostics import render
from .outputs import write_outputs
from .outputs.cards import write_cards
from .outputs.ids import DEFAULT_AUTHORITY, DEFAULT_DATE, InvalidTagId, TagIds
from .outputs.page import page_card
from .outputs.site import latest
from .outputs.sitemap import lastmod
from .pipeline import Result, build_catalog
from .site import plan as plan_mod
from .site.collisions import collisions
from .site.context import PageView, install
from .site.plan import PageSpec

log = logging.getLogger("mkdocs.plugins.portal")

# Material's per-page search boost: an entity's own page outranks the articles and events that
# merely mention its name (docs/search.md).
SEARCH_BOOST = {"organization": 2.0, "person": 2.0, "place": 2.0, "topic": 2.0}


class PortalConfig(Config):
    progress_every = opt.Type(float, default=0.1)  # log progress every 10% of pages
    # Permanent ids (feed items, calendar UIDs, JSON-LD @ids) are tag: URIs from these (outputs/ids.py):
    # set them once, to a domain (or e-mail address) the publisher held on that date, and never change them.
    id_authority = opt.Type(str, default=DEFAULT_AUTHORITY)
    id_date = opt.Type(str, default=DEFAULT_DATE)
    cache_dir = opt.Type(str, default=".cache/portal")  # social cards drawn once, relative to mkdocs.yml


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.result: Result | None = None
        self.specs: dict[str, PageSpec] = {}
        self.env: jinja2.Environment | None = None
        self._site_dir: str | None = None  # where the finished build goes (config.site_dir is staging)
        self._done = 0
        self._started = 0.0
        self._template_s = 0.0  # time in our page templates, logged for benchmarks/run.py
        self._epoch: str | None = None  # the SOURCE_DATE_EPOCH this plugin set, if any
        self.ids = TagIds()

    # -- load, validate, catalog ------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("portal: 'use_directory_urls' must stay true; the portal's URLs depend on it")
        # The one Markdown configuration (generator/mdconfig.py), also used by `portal check` and the feeds.
        if config.markdown_extensions not in (["toc", "tables", "fenced_code"], mdconfig.EXTENSIONS):
            raise PluginError("portal: Markdown extensions are set in generator/mdconfig.py (so `portal check` "
                              "renders bodies exactly as the build does); remove markdown_extensions from mkdocs.yml")
        config.markdown_extensions = list(mdconfig.EXTENSIONS)
        config.mdx_configs = {k: dict(v) for k, v in mdconfig.EXTENSION_CONFIGS.items()}
        # Atomic publish: build into a staging folder, replace site_dir only when all went well.
        # A --dirty build (serve) rewrites only changed pages into the folder it finds, so it stays in place.
        if not any(arg in ("--dirty", "--dirtyreload") for arg in sys.argv):
            self._site_dir = config.site_dir
            config.site_dir = publish.prepare(config.site_dir)
        # jieba (Material's Chinese segmenter for the search index) logs its dictionary loading at DEBUG.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        try:
            self.ids = TagIds(self.config.id_authority, self.config.id_date)
        except InvalidTagId as exc:
            raise PluginError(f"portal: {exc} (plugins: portal: in mkdocs.yml)") from None
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # A build with content errors stops here; site/ is only ever replaced by a whole build (publish.py).
        started = time.perf_counter()
        self.result = result = build_catalog(Path(config.docs_dir))
        items = result.report.items
        if items:
            text = render(items, "text")
            (log.error if result.report.has_errors else log.warning)("content diagnostics:\n" + text)
        if result.report.has_errors:
            raise PluginError(
                f"portal: {result.report.summary()} in content; fix them and build again "
                "(run 'portal check' for the same list)"
            )
        counts = ", ".join(f"{n} {k}" for k, n in result.catalog.counts().items())
        log.info(f"portal: catalog of {counts} in {time.perf_counter() - started:.2f} s")
        # Reproducible output: MkDocs dates the sitemap (and its gzip header) by SOURCE_DATE_EPOCH,
        # else by the clock. Unless the caller set it, use the newest date in the content.
        if os.environ.get("SOURCE_DATE_EPOCH") in (None, self._epoch):
            # Clamped to what a gzip header holds (validation keeps dates within 1000–2100 anyway).
            self._epoch = os.environ["SOURCE_DATE_EPOCH"] = publish.source_date_epoch(latest(result.catalog))

    # -- pages ---------------------------------------------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.result is not None
        started = time.perf_counter()
        # Every content file is replaced by the pages planned from the catalog; only images
        # are copied as they are. (Theme files have another src_dir and stay.)
        assets = set(self.result.tree.assets)
        for file in list(files):
            if file.src_dir == config.docs_dir and file.src_uri not in assets:  # MkDocs sets it verbatim
                files.remove(file)
        self.specs = {}
        nav_uris = _nav_uris(config.nav)
        specs = plan_mod.plan(self.result.catalog)
        clashes = collisions(specs)
        if clashes:
            log.error("content diagnostics:\n" + render(clashes, "text"))
            raise PluginError(f"portal: {len(clashes)} page address(es) used twice; rename the files named above")
        for spec in specs:
            self.specs[spec.src_uri] = spec
            inclusion = InclusionLevel.INCLUDED if spec.src_uri in nav_uris else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content=spec.markdown, inclusion=inclusion)
            file.generated_by = "portal"
            files.append(file)
        log.info(f"portal: planned {len(self.specs)} pages in {time.perf_counter() - started:.2f} s")
        self._done, self._started, self._template_s = 0, time.perf_counter(), 0.0
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            # Material prints meta title and description unescaped: hand it escaped Markup.
            page.meta.update({"title": escape(spec.title), "hide": _hidden(spec.kind)})
            if spec.description:
                page.meta["description"] = escape(spec.description)
            if not spec.search:
                page.meta["search"] = {"exclude": True}
            elif spec.kind in SEARCH_BOOST:
                page.meta["search"] = {"boost": SEARCH_BOOST[spec.kind]}
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        # Every body is sanitized as `portal check` sanitized it; the table of contents gets the
        # same treatment, since Material prints its ids and titles outside the body.
        html = sanitize.clean(html)
        _sanitize_toc(page.toc)
        if spec.kind == "article" and spec.node is not None:
            spec.node.html = html  # type: ignore[attr-defined]  # for feeds and the data API
        return html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        install(env)
        env.globals["portal_lastmod"] = lambda src_uri: lastmod(self.specs.get(src_uri))  # theme/sitemap.xml
        self.env = env
        return env

    @event_priority(100)  # before Material's search indexes page.content
    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        assert self.env is not None and self.result is not None
        spec = self.specs.get(page.file.src_uri)
        view = PageView(spec, self.result.catalog, config, self.ids)
        context["portal"] = view
        if spec is not None:
            template = self.env.get_template(f"portal/{spec.template}")
            started = time.perf_counter()
            page.content = template.render({**context, "body_html": page.content or ""})
            self._template_s += time.perf_counter() - started
        self._progress()
        return context

    def _progress(self) -> None:
        self._done += 1
        total = len(self.specs)
        step = max(1, int(total * self.config.progress_every))
        if total >= 500 and self._done % step == 0:
            rate = self._done / max(time.perf_counter() - self._started, 1e-9)
            log.info(f"portal: rendered {self._done}/{total} pages ({rate:.0f} pages/s)")

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        # Stock `mkdocs serve` stalls every request after a failed rebuild. Content errors stop
        # the build in on_pre_build, before MkDocs cleans the site folder, so the last good build
        # is still whole (builds go to a staging folder first): keep serving it while the terminal shows
        # the diagnostics.
        server.builder = _keep_last_good(server.builder)
        return server

    @event_priority(-100)  # last: other plugins (search) still write into the staging folder
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.result is not None
        cat = self.result.catalog
        started = time.perf_counter()
        written = write_outputs(cat, Path(config.site_dir), config.site_url or None, ids=self.ids,
                                site_name=config.site_name, site_description=config.site_description or "")
        cache = Path(config.config_file_path).parent / self.config.cache_dir / "cards"
        written += write_cards([page_card(s, config.site_name) for s in self.specs.values()],
                               Path(config.site_dir), cache, config.site_name)
        if written:
            log.info(f"portal: wrote {len(written)} feeds, calendars, data files and social cards "
                     f"in {time.perf_counter() - started:.2f} s")
        log.info(f"portal: rendered {self._done} page templates in {self._template_s:.2f} s")
        counts = ", ".join(f"{n} {k}" for k, n in cat.counts().items())
        log.info(f"portal: built {len(self.specs)} pages: {counts}")
        if cat.drafts:
            log.info(f"portal: {len(cat.drafts)} draft(s) left out: " + ", ".join(cat.drafts))
        self._publish(config)

    def _publish(self, config: MkDocsConfig) -> None:
        if self._site_dir is None:
            return  # built in place
        # In strict mode MkDocs aborts after on_post_build when warnings were logged: that build
        # failed too, so it must not replace the site.
        counted = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
        staging, config.site_dir = config.site_dir, self._site_dir  # callers (gh-deploy) read it after
        if config.strict and any(h.get_counts() for h in counted):
            publish.discard(staging)
            return
        publish.replace(staging, self._site_dir)
        log.info(f"portal: published the build to {self._site_dir}")

    def on_build_error(self, *, error: Exception) -> None:
        # Whatever failed, the previous site stays as it was; the half-written staging folder goes.
        if self._site_dir is not None:
            publish.discard(publish.staging_for(self._site_dir))
            log.error(f"portal: the build failed, so {self._site_dir} was left as it was")


def _sanitize_toc(items: list[AnchorLink]) -> None:
    """Table of contents entries: ids reduced to [A-Za-z0-9_-], titles sanitized and marked safe."""
    stack = list(items)
    while stack:
        item = stack.pop()
        item.id = sanitize.safe_name(item.id)
        item.title = Markup(sanitize.clean(str(item.title)))  # type: ignore[assignment]
        stack.extend(item.children)


def _nav_uris(nav: Any) -> set[str]:
    """Source paths named in the configured nav (they are the only pages in it)."""
    out: set[str] = set()
    stack = list(nav or [])
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            out.add(item)
    return out


def _hidden(kind: str) -> list[str]:
    # With navigation tabs, Material's left sidebar only repeats the current tab; the phone
    # drawer is unaffected. Only articles have headings worth a table of contents.
    return ["navigation"] if kind == "article" else ["navigation", "toc"]


def _keep_last_good(build: Callable[..., Any]) -> Callable[..., Any]:
    def rebuild(*args: Any, **kwargs: Any) -> None:
        try:
            build(*args, **kwargs)
        except (Abort, BuildError):  # MkDocs's own build errors; anything else keeps its traceback
            log.error("portal: the site was not rebuilt; still serving the last good build. "
                      "Fix the problems listed above and save again.")
    return rebuild
