"""What a rendered body holds: raw HTML tags and attributes, URLs by scheme, and what the sanitizer
would still remove or change — found and placed in the body (the inspection half of bodies.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import accumulate
from typing import Any

import html5lib

from .. import sanitize
from ..markdown import opens_new_window
from ..sanitize import ALLOWED_TAGS, GLOBAL_ATTRS, NAME_RE

SAFE_SCHEMES = sanitize.URL_SCHEMES


# Attributes that hold a URL (in any element, however it was written).
URL_ATTRS = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background",
                       "cite", "data", "longdesc", "ping"})


URL_JUNK = re.compile(r"[\t\n\r]")


_BROKEN_TAG = re.compile(r"<[A-Za-z/!?]")


@dataclass(frozen=True, slots=True)
class Finding:
    needles: tuple[str, ...]  # text to look for in the body, best first, to place the diagnostic
    code: str
    message: str
    hint: str
    guess: str | None = None  # a missing page: the hint suggests the closest one (worked out if reported)


UrlCheck = Callable[[str, str], list[Finding]]  # (url, tag text) → findings


def name_findings(name: str, value: str) -> list[Finding]:
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
    if cleaned == rendered or cleaned == as_sanitizer_writes(rendered):
        return []  # nothing removed or changed: no need to parse (two html5lib parses were 55% of the check)
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


_LINK_REL = f' rel="{sanitize.LINK_REL}"'
_LINK_START = re.compile(r"<a\s[^>]*>")


def as_sanitizer_writes(rendered: str) -> str:
    """Python-Markdown's HTML as the sanitizer serializes HTML it leaves alone: Markdown writes attributes in
    name order and the pilcrow of heading links as an entity; the sanitizer writes a link's rel last and
    the pilcrow as a character. Only moves text (never removes any), so equality with the sanitizer's
    output still means that it removed nothing."""
    def rel_last(tag: re.Match[str]) -> str:
        text = tag[0]
        return text[:-1].replace(_LINK_REL, "", 1) + _LINK_REL + ">" if _LINK_REL in text else text

    return _LINK_START.sub(rel_last, rendered).replace("&para;", "\u00b6")


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
            url = URL_JUNK.sub("", value).strip()
            scheme = _SCHEME.match(url)
            if ((name not in GLOBAL_ATTRS and name not in allowed)
                    or (name in ("id", "class") and name_findings(name, value))
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


class RawHtml(HTMLParser):
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
                self.found += name_findings(name, value or "")
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


class Locator:
    """Offsets of text in a body → (line, column); each needle is searched onward from its last hit."""

    def __init__(self, body: str) -> None:
        self.body = body
        self._starts: list[int] | None = None  # worked out when a position is first asked for
        self.cursor: dict[str, int] = {}

    @property
    def starts(self) -> list[int]:
        """Offset of each line's first character."""
        if self._starts is None:
            self._starts = [0, *accumulate(len(line) + 1 for line in self.body.split("\n"))][:-1]
        return self._starts

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
