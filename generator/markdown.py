"""The one Markdown configuration of the site: `portal check`, the MkDocs build and the feeds.

The portal plugin sets MkDocs's ``markdown_extensions`` and ``mdx_configs`` from here in
``on_config`` (mkdocs.yml lists none), the body check renders with :func:`new_markdown`, and the
feeds render with it when they run outside a build — so the three can never drift apart.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

from . import designations
from .sanitize import RESERVED_ID_PREFIXES


def heading_id(value: str, separator: str) -> str:
    """A heading's id: Python-Markdown's slug, kept out of the theme's namespace. The page's own ids start
    with "__" or "md-" (Material) or "portal-" (the portal's templates), and the sanitizer removes such
    ids from bodies; a heading such as "MD-5 checksums" gets "h-md-5-checksums" instead, so it keeps an id
    and can never collide with one of the page's."""
    slug = slugify(value, separator)
    return f"h-{slug}" if slug.lower().startswith(RESERVED_ID_PREFIXES) else slug

# MkDocs always adds toc, tables and fenced_code first; then the portal's own.
EXTENSIONS: list[str] = ["toc", "tables", "fenced_code", "abbr", "attr_list", "def_list", "footnotes",
                         "generator.markdown"]  # makeExtension below: rel="noopener noreferrer" on links
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    "toc": {"permalink": True, "slugify": heading_id},
    # Column alignment as align="…", not style="…": bodies carry no style attributes at all.
    "tables": {"use_align_attribute": True},
    # Footnote ids such as fn-1 instead of fn:1, so every id stays within [A-Za-z0-9_-].
    "footnotes": {"SEPARATOR": "-"},
}

# Lists and block quotes nest at most this deep (Python-Markdown recurses per level).
MAX_NESTING = 32
# One line's nesting: its indentation (4 columns a level) and the list and quote markers it opens with.
# A quote marker needs no space after it ('>>>' nests three quotes); a list marker does ('---' is a rule).
_PREFIX = re.compile(r"^([ \t]*)((?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))*)", re.MULTILINE)
_MARKER = re.compile(r">|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")


def new_markdown() -> Markdown:
    return Markdown(extensions=list(EXTENSIONS), extension_configs={k: dict(v) for k, v in EXTENSION_CONFIGS.items()})


def too_deep(body: str, limit: int = MAX_NESTING) -> int | None:
    """Offset of the first line that nests lists or quotes deeper than ``limit``, else None.

    An upper bound, in linear time, of what Python-Markdown would build: a level per four columns
    of indentation plus one per marker the line opens with (``- - - x`` nests three lists).
    """
    for m in _PREFIX.finditer(body):
        indent = len(m[1].expandtabs(4))
        if indent // 4 + len(_MARKER.findall(m[2])) > limit:
            return m.start()
    return None


# The portal's own extension (this module, by its name in EXTENSIONS): every link gets
# rel="noopener noreferrer". Editors may add {target=_blank} to a link (attr_list); the opened page must
# not reach back to ours through window.opener nor learn which page sent it. The sanitizer
# (generator/sanitize.py) sets this rel on every link too, so the Markdown output passes it unchanged.
REQUIRED_REL = ("noopener", "noreferrer")
_SAME_WINDOW = {"", "_self", "_parent", "_top"}


def opens_new_window(target: str | None) -> bool:
    return target is not None and target.strip().lower() not in _SAME_WINDOW


class LinkRelTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            link.set("rel", " ".join(REQUIRED_REL))


# Designations in a body link to their page at first mention. The build sets, per page, what a designation
# ("standard" or "committee", its key) links to: a path relative to the page's source file, which MkDocs's own
# link processor (priority 0) then turns into the page's URL and checks; None: not linked. Outside a build
# (`portal check`, feeds) nothing is set and bodies render without these links.
LINKS: ContextVar[Callable[[str, str], str | None] | None] = ContextVar("portal_designation_links", default=None)
_NOT_LINKED = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr"}


class DesignationTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        links = LINKS.get()
        if links is None:
            return
        seen: set[str] = set()
        stack = [root]
        while stack:
            el = stack.pop()
            if el.tag in _NOT_LINKED:
                continue
            children = list(el)
            shift = 0  # links inserted so far: child i is now at i + shift
            if el.text:
                el.text, made = _linked(el.text, links, seen)
                for a in made:
                    el.insert(shift, a)
                    shift += 1
            for i, child in enumerate(children):
                if child.tail:
                    child.tail, made = _linked(child.tail, links, seen)
                    for a in made:
                        el.insert(i + shift + 1, a)
                        shift += 1
            stack.extend(reversed(children))


def _linked(text: str, links: Callable[[str, str], str | None], seen: set[str]) -> tuple[str, list[etree.Element]]:
    """``text`` up to its first linked designation, and the links made (each holding the text after it)."""
    made: list[etree.Element] = []
    head, last = text, 0
    for start, end, what, key in designations.find(text):
        href = None if key in seen else links(what, key)
        if href is None:
            continue
        seen.add(key)
        a = etree.Element("a", {"href": href})
        a.text = text[start:end]
        if made:
            made[-1].tail = text[last:start]
        else:
            head = text[:start]
        made.append(a)
        last = end
    if made:
        made[-1].tail = text[last:]
    return head, made


class LinkRelExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After attr_list (priority 8), which is where a link gets its target.
        md.treeprocessors.register(DesignationTreeprocessor(md), "portal_designations", 6)
        md.treeprocessors.register(LinkRelTreeprocessor(md), "portal_link_rel", 4)


def makeExtension(**kwargs: Any) -> LinkRelExtension:  # Python-Markdown finds extensions by this name
    return LinkRelExtension(**kwargs)
