"""Python-Markdown extension: every link gets ``rel="noopener noreferrer"``.

Editors may add ``{target=_blank}`` to a link (attr_list); the opened page must not
reach back to ours through ``window.opener`` nor learn which page sent it. The
sanitizer (generator/sanitize.py) sets this rel on every link, so the Markdown
output carries it already and passes the sanitizer unchanged. Part of the one
Markdown configuration in generator/mdconfig.py.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

REQUIRED_REL = ("noopener", "noreferrer")
_SAME_WINDOW = {"", "_self", "_parent", "_top"}


def opens_new_window(target: str | None) -> bool:
    return target is not None and target.strip().lower() not in _SAME_WINDOW


class LinkRelTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            link.set("rel", " ".join(REQUIRED_REL))


class LinkRelExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After attr_list (priority 8), which is where a link gets its target.
        md.treeprocessors.register(LinkRelTreeprocessor(md), "portal_link_rel", 4)


def makeExtension(**kwargs: Any) -> LinkRelExtension:  # Python-Markdown finds extensions by this name
    return LinkRelExtension(**kwargs)
