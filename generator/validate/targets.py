"""What a relative link in a body may reach: the pages the valid entries publish, the generated pages,
draft articles (reported as such) and images."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..kinds import ENTITY_FOLDERS, FOLDER_OF, Kind
from ..load.frontmatter import Document
from .valid import Valid

# Pages generated without a content file that bodies may still link to.
GENERATED_PAGES = frozenset(
    [f"{s}/index.md" for s in ("news", "timeline", "organizations", "events", "people", "places", "topics")]
    + ["api/index.md", "contribute/fields.md"]  # the data API and field reference pages (pages/plan.py)
)




def page_uri(doc: Document) -> str | None:
    """The source path MkDocs gives the page built from ``doc`` (links resolve from it)."""
    if doc.kind is Kind.ARTICLE:
        return f"news/{doc.id}.md"
    if doc.kind is Kind.PAGE:
        return f"{doc.id}.md"
    folder = FOLDER_OF.get(doc.kind)
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
        for folder, kind in ENTITY_FOLDERS.items():
            pages.update(f"{folder}/{key}.md" for key in valid.table(kind))
        pages.update(f"topics/{key}.md" for key in valid.topics)
        pages.update(f"{key}.md" for key in valid.pages)
        drafts = {uri for d in documents if d.kind is Kind.ARTICLE
                  and (uri := page_uri(d)) is not None and uri not in pages}
        return cls(frozenset(pages | GENERATED_PAGES), frozenset(drafts), frozenset(assets))
