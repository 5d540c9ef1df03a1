"""MkDocs adapter: wires the core pipeline into MkDocs's build events.

Nothing here knows about content rules or page layout: validation, the
catalog and the page plan live in the core; templates live in theme/.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

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
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from . import markdown as mdconfig
from . import sanitize
from .diagnostics import render
from .load.cache import ParseCache
from .outputs import publish, write_outputs
from .outputs.api import endpoints as api_endpoints
from .outputs.cards import write_cards
from .outputs.ids import DEFAULT_AUTHORITY, DEFAULT_DATE, InvalidTagId, TagIds
from .outputs.page import PageOutputs, page_card
from .outputs.search import INDEXED, SearchStep
from .outputs.site import latest
from .outputs.sitemap import lastmod
from .pages import plan as plan_mod
from .pages.collisions import collisions
from .pages.context import PageView, install
from .pages.incremental import Previous, TemplateCache, files_hash, fingerprints
from .pages.plan import PageSpec
from .pipeline import Result, build_catalog

log = logging.getLogger("mkdocs.plugins.portal")


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
        self._serve = False
        self.search: SearchStep | None = None
        # `mkdocs serve --dirty` (make serve): re-render only pages whose fingerprint changed.
        self._dirty = False
        self._parse_cache: ParseCache | None = None
        self._previous = Previous()
        self._templates = TemplateCache()
        self._fingerprints: dict[str, bytes] = {}
        self._html: dict[str, str] = {}  # rendered article bodies by id, for the feeds (kept across serve builds)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this plugin object across `serve` rebuilds.
        self._serve = command == "serve"
        self._dirty = self._serve and dirty
        if self._dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_exact_dirty_builds)

    # -- load, validate, catalog ------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("portal: 'use_directory_urls' must stay true; the portal's URLs depend on it")
        # The one Markdown configuration (generator/markdown.py), also used by `portal check` and the feeds.
        if config.markdown_extensions not in (["toc", "tables", "fenced_code"], mdconfig.EXTENSIONS):
            raise PluginError("portal: Markdown extensions are set in generator/markdown.py (so `portal check` "
                              "renders bodies exactly as the build does); remove markdown_extensions from mkdocs.yml")
        config.markdown_extensions = list(mdconfig.EXTENSIONS)
        config.mdx_configs = {k: dict(v) for k, v in mdconfig.EXTENSION_CONFIGS.items()}
        # Atomic publish: build into a staging folder, replace site_dir only when all went well.
        # A --dirty build (serve) rewrites only changed pages into the folder it finds, so it stays in place.
        if not any(arg in ("--dirty", "--dirtyreload") for arg in sys.argv):
            self._site_dir = config.site_dir
            config.site_dir = publish.prepare(config.site_dir)
        try:
            self.ids = TagIds(self.config.id_authority, self.config.id_date)
        except InvalidTagId as exc:
            raise PluginError(f"portal: {exc} (plugins: portal: in mkdocs.yml)") from None
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # A build with content errors stops here; site/ is only ever replaced by a whole build (publish.py).
        started = time.perf_counter()
        # `mkdocs serve` re-parses only the files whose bytes changed since the last build; the cache
        # is read from .cache/ once and then kept in memory for the life of the server.
        if self._serve and self._parse_cache is None:
            self._parse_cache = ParseCache.for_content(Path(config.docs_dir))
            self._parse_cache.save_in_background = True
        self.result = result = build_catalog(Path(config.docs_dir), cache=self._parse_cache)
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
        specs = plan_mod.plan(self.result.catalog, api_endpoints(self.result.catalog))
        clashes = collisions(specs)
        if clashes:
            log.error("content diagnostics:\n" + render(clashes, "text"))
            raise PluginError(f"portal: {len(clashes)} page address(es) used twice; rename the files named above")
        changed: set[str] | None = None
        if self._dirty:
            self._fingerprints = fingerprints(specs, self.result.catalog, self.result.tree, _code_and_theme(config))
            changed = self._previous.changed(self._fingerprints)
            log.info(f"portal: {len(changed)} of {len(specs)} pages changed")
            # MkDocs writes pages in this order: the changed ones first, so the edited page is ready
            # before the listings that merely show it. (Only in the preview; builds keep the plan's order.)
            specs = sorted(specs, key=lambda s: s.src_uri not in changed)
        for spec in specs:
            self.specs[spec.src_uri] = spec
            inclusion = InclusionLevel.INCLUDED if spec.src_uri in nav_uris else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content=spec.markdown, inclusion=inclusion)
            file.generated_by = "portal"
            if changed is not None:  # MkDocs's dirty build asks each file; the fingerprint answers
                # The instance attribute deliberately shadows the method File.is_modified (mypy: method-assign).
                file.is_modified = _answer(spec.src_uri in changed)  # type: ignore[method-assign]
            files.append(file)
        log.info(f"portal: planned {len(self.specs)} pages in {time.perf_counter() - started:.2f} s")
        self._done, self._started, self._template_s = 0, time.perf_counter(), 0.0
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and not spec.markdown.strip():
            # Listings and most entity pages have no Markdown: skip building a Markdown converter
            # (with every extension) just to turn "" into "".
            page.render = types.MethodType(_render_nothing, page)  # type: ignore[method-assign]
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            # Material prints meta title and description unescaped: hand it escaped Markup.
            page.meta.update({"title": escape(spec.title), "hide": _hidden(spec.kind)})
            if spec.description:
                page.meta["description"] = escape(spec.description)
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
            self._html[spec.node.id] = html  # for the feeds (outputs.write_outputs)
        return html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        install(env)
        env.globals["portal_lastmod"] = lambda src_uri: lastmod(self.specs.get(src_uri))  # theme/sitemap.xml
        if self._serve:
            env.bytecode_cache = self._templates
        self.env = env
        self.search = SearchStep(env, config.docs_dir, serve=self._serve)
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.env is not None and self.result is not None
        spec = self.specs.get(page.file.src_uri)
        catalog = self.result.catalog
        site_url = config.site_url.rstrip("/") + "/" if config.site_url else None
        outputs = PageOutputs(spec, catalog, config.site_name, config.site_description, site_url, self.ids)
        view = PageView(spec, catalog, site_url, outputs)
        # The template context takes any key; MkDocs's TypedDict names only its own.
        cast("dict[str, Any]", context)["portal"] = view
        if spec is not None:
            template = self.env.get_template(f"portal/{spec.template}")
            started = time.perf_counter()
            body_html = page.content or ""
            page.content = template.render({**context, "body_html": body_html})
            if spec.search and spec.node is not None and self.search is not None:
                self.search.add(spec.kind, spec.node, spec.url, body_html)
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
        self._write_outputs(config)
        log.info(f"portal: rendered {self._done} page templates in {self._template_s:.2f} s")
        if self.search is not None:
            # A build indexes into its staging folder, published whole; `serve` indexes in the background,
            # into the folder it serves.
            target = self._site_dir if self._serve and self._site_dir else config.site_dir
            self.search.finish(Path(target), log.info,
                               {s.url for s in self.specs.values() if s.search and s.kind in INDEXED})
        if self._dirty:
            for uri in self._previous.gone(self._fingerprints):  # a deleted or renamed file's old page
                stale = Path(config.site_dir) / plan_mod.PageSpec(uri, "", "", "").url / "index.html"
                stale.unlink(missing_ok=True)
            self._previous.pages = self._fingerprints
        counts = ", ".join(f"{n} {k}" for k, n in cat.counts().items())
        log.info(f"portal: built {len(self.specs)} pages: {counts}")
        if cat.drafts:
            log.info(f"portal: {len(cat.drafts)} draft(s) left out: " + ", ".join(cat.drafts))
        self._publish(config)

    def _write_outputs(self, config: MkDocsConfig) -> None:
        """Feeds, calendars, the data API and the social cards."""
        assert self.result is not None
        cat = self.result.catalog
        started = time.perf_counter()
        # A dirty build (serve) skips unchanged pages: their bodies stay from the build that rendered them.
        written = write_outputs(cat, Path(config.site_dir), config.site_url or None, ids=self.ids, rendered=self._html,
                                site_name=config.site_name, site_description=config.site_description or "")
        cache = Path(config.config_file_path).parent / self.config.cache_dir / "cards"
        written += write_cards([page_card(s, config.site_name) for s in self.specs.values()],
                               Path(config.site_dir), cache, config.site_name)
        if written:
            log.info(f"portal: wrote {len(written)} feeds, calendars, data files and social cards "
                     f"in {time.perf_counter() - started:.2f} s")

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


def _answer(modified: bool) -> Callable[[], bool]:
    """A File.is_modified that gives a fixed answer."""
    return lambda: modified


def _sanitize_toc(items: Iterable[AnchorLink]) -> None:
    """Table of contents entries: ids reduced to [A-Za-z0-9_-], titles sanitized and marked safe."""
    stack = list(items)
    while stack:
        item = stack.pop()
        item.id = sanitize.safe_name(item.id)
        item.title = Markup(sanitize.clean(str(item.title)))
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


def _exact_dirty_builds(record: logging.LogRecord) -> bool:
    """Drop MkDocs's warning that dirty builds may be inaccurate: the portal's fingerprints make them
    exact (generator/pages/incremental.py), and under --strict the warning would stop every build."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _code_and_theme(config: MkDocsConfig) -> bytes:
    """What every page is rendered with besides its data: theme, configuration, code and versions."""
    import material
    import mkdocs

    # Material's and MkDocs's own templates are covered by their versions (hashing them would read
    # thousands of icons per save).
    parts = [Path(__file__).parent] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    if config.config_file_path:
        parts.append(Path(config.config_file_path))
    return files_hash(parts) + f"{mkdocs.__version__} {material.__version__}".encode()


def _render_nothing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What Page.render leaves for an empty Markdown source, without building a converter."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
