"""The HTML sanitizer every rendered body passes through: nh3 (Rust's ammonia, an HTML5 parser).

The allowlist below is the whole policy; README's "Security model" documents it. The MkDocs
build sanitizes each page's body (plugin ``on_page_content``) and the feeds sanitize the bodies
they render; ``portal check`` sanitizes every body the same way and reports anything that changes,
so what is checked is what is published.
"""

from __future__ import annotations

import re

import nh3

_TEXT = ("abbr", "acronym", "b", "bdi", "bdo", "br", "caption", "code", "dd", "details", "dfn", "div", "dl",
         "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark",
         "p", "pre", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
         "table", "tbody", "tfoot", "thead", "tr", "u", "ul", "var", "wbr")
_CELL = frozenset({"colspan", "rowspan", "align", "scope", "headers"})
GLOBAL_ATTRS = frozenset({"title", "lang", "dir", "class", "id"})
# Tags a body may contain, with the attributes each allows besides GLOBAL_ATTRS.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    **dict.fromkeys(_TEXT, frozenset()),
    "a": frozenset({"href", "target", "hreflang"}),  # rel is set by the sanitizer (LINK_REL)
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "td": _CELL, "th": _CELL,
    "col": frozenset({"span"}), "colgroup": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "blockquote": frozenset({"cite"}), "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}), "ins": frozenset({"cite", "datetime"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Every link gets this rel: links that open a new window cannot reach back through window.opener.
LINK_REL = "noopener noreferrer"
NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")  # ids, and each class name
# Nothing in a body may address the theme (issue 20): Material's JavaScript reads its configuration from
# #__config and finds its parts by ids starting "__" and classes starting "md-"; the portal's theme uses
# "portal-". Ids with these prefixes are removed (tests/validate/test_theme_names.py reads Material's bundle).
RESERVED_ID_PREFIXES = ("__", "md-", "md_", "portal-", "portal_")
# Classes a body may carry: those the Markdown extensions of generator/markdown.py produce, plus
# EDITOR_CLASSES, which editors may give with attribute lists ({.chip}) and the theme styles none of.
# Everything else goes: "md-dialog" overlays, "mermaid" (Material would load a script from a CDN),
# "admonition" boxes that pass for site notices, the theme's own "portal-*".
EXTENSION_CLASSES = frozenset({"headerlink", "footnote", "footnote-ref", "footnote-backref"})
EDITOR_CLASSES = frozenset({"chip"})
CODE_CLASS_RE = re.compile(r"^language-[A-Za-z0-9_+-]+$")  # fenced_code: ```python → language-python
_REMOVED_WITH_CONTENT = frozenset({"script", "style"})


def allowed_class(tag: str, name: str) -> bool:
    if name in EXTENSION_CLASSES or name in EDITOR_CLASSES:
        return True
    return tag == "code" and CODE_CLASS_RE.match(name) is not None


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if NAME_RE.match(value) and not value.startswith(RESERVED_ID_PREFIXES) else None
    if name == "class":
        names = value.split()
        if not names or not all(NAME_RE.match(n) for n in names):
            return None
        kept = [n for n in names if allowed_class(tag, n)]
        return " ".join(kept) if kept else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(_REMOVED_WITH_CONTENT),
    attributes={"*": set(GLOBAL_ATTRS), **{tag: set(attrs) for tag, attrs in ALLOWED_TAGS.items() if attrs}},
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel=LINK_REL,
    url_schemes=set(URL_SCHEMES),
)


def clean(html: str) -> str:
    """``html`` with everything outside the allowlist removed."""
    return _CLEANER.clean(html)


def safe_name(value: str) -> str:
    """An id reduced to [A-Za-z0-9_-] (for ids that reach templates outside the body)."""
    return re.sub(r"[^A-Za-z0-9_-]", "", value)
