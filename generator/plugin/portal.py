"""MkDocs adapter: wires the core pipeline into MkDocs's build events. Nothing here knows about content
rules or page layout: validation, the catalog and the page plan live in the core; templates in theme/."""

from __future__ import annotations

import logging
import os
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import jinja2
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import markdown as mdconfig
from .. import sanitize
from ..diagnostics import render
from ..outputs import publish, webfont, write_outputs
from ..outputs.api import endpoints as api_endpoints
from ..outputs.cards import write_cards
from ..outputs.ids import DEFAULT_AUTHORITY, DEFAULT_DATE, InvalidTagId, TagIds
from ..outputs.page import PageOutputs, page_card
from ..outputs.search_step import SearchStep
from ..outputs.site import latest
from ..outputs.sitemap import lastmod
from ..pages import plan as plan_mod
from ..pages.collisions import collisions
from ..pages.context import PageView, install
from ..pages.designation_links import DesignationLinks
from ..pages.plan import PageSpec
from ..pipeline import Result, build_catalog
from . import chrome, glue, workers
from .preview import Preview

log = logging.getLogger("mkdocs.plugins.portal")


class PortalConfig(Config):
    progress_every = opt.Type(float, default=0.1)  # log progress every 10% of pages
    # Permanent ids (feed items, calendar UIDs, JSON-LD @ids) are tag: URIs from these (outputs/ids.py):
    # set them once, to a domain (or e-mail address) the publisher held on that date, and never change them.
    id_authority = opt.Type(str, default=DEFAULT_AUTHORITY)
    id_date = opt.Type(str, default=DEFAULT_DATE)
    cache_dir = opt.Type(str, default=".cache/portal")  # social cards drawn once, relative to mkdocs.yml
    # A full build reuses the parse cache of `make serve` and `portal check` (.cache/, beside the content)
    # when asked: CI keeps .cache/ between runs (PORTAL_BUILD_CACHE=true, mkdocs.yml). Same site either way.
    build_cache = opt.Type(bool, default=False)


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.result: Result | None = None
        self.specs: dict[str, PageSpec] = {}
        self.env: jinja2.Environment | None = None
        self._site_dir: str | None = None  # where the finished build goes (config.site_dir: self._staging)
        self._staging = ""
        self._progress = workers.Progress()  # pages rendered and time in our templates (for benchmarks/run.py)
        self._epoch: str | None = None  # the SOURCE_DATE_EPOCH this plugin set, if any
        self.ids = TagIds()
        self.search: SearchStep | None = None
        self._markdown: glue.SharedMarkdown | None = None
        # `mkdocs serve`; with --dirty (make serve): re-render only pages whose fingerprint changed.
        self._serve = self._dirty = False
        self._parse_cache: glue.ParseCache | None = None
        self._preview = Preview()
        self._nav: Navigation | None = None
        self._worker: workers.Worker | None = None
        self._html: dict[str, str] = {}  # rendered article bodies by id, for the feeds (kept across serve builds)
        self._links: DesignationLinks | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this plugin object across `serve` rebuilds.
        self._serve = command == "serve"
        self._dirty = self._serve and dirty

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
        # Atomic publish (outputs/publish.py), except for --dirty builds, which rewrite changed pages in place.
        if not any(arg in ("--dirty", "--dirtyreload") for arg in sys.argv):
            staging = glue.prepare_staging(config.site_dir)
            self._site_dir, self._staging, config.site_dir = config.site_dir, staging, staging
        if self._dirty:
            self._preview.configure(config)
        try:
            self.ids = TagIds(self.config.id_authority, self.config.id_date)
        except InvalidTagId as exc:
            raise PluginError(f"portal: {exc} (plugins: portal: in mkdocs.yml)") from None
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # A build with content errors stops here; site/ is only ever replaced by a whole build (publish.py).
        started = time.perf_counter()
        self._markdown = glue.SharedMarkdown(config) if glue.SHARE_MARKDOWN else None
        if self._parse_cache is None and (self._serve or self.config.build_cache):
            self._parse_cache = glue.parse_cache(Path(config.docs_dir), serve=self._serve)
        self.result = result = build_catalog(Path(config.docs_dir), cache=self._parse_cache)
        glue.log_report(result.report)
        if result.report.has_errors:
            raise PluginError(
                f"portal: {result.report.summary()} in content; fix them and build again "
                "(run 'portal check' for the same list)"
            )
        counts = ", ".join(f"{n} {k}" for k, n in result.catalog.counts().items())
        log.info(f"portal: catalog of {counts} in {time.perf_counter() - started:.2f} s")
        # Reproducible output: MkDocs dates the sitemap (and its gzip header) by SOURCE_DATE_EPOCH, else by the
        # clock. Unless the caller set it, use the newest date in the content (clamped to what gzip holds).
        if os.environ.get("SOURCE_DATE_EPOCH") in (None, self._epoch):
            self._epoch = os.environ["SOURCE_DATE_EPOCH"] = publish.source_date_epoch(latest(result.catalog))

    # -- pages ---------------------------------------------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.result is not None
        started = time.perf_counter()
        # Content files give way to the pages planned from the catalog; images (and theme files) stay.
        assets = set(self.result.tree.assets)
        for file in list(files):
            if file.src_dir == config.docs_dir and file.src_uri not in assets:  # MkDocs sets it verbatim
                files.remove(file)
        self.specs = {}
        nav_uris = glue.nav_uris(config.nav)
        specs = plan_mod.plan(self.result.catalog, api_endpoints(self.result.catalog))
        self._links = DesignationLinks(self.result.catalog)
        clashes = collisions(specs)
        if clashes:
            log.error("content diagnostics:\n" + render(clashes, "text"))
            raise PluginError(f"portal: {len(clashes)} page address(es) used twice; rename the files named above")
        changed: set[str] | None = None
        if self._dirty:
            changed = self._preview.plan(specs, self.result, config)
            log.info(f"portal: {len(changed)} of {len(specs)} pages changed")
            # Preview only: changed pages first, so the edited page is ready before the listings showing it.
            specs = sorted(specs, key=lambda s: s.src_uri not in changed)
        for spec in specs:
            self.specs[spec.src_uri] = spec
            inclusion = InclusionLevel.INCLUDED if spec.src_uri in nav_uris else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content=spec.markdown, inclusion=inclusion)
            file.generated_by = "portal"
            file.edit_uri = glue.edit_source(spec, Path(config.docs_dir))  # "edit this page", if configured
            if changed is not None:  # MkDocs's dirty build asks each file; the fingerprint answers (shadowing)
                file.is_modified = glue.answer(spec.src_uri in changed)  # type: ignore[method-assign]
            files.append(file)
        log.info(f"portal: planned {len(self.specs)} pages in {time.perf_counter() - started:.2f} s")
        self._progress = workers.Progress(started=time.perf_counter())
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return page
        # A body is content only: MkDocs must not read page settings from it (glue.content_only).
        page.read_source = types.MethodType(glue.content_only(spec.markdown), page)  # type: ignore[method-assign]
        if not spec.markdown.strip():  # listings and most entity pages: no converter to turn "" into ""
            page.render = types.MethodType(glue.render_nothing, page)  # type: ignore[method-assign]
        elif self._markdown is not None:  # one converter for the build's pages
            page.render = types.MethodType(self._markdown.render, page)  # type: ignore[method-assign]
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        glue.set_meta(page, self.specs.get(page.file.src_uri), self._links)  # the only page settings there are
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        # Every body is sanitized as `portal check` sanitized it; the table of contents gets the
        # same treatment, since Material prints its ids and titles outside the body.
        html = sanitize.clean(html)
        glue.sanitize_toc(page.toc)
        if spec.kind == "article" and spec.node is not None:
            self._html[spec.node.id] = html  # for the feeds (outputs.write_outputs)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return glue.with_policy(output, page.file.src_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return glue.with_policy(output_content, template_name, static=True)

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        install(env)
        chrome.install(env, {p.url for p in self._nav.pages} if self._nav else set())
        env.globals["portal_lastmod"] = lambda src_uri: lastmod(self.specs.get(src_uri))  # theme/sitemap.xml
        if self._serve:
            env.bytecode_cache = self._preview.templates
        self.env = env
        self.search = SearchStep(env, config.docs_dir, serve=self._serve)
        if workers.wanted(self._serve, len(self.specs)):  # a forked worker renders every other page
            progress = self._progress
            self._worker = workers.start(env, files, config, self._nav, set(self.specs),
                                         lambda: workers.Outcome.of(progress))
        if not self._serve:  # every body is converted: Pagefind indexes while the pages render
            glue.index_early(self.search, self.specs, files, Path(config.site_dir))
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.env is not None and self.result is not None
        spec = self.specs.get(page.file.src_uri)
        if self._worker is not None and page.file.src_uri in self._worker.uris:
            return context  # rendered and written by the worker (workers.py)
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
            if self._serve and spec.search and spec.node is not None and self.search is not None:
                self.search.add(spec.kind, spec.node, spec.url, body_html)
            self._progress.template_s += time.perf_counter() - started
        self._progress.tick(len(self.specs), self.config.progress_every)
        return context

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
                 ) -> LiveReloadServer:
        return glue.serving(server)

    @event_priority(-100)  # last: other plugins (search) still write into the staging folder
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.result is not None
        cat = self.result.catalog
        if self._worker is not None:  # its pages and time join ours
            worker, self._worker = self._worker, None
            worker.collect().merge_into(self._progress)
        log.info(f"portal: rendered {self._progress.done} page templates in {self._progress.template_s:.2f} s")
        if self.search is not None and self._serve:
            # (A build indexes from on_env on.) `serve` indexes in the background into the folder it serves.
            target = self._site_dir if self._serve and self._site_dir else config.site_dir
            self.search.start(Path(target), log.info, {s.url for s in self.specs.values() if s.search})
        try:
            self._write_outputs(config)
        finally:
            if self.search is not None:
                self.search.wait()
        if self._dirty:
            self._preview.done(config.site_dir)
        log.info(f"portal: built {len(self.specs)} pages: " + ", ".join(f"{n} {k}" for k, n in cat.counts().items()))
        self._progress.log_memory()
        if cat.drafts:
            log.info(f"portal: {len(cat.drafts)} draft(s) left out: " + ", ".join(cat.drafts))
        if self._site_dir is not None:  # else built in place
            glue.publish_staging(config, self._site_dir)

    def _write_outputs(self, config: MkDocsConfig) -> None:
        """Feeds, calendars, the data API, the social cards and the CJK web font."""
        assert self.result is not None
        cat, site, started = self.result.catalog, Path(config.site_dir), time.perf_counter()
        cache = Path(config.config_file_path).parent / self.config.cache_dir
        if self._dirty:  # only the outputs whose inputs changed
            written = self._preview.write_outputs(self.specs, self.result, config, self.ids, cache / "cards",
                                                  self._html)
        else:
            written = write_outputs(cat, site, config.site_url or None, ids=self.ids, rendered=self._html,
                                    site_name=config.site_name, site_description=config.site_description or "")
            written += write_cards([page_card(s, config.site_name) for s in self.specs.values()], site,
                                   cache / "cards", config.site_name)
        chars = webfont.characters(webfont.site_texts(self.result.tree.documents, cat.drafts))
        written += webfont.write_font(chars, site, cache / "fonts")
        if written:
            log.info(f"portal: wrote {len(written)} feeds, calendars, data files, social cards and fonts "
                     f"in {time.perf_counter() - started:.2f} s")

    def on_build_error(self, *, error: Exception) -> None:
        # Whatever failed, the previous site stays; the staging folder, a page worker and Pagefind go.
        glue.abandon(self._worker, self.search)
        self._worker = None
        if self._site_dir is not None:
            publish.abandon(self._staging, self._site_dir)
            log.error(f"portal: the build failed, so {self._site_dir} was left as it was")
