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

import difflib
import html
import posixpath
import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit

import html5lib
from markdown import util
from markdown.treeprocessors import Treeprocessor

from .. import markdown as mdconfig
from .. import sanitize
from ..diagnostics import Report
from ..kinds import ENTITY_FOLDERS, Kind
from ..load.documents import Document, internal_error
from ..markdown import opens_new_window
from ..sanitize import ALLOWED_TAGS, GLOBAL_ATTRS, NAME_RE
from . import budget
from .valid import Valid

# The one Markdown configuration (generator/markdown.py), also set on MkDocs by the plugin.
EXTENSIONS = mdconfig.EXTENSIONS
EXTENSION_CONFIGS = mdconfig.EXTENSION_CONFIGS
SAFE_SCHEMES = sanitize.URL_SCHEMES
# Attributes that hold a URL (in any element, however it was written).
URL_ATTRS = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background",
                       "cite", "data", "longdesc", "ping"})
# Pages generated without a content file that bodies may still link to.
GENERATED_PAGES = frozenset(
    [f"{s}/index.md" for s in ("news", "timeline", "organizations", "events", "people", "places", "topics")]
    + ["api/index.md", "contribute/fields.md"]  # the data API and field reference pages (site/plan.py)
)
MAX_FINDINGS = 20  # per file; a hostile file must not flood the report
# Rendering and sanitizing one body may take this long, plus BUDGET_PER_MB for each MB of text
# (1 MB of ordinary Markdown takes Python-Markdown about 3.5 s); more is an error: it would stall
# the build, and it only happens with pathological input (thousands of nested brackets or tags).
RENDER_BUDGET_S = 2.0
BUDGET_PER_MB_S = 4.0
_FOLDER_OF = {kind: folder for folder, kind in ENTITY_FOLDERS.items()}
_URL_JUNK = re.compile(r"[\t\n\r]")
_BROKEN_TAG = re.compile(r"<[A-Za-z/!?]")
# Raw HTML, links, attribute lists and entities need one of these: a body without them renders to
# plain Markdown structure the sanitizer leaves alone, so it skips the (costly) render.
_MARKUP = re.compile(r"[<\[{&]")


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
    def of(cls, valid: Valid, documents: Iterable[Document], assets: Iterable[str]) -> Targets:
        """What gets published: every valid entry but draft articles (what the catalog keeps)."""
        pages = {f"news/{key}.md" for key, e in valid.articles.items() if not e.meta.draft}
        for kind, folder in ((Kind.ORGANIZATION, "organizations"), (Kind.PERSON, "people"),
                             (Kind.PLACE, "places"), (Kind.EVENT, "events")):
            pages.update(f"{folder}/{key}.md" for key in valid.table(kind))
        pages.update(f"topics/{key}.md" for key in valid.topics)
        pages.update(f"{key}.md" for key in valid.pages)
        drafts = {uri for d in documents if d.kind is Kind.ARTICLE
                  and (uri := page_uri(d)) is not None and uri not in pages}
        return cls(frozenset(pages | GENERATED_PAGES), frozenset(drafts), frozenset(assets))


@dataclass(frozen=True, slots=True)
class Finding:
    needles: tuple[str, ...]  # text to look for in the body, best first, to place the diagnostic
    code: str
    message: str
    hint: str
    guess: str | None = None  # a missing page: the hint suggests the closest one (worked out if reported)


UrlCheck = Callable[[str, str], list[Finding]]  # (url, tag text) → findings


class _KeepTree(Treeprocessor):
    """Runs last and keeps the finished element tree for inspection."""

    root: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.root = root


def check(documents: Iterable[Document], targets: Targets, report: Report,
          budget_s: float = RENDER_BUDGET_S) -> None:
    """Check the body of every Markdown document; problems go into ``report``.

    Each body is rendered and sanitized in a worker process within ``budget_s`` seconds; a body
    that takes longer, or crashes the worker, is an error naming its file and the others are
    still checked.
    """
    hints = _Hints(targets)
    worker: budget.Budgeted | None = None
    for doc in documents:
        if doc.kind is Kind.TOPICS:
            continue
        try:
            deep = mdconfig.too_deep(doc.body)
            if deep is not None:
                line, col = _Locator(doc.body).line_col(deep)
                report.error(doc.path, doc.body_line + line - 1, col, "too-deep",
                             f"lists or quotes nest more than {mdconfig.MAX_NESTING} levels deep",
                             "flatten the list or quote; deeper nesting cannot be rendered safely")
                continue
            if not _MARKUP.search(doc.body):
                continue
            if worker is None:
                worker = budget.shared("bodycheck", _child, budget_s)
                worker.set_state(("targets", targets))
            _check_one(doc, worker, hints, report, budget_s)
        except Exception as exc:  # a bug must not hide the other files' problems
            internal_error(report, doc.path, exc)


