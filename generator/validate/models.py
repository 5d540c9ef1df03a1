"""The content model: the contract editors write against.

Each class is the front matter of one kind of content file. Field
descriptions here are the single source of the editors' field reference
(``portal docs``) and of the JSON Schemas (``portal schema``).
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from ..dates import InvalidDate, PartialDate
from ..kinds import KINDS, mentioned_in

# The vocabularies are part of each kind's declaration (generator/kinds/<kind>.py).
from ..kinds.event import ATTENDANCE_MODES, EVENT_KINDS
from ..kinds.organization import ORGANIZATION_KINDS
from ..kinds.place import PLACE_KINDS
from ..kinds.schema import ARTICLE_ID_PATTERN, ID_PATTERN


def _date(value: Any) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except InvalidDate as exc:
        raise PydanticCustomError("invalid_date", str(exc)) from None


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PydanticCustomError(
            "invalid_url", "'{value}' is not a web address starting with http:// or https://",
            {"value": value},
        )
    return value.strip()


Date = Annotated[
    PartialDate,
    PlainValidator(_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({
        "type": ["string", "integer"],
        "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
        "description": "YYYY, YYYY-MM or YYYY-MM-DD",
    }),
]
Url = Annotated[
    str,
    PlainValidator(_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
ArticleId = Annotated[str, StringConstraints(pattern=ARTICLE_ID_PATTERN)]
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"  # en, zh, zh-Hant, pt-BR
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
MOVED = ("Former ids of this file, oldest first, written by `portal mv`: each old address redirects here, and "
         "the permanent id (feeds, calendars, JSON-LD) stays the first one's.")
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
ChineseName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class Model(BaseModel):
    # strict: a YAML boolean or number never silently becomes text (the "Norway problem").
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class Source(Model):
    """Where the report was first published."""

    name: Text = Field(
        description="Name of the publication, e.g. China Daily; 'Unattributed' when the page names none."
    )
    url: Url | None = Field(None, description="Web address of the original report (http or https).")
    date: Date | None = Field(None, description="Original publication date, if it differs from `date`.")
    authors: list[Text] = Field(
        default_factory=list, description="Reporters the original report credits by name, as it writes them."
    )


class Image(Model):
    """A photo of the report: its caption and credit; a file only if it exists under content/."""

    caption: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)] = Field(
        description="The caption as the report gives it."
    )
    credit: Text | None = Field(None, description="Who the photo is credited to, e.g. 'Photo from shzj.gov.cn'.")
    file: str | None = Field(
        None, description="Path of the image file inside content/images/, e.g. images/2017/meeting.jpg."
    )


class Article(Model):
    """A news article: content/news/<YYYY>/<slug>.md"""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=160)] = Field(
        description="Headline, at most 160 characters."
    )
    date: Date = Field(description="Publication date: YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no day.")
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] = Field(
        description="One or two plain-text sentences (at most 300 characters) for listings, feeds and search engines."
    )
    source: Source = Field(description="The publication the report comes from.")
    organizations: list[Id] = Field(default_factory=list, description="Ids of organizations the article mentions.")
    people: list[Id] = Field(default_factory=list, description="Ids of people the article mentions.")
    places: list[Id] = Field(default_factory=list, description="Ids of places the article mentions.")
    events: list[Id] = Field(default_factory=list, description="Ids of events the article reports on.")
    topics: list[Id] = Field(default_factory=list, description="Topic ids from content/topics.yml.")
    standards: list[Text] = Field(default_factory=list, description="Standard designations, e.g. 'ISO 9001'.")
    images: list[Image] = Field(default_factory=list, description="Photo captions and credits.")
    draft: bool = Field(False, description="true keeps the article out of the site.")
    updated: Date | None = Field(None, description="Date of the last substantive correction.")
    language: Language = Field("en", description="Language the report is written in, as a BCP 47 tag: en, zh, fr, …")
    translation_of: ArticleId | None = Field(
        None, description="Id (<year>/<name>) of the report this one translates; both pages then link each other."
    )
    moved_from: list[ArticleId] = Field(default_factory=list, description=MOVED.replace("ids", "ids (<year>/<name>)"))


class Organization(Model):
    """An organization: content/organizations/<id>.md (body: description)."""

    name: Text = Field(description="Full English name.")
    short_name: Text | None = Field(None, description="Abbreviation used in reports, e.g. SMBQTS.")
    aliases: list[Text] = Field(default_factory=list, description="Other names and spellings used in reports.")
    name_zh: ChineseName | None = Field(None, description="Chinese name, only where certain.")
    kind: Literal[ORGANIZATION_KINDS] = Field("other", description="What sort of organization it is.")  # type: ignore[valid-type]
    parent: Id | None = Field(None, description="Id of the organization it belongs to.")
    country: Country | None = Field(None, description='ISO 3166-1 alpha-2 code in quotes, e.g. "CN".')
    place: Id | None = Field(None, description="Id of the place where it is based.")
    website: Url | None = Field(None, description="Official web address (http or https).")
    same_as: list[Url] = Field(
        default_factory=list,
        description="Other pages that identify it, for search engines: e.g. its Wikidata item "
                    "(https://www.wikidata.org/wiki/Q…) or its page on a parent body's site (http or https).",
    )
    logo: str | None = Field(
        None, description="Path of its logo inside content/images/, e.g. images/logos/iso.png: the organization's "
                          "own logo file, only where you may publish it (search engines show it with its name).",
    )
    moved_from: list[Id] = Field(default_factory=list, description=MOVED)


class Role(Model):
    """A position a person holds, as a report gives it."""

    title: Text = Field(description="The role, e.g. 'deputy director'.")
    organization: Id | None = Field(None, description="Id of the organization the role is in.")
    from_: Date | None = Field(None, alias="from", description="When the role is first reported or began.")
    to: Date | None = Field(None, description="When the role ended, if known.")


class Person(Model):
    """A person: content/people/<id>.md (body: short biography)."""

    name: Text = Field(description="Name as the reports write it.")
    name_zh: ChineseName | None = Field(None, description="Chinese name, only where certain.")
    roles: list[Role] = Field(default_factory=list, description="Positions held, with organization and dates.")
    moved_from: list[Id] = Field(default_factory=list, description=MOVED)


class Place(Model):
    """A place: content/places/<id>.md"""

    name: Text = Field(description="English name.")
    name_zh: ChineseName | None = Field(None, description="Chinese name, only where certain.")
    kind: Literal[PLACE_KINDS] | None = Field(None, description="What sort of place it is.")  # type: ignore[valid-type]
    parent: Id | None = Field(None, description="Id of the place that contains it (district → municipality → country).")
    country: Country | None = Field(None, description='ISO 3166-1 alpha-2 code in quotes, e.g. "CN".')
    moved_from: list[Id] = Field(default_factory=list, description=MOVED)


class Event(Model):
    """An event: content/events/<id>.md (body: description)."""

    title: Text = Field(description="Name of the event.")
    date: Date = Field(description="When it happened: YYYY-MM-DD, or YYYY-MM / YYYY when only that is known.")
    end: Date | None = Field(None, description="Last day of a multi-day event (not before `date`).")
    kind: Literal[EVENT_KINDS] = Field("other", description="What sort of event it is.")  # type: ignore[valid-type]
    place: Id | None = Field(None, description="Id of the place where it happened.")
    organizations: list[Id] = Field(default_factory=list, description="Ids of organizations involved.")
    people: list[Id] = Field(default_factory=list, description="Ids of people involved.")
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] | None = Field(
        None, description="One line on what happened."
    )
    attendance: Literal[ATTENDANCE_MODES] = Field(  # type: ignore[valid-type]
        "offline", description="How people took part: offline (in person at `place`), online, or mixed (both)."
    )
    standards: list[Text] = Field(
        default_factory=list, description="Designations of the standards it is about, as written, e.g. 'ISO 9001:2015'."
    )
    moved_from: list[Id] = Field(default_factory=list, description=MOVED)


class Topic(Model):
    """A topic in content/topics.yml: `<id>: {name, description}`."""

    name: Text = Field(description="Display name.")
    description: Text | None = Field(None, description="One or two sentences on what the topic covers.")


class Page(Model):
    """A site page such as content/about.md (front matter optional)."""

    title: Text | None = Field(None, description="Page title; defaults to the first heading.")
    description: Text | None = Field(None, description="Meta description.")


def model_of(kind: str) -> type[Model]:
    """The model a kind's declaration names (generator/kinds/): a class of this module, or its own; with a
    list of ids for each kind declared as mentioned by it (``KindSpec.mentioned_by``)."""
    from . import standard_models  # imports this module: here, not at the top

    model = KINDS[kind].model
    found = model if isinstance(model, type) else getattr(standard_models, model, None) or globals()[model]
    assert issubclass(found, Model), kind
    extra = tuple((s.plural, s.title) for s in mentioned_in(kind))
    return _with_mentions(found, extra) if extra else found


@functools.cache
def _with_mentions(base: type[Model], extra: tuple[tuple[str, str], ...]) -> type[Model]:
    fields: dict[str, Any] = {
        name: (list[Id], Field(default_factory=list, description=f"Ids of {title.lower()} it mentions."))
        for name, title in extra}
    return create_model(base.__name__, __base__=base, __doc__=base.__doc__, **fields)


def models() -> dict[str, type[Model]]:
    """Every declared kind's model, by kind."""
    return {kind: model_of(kind) for kind in KINDS}


MODELS = models()  # the built-in kinds' models (a kind declared later is read through model_of)
