"""What templates see: filters, the catalog, and a view of the current page.

Plain values only: the plugin reads MkDocs's config and hands over the site URL and the page's
outputs (links to feeds, calendars, JSON-LD, card), which the outputs stage builds.
"""

from __future__ import annotations

from typing import Any

import jinja2

from ..catalog.graph import Catalog
from ..catalog.nodes import Node
from ..kinds import KINDS
from ..kinds.event import EVENT_KIND_LABELS
from ..kinds.organization import ORG_KIND_LABELS
from . import upcoming, wording
from .article_cards import card_renderer
from .plan import PageSpec


class PageView:
    """The current page as templates see it (``portal`` in the context)."""

    def __init__(self, spec: PageSpec | None, catalog: Catalog, site_url: str | None, outputs: Any) -> None:
        self.spec = spec
        self.catalog = catalog
        self.node: Node | None = spec.node if spec else None
        self.site_url = site_url  # with one trailing slash, or None
        self.outputs = outputs  # generator.outputs.page.PageOutputs, built by the plugin

    @property
    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.spec.breadcrumbs if self.spec else []

    def filter_labels(self) -> dict[str, dict[str, str]]:
        """Names for the ids that the timeline's events carry in data attributes."""
        labels: dict[str, dict[str, str]] = {"kind": {}, "org": {}, "place": {}}
        for event in self.spec.items if self.spec else ():
            labels["kind"][event.event_kind] = EVENT_KIND_LABELS[event.event_kind]
            for org in event.organizations:
                labels["org"][org.id] = org.short_name or org.name
            if event.place is not None:
                for place in (*event.place.ancestors, event.place):
                    labels["place"][place.id] = place.name
        return {k: dict(sorted(v.items(), key=lambda kv: kv[1].lower())) for k, v in labels.items()}


def _autoescape(name: str | None) -> bool:
    # MkDocs's environment does not autoescape (Material's templates rely on that);
    # every template of ours does, so no content value reaches HTML unescaped.
    return bool(name and name.startswith("portal/"))


def install(env: jinja2.Environment) -> None:
    env.autoescape = _autoescape
    env.globals["event_kind_labels"] = EVENT_KIND_LABELS
    env.globals["org_kind_labels"] = ORG_KIND_LABELS
    # Wording computed in Python (generator/pages/wording.py) as plain text; the templates escape it.
    env.filters["date_range"] = wording.date_range
    env.filters["role_term"] = wording.role_term
    env.filters["upper_first"] = wording.upper_first
    env.filters["country_name"] = wording.country_name
    env.filters["event_when"] = wording.event_when
    env.filters["language_name"] = wording.language_name
    env.globals["upcoming"] = upcoming.upcoming  # the events still ahead on the build's day
    env.globals["built_on"] = upcoming.built_on
    env.filters["until"] = upcoming.until
    env.filters["day_text"] = upcoming.day_text
    env.filters["og_locale"] = wording.og_locale
    env.globals["article_card"] = card_renderer(env)  # each card rendered once per build
    env.filters["kind_title"] = lambda kind: KINDS[kind].title  # "Organizations", as its kind declares it


