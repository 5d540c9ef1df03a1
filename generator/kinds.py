"""The kinds of content the portal knows, shared by every stage.

Today: the ``Kind`` enum, the folder each entity kind lives in and the topics file. Phase 2 of
issue 13 makes this the one declaration of a kind (model, references, pages, feeds).
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    ARTICLE = "article"
    ORGANIZATION = "organization"
    PERSON = "person"
    PLACE = "place"
    EVENT = "event"
    TOPICS = "topics"
    PAGE = "page"


ENTITY_FOLDERS = {
    "organizations": Kind.ORGANIZATION,
    "people": Kind.PERSON,
    "places": Kind.PLACE,
    "events": Kind.EVENT,
}
FOLDER_OF = {kind: folder for folder, kind in ENTITY_FOLDERS.items()}  # Kind.PERSON → "people"
TOPICS_FILE = "topics.yml"
