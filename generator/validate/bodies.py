"""Body checks: raw HTML, link targets and internal links in Markdown bodies.

Bodies come from outside contributors, so they are rendered exactly as the site
build renders them — Python-Markdown with the one configuration of
generator/markdown.py, then the sanitizer of generator/sanitize.py — in a worker
process with a time budget, and then inspected:

* raw HTML (whatever Markdown passes through unescaped) must use only the
  harmless tags and attributes in ``ALLOWED_TAGS``;
* every URL in the rendered tree, in raw HTML and in reference definitions
  must be http(s), mailto, or a relative path that stays inside content/;
* relative links must reach a published page or an image; ``.md`` links are
  resolved from the page's own source path, exactly as MkDocs resolves them.

* whatever the sanitizer would still remove or change is reported too, so a
  body that passes is published exactly as it was checked;
* lists and quotes nested too deep (Python-Markdown recurses per level) are
  refused before rendering.

Code spans and code blocks are escaped by Markdown, so they are never flagged.
Problems are located by finding the offending text in the body.
"""

from __future__ import annotations

import html
import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown import util
from markdown.treeprocessors import Treeprocessor

from .. import markdown
from ..diagnostics import Report, internal_error
from ..kinds import Kind
from ..load.frontmatter import Document
from ..sanitize import ALLOWED_TAGS, GLOBAL_ATTRS
from . import anchors, body_pool
from .bodies_html import (
    SAFE_SCHEMES,
    URL_ATTRS,
    URL_JUNK,
    Finding,
    Locator,
    RawHtml,
    name_findings,
    sanitizer_findings,
)
from .body_memo import MEMO
from .link_hints import LinkHints
from .targets import Targets, page_uri

# The one Markdown configuration (generator/markdown.py), also set on MkDocs by the plugin.
EXTENSIONS = markdown.EXTENSIONS
EXTENSION_CONFIGS = markdown.EXTENSION_CONFIGS
MAX_FINDINGS = 20  # per file; a hostile file must not flood the report


# Rendering and sanitizing one body may take this long, plus BUDGET_PER_MB for each MB of text
# (1 MB of ordinary Markdown takes Python-Markdown about 3.5 s); more is an error: it would stall
# the build, and it only happens with pathological input (thousands of nested brackets or tags).
RENDER_BUDGET_S = 2.0
BUDGET_PER_MB_S = 4.0


class _KeepTree(Treeprocessor):
    """Runs last and keeps the finished element tree for inspection."""

    root: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.root = root


def check(documents: Iterable[Document], targets: Targets, report: Report,
          budget_s: float = RENDER_BUDGET_S) -> None:
    """Check the body of every Markdown document; problems go into ``report``.

    Each body is rendered and sanitized in a worker process within ``budget_s`` seconds (one worker per
    core for many bodies: validate/body_pool.py); a body that takes longer, or crashes the worker, is an
    error naming its file and the others are still checked.
    """
    hints = LinkHints(targets)
    pending = anchors.Pending()
    MEMO.start(targets)
    docs = [doc for doc in documents if doc.kind is not Kind.TOPICS]
    answers: dict[int, Any] = {}
    jobs: list[tuple[tuple[int, bytes, float], Any, float]] = []
    for i, doc in enumerate(docs):
        uri = page_uri(doc) or doc.rel
        answers[i] = MEMO.get(key := MEMO.key(doc.body, uri, doc.rel, budget_s))  # it passed what follows
        if answers[i] is not None:
            continue
        deep = markdown.too_deep(doc.body)
        if deep is not None:
            line, col = Locator(doc.body).line_col(deep)
            report.error(doc.path, doc.body_line + line - 1, col, "too-deep",
                         f"lists or quotes nest more than {markdown.MAX_NESTING} levels deep",
                         "flatten the list or quote; deeper nesting cannot be rendered safely")
            continue
        # Every body, whatever characters it holds: plain text can be slow too (thousands of setext
        # headings or identical headings are quadratic in Python-Markdown; definition lists recurse).
        allowed = budget_s + BUDGET_PER_MB_S * len(doc.body) / 1_000_000
        jobs.append(((i, key, allowed), ("body", doc.body, uri, doc.rel if doc.rel != uri else None), allowed))
    size = body_pool.workers_for(len(jobs))
    for (i, key, allowed), outcome in body_pool.run(jobs, _child, budget_s, ("targets", targets), size):
        answers[i] = body_pool.answer(docs[i], outcome, allowed, report)
        if answers[i] is not None:
            MEMO.put(key, answers[i])
    for i, doc in enumerate(docs):
        try:
            if answers.get(i) is not None:
                _report(doc, answers[i], hints, report, pending)
        except Exception as exc:  # a bug must not hide the other files' problems
            internal_error(report, doc.path, exc)
    for doc, _target, _anchor, shown, needles in pending.missing():
        line, col = Locator(doc.body).line_col(Locator(doc.body).find(needles))
        report.error(doc.path, doc.body_line + line - 1, col, "broken-anchor",
                     *anchors.missing_message(shown, _target))


