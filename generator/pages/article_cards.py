"""Each article's card (theme/portal/partials/article-card.html) rendered once per build.

Listings, entity pages, related lists and the home page show the same cards again and again (a 4,000
article build rendered the card template about twelve times per article). The card is rendered once
per article and heading level with a placeholder for its link, which is the only part that depends on
the page showing it (MkDocs's ``url`` filter makes links page-relative); each page gets the cached card
with its own link put in. The output is the same bytes as rendering the card on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..catalog.nodes import Article

TEMPLATE = "portal/partials/article-card.html"
HREF = "portal-card-href-placeholder"  # nothing in a card escapes or contains it


def card_renderer(env: jinja2.Environment) -> Callable[..., Markup]:
    """The ``article_card(article, level=3)`` template global of one build (a new cache per environment)."""
    cards: dict[tuple[str, int], str] = {}

    @jinja2.pass_context
    def article_card(context: Any, article: Article, level: int = 3) -> Markup:
        key = (article.id, level)
        html = cards.get(key)
        if html is None:
            html = cards[key] = env.get_template(TEMPLATE).render(article=article, card_level=level, href=HREF)
        href = escape(context.environment.filters["url"](context, article.url))
        return Markup(html.replace(HREF, href))

    return article_card
