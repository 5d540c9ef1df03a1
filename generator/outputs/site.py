"""The few site-wide facts outputs need besides the catalog."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin

from .. import markdown, sanitize
from ..catalog.graph import Catalog
from ..catalog.nodes import Article
from ..dates import PartialDate
from .ids import TagIds
from .urls import Links

GENERATOR = "Standards News Portal generator"
LANGUAGE = "en"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# href/src attributes in rendered Markdown (always double-quoted; a literal '"' in text is escaped).
_LINK_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)"')


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    description: str
    links: Links
    ids: TagIds = field(default_factory=TagIds)  # permanent ids of items, pages and feeds (outputs/ids.py)


def moment(date: PartialDate) -> dt.datetime:
    """Start of a partial date's period, midnight UTC: feeds need a full timestamp."""
    return dt.datetime.combine(date.start(), dt.time(), tzinfo=dt.UTC)


def modified(article: Article) -> PartialDate:
    return max(article.date, article.updated) if article.updated else article.date


def latest(catalog: Catalog) -> dt.datetime:
    """The newest date in the content: a timestamp that changes only when the content does."""
    dates = [modified(a) for a in catalog.articles.values()]
    dates += [e.end or e.date for e in catalog.events.values()]
    return moment(max(dates)) if dates else EPOCH


def article_html(article: Article, rendered: Mapping[str, str]) -> str:
    """The rendered, sanitized body: the site build's (``rendered``, by article id), else rendered here the
    same way (the one Markdown configuration and the sanitizer), when outputs run on their own."""
    html = rendered.get(article.id)
    if html is not None:
        return html
    return sanitize.clean(markdown.new_markdown().convert(article.body))


def absolute_links(html: str, base: str) -> str:
    """Resolve the page-relative links of an article body against its page URL, so they still
    work where the body is shown elsewhere (feed readers resolve against the feed's URL)."""
    return _LINK_ATTR.sub(lambda m: f'{m[1]}{urljoin(base, m[2])}"', html)
