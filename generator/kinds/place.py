"""Places: content/places/<id>.md — countries, provinces, cities, districts, zones."""

from __future__ import annotations

from . import schema as s
from .spec import Kind, KindSpec, Ref

PLACE_KINDS = ("country", "province", "municipality", "city", "district", "zone", "area", "region")

SPEC = KindSpec(
    Kind.PLACE, "places", "Places", "Place", rank=3, folder="places",
    references=(Ref("parent", "place", many=False),), name_fields=("name", "name_zh"),
    template="place.html", index_template="places-index.html", jsonld="Place", feed=True,
    api="Every place, by id, with the places within it.",
    # Two Putuo districts in different cities.
    distinguishing=("name_zh", "parent", "country"),
    tell_apart="give each its parent, country or Chinese name (name_zh)", refuse_namesakes=True,
    scaffold_body="describe the place in a sentence or two, or delete this line.",
    api_item=s.record({
        "id": s.ident("Place id."), "url": s.URL, "name": s.text("English name."),
        "name_zh": s.text("Chinese name.", nullable=True),
        "kind": s.choice(PLACE_KINDS, "What sort of place it is.", nullable=True),
        "country": s.COUNTRY,
        "parent": s.ident("Id of the place that contains it.", nullable=True),
        "children": s.idents("Ids of places within it."),
        "organizations": s.idents("Ids in organizations.json of organizations based here."),
        "events": s.idents("Ids in events.json of events here (not in places within)."),
        "articles": s.article_ids("Ids in articles.json of articles naming this place, newest first."),
        "body": s.BODY,
    }),
)
