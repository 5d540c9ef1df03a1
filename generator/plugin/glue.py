"""Small MkDocs glue the plugin's events use: dirty-build answers, the table of contents, the nav,
serve's error handling and log filters, the preview's code-and-theme hash, Markdown for a page."""

from __future__ import annotations

import contextlib
import logging
import signal
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import markdown
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure import pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import CountHandler

from .. import markdown as mdconfig
from .. import sanitize
from ..diagnostics import Report, render
from ..load.cache import ParseCache
from ..outputs import csp, publish
from ..outputs.search_step import SearchStep
from ..pages.designation_links import DesignationLinks
from ..pages.incremental import files_hash
from ..pages.plan import PageSpec

log = logging.getLogger("mkdocs.plugins.portal")


def answer(modified: bool) -> Callable[[], bool]:
    """A File.is_modified that gives a fixed answer."""
    return lambda: modified


def sanitize_toc(items: Iterable[AnchorLink]) -> None:
    """Table of contents entries: ids reduced to [A-Za-z0-9_-], titles sanitized and marked safe."""
    stack = list(items)
    while stack:
        item = stack.pop()
        item.id = sanitize.safe_name(item.id)
        item.title = Markup(sanitize.clean(str(item.title)))
        stack.extend(item.children)


def nav_uris(nav: Any) -> set[str]:
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


def hidden(kind: str) -> list[str]:
    # With navigation tabs, Material's left sidebar only repeats the current tab; the phone
    # drawer is unaffected. Only articles have headings worth a table of contents.
    return ["navigation"] if kind == "article" else ["navigation", "toc"]


def keep_last_good(build: Callable[..., Any]) -> Callable[..., Any]:
    """Stock `mkdocs serve` stalls every request after a failed rebuild. Content errors stop the build in
    on_pre_build, before MkDocs cleans the site folder, so the last good build is still whole (builds go to
    a staging folder first): keep serving it while the terminal shows the diagnostics."""
    def rebuild(*args: Any, **kwargs: Any) -> None:
        try:
            build(*args, **kwargs)
        except (Abort, BuildError):  # MkDocs's own build errors; anything else keeps its traceback
            log.error("portal: the site was not rebuilt; still serving the last good build. "
                      "Fix the problems listed above and save again.")
    return rebuild


