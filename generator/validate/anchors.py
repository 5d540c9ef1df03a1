"""Links to anchors, checked as MkDocs checks them (``validation: anchors: warn`` in mkdocs.yml), so that a
body `portal check` passes never stops `mkdocs build --strict` (issue 20, case 6).

MkDocs counts as a page's anchors every ``id`` in its rendered Markdown, ``name`` on links, and the ids of
raw HTML; a link ``#x`` or ``other.md#x`` to an anchor the target page lacks is a warning, and a strict
build fails on it. The same-page links are checked with the body; the links to other pages once every
body's anchors are known (``Pending``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown import htmlparser

from ..load.frontmatter import Document

_RAW_ID = re.compile(r"""\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)


def present_ids(root: etree.Element | None, raw_blocks: Iterable[str]) -> set[str]:
    """The anchors a rendered body gives its page."""
    ids: set[str] = set()
    if root is not None:
        for el in root.iter():
            if el.get("id"):
                ids.add(el.get("id") or "")
            if el.tag == "a" and el.get("name"):
                ids.add(el.get("name") or "")
    for block in raw_blocks:
        ids.update(next(v for v in m.groups() if v is not None) for m in _RAW_ID.finditer(block))
    return ids


def unreadable_by_mkdocs(body: str) -> str | None:
    """Why MkDocs's raw-HTML reader fails on ``body``, or None. MkDocs feeds every page's Markdown to
    Python-Markdown's copy of html.parser to collect anchors (mkdocs/structure/pages.py,
    _RawHTMLPreprocessor); on Python 3.11 some text makes it raise (``<![i`` is read as a marked section
    with an unknown keyword), which ends the build in a traceback. The check feeds the same reader."""
    parser = htmlparser.htmlparser.HTMLParser()  # type: ignore[attr-defined]
    try:
        parser.feed(body)
        parser.close()
    except Exception as exc:  # what it raises is the reader's own business: any failure stops the build
        return f"{type(exc).__name__}: {exc}"[:200]
    return None


def missing_message(shown: str, target: str | None) -> tuple[str, str]:
    where = f"'{target}' has no anchor" if target else "this page has no anchor"
    return (f"'{shown}' links to an anchor that does not exist: {where} '#{shown.split('#', 1)[1]}'",
            "link to a heading's id (its text in lower case, spaces as '-'), or remove the '#…' part")


@dataclass
class Pending:
    """Links to other pages' anchors, checked when every page's anchors are known."""

    ids: dict[str, set[str]] = field(default_factory=dict)  # page uri → its anchors
    links: list[tuple[Document, str, str, str, tuple[str, ...]]] = field(default_factory=list)

    def missing(self) -> list[tuple[Document, str, str, str, tuple[str, ...]]]:
        """(owner, target uri, anchor, shown, needles) of every link whose anchor its target lacks;
        links to pages that were not rendered (listings, images) are left to the link check."""
        return [link for link in self.links if link[1] in self.ids and link[2] not in self.ids[link[1]]]
