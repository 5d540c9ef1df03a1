"""What a kind declaration says: ``Kind`` (its name), ``Ref`` (a field naming another kind's entries) and
``KindSpec`` (everything else). Each kind declares itself in a module of this package (generator/kinds/event.py).

This module imports nothing of the package: every stage may import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar


class Kind(str):
    """A kind's name ("organization"); one object per name, so kinds compare with ``is``."""

    _known: ClassVar[dict[str, Kind]] = {}
    ARTICLE: ClassVar[Kind]
    ORGANIZATION: ClassVar[Kind]
    PERSON: ClassVar[Kind]
    PLACE: ClassVar[Kind]
    EVENT: ClassVar[Kind]
    TOPICS: ClassVar[Kind]  # the topics file (its entries are of kind "topic")
    PAGE: ClassVar[Kind]
    STANDARD: ClassVar[Kind]
    COMMITTEE: ClassVar[Kind]

    def __new__(cls, name: str) -> Kind:
        known = cls._known.get(name)
        if known is None:
            known = cls._known[name] = super().__new__(cls, name)
        return known

    @property
    def value(self) -> str:
        return str(self)

    def __reduce__(self) -> tuple[Any, tuple[str]]:  # sent to a render worker and back as the same object
        return Kind, (str(self),)

    @classmethod
    def existing(cls, name: str) -> Kind | None:
        """The kind of this name if the code defines it (a cache file read back names only those)."""
        return cls._known.get(name)


Kind.ARTICLE, Kind.ORGANIZATION, Kind.PERSON, Kind.PLACE = (Kind(n) for n in ("article", "organization",
                                                                            "person", "place"))
Kind.EVENT, Kind.TOPICS, Kind.PAGE = Kind("event"), Kind("topics"), Kind("page")
Kind.STANDARD, Kind.COMMITTEE = Kind("standard"), Kind("committee")
TOPIC = Kind("topic")  # an entry of topics.yml

TOPICS_FILE = "topics.yml"


@dataclass(frozen=True, slots=True)
class Ref:
    """A front matter field that names entries of another kind by id."""

    field: str  # "organizations", or the field inside each item of ``within``
    target: str  # the kind referred to
    many: bool = True  # a list of ids (else one id)
    within: str | None = None  # a list of mappings that holds the field: person roles → organization
    # How the value names its target: None, by id; "designation": as printed ("ISO 9001:2008"), matched by
    # generator/designations.py's key, and a target with no file of its own still gets a page.
    by: str | None = None


@dataclass(frozen=True, slots=True)
class KindSpec:
    kind: Kind
    section: str  # URL section, index page and data API file: "organizations"
    title: str  # plural, as the nav and index pages say it: "Organizations"
    model: str | type  # pydantic model: a class name in validate/models.py, or the class itself
    folder: str | None = None  # content/<folder>/<id>.md for entity kinds; None: laid out otherwise
    references: tuple[Ref, ...] = ()
    name_fields: tuple[str, ...] = ("name",)  # fields that name an entry (duplicates, hints, labels)
    body: str | None = "a short description"  # what goes below the front matter (None: no body)
    template: str | None = None  # page template under theme/portal/; None: entity.html
    index_template: str | None = None  # index template; None: entity-index.html
    jsonld: str = "Thing"  # schema.org type of its page's main entity; "" for none
    api: str = ""  # what its data API file (/api/v1/<section>.json) holds; "" for none
    feed: bool = False  # an RSS/Atom/JSON feed of its articles
    calendar: bool = False  # an iCalendar file of its events
    search: bool = True  # a search record for its page
    rank: int = 100  # place in the order editors meet kinds (field reference, `portal new`, folder lists)
    # Its index: sorted by these fields of its nodes (text in lower case); () keeps the catalog's order (by name).
    # ``newest_first``: the catalog's order reversed (events: chronological, so the newest come first).
    index_order: tuple[str, ...] = ()
    newest_first: bool = False
    chart: bool = True  # its page shows its reports and events per year (pages/activity.py)
    # The kind that must report on each of its entries (events: an article), else `uncovered-event`.
    covered_by: str | None = None
    id_hint: str | None = None  # what its ids look like, for an unknown one with no likely match
    # `portal new`: the line below a new file's front matter (after "TODO: "), and whether a name that an
    # existing entry already has is refused unless --namesake (people, organizations, places).
    scaffold_body: str = "describe it in a sentence or two, or delete this line."
    refuse_namesakes: bool = False
    card_label: str = ""  # the word on its pages' social cards; "": its name, capitalized ("Organization")
    # Possible duplicates (validate/duplicates.py). ``distinguishing``: fields that tell two entries of one name
    # apart when both give them and they differ ("roles.organization": the organizations of the items of
    # ``roles``, apart when they share none); ``tell_apart``: the hint saying so; ``name_with``: a field whose
    # value joins each name (events: a yearly event keeps its title, so title and date together);
    # ``names_in_any_order``: "Takayanagi Sei-ichi" is "Sei-ichi Takayanagi".
    distinguishing: tuple[str, ...] = ()
    tell_apart: str = "give them names that tell them apart"
    name_with: str | None = None
    names_in_any_order: bool = False
    # The JSON Schema of its record in the data API (generator/kinds/schema.py's helpers); None: the generic one.
    api_item: dict[str, Any] | None = None
    unreferenced: bool = True  # warn about an entry that nothing refers to (a catalogue of standards: no)
    # Kinds whose entries may name this kind's, in a list of ids named as its ``plural`` ("article": an article's
    # `regulations: [...]`): their models get the field, their pages link here, and this kind's pages back.
    mentioned_by: tuple[str, ...] = ()

    @property
    def page_template(self) -> str:
        return self.template or "entity.html"

    @property
    def list_template(self) -> str:
        return self.index_template or "entity-index.html"

    @property
    def plural(self) -> str:
        """Its name in counts and data API files: "organizations", "articles" (whose section is news)."""
        return "articles" if self.kind is Kind.ARTICLE else self.section or "pages"

    @property
    def label(self) -> str:  # "organization", "person"
        return str(self.kind)
