"""Topics: the entries of content/topics.yml (a mapping of topic id → name and description)."""

from __future__ import annotations

from . import schema as s
from .spec import TOPIC, KindSpec

SPEC = KindSpec(
    TOPIC, "topics", "Topics", "Topic", rank=5, body=None, template="topic.html", index_template="topics-index.html",
    jsonld="DefinedTerm", feed=True, api="Every topic, by id, with its articles.",
    api_item=s.record({
        "id": s.ident("Topic id."), "url": s.URL, "name": s.text("Display name."),
        "description": s.text("What the topic covers.", nullable=True),
        "articles": s.article_ids("Ids in articles.json, newest first."),
    }),
)
