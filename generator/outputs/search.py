"""What a search record says (docs/search.md).

Each page readers search for (an article, event, organization, person, place or topic) gets a
*record*: a small HTML document rendered by ``theme/portal/search/record.html`` from the page's
data and its rendered body. This module builds the ``Record`` a template renders from a catalog
node; ``search_index.py`` writes records to their staging folder and runs Pagefind over it, and
``search_step.py`` drives both during a build or `mkdocs serve`. Listings, indexes and further
pages have no record, so they can never appear in results. This module does not import MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..catalog.nodes import Article, Event, Node, Organization, Person, Place, Topic
from ..kinds import KINDS


class _Indexed:
    """Page kinds with a record, as generator/kinds/ declares them (``search``), read when asked;
    everything else (listings, home, timeline, about, …) is not searchable."""

    def __contains__(self, kind: object) -> bool:
        return isinstance(kind, str) and kind in KINDS and KINDS[kind].search

    def __iter__(self) -> Iterator[str]:
        return (kind for kind, declared in KINDS.items() if declared.search)


INDEXED = _Indexed()


def kind_label(kind: str) -> str:
    return kind.capitalize()  # "Organization": the facet value and the label shown with a result


KIND_LABELS = {kind: kind_label(kind) for kind in INDEXED}  # the built-in kinds

# Runs of Han characters (CJK unified ideographs and extension A, compatibility ideographs).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(slots=True)
class Record:
    """What the index holds for one page, as ``record.html`` renders it."""

    url: str  # site-relative, like "organizations/smbqts/"
    kind: str  # one of INDEXED
    title: str
    names: list[str]  # the page's own names (heading, high weight): name, short name, aliases, Chinese name
    date: str | None = None  # ISO date (partial dates stay partial), shown with the result
    date_display: str | None = None
    summary: str | None = None
    facts: list[str] = field(default_factory=list)  # short lines such as "Part of: …", normal weight
    mentions: list[str] = field(default_factory=list)  # names of linked entities, low weight
    filters: list[tuple[str, str]] = field(default_factory=list)  # (facet, value): kind, organization, topic, year

    @property
    def label(self) -> str:
        return kind_label(self.kind)

    @property
    def han_words(self) -> list[str]:
        return han_suffixes(self.names)


def han_suffixes(texts: Iterable[str]) -> list[str]:
    """Every proper suffix of every run of Chinese characters in ``texts``.

    Pagefind indexes this English site without Chinese segmentation, so 上海市质量技术监督局 is one
    word that only a prefix (上海) can find. Its suffixes are indexed as extra words, so that any
    part of the name (质量技术监督局, 监督局) is a prefix of one of them. Names are short: a name of
    n characters adds n - 1 words.
    """
    out: dict[str, None] = {}
    for text in texts:
        for run in _HAN.findall(text):
            for start in range(1, len(run)):
                out.setdefault(run[start:])
    return list(out)


def _names(node: Node) -> list[str]:
    # A standard or committee: its designation first, in every spelling readers type ("ISO9001", "9001:2008").
    names = [*getattr(node, "spellings", [getattr(node, "designation", None)]),
             getattr(node, "name", "") or getattr(node, "title", ""), getattr(node, "short_name", None),
             *getattr(node, "aliases", []), getattr(node, "name_zh", None), getattr(node, "title_zh", None)]
    return list(dict.fromkeys(n for n in names if n))


def _org_label(org: Organization) -> str:
    return org.short_name or org.name


def record(kind: str, node: Node, url: str) -> Record:
    """The record of an indexed page, from its catalog node alone."""
    if isinstance(node, Article):
        return _article_record(node, url)
    if isinstance(node, Event):
        return _event_record(node, url)
    return _entity_record(kind, node, url)


def _article_record(node: Article, url: str) -> Record:
    return Record(
        url, "article", node.title, [node.title], date=node.date.iso(), date_display=node.date.display(),
        summary=node.summary,
        facts=[c.caption for c in node.images],
        mentions=[*(n for o in node.organizations for n in _names(o)), *(p.name for p in node.people),
                  *(p.name for p in node.places), *(e.title for e in node.events), *(t.name for t in node.topics),
                  *(s.designation for s in node.standards)],
        filters=[("kind", KIND_LABELS["article"]), *(("organization", _org_label(o)) for o in node.organizations),
                 *(("topic", t.name) for t in node.topics), ("year", str(node.date.year))],
    )


def _event_record(node: Event, url: str) -> Record:
    when = node.date.display() + (f" – {node.end.display()}" if node.end else "")
    return Record(
        url, "event", node.title, [node.title], date=node.date.iso(), date_display=when, summary=node.summary,
        facts=[f"Place: {node.place.name}"] if node.place else [],
        mentions=[*(_org_label(o) for o in node.organizations), *(p.name for p in node.people)],
        filters=[("kind", KIND_LABELS["event"]), *(("organization", _org_label(o)) for o in node.organizations),
                 ("year", str(node.date.year))],
    )


def _entity_record(kind: str, node: Node, url: str) -> Record:
    facts: list[str] = []
    filters = [("kind", kind_label(kind))]
    if isinstance(node, Organization):
        facts += [f"Part of: {node.parent.name}"] if node.parent else []
        facts += [f"Based in: {node.place.name}"] if node.place else []
        filters.append(("organization", _org_label(node)))
    elif isinstance(node, Person):
        facts += [r.title + (f", {r.organization.name}" if r.organization else "") for r in node.roles]
        filters += [("organization", _org_label(r.organization)) for r in node.roles if r.organization]
    elif isinstance(node, Place):
        facts += [f"Part of: {node.parent.name}"] if node.parent else []
    elif isinstance(node, Topic):
        filters.append(("topic", node.name))
    summary = node.description if isinstance(node, Topic) else None
    return Record(url, kind, node.label, _names(node), summary=summary, facts=facts,
                  filters=list(dict.fromkeys(filters)))
