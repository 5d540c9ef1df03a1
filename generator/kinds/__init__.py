"""Every kind of content the portal knows, each declared once in a module of this package (in the spirit of
Lektor's models): generator/kinds/organization.py is the organizations' declaration.

A ``KindSpec`` (kinds/spec.py) says where a kind's files live, which pydantic model reads them, which fields
refer to which kind, how pages and lists name it, how namesakes are told apart, what its data API record holds,
and what it gets: its page and index templates, a feed, a calendar, a data API file, a JSON-LD type, a search
record. Every stage reads these declarations instead of keeping a table of its own; adding a kind is one module
here, listed in ``KINDS`` (plus its model, and a template if the generic ``portal/entity.html`` is not enough).
What is genuinely specific to one kind (an event's date range, an organization's hierarchy) stays in its
model, catalog builder and template.

This package imports nothing else of the generator: every stage may import it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from . import article, committee, event, organization, page, person, place, standard, topic
from .spec import TOPIC, TOPICS_FILE, Kind, KindSpec, Ref

__all__ = ["KINDS", "TOPIC", "TOPICS_FILE", "Kind", "KindSpec", "Ref", "by_designation", "by_folder",
           "entity_kinds", "folder_of", "for_editors", "mentioned_in", "references", "registered", "sections",
           "spec"]

# In the order of the site's sections (nav, pages, sitemap); ``rank`` orders them for editors.
KINDS: dict[str, KindSpec] = {m.SPEC.kind: m.SPEC for m in (
    article, organization, event, person, place, topic, standard, committee, page)}


def spec(kind: str) -> KindSpec:
    return KINDS[kind]


def entity_kinds() -> list[KindSpec]:
    """Kinds with a page per entry and an index of their own (not articles, not site pages), in section order."""
    return [s for s in KINDS.values() if s.section and s.kind is not Kind.ARTICLE]


def for_editors() -> list[KindSpec]:
    """Every kind in the order editors meet them (by ``rank``, then as declared)."""
    return sorted(KINDS.values(), key=lambda s: s.rank)


def by_folder() -> dict[str, Kind]:
    """Content folder → kind, for the kinds that have one ("people" → person), in editors' order."""
    return {s.folder: s.kind for s in for_editors() if s.folder}


def folder_of(kind: str) -> str | None:
    found = KINDS.get(kind)
    return found.folder if found else None


def references(kind: str) -> tuple[Ref, ...]:
    """The references a kind's entries make by id: those it declares, and one per kind mentioned by it."""
    found = KINDS.get(kind)
    own = tuple(r for r in found.references if r.by is None) if found else ()
    return own + tuple(Ref(s.plural, s.kind) for s in mentioned_in(kind))


def mentioned_in(kind: str) -> list[KindSpec]:
    """The kinds an entry of ``kind`` may name in a list of their own (``KindSpec.mentioned_by``)."""
    return [s for s in KINDS.values() if kind in s.mentioned_by]


def by_designation(kind: str) -> tuple[Ref, ...]:
    """The references a kind's entries make by designation (an article's ``standards``)."""
    found = KINDS.get(kind)
    return tuple(r for r in found.references if r.by == "designation") if found else ()


def sections() -> list[str]:
    """Every section with a generated index page (also reserved as page names)."""
    return [s.section for s in KINDS.values() if s.section]


@contextmanager
def registered(*specs: KindSpec) -> Iterator[None]:
    """Declare more kinds, or declare kinds otherwise, for a while (tests: a throwaway kind), then restore."""
    before = dict(KINDS)
    KINDS.update((s.kind, s) for s in specs)
    try:
        yield
    finally:
        KINDS.clear()
        KINDS.update(before)