def _check_one(doc: Document, worker: budget.Budgeted, hints: _Hints, report: Report, budget_s: float) -> None:
    uri = page_uri(doc) or doc.rel
    moved = doc.rel if doc.rel != uri else None
    allowed = budget_s + BUDGET_PER_MB_S * len(doc.body) / 1_000_000
    status, found = worker.call(("body", doc.body, uri, moved), timeout=allowed)
    if status == "timeout":
        report.error(doc.path, doc.body_line, 1, "too-slow",
                     f"the text took more than {allowed:.1f} seconds to render, so it would stall the build",
                     "look for thousands of repeated '[', '<', '*' or '`' characters and remove them")
        return
    if status != "ok":
        internal_error(report, doc.path, found if status == "error" else "the text crashed the renderer")
        return
    places = _Locator(doc.body)
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
        return checker.findings(body, uri, moved)
    return handle


class _Hints:
    """Did-you-mean for missing pages: worked out once per distinct name, only for reported findings."""

    def __init__(self, targets: Targets) -> None:
        self._by_name: dict[str, list[str]] = {}
        for uri in sorted(targets.pages):
            self._by_name.setdefault(posixpath.basename(uri), []).append(uri)
        self._memo: dict[str, list[str]] = {}

    def hint(self, name: str, base: str) -> str:
        guess = self._memo.get(name)
        if guess is None:
            guess = self._by_name.get(name) or difflib.get_close_matches(name, self._by_name, n=1, cutoff=0.8)
            if guess and not guess[0].endswith(".md"):  # a close file name: its first page
                guess = self._by_name[guess[0]]
            self._memo[name] = guess
        return (f"did you mean '{posixpath.relpath(guess[0], base or '.')}'?" if guess
                else "check the file name; paths are relative to this file")


class BodyChecker:
    """Renders one body as the site does, sanitizes it, and lists every problem (runs in the worker)."""

    def __init__(self, targets: Targets) -> None:
        self.targets = targets
        self.md = mdconfig.new_markdown()
        self.keep = _KeepTree(self.md)
        self.md.treeprocessors.register(self.keep, "portal_keep_tree", -100)

    def findings(self, body: str, uri: str, moved: str | None = None) -> list[Finding]:
        """Every problem in one body (``moved``: the page is published away from its file)."""
        self.md.reset()
        self.keep.root = None
        rendered = self.md.convert(body)
        base = posixpath.dirname(uri)
        out: list[Finding] = []
        for raw in self.md.htmlStash.rawHtmlBlocks:
            out += _RawHtml.scan(str(raw), lambda url, needle: self._url(url, base, (needle,)))
        if self.keep.root is not None:
            for el in self.keep.root.iter():
                for name, value in el.attrib.items():
                    # Obfuscated mailto: addresses hold '&' as a placeholder until serialization;
                    # a bare attribute from an attribute list ({: hidden }) has no value.
                    value = (value or "").replace(util.AMP_SUBSTITUTE, "&")
                    out += self._attribute(el.tag, name, value, base)
        for url, _title in self.md.references.values():
            out += self._url(html.unescape(url), base, (url,))
        if not any(f.code in ("unsafe-html", "unsafe-url") for f in out):
            out += sanitizer_findings(rendered)
        return out

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
            return _name_findings(name, value)
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
        return [Finding(needles, "broken-link", f"'{shown}' links to '{resolved}', which does not exist", "",
                        guess=posixpath.basename(resolved))]


def _name_findings(name: str, value: str) -> list[Finding]:
    """ids and class names are limited to [A-Za-z0-9_-]: the sanitizer drops any other."""
    if all(NAME_RE.match(part) for part in (value.split() if name == "class" else [value])) and value.strip():
        return []
    return [Finding((value, f"{name}="), "unsafe-html", f"{name} '{value[:40]}' may only use letters, digits, "
                    "'-' and '_'", f"write a simple {name} such as 'overview'")]


def sanitizer_findings(rendered: str) -> list[Finding]:
    """What the sanitizer would remove or change in ``rendered``, as HTML5 parsers read it.

    Only serialization may differ (``<br />`` or ``<br>``, attribute order, the rel every link
    gets): both versions are parsed with html5lib and compared as trees. A parse error in the
    rendered body is a finding too: a browser repairs such markup in ways the text does not show
    (an unclosed link swallows every paragraph after it).
    """
    cleaned = sanitize.clean(rendered)
    if cleaned == rendered:
        return []
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    before = _events(parser.parseFragment(rendered))
    out: list[Finding] = []
    if parser.errors:
        (line, col), code, _ = parser.errors[0]
        out.append(Finding(_tags_before(rendered, line, col), "unsafe-html",
                           f"HTML that a browser would repair in ways the text does not show ({code})",
                           "close every tag you open, in order, and write '&lt;' for a literal '<'"))
    elif before == _events(parser.parseFragment(cleaned)):
        return []
    # Each element and attribute the allowlist drops, in order; the first difference of the two
    # trees if none is found (the sanitizer changed something the allowlist walk cannot name).
    out += _removals(before) or ([] if out else [_first_difference(before, _events(parser.parseFragment(cleaned)))])
    return out


