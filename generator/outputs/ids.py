"""Permanent ids: ``tag:`` URIs (RFC 4151) that never depend on where the site is published.

Feed readers and calendar apps remember items by id (RSS ``guid``, Atom ``id``, JSON Feed ``id``,
iCalendar ``UID``); search engines join JSON-LD nodes by ``@id``. Built from the page address,
every id would change when the site moves and every item would show up twice. A tag URI is
``tag:<authority>,<date>:<specific>``: the authority is a domain name (or e-mail address) the
publisher held on that date, the specific part is the content id (``article/2017/slug``), so an id
changes only if the content file is renamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog.nodes import Node

DEFAULT_AUTHORITY = "standards-news-portal"
DEFAULT_DATE = "2017"  # the year of the portal's first reports

# RFC 4151: authority = DNSname / emailAddress; date = year ["-" month ["-" day]].
_DNS = r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
AUTHORITY_RE = re.compile(rf"^({_DNS}|[A-Za-z0-9._%+-]+@{_DNS})$")
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


class InvalidTagId(ValueError):
    """The configured authority or date cannot form an RFC 4151 tag URI."""


@dataclass(frozen=True, slots=True)
class TagIds:
    authority: str = DEFAULT_AUTHORITY
    date: str = DEFAULT_DATE

    def __post_init__(self) -> None:
        if not AUTHORITY_RE.match(self.authority):
            raise InvalidTagId(f"id_authority '{self.authority}' is not a domain name or e-mail address "
                               "(RFC 4151), e.g. news.example.org")
        if not DATE_RE.match(self.date):
            raise InvalidTagId(f"id_date '{self.date}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")

    @property
    def prefix(self) -> str:
        return f"tag:{self.authority.lower()},{self.date}:"

    def of(self, specific: str) -> str:
        """The tag URI for a specific part such as ``feed/organizations/iso`` or ``website``."""
        return self.prefix + specific

    def node(self, node: Node) -> str:
        """The permanent id of a content item: its kind and its first id (``event/world-standards-day-2018``),
        which `portal mv` keeps in ``moved_from``, so a renamed file keeps its id."""
        return self.of(f"{node.kind}/{node.former[0] if node.former else node.id}")

    def page(self, url: str) -> str:
        """The permanent id of a generated page, by its site-relative URL (``page/news/2017/``)."""
        return self.of("page/" + url)