def _report(doc: Document, answer: Any, hints: LinkHints, report: Report, pending: anchors.Pending) -> None:
    """Report the worker's findings at their places in the body; keep its anchors and links for the end."""
    uri = page_uri(doc) or doc.rel
    moved = doc.rel if doc.rel != uri else None
    found, ids, links = answer
    pending.ids[uri] = pending.ids[doc.rel] = ids
    pending.links += [(doc, *link) for link in links]
    places = Locator(doc.body)
    seen: set[tuple[str, str, int]] = set()
    reported = 0
    for finding in found:
        if reported >= MAX_FINDINGS:  # past the cap: counted, never located or explained
            reported += 1
            continue
        offset = places.find(finding.needles)
        key = (finding.code, finding.message, offset)
        if key in seen:
            continue  # a used reference definition shows up twice
        seen.add(key)
        reported += 1
        line, col = places.line_col(offset)
        hint = finding.hint
        if finding.guess is not None:
            hint = hints.hint(finding.guess, posixpath.dirname(uri))
        if moved and finding.code in ("unsafe-path", "broken-link"):
            hint = (f"{hint} (links resolve from {uri}, where this page is published; "
                    f"subfolders are not part of its address)")
        report.error(doc.path, doc.body_line + line - 1, col, finding.code, finding.message, hint)
    if reported > MAX_FINDINGS:
        report.error(doc.path, doc.body_line, 1, "too-many-problems",
                     f"{reported - MAX_FINDINGS} more body problems are not listed",
                     "fix the ones listed and run the check again")


def _child() -> Callable[[Any], Any]:
    """The worker's side: ("targets", Targets) sets what links may reach; ("body", …) checks one body."""
    checker: BodyChecker | None = None

    def handle(item: tuple[Any, ...]) -> Any:
        nonlocal checker
        if item[0] == "targets":
            checker = BodyChecker(item[1])
            return None
        assert checker is not None
        _, body, uri, moved = item
        return checker.check(body, uri, moved)
    return handle


