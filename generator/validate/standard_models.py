"""The models of standards and committees (generator/kinds/standard.py and committee.py declare them by
name), and their designations (generator/designations.py reads them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from .. import designations
from ..kinds.standard import ICS_PATTERN, STANDARD_STATUSES
from .models import MOVED, ChineseName, Date, Id, Model, Text, Url


def _designation_of(parse: Callable[[str], object], examples: str) -> Callable[[Any], str]:
    """A validator: the value as written (spaces tidied), if ``parse`` reads it as a designation."""
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise PydanticCustomError("string_type", "Input should be a valid string")
        if parse(value) is None:
            raise PydanticCustomError("invalid_designation", "'{value}' is not " + examples, {"value": value})
        return " ".join(value.split())

    return check


_designation = _designation_of(
    designations.parse, "a standard's designation such as 'ISO 9001:2015', 'GB/T 19001-2016' or 'ITU-T X.509'")
_committee = _designation_of(
    designations.parse_committee, "a committee's designation such as 'ISO/TC 176', 'ISO/TC 46/SC 9' or 'SAC/TC 1'")


StandardDesignation = Annotated[
    str, PlainValidator(_designation),
    WithJsonSchema({"type": "string", "minLength": 1, "description": "e.g. ISO 9001:2015, GB/T 19001-2016"}),
]
CommitteeDesignation = Annotated[
    str, PlainValidator(_committee),
    WithJsonSchema({"type": "string", "minLength": 1, "description": "e.g. ISO/TC 176, ISO/TC 46/SC 9"}),
]
Ics = Annotated[str, StringConstraints(pattern=ICS_PATTERN)]


class Standard(Model):
    """A standard: content/standards/<id>.md (body: what it covers)."""

    designation: StandardDesignation = Field(
        description="Its designation as printed, with the edition's year if known: 'ISO 9001:2015', 'GB/T 19001-2016'."
    )
    title: Text = Field(description="Its English title, e.g. 'Quality management systems — Requirements'.")
    title_zh: ChineseName | None = Field(None, description="Its Chinese title, only where certain.")
    publisher: Id | None = Field(None, description="Id of the organization that publishes it.")
    committee: Id | None = Field(None, description="Id of the committee responsible for it.")
    status: Literal[STANDARD_STATUSES] | None = Field(None, description="Where it stands.")  # type: ignore[valid-type]
    published: Date | None = Field(None, description="When this edition was published: YYYY-MM-DD, YYYY-MM or YYYY.")
    ics: list[Ics] = Field(default_factory=list, description="ICS codes of its field, e.g. '03.120.10'.")
    supersedes: list[Id] = Field(default_factory=list, description="Ids of the standards (editions) it replaces.")
    url: Url | None = Field(None, description="Its page in the publisher's catalogue (http or https).")
    moved_from: list[Id] = Field(default_factory=list, description=MOVED)


class Committee(Model):
    """A technical committee: content/committees/<id>.md (body: what it works on)."""

    designation: CommitteeDesignation = Field(description="Its designation: 'ISO/TC 176', 'ISO/TC 46/SC 9'.")
    title: Text = Field(description="Its English title, e.g. 'Quality management and quality assurance'.")
    title_zh: ChineseName | None = Field(None, description="Its Chinese title, only where certain.")
    organization: Id | None = Field(None, description="Id of the organization it belongs to.")
    parent: Id | None = Field(None, description="Id of the committee it is a sub-committee of.")
    secretariat: Id | None = Field(None, description="Id of the organization that holds its secretariat.")
    moved_from: list[Id] = Field(default_factory=list, description=MOVED)