def exact_dirty_builds(record: logging.LogRecord) -> bool:
    """Drop MkDocs's warning that dirty builds may be inaccurate: the portal's fingerprints make them
    exact (generator/pages/incremental.py), and under --strict the warning would stop every build."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def code_and_theme(config: MkDocsConfig) -> bytes:
    """What every page is rendered with besides its data: theme, configuration, code and versions."""
    import material
    import mkdocs

    # Material's and MkDocs's own templates are covered by their versions (hashing them would read
    # thousands of icons per save).
    parts = [Path(__file__).parents[1]] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    if config.config_file_path:
        parts.append(Path(config.config_file_path))
    return files_hash(parts) + f"{mkdocs.__version__} {material.__version__}".encode()


def content_only(markdown: str) -> Callable[[Page, MkDocsConfig], None]:
    """A page's ``read_source``: the plugin's Markdown, with no page settings parsed from it.

    MkDocs's own ``read_source`` parses a leading ``---`` block or ``Key: value`` lines as page meta
    (``template``, ``location``, ``author`` ... reach Material's templates unescaped) and deletes
    them from the text: an article body whose first line is ``Update: the ministry ...`` would lose it.
    Every setting of a generated page comes from the plugin (``on_page_markdown``) alone.
    """

    def read_source(page: Page, config: MkDocsConfig) -> None:
        page.markdown, page.meta = markdown, {}

    return read_source


def render_nothing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What Page.render leaves for an empty Markdown source, without building a converter."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()


def edit_source(spec: PageSpec, docs_dir: Path) -> str | None:
    """The content file a page is made from, relative to docs_dir, for Material's "edit this page" link
    (repo_url + edit_uri + this): an article's or entity's own page gets its file (topics: topics.yml), a
    site page its Markdown file; listings and further pages of a list have no source of their own."""
    node = spec.node
    if node is not None:
        if spec.url != node.url:
            return None
        try:
            return Path(node.path).resolve().relative_to(docs_dir.resolve()).as_posix()
        except ValueError:
            return None
    return spec.src_uri if (docs_dir / spec.src_uri).is_file() else None


def set_meta(page: Page, spec: PageSpec | None, links: DesignationLinks | None = None) -> None:
    """A planned page's settings: its title, description and hidden sidebars, and nothing from its body; and
    where the designations its body names link (generator/markdown.py's LINKS, read as the body renders)."""
    mdconfig.LINKS.set(links.for_page(page.file.src_uri) if links is not None else None)
    if spec is None:
        return
    # Material prints meta title and description unescaped: hand it escaped Markup.
    page.meta.update({"title": escape(spec.title), "hide": hidden(spec.kind),
                      "portal_redirect": spec.kind == "redirect"})  # theme/sitemap.xml leaves these out
    if spec.description:
        page.meta["description"] = escape(spec.description)


def with_policy(html: str, name: str, *, static: bool = False) -> str:
    """A finished HTML page with its Content-Security-Policy (outputs/csp.py); a page without is an error.
    ``static``: one of the theme's own templates (404.html, sitemap.xml); only HTML ones get a policy."""
    if (static and not name.endswith(".html")) or not html.strip():
        return html  # MkDocs writes no empty page (a page the render worker writes is empty here)
    try:
        return csp.finish(html)
    except csp.MissingPolicy as exc:
        raise PluginError(f"portal: {name}: {exc}") from None


def serving(server: LiveReloadServer) -> LiveReloadServer:
    """`mkdocs serve`'s server, made to keep the last good build, allow its live-reload script and stop
    cleanly on SIGTERM."""
    server.builder = keep_last_good(server.builder)
    allow_livereload(server)
    stop_on_sigterm()
    return server


def allow_livereload(server: LiveReloadServer) -> None:
    """`mkdocs serve` appends an inline live-reload script to each page it serves: allow that script
    in the page's policy, so the preview runs under the published policy plus this one script."""
    inject = server._inject_js_into_html  # MkDocs 1.6 (mkdocs/livereload); tests/site/test_serve.py

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        served: bytes = inject(content, epoch)
        at = content.rfind(b"</body>")
        at = len(content) if at < 0 else at
        opened, closed = b"<script>", b"</script>"
        end = at + len(served) - len(content) - len(closed)
        if served[at:at + len(opened)] != opened or served[end:end + len(closed)] != closed:
            return served  # MkDocs injects differently now: the script is blocked, and the test says so
        script = served[at + len(opened):end].decode("utf-8")
        return csp.allow_appended(served.decode("utf-8"), script).encode("utf-8")

    server._inject_js_into_html = inject_allowed  # type: ignore[method-assign]


def stop_on_sigterm() -> None:
    """Let `mkdocs serve` end on SIGTERM as on Ctrl-C: its own clean-up and the portal's (the search
    staging folders, outputs/search_step.py) run instead of the process vanishing mid-way."""
    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        signal.signal(signal.SIGTERM, interrupt)


def prepare_staging(site_dir: str) -> str:
    """This build's staging folder, under the site folder's lock; another build running is a clear error."""
    try:
        return publish.prepare(site_dir)
    except publish.BuildLocked as exc:
        raise PluginError(f"portal: {exc}") from None


def publish_staging(config: MkDocsConfig, site_dir: str) -> None:
    """The finished staging folder (config.site_dir) becomes ``site_dir`` (outputs/publish.py)."""
    # In strict mode MkDocs aborts after on_post_build when warnings were logged: that build
    # failed too, so it must not replace the site.
    counted = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    staging, config.site_dir = config.site_dir, site_dir  # callers (gh-deploy) read it after
    if config.strict and any(h.get_counts() for h in counted):
        publish.abandon(staging, site_dir)
        return
    publish.replace(staging, site_dir)
    log.info(f"portal: published the build to {site_dir}")


SHARE_MARKDOWN = True  # tests turn it off to compare with MkDocs's own Page.render


class SharedMarkdown:
    """One Markdown converter per build, reset between pages, for Page.render.

    MkDocs 1.6's Page.render builds a converter with every extension for each page (≈4% of a build,
    issue 16). This does what it does with one converter: ``reset()`` clears every extension's state
    (toc, footnotes, abbreviations, the HTML stash), and MkDocs's four per-page processors are
    registered afresh under their names, replacing the last page's (they are private to MkDocs 1.6,
    which pyproject.toml pins below 2). tests/site/test_shared_markdown.py checks the output is
    byte-identical to MkDocs's own.
    """

    def __init__(self, config: MkDocsConfig) -> None:
        self._md = markdown.Markdown(extensions=config["markdown_extensions"],
                                     extension_configs=config["mdx_configs"] or {})

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self._md
        md.reset()
        raw_html = pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = pages._RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = pages._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors


def log_report(report: Report) -> None:
    """Content diagnostics in MkDocs's log: errors and warnings as such (a strict build stops on them),
    notes, which are suggestions, as info."""
    if report.items:
        level = log.error if report.has_errors else log.warning if report.has_warnings else log.info
        level("content diagnostics:\n" + render(report.items, "text"))


def parse_cache(content_dir: Path, serve: bool) -> ParseCache:
    """The parse cache beside the content (load/cache.py), shared with `portal check`: `mkdocs serve` reads
    it once and keeps it in memory for the life of the server, saving in the background; a full build
    that asks for it (build_cache) reads and saves it once."""
    cache = ParseCache.for_content(content_dir)
    cache.save_in_background = serve
    return cache


def index_early(search: SearchStep | None, specs: dict[str, PageSpec], files: Files, site_dir: Path) -> None:
    """A full build's search records, from the converted bodies (``on_env``: every page's Markdown is
    rendered and sanitized by then), and Pagefind started on them: it indexes while the pages render
    instead of after them. The plugin waits for it in ``on_post_build``."""
    assert search is not None
    for file in files.documentation_pages():
        spec = specs.get(file.src_uri)
        if spec is not None and spec.search and spec.node is not None and file.page is not None:
            search.add(spec.kind, spec.node, spec.url, file.page.content or "")
    search.start(site_dir, log.info)


def abandon(worker: Any, search: SearchStep | None) -> None:
    """A build failed: stop its page worker (plugin/workers.py) and let a full build's Pagefind run end and
    its staging folders go, so a failed build leaves nothing behind in /tmp."""
    if worker is not None:
        worker.stop()
    if search is not None:
        search.abandon()
