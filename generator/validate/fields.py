"""The editors' field reference, read from the content models themselves.

One source for the site's /contribute/fields/ page, ``portal docs``, the comments in
``portal new`` templates and the placeholder messages: none of them can drift from
``generator/validate/models.py``.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import StringConstraints

from ..dates import PartialDate
from ..kinds import KINDS, TOPICS_FILE, Kind, folder_of, for_editors
from . import models as m
from .standard_models import ICS_PATTERN


def where(kind: str) -> str:
    """Where a kind's files live, as the field reference says it."""
    if kind == Kind.ARTICLE:
        return "content/news/<YYYY>/<slug>.md"
    if kind == Kind.PAGE:
        return "content/<name>.md"
    folder = folder_of(kind)
    return f"content/{folder}/<id>.md" if folder else f"content/{TOPICS_FILE}"


@dataclass(frozen=True, slots=True)
class FieldDoc:
    key: str  # as written in front matter (the alias where there is one)
    type: str  # human wording: "text, at most 160 characters", "list of ids", …
    required: bool
    default: str | None
    allowed: tuple[str, ...]  # fixed values, when the field takes one of a list
    description: str
    nested: str | None = None  # name of the nested model whose fields go below this key
    is_list: bool = False
    value: str = "text"  # base kind of value: text, date, url, id, country, bool, mapping


@dataclass(frozen=True, slots=True)
class ModelDoc:
    name: str  # "article", or "source" for a nested model
    model: type[m.Model]
    summary: str  # the model's docstring
    where: str | None  # file location, for top-level kinds
    body: str | None
    fields: tuple[FieldDoc, ...]

    def field(self, key: str) -> FieldDoc | None:
        return next((f for f in self.fields if f.key == key), None)


Described = tuple[str, tuple[str, ...], str | None, bool, str]


def _describe(tp: Any) -> Described:
    """(wording, allowed values, nested model name, is a list, base value) for an annotation."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return _describe(args[0]) if len(args) == 1 else (" or ".join(_describe(a)[0] for a in args), (), None,
                                                         False, "text")
    if origin is list:
        return _describe_list(get_args(tp)[0])
    if origin is Literal:
        allowed = tuple(str(a) for a in get_args(tp))
        return "one of the listed values", allowed, None, False, "choice"
    if origin is typing.Annotated:
        return _describe_annotated(tp)
    if isinstance(tp, type) and issubclass(tp, m.Model):
        return "fields indented below it", (), tp.__name__.lower(), False, "mapping"
    if tp is bool:
        return "true or false", (), None, False, "bool"
    return "text", (), None, False, "text"


def _describe_list(item: Any) -> Described:
    text, allowed, nested, _, value = _describe(item)
    plural = {"text": "texts", "id": "ids", "date": "dates", "web address": "web addresses"}
    base = text.split(",")[0]
    rest = text[len(base):]
    if nested:
        return "list of entries, each with fields indented below it", allowed, nested, True, value
    return f"list of {plural.get(base, base + 's')}{rest}", allowed, nested, True, value


def _describe_annotated(tp: Any) -> Described:
    base, *meta = get_args(tp)
    if base is PartialDate:
        return "date: YYYY-MM-DD, YYYY-MM or YYYY", (), None, False, "date"
    if tp == m.Url:
        return "web address starting with https:// or http://", (), None, False, "url"
    for item in meta:
        if isinstance(item, StringConstraints):
            if item.pattern == m.ID_PATTERN:
                return "id", (), None, False, "id"
            if item.pattern == m.ARTICLE_ID_PATTERN:
                return "article id: <year>/<file name>", (), None, False, "article-id"
            if item.pattern == m.LANGUAGE_PATTERN:
                return "language tag, e.g. zh", (), None, False, "language"
            if item.pattern == ICS_PATTERN:
                return 'ICS code, in quotes, e.g. "03.120.10"', (), None, False, "ics"
            if item.pattern:
                return 'two capital letters in quotes, e.g. "CN"', (), None, False, "country"
            if item.max_length:
                return f"text, at most {item.max_length} characters", (), None, False, "text"
    return "text", (), None, False, "text"


def _doc(name: str, model: type[m.Model]) -> ModelDoc:
    hints = typing.get_type_hints(model, include_extras=True)
    fields = []
    for attr, info in model.model_fields.items():
        text, allowed, nested, is_list, value = _describe(hints[attr])
        default = None
        if not info.is_required() and info.default is not None and info.default_factory is None:
            default = str(info.default).lower() if isinstance(info.default, bool) else str(info.default)
        fields.append(FieldDoc(
            key=info.alias or attr, type=text, required=info.is_required(), default=default,
            allowed=allowed, description=info.description or "", nested=nested, is_list=is_list, value=value,
        ))
    body = KINDS[name].body if name in KINDS else None
    if body and name != "page":
        body += " (required)" if name == "article" else " (optional)"
    return ModelDoc(name, model, (model.__doc__ or "").strip(), where(name) if name in KINDS else None, body,
                    tuple(fields))


_NESTED: dict[str, type[m.Model]] = {"source": m.Source, "image": m.Image, "role": m.Role}


def reference() -> list[ModelDoc]:
    """Every content kind, then the nested field groups (source, image, role)."""
    return [_doc(s.kind, m.model_of(s.kind)) for s in for_editors()] + [_doc(n, cls) for n, cls in _NESTED.items()]


def model_doc(name: str) -> ModelDoc:
    return _doc(name, m.model_of(name) if name in KINDS else _NESTED[name])


def field_at(kind: str, path: tuple[str | int, ...]) -> FieldDoc | None:
    """The field a front matter path points to, e.g. ('source', 'name') in an article."""
    doc: ModelDoc | None = model_doc(kind)
    found: FieldDoc | None = None
    for part in path:
        if isinstance(part, int):
            continue
        if doc is None:
            return None
        found = doc.field(part)
        if found is None:
            return None
        doc = model_doc(found.nested) if found.nested else None
    return found