class BodyChecker:
    """Renders one body as the site does, sanitizes it, and lists every problem (runs in the worker)."""

    def __init__(self, targets: Targets) -> None:
        self.targets = targets
        self.md = markdown.new_markdown()
        self.keep = _KeepTree(self.md)
        self.md.treeprocessors.register(self.keep, "portal_keep_tree", -100)

    def findings(self, body: str, uri: str, moved: str | None = None) -> list[Finding]:
        """Every problem in one body (``moved``: the page is published away from its file)."""
        self.md.reset()
        self.keep.root = None
        self.fragments: list[tuple[str, str, str, tuple[str, ...]]] = []  # (target uri or "", anchor, shown, needles)
        rendered = self.md.convert(body)
        base = posixpath.dirname(uri)
        out: list[Finding] = []
        for raw in self.md.htmlStash.rawHtmlBlocks:
            out += RawHtml.scan(str(raw), lambda url, needle: self._url(url, base, (needle,)))
        if self.keep.root is not None:
            for el in self.keep.root.iter():
                for name, value in el.attrib.items():
                    # Obfuscated mailto: addresses hold '&' as a placeholder until serialization;
                    # a bare attribute from an attribute list ({: hidden }) has no value.
                    value = (value or "").replace(util.AMP_SUBSTITUTE, "&")
                    out += self._attribute(el.tag, name, value, base)
        for url, _title in self.md.references.values():
            out += self._url(html.unescape(url), base, (url,))
        if problem := anchors.unreadable_by_mkdocs(body):
            out.append(Finding(("<![", "<!", "<"), "unsafe-html", f"markup MkDocs's HTML reader cannot read "
                               f"({problem}), so the build would stop on it", "write '&lt;' for a literal '<'"))
        if not any(f.code in ("unsafe-html", "unsafe-url") for f in out):
            out += sanitizer_findings(rendered)
        self.ids = anchors.present_ids(self.keep.root, map(str, self.md.htmlStash.rawHtmlBlocks))
        for target, anchor, shown, needles in self.fragments:
            if not target and anchor not in self.ids:
                out.append(Finding(needles, "broken-anchor", *anchors.missing_message(shown, None)))
        return out

    def check(self, body: str, uri: str, moved: str | None) -> tuple[list[Finding], set[str], list[Any]]:
        """findings, the body's anchors, and its links to other pages' anchors."""
        found = self.findings(body, uri, moved)
        return found, self.ids, [f for f in self.fragments if f[0]]

    # -- rendered elements -----------------------------------------------------------------
    def _attribute(self, tag: str, name: str, value: str, base: str) -> list[Finding]:
        lowered = name.lower()
        if lowered.startswith("on"):
            return [Finding((f"{name}=", name), "unsafe-html", f"event-handler attribute '{name}' is not allowed",
                            "remove it; content cannot run scripts")]
        if lowered in ("target", "rel") and tag == "a":
            return []  # rel is the one the site sets on every link (generator.markdown)
        allowed = ALLOWED_TAGS.get(tag, frozenset())
        if lowered not in GLOBAL_ATTRS and lowered not in allowed:
            return [Finding((f"{name}=", name), "unsafe-html", f"attribute '{name}' is not allowed on <{tag}>",
                            "remove it from the attribute list; style and layout come from the site's theme")]
        if lowered in ("id", "class"):
            return name_findings(name, value)
        if lowered in URL_ATTRS:
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if lowered == "srcset" else [value]
            return [f for url in urls for f in self._url(html.unescape(url), base, (value, url))]
        return []

    # -- URLs --------------------------------------------------------------------------------
    def _url(self, url: str, base: str, needles: tuple[str, ...]) -> list[Finding]:
        # Browsers drop tabs and newlines anywhere in a URL and control characters around it.
        clean = URL_JUNK.sub("", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
                                             "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
        shown = clean if len(clean) <= 80 else clean[:77] + "..."
        try:
            parts = urlsplit(clean)
        except ValueError:
            return [Finding(needles, "unsafe-url", f"'{shown}' is not a valid address",
                            "write a full https:// address or a relative path to a .md file")]
        if parts.scheme:
            if parts.scheme.lower() in SAFE_SCHEMES:
                return []
            return [Finding(needles, "unsafe-url", f"'{parts.scheme}:' links are not allowed: '{shown}'",
                            "links and images may use https://, http:// or mailto:, or a relative path")]
        if parts.netloc:
            return []  # //host/path: an external address
        path = unquote(parts.path).replace("\\", "/")
        if not path:  # '#anchor' or '?query' on the same page
            if parts.fragment:
                self.fragments.append(("", unquote(parts.fragment), shown, needles))
            return []
        if path.startswith("/"):
            return [Finding(needles, "unsafe-path", f"'{shown}' is an absolute path",
                            "use a path relative to this file, such as ../../organizations/iso.md")]
        resolved = posixpath.normpath(posixpath.join(base, path))
        if resolved == ".." or resolved.startswith("../"):
            return [Finding(needles, "unsafe-path", f"'{shown}' points outside the content folder",
                            "link to a file inside content/, relative to this file")]
        if parts.fragment and resolved in self.targets.pages:
            self.fragments.append((resolved, unquote(parts.fragment), shown, needles))
        return self._internal(resolved, base, shown, needles)

    def _internal(self, resolved: str, base: str, shown: str, needles: tuple[str, ...]) -> list[Finding]:
        targets = self.targets
        if resolved in targets.pages or resolved in targets.assets:
            return []
        if resolved in targets.drafts:
            return [Finding(needles, "broken-link", f"'{shown}' links to a draft, which is not published",
                            "remove the link, or publish the article first")]
        if not resolved.endswith(".md"):
            return [Finding(needles, "broken-link", f"'{shown}' is not a page or image of the site",
                            "link to the Markdown file of the page, such as ../../organizations/iso.md")]
        return [Finding(needles, "broken-link", f"'{shown}' links to '{resolved}', which does not exist", "",
                        guess=posixpath.basename(resolved))]
