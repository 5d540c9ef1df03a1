"""No two planned pages may share an address: one would silently overwrite the other.

With directory URLs ``foo.md`` and ``foo/index.md`` both become ``foo/index.html``,
so pages are compared by URL, not by source path.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostic, Severity
from .plan import PageSpec


def source_of(spec: PageSpec) -> str:
    """The content file a page comes from, or what generates it."""
    path = getattr(spec.node, "path", None) if spec.node is not None and spec.kind != "listing" else None
    return path or f"the generated page '{spec.title}' ({spec.src_uri})"


def collisions(specs: Iterable[PageSpec]) -> list[Diagnostic]:
    """One error per page whose URL an earlier page already has, naming both sources."""
    first: dict[str, PageSpec] = {}
    out: list[Diagnostic] = []
    for spec in specs:
        other = first.setdefault(spec.url, spec)
        if other is spec:
            continue
        # Point at a content file if either page has one: that is the file to rename.
        here, there = (spec, other) if spec.node is not None and spec.kind != "listing" else (other, spec)
        path = getattr(here.node, "path", None) or "mkdocs.yml"
        out.append(Diagnostic(
            path, 1, 1, Severity.ERROR, "duplicate-url",
            f"{source_of(here)} and {source_of(there)} would both be published at /{spec.url}",
            "rename one of the files",
        ))
    return out