_SANITIZER_HINT = "use only the tags and attributes the site allows (CONTRIBUTING.md, unsafe-html)"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def _removals(events: list[_Event]) -> list[Finding]:
    """What the allowlist of generator/sanitize.py drops from a parsed body, element by element."""
    out: list[Finding] = []
    for event in events:
        if event[0] != "start":
            continue
        tag = event[1].rsplit("}", 1)[-1]  # svg and math elements come namespaced
        allowed = None if "}" in event[1] else ALLOWED_TAGS.get(tag)
        if allowed is None:
            gone = " with its content" if tag in ("script", "style") else ""
            out.append(Finding((f"<{tag}",), "unsafe-html", f"the sanitizer would remove <{tag}>{gone}",
                               _SANITIZER_HINT))
            continue
        for name, value in event[2]:
            if (tag, name) == ("a", "rel"):
                continue  # set on every link by the sanitizer
            url = _URL_JUNK.sub("", value).strip()
            scheme = _SCHEME.match(url)
            if ((name not in GLOBAL_ATTRS and name not in allowed)
                    or (name in ("id", "class") and _name_findings(name, value))
                    or (name in URL_ATTRS and scheme and scheme[1].lower() not in SAFE_SCHEMES)):
                out.append(Finding((f"{name}=", f"<{tag}"), "unsafe-html",
                                   f"the sanitizer would remove attribute '{name}' of <{tag}>", _SANITIZER_HINT))
    return out


def _first_difference(before: list[_Event], after: list[_Event]) -> Finding:
    i = next((i for i, (x, y) in enumerate(zip(before, after, strict=False)) if x != y), min(len(before), len(after)))
    was = before[i] if i < len(before) else ("end", "")
    if was[0] in ("start", "end") and was[1]:
        tag = str(was[1]).rsplit("}", 1)[-1]
        what, needles = f"<{tag}>", (f"<{tag}",)
    else:
        snippet = str(was[1])[:30].strip() or str(was[1])[:30]
        what, needles = f"the text near '{snippet}'", (snippet,)
    return Finding(needles, "unsafe-html", f"the sanitizer would remove or change {what}", _SANITIZER_HINT)


_Event = tuple[Any, ...]


def _events(root: etree.Element) -> list[_Event]:
    """An HTML tree as start/text/end events (comments left out), without recursion."""
    out: list[_Event] = []

    def text(value: str | None) -> None:
        if value:
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + value)
            else:
                out.append(("text", value))

    text(root.text)
    stack = [(root, iter(list(root)))]
    while stack:
        el, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if el is not root:
                out.append(("end", el.tag))
                text(el.tail)
            continue
        if not isinstance(child.tag, str):  # a comment: the sanitizer drops it, invisibly
            text(child.tail)
            continue
        attrs = dict(child.attrib)
        if child.tag == "a":
            attrs["rel"] = sanitize.LINK_REL  # set on every link by the sanitizer
        out.append(("start", child.tag, tuple(sorted(attrs.items()))))
        text(child.text)
        stack.append((child, iter(list(child))))
    return out


def _tags_before(text: str, line: int, col: int, count: int = 6) -> tuple[str, ...]:
    """The tag at a 1-based line and 0-based column of ``text`` (a parse error), then the tags
    before it, nearest first: the body is searched for each in turn, so the diagnostic lands on
    the editor's own markup (the unclosed ``<a …>``) rather than on a tag Markdown wrote."""
    lines = text.split("\n")
    end = min(sum(len(x) + 1 for x in lines[:max(line - 1, 0)]) + col + 1, len(text))
    out: list[str] = []
    while len(out) < count:
        start = text.rfind("<", 0, end)
        if start < 0:
            break
        close = text.find(">", start)
        out.append(text[start:close + 1 if close >= 0 else start + 40][:60])
        end = start
    return tuple(out) or (text[:40],)


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
            elif name not in GLOBAL_ATTRS and name not in allowed and (tag, name) != ("a", "rel"):
                self.found.append(Finding(needles, "unsafe-html", f"attribute '{name}' is not allowed on <{tag}>",
                                          "remove the attribute"))
            elif name in URL_ATTRS and value is not None:
                self.found += self.check_url(value, text)
            elif name in ("id", "class"):
                self.found += _name_findings(name, value or "")
        if tag == "a" and opens_new_window(values.get("target")):
            rel = {t.lower() for t in (values.get("rel") or "").split()}
            if not {"noopener", "noreferrer"} <= rel:
                self.found.append(Finding(needles, "unsafe-html", "a link that opens a new window needs "
                                          "rel=\"noopener noreferrer\"", "add rel=\"noopener noreferrer\", or "
                                          "write a Markdown link: [text](https://…){target=_blank}"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        match = _BROKEN_TAG.search(data) if self.cdata_elem is None else None
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
