"""What a relative link in a body may reach: the pages the valid entries publish, the generated pages,
draft articles (reported as such) and images."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..kinds import KINDS, Kind, entity_kinds, sections
from ..load.frontmatter import Document
from .valid import Valid

# Pages generated without a content file that bodies may still link to, besides each kind's index.
OTHER_GENERATED_PAGES = ("timeline/index.md", "api/index.md", "contribute/fields.md")  # (pages/plan.py)


def generated_pages() -> frozenset[str]:
    return frozenset([f"{s}/index.md" for s in sections()] + list(OTHER_GENERATED_PAGES))




def page_uri(doc: Document) -> str | None:
    """The source path MkDocs gives the page built from ``doc`` (links resolve from it)."""
    if doc.kind is Kind.ARTICLE:
        return f"news/{doc.id}.md"
    if doc.kind is Kind.PAGE:
        return f"{doc.id}.md"
    declared = KINDS.get(doc.kind)  # the topics file has no page of its own
    return f"{declared.section}/{doc.id}.md" if declared else None


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
        for declared in entity_kinds():
            pages.update(f"{declared.section}/{key}.md" for key in valid.table(declared.kind))
        pages.update(f"{key}.md" for key in valid.pages)
        drafts = {uri for d in documents if d.kind is Kind.ARTICLE
                  and (uri := page_uri(d)) is not None and uri not in pages}
        return cls(frozenset(pages | generated_pages()), frozenset(drafts), frozenset(assets))
