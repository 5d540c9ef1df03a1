"""The page plan: every page of the site, derived from the catalog alone.

Each ``PageSpec`` says where a page lives (``src_uri``, from which MkDocs
derives the URL), which template renders its content, and the data the
template needs. Listing pages are paginated so no page grows without bound;
building the plan is linear in the size of the catalog.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from ..catalog.graph import Catalog
from ..catalog.nodes import Article, Event, Node
from ..kinds import KindSpec, entity_kinds
from ..validate import fields
from ..validate.models import EVENT_KINDS
from .activity import activity
from .timeline_axis import axis
from .upcoming import upcoming
from .views import ApiData, ArticleData, EntityData, HomeData, NewsData, PageData, TimelineData

PER_PAGE = 20  # articles per news page
INDEX_PER_PAGE = 200  # entries per entity index page
ENTITY_ARTICLES = 20  # articles on an entity's own page; the rest on its further pages
ENTITY_MORE_PER_PAGE = 100  # articles per further page: long tails in few pages (a quarter of all pages at 20)
TIMELINE_LIMIT = 250  # events on /timeline/ (keeps it under 500 KB); the per-year pages hold the rest



@dataclass(slots=True)
class Pagination:
    number: int
    count: int
    urls: list[str]  # url of every page, 1-based index = number - 1

    @property
    def previous(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None

    def window(self, around: int = 2) -> list[tuple[int, str] | None]:
        """(number, url) of the pages to link: first, last and those near this one; None marks a gap.

        Linking every page from every page would make paginated listings quadratic in size.
        """
        near = range(max(1, self.number - around), min(self.count, self.number + around) + 1)
        out: list[tuple[int, str] | None] = []
        last = 0
        for n in sorted({1, *near, self.count}):
            if n > last + 1:
                out.append(None)
            out.append((n, self.urls[n - 1]))
            last = n
        return out


@dataclass(slots=True)
class PageSpec:
    src_uri: str
    template: str  # content template under theme/portal/
    title: str
    kind: str  # article, organization, …, listing, home, page
    node: Node | None = None
    items: Sequence[Any] = ()
    pagination: Pagination | None = None
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)  # (title, url); last = here
    description: str | None = None
    markdown: str = ""  # body Markdown rendered by MkDocs
    search: bool = True  # listing pages stay out of search results
    data: PageData | None = None  # what this page type adds (pages/views.py)

    @property
    def url(self) -> str:
        stem = self.src_uri[:-3]
        if stem == "index":
            return ""
        return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


def uri_of(url: str) -> str:
    """Source path MkDocs maps to ``url`` with directory URLs."""
    return "index.md" if not url else url.rstrip("/") + ("/index.md" if url.count("/") == 1 else ".md")


def _pages(
    items: Sequence[Any], size: int, first_url: str, rest: int | None = None
) -> Iterator[tuple[Sequence[Any], Pagination]]:
    """Chunks of ``size`` items (``rest`` items on pages after the first, if given)."""
    rest = rest or size
    starts = [0, *range(size, len(items), rest)]
    urls = [first_url] + [f"{first_url}page/{n}/" for n in range(2, len(starts) + 1)]
    for n, start in enumerate(starts, 1):
        yield items[start: start + (size if n == 1 else rest)], Pagination(n, len(starts), urls)


def _crumbs(*trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Home", ""), *trail]


def plan(catalog: Catalog, api_endpoints: Sequence[object]) -> list[PageSpec]:
    """Every generated page; ``api_endpoints`` are what the data API page documents (from
    outputs.api.endpoints: the outputs stage owns the API, this stage only places its page)."""
    specs: list[PageSpec] = []
    specs += _home_and_pages(catalog)
    specs += _news(catalog)
    specs += _timeline(catalog)
    specs += _entities(catalog)
    specs += _field_reference(catalog)
    specs += _api_page(api_endpoints)
    specs += _redirects(catalog)
    return specs


def _home_and_pages(catalog: Catalog) -> Iterator[PageSpec]:
    for page in catalog.pages.values():
        if page.id == "index":
            yield PageSpec(
                "index.md", "home.html", page.title or "Home", "home", node=page,
                description=page.description, markdown=page.body,
                data=HomeData(catalog.article_list[:6], catalog.event_list[::-1][:6], catalog.counts(),
                              upcoming(catalog.event_list), activity(catalog.article_list, catalog.event_list)),
            )
        else:
            title = page.title or page.id.replace("-", " ").capitalize()
            yield PageSpec(
                f"{page.id}.md", "page.html", title, "page", node=page, description=page.description,
                markdown=page.body, breadcrumbs=_crumbs((title, page.url)),
            )


def _news(catalog: Catalog) -> Iterator[PageSpec]:
    articles = catalog.article_list
    years = _years(articles)  # once: every listing page shares it (per page it would be quadratic)
    for chunk, pagination in _pages(articles, PER_PAGE, "news/"):
        suffix = f" — page {pagination.number}" if pagination.number > 1 else ""
        url = pagination.urls[pagination.number - 1]
        yield PageSpec(
            uri_of(url), "news.html", f"News{suffix}", "listing", items=chunk, pagination=pagination,
            breadcrumbs=_crumbs(("News", "news/")) + ([(f"Page {pagination.number}", url)]
                                                      if pagination.number > 1 else []),
            description="All articles, newest first.", search=False,
            data=NewsData(years),
        )
    for year, group in groupby(articles, key=lambda a: a.year):
        year_articles = list(group)
        for chunk, pagination in _pages(year_articles, PER_PAGE, f"news/{year}/"):
            url = pagination.urls[pagination.number - 1]
            yield PageSpec(
                uri_of(url), "news.html", f"News from {year}", "listing", items=chunk,
                pagination=pagination, search=False,
                breadcrumbs=_crumbs(("News", "news/"), (str(year), f"news/{year}/")),
                description=f"Articles published in {year}.",
                data=NewsData(years, year),
            )
    for article in articles:
        yield PageSpec(
            f"news/{article.id}.md", "article.html", article.title, "article", node=article,
            description=article.summary, markdown=article.body,
            breadcrumbs=_crumbs(("News", "news/"), (str(article.year), f"news/{article.year}/"),
                                (article.title, article.url)),
            data=ArticleData(catalog.related_articles(article)),
        )


def _years(articles: list[Article]) -> list[tuple[int, int]]:
    return [(year, sum(1 for _ in group)) for year, group in groupby(articles, key=lambda a: a.year)]


def group_events(events: Sequence[Event]) -> list[tuple[int, list[tuple[int, list[Event]]]]]:
    """[(year, [(month or 0, events)])] in chronological order."""
    out = []
    for year, by_year in groupby(events, key=lambda e: e.date.year):
        months = [(month, list(g)) for month, g in groupby(by_year, key=lambda e: e.date.month)]
        out.append((year, months))
    return out


def _timeline(catalog: Catalog) -> Iterator[PageSpec]:
    events = catalog.event_list
    years = [(year, sum(len(g) for _, g in months)) for year, months in group_events(events)]
    shown = events[-TIMELINE_LIMIT:]
    yield PageSpec(
        "timeline/index.md", "timeline.html", "Timeline", "timeline", items=shown,
        breadcrumbs=_crumbs(("Timeline", "timeline/")),
        description="Every event reported on the portal, in chronological order.",
        data=TimelineData(group_events(shown), years, len(events), len(shown) < len(events),
                          upcoming=upcoming(events), axis=axis(shown, EVENT_KINDS)),
    )
    for year, months in group_events(events):
        year_events = [e for _, group in months for e in group]
        yield PageSpec(
            f"timeline/{year}.md", "timeline.html", f"Timeline {year}", "timeline", items=year_events,
            breadcrumbs=_crumbs(("Timeline", "timeline/"), (str(year), f"timeline/{year}/")),
            description=f"Events of {year}.", search=False,
            data=TimelineData(group_events(year_events), years, len(year_events), False, year,
                              axis=axis(year_events, EVENT_KINDS)),
        )


def _in_index_order(declared: KindSpec, nodes: list[Node]) -> list[Node]:
    """The kind's index order (KindSpec.index_order: fields, text in lower case), else the catalog's (by name)."""
    if not declared.index_order:
        return nodes

    def key(node: Node) -> tuple[Any, ...]:
        values = (getattr(node, f) for f in declared.index_order)
        return tuple(v.lower() if isinstance(v, str) else v for v in values)

    return sorted(nodes, key=key)


def _entities(catalog: Catalog) -> Iterator[PageSpec]:
    for declared in entity_kinds():
        nodes: list[Node] = list(catalog.table(declared.kind).values())
        if declared.newest_first:
            nodes.reverse()  # in the index and in the order the pages are written
        yield from _index(declared, _in_index_order(declared, nodes))
        for node in nodes:
            yield from _entity_pages(declared, node)


def _index(declared: KindSpec, ordered: list[Node]) -> Iterator[PageSpec]:
    title, section = declared.title, declared.section
    for chunk, pagination in _pages(ordered, INDEX_PER_PAGE, f"{section}/"):
        url = pagination.urls[pagination.number - 1]
        yield PageSpec(
            uri_of(url), declared.list_template, title + (f" — page {pagination.number}"
                                                        if pagination.number > 1 else ""),
            "listing", items=chunk, pagination=pagination, search=False,
            breadcrumbs=_crumbs((title, f"{section}/")),
            description=f"{title} in the portal's reports.",
        )


def _entity_pages(declared: KindSpec, node: Node) -> Iterator[PageSpec]:
    articles = node.listed_articles
    chart = None if not declared.chart else activity(articles, node.listed_events)
    for chunk, pagination in _pages(articles, ENTITY_ARTICLES, node.url, ENTITY_MORE_PER_PAGE):
        first = pagination.number == 1
        url = pagination.urls[pagination.number - 1]
        yield PageSpec(
            uri_of(url), declared.page_template if first else "entity-articles.html",
            node.label if first else f"{node.label} — articles, page {pagination.number}",
            node.kind if first else "listing", node=node, items=chunk, pagination=pagination,
            search=first, markdown=node.body if first else "",
            breadcrumbs=_crumbs((declared.title, f"{declared.section}/"), (node.label, node.url)),
            description=_describe(node),
            data=EntityData(len(articles), chart if first else None),
        )


def _describe(node: Node) -> str:
    summary = getattr(node, "summary", None) or getattr(node, "description", None)
    if summary:
        return str(summary)
    return f"{node.label}: reports, events and connections on the Standards News Portal."


def _redirects(catalog: Catalog) -> Iterator[PageSpec]:
    """A page at each address a file had before `portal mv` (``moved_from``), sending readers on to its page."""
    for node in catalog.all_nodes():
        for old in node.former:
            yield PageSpec(uri_of(f"{node.section}/{old}/"), "redirect.html", node.label, "redirect", items=[node],
                           search=False, description=f"{node.label} has moved to a new address.")


def _field_reference(catalog: Catalog) -> Iterator[PageSpec]:
    """/contribute/fields/: the editors' field reference, read from the models at build time."""
    contribute = catalog.pages.get("contribute")
    trail = [(contribute.title or "Contribute", contribute.url)] if contribute else []
    yield PageSpec(
        "contribute/fields.md", "fields.html", "Field reference", "page", items=fields.reference(),
        breadcrumbs=_crumbs(*trail, ("Field reference", "contribute/fields/")),
        description="Every field an article, organization, person, place, event or topic may use.",
    )


def _api_page(api_endpoints: Sequence[object]) -> Iterator[PageSpec]:
    """The data API's documentation (not in the nav)."""
    yield PageSpec(
        "api/index.md", "api.html", "Data API", "page", breadcrumbs=_crumbs(("Data API", "api/")),
        description="The portal's data as JSON files with JSON Schemas: articles, events, organizations, "
                    "people, places and topics.",
        data=ApiData(list(api_endpoints)),
    )
