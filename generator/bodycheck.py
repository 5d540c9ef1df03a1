"""Body checks: raw HTML, link targets and internal links in Markdown bodies.

Bodies come from outside contributors, so they are parsed exactly as the site
build parses them — Python-Markdown with the extensions MkDocs uses (a test
keeps ``EXTENSIONS`` equal to mkdocs.yml) — and then inspected:

* raw HTML (whatever Markdown passes through unescaped) must use only the
  harmless tags and attributes in ``ALLOWED_TAGS``;
* every URL in the rendered tree, in raw HTML and in reference definitions
  must be http(s), mailto, or a relative path that stays inside content/;
* relative links must reach a published page or an image; ``.md`` links are
  resolved from the page's own source path, exactly as MkDocs resolves them.

Code spans and code blocks are escaped by Markdown, so they are never flagged.
Problems are located by finding the offending text in the body.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from markdown import Markdown, util
from markdown.treeprocessors import Treeprocessor

from .catalog import Catalog
from .diagnostics import Report
from .load import ENTITY_FOLDERS, Document, Kind
from .mdext import opens_new_window

# The Markdown extensions of the site build: MkDocs's built-in toc, tables and fenced_code,
# then mkdocs.yml's markdown_extensions (tests/test_bodycheck.py keeps the two in step).
EXTENSIONS = ["toc", "tables", "fenced_code", "abbr", "attr_list", "def_list", "footnotes", "generator.mdext"]
EXTENSION_CONFIGS = {"toc": {"permalink": True}}

GLOBAL_ATTRS = frozenset({"title", "lang", "dir", "class", "id"})
_CELL = frozenset({"colspan", "rowspan", "align", "scope", "headers"})
# Harmless tags (and their attributes beyond GLOBAL_ATTRS) that bodies may write as HTML.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("abbr", "acronym", "b", "bdi", "bdo", "br", "caption", "code", "dd", "details", "dfn", "div",
         "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd",
         "li", "mark", "p", "pre", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub",
         "summary", "sup", "table", "tbody", "tfoot", "thead", "tr", "u", "ul", "var", "wbr"),
        frozenset(),
    ),
    "a": frozenset({"href", "rel", "target", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "td": _CELL, "th": _CELL,
    "col": frozenset({"span"}), "colgroup": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "blockquote": frozenset({"cite"}), "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}), "ins": frozenset({"cite", "datetime"}),
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes that hold a URL (in any element, however it was written).
URL_ATTRS = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background",
                       "cite", "data", "longdesc", "ping"})
# Pages generated without a content file that bodies may still link to.
GENERATED_PAGES = frozenset(
    [f"{s}/index.md" for s in ("news", "timeline", "organizations", "events", "people", "places", "topics")]
    + ["api/index.md", "contribute/fields.md"]  # the data API and field reference pages (site/plan.py)
)
MAX_FINDINGS = 20  # per file; a hostile file must not flood the report
_FOLDER_OF = {kind: folder for folder, kind in ENTITY_FOLDERS.items()}
_URL_JUNK = re.compile(r"[\t\n\r]")
_BROKEN_TAG = re.compile(r"<[A-Za-z/!?]")
_MARKUP = re.compile(r"[<\[{]")


def page_uri(doc: Document) -> str | None:
    """The source path MkDocs gives the page built from ``doc`` (links resolve from it)."""
    if doc.kind is Kind.ARTICLE:
        return f"news/{doc.id}.md"
    if doc.kind is Kind.PAGE:
        return f"{doc.id}.md"
    folder = _FOLDER_OF.get(doc.kind)
    return f"{folder}/{doc.id}.md" if folder else None


@dataclass(frozen=True, slots=True)
class Targets:
    """What a relative link in a body may point at."""

    pages: frozenset[str]  # source paths of published pages
    drafts: frozenset[str]  # source paths of draft articles (not published)
    assets: frozenset[str]  # images copied as they are

    @classmethod
    def of(cls, catalog: Catalog, documents: Iterable[Document], assets: Iterable[str]) -> Targets:
        pages = {f"news/{a.id}.md" for a in catalog.articles.values()}
        for node in catalog.all_nodes():
            if node.kind in ("page", "article"):
                continue
            pages.add(f"{node.section}/{node.id}.md")
        pages.update(f"{p.id}.md" for p in catalog.pages.values())
        drafts = {uri for d in documents if d.kind is Kind.ARTICLE
                  and (uri := page_uri(d)) is not None and uri not in pages}
        return cls(frozenset(pages | GENERATED_PAGES), frozenset(drafts), frozenset(assets))


@dataclass(frozen=True, slots=True)
class Finding:
    needles: tuple[str, ...]  # text to look for in the body, best first, to place the diagnostic
    code: str
    message: str
    hint: str


UrlCheck = Callable[[str, str], list[Finding]]  # (url, tag text) → findings


class _KeepTree(Treeprocessor):
    """Runs last and keeps the finished element tree for inspection."""

    root: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.root = root


def check(documents: Iterable[Document], targets: Targets, report: Report) -> None:
    """Check the body of every Markdown document; problems go into ``report``."""
    checker = BodyChecker(targets)
    for doc in documents:
        # Links, images, raw HTML, references and attribute lists all need one of '<', '[' or '{':
        # a body without them yields no findings, so it skips the (costly) Markdown parse.
        if doc.kind is not Kind.TOPICS and _MARKUP.search(doc.body):
            checker.check(doc, report)


class BodyChecker:
    def __init__(self, targets: Targets) -> None:
        self.targets = targets
        self.md = Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        self.keep = _KeepTree(self.md)
        self.md.treeprocessors.register(self.keep, "portal_keep_tree", -100)
        self._by_name: dict[str, list[str]] = {}
        for uri in sorted(targets.pages):
            self._by_name.setdefault(posixpath.basename(uri), []).append(uri)

    def findings(self, body: str, uri: str, moved: str | None = None) -> list[Finding]:
        """Every problem in one body; ``moved`` notes that the page is published away from its file."""
        self.md.reset()
        self.keep.root = None
        self.md.convert(body)
        base = posixpath.dirname(uri)
        out: list[Finding] = []
        for raw in self.md.htmlStash.rawHtmlBlocks:
            out += _RawHtml.scan(str(raw), lambda url, needle: self._url(url, base, (needle,)))
        if self.keep.root is not None:
            for el in self.keep.root.iter():
                for name, value in el.attrib.items():
                    # Obfuscated mailto: addresses hold '&' as a placeholder until serialization.
                    out += self._attribute(el.tag, name, value.replace(util.AMP_SUBSTITUTE, "&"), base)
        for url, _title in self.md.references.values():
            out += self._url(html.unescape(url), base, (url,))
        if moved:
            out = [Finding(f.needles, f.code, f.message, f"{f.hint} (links resolve from {uri}, "
                           f"where this page is published; subfolders are not part of its address)")
                   if f.code in ("unsafe-path", "broken-link") else f for f in out]
        return out

    def check(self, doc: Document, report: Report) -> None:
        uri = page_uri(doc) or doc.rel
        places = _Locator(doc.body)
        seen: set[tuple[str, str, int]] = set()
        reported = 0
        for finding in self.findings(doc.body, uri, moved=doc.rel if doc.rel != uri else None):
            offset = places.find(finding.needles)
            key = (finding.code, finding.message, offset)
            if key in seen:
                continue  # a used reference definition shows up twice
            seen.add(key)
            reported += 1
            if reported > MAX_FINDINGS:
                continue
            line, col = places.line_col(offset)
            report.error(doc.path, doc.body_line + line - 1, col, finding.code, finding.message, finding.hint)
        if reported > MAX_FINDINGS:
            report.error(doc.path, doc.body_line, 1, "too-many-problems",
                         f"{reported - MAX_FINDINGS} more body problems are not listed",
                         "fix the ones listed and run the check again")

    # -- rendered elements -----------------------------------------------------------------
    def _attribute(self, tag: str, name: str, value: str, base: str) -> list[Finding]:
        lowered = name.lower()
        if lowered.startswith("on"):
            return [Finding((f"{name}=", name), "unsafe-html", f"event-handler attribute '{name}' is not allowed",
                            "remove it; content cannot run scripts")]
        if lowered == "target" and tag == "a":
            return []
        if lowered in URL_ATTRS:
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if lowered == "srcset" else [value]
            return [f for url in urls for f in self._url(html.unescape(url), base, (value, url))]
        return []

    # -- URLs --------------------------------------------------------------------------------
    def _url(self, url: str, base: str, needles: tuple[str, ...]) -> list[Finding]:
        # Browsers drop tabs and newlines anywhere in a URL and control characters around it.
        clean = _URL_JUNK.sub("", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
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
        if not path:
            return []  # '#anchor' or '?query' on the same page
        if path.startswith("/"):
            return [Finding(needles, "unsafe-path", f"'{shown}' is an absolute path",
                            "use a path relative to this file, such as ../../organizations/iso.md")]
        resolved = posixpath.normpath(posixpath.join(base, path))
        if resolved == ".." or resolved.startswith("../"):
            return [Finding(needles, "unsafe-path", f"'{shown}' points outside the content folder",
                            "link to a file inside content/, relative to this file")]
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
        name = posixpath.basename(resolved)
        guess = self._by_name.get(name) or difflib.get_close_matches(name, self._by_name, n=1, cutoff=0.8)
        if guess and not guess[0].endswith(".md"):  # a close file name: its first page
            guess = self._by_name[guess[0]]
        hint = (f"did you mean '{posixpath.relpath(guess[0], base or '.')}'?" if guess
                else "check the file name; paths are relative to this file")
        return [Finding(needles, "broken-link", f"'{shown}' links to '{resolved}', which does not exist", hint)]


class _RawHtml(HTMLParser):
    """Checks one piece of raw HTML against the allowlist."""

    def __init__(self, check_url: UrlCheck) -> None:
        # Character references stay out of the data: '&lt;script' in text is not markup.
        super().__init__(convert_charrefs=False)
        self.check_url = check_url
        self.found: list[Finding] = []

    @classmethod
    def scan(cls, text: str, check_url: UrlCheck) -> list[Finding]:
        parser = cls(check_url)
        parser.feed(text)
        parser.close()
        return parser.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or f"<{tag}"
        needles = (text, f"<{tag}")
        allowed = ALLOWED_TAGS.get(tag)
        if allowed is None:
            self.found.append(Finding(needles, "unsafe-html", f"HTML tag <{tag}> is not allowed in content",
                                      "use Markdown, or only harmless tags such as <abbr>, <sub>, <sup>, "
                                      "<br>, <figure> and tables"))
            return
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Finding(needles, "unsafe-html", f"event-handler attribute '{name}' is not "
                                          f"allowed on <{tag}>", "remove it; content cannot run scripts"))
            elif name not in GLOBAL_ATTRS and name not in allowed:
                self.found.append(Finding(needles, "unsafe-html", f"attribute '{name}' is not allowed on <{tag}>",
                                          "remove the attribute"))
            elif name in URL_ATTRS and value is not None:
                self.found += self.check_url(value, text)
        if tag == "a" and opens_new_window(values.get("target")):
            rel = {t.lower() for t in (values.get("rel") or "").split()}
            if not {"noopener", "noreferrer"} <= rel:
                self.found.append(Finding(needles, "unsafe-html", "a link that opens a new window needs "
                                          "rel=\"noopener noreferrer\"", "add rel=\"noopener noreferrer\", or "
                                          "write a Markdown link: [text](https://…){target=_blank}"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        match = _BROKEN_TAG.search(data) if self.cdata_elem is None else None  # type: ignore[attr-defined]
        if match:  # markup the parser could not read; a browser might read it differently
            snippet = data[match.start():match.start() + 20]
            self.found.append(Finding((snippet,), "unsafe-html", f"unreadable HTML near '{snippet.strip()}'",
                                      "close the tag, or write '&lt;' for a literal '<'"))

    def handle_pi(self, data: str) -> None:
        self.found.append(Finding((f"<?{data}", "<?"), "unsafe-html", "processing instructions are not allowed",
                                  "remove it"))

    def handle_decl(self, decl: str) -> None:
        self.found.append(Finding((f"<!{decl}", "<!"), "unsafe-html", f"declaration <!{decl[:20]}> is not "
                                  "allowed", "remove it"))

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)


class _Locator:
    """Offsets of text in a body → (line, column); each needle is searched onward from its last hit."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts = [0] + [i + 1 for i, ch in enumerate(body) if ch == "\n"]
        self.cursor: dict[str, int] = {}

    def find(self, needles: tuple[str, ...]) -> int:
        for needle in needles:
            if not needle:
                continue
            at = self.body.find(needle, self.cursor.get(needle, 0))
            if at < 0:
                at = self.body.find(needle)  # reported out of order (block HTML before inline)
            if at >= 0:
                self.cursor[needle] = at + 1
                return at
        return 0

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
