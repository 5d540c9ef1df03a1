"""A model's validation error → a diagnostic at the field, with a hint (one function per error type)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from pydantic_core import ErrorDetails

from ..dates import suggest as suggest_date
from ..diagnostics import Report
from ..load.frontmatter import Document
from ..load.yamlsafe import Path, Pos
from . import countries
from . import models as m
from .standard_models import ICS_PATTERN

# Nested models, to suggest the right key names inside mappings.
NESTED: dict[type[m.Model], dict[str, type[m.Model]]] = {
    m.Article: {"source": m.Source, "images": m.Image},
    m.Person: {"roles": m.Role},
}


def field_label(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "front matter"


def _yaml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _model_at(model: type[m.Model], loc: Iterable[str | int]) -> type[m.Model] | None:
    for part in loc:
        if isinstance(part, int):
            continue
        nested = NESTED.get(model, {}).get(part)
        if nested is None:
            return None
        model = nested
    return model


def _keys_of(model: type[m.Model]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


@dataclass(frozen=True, slots=True)
class _Error:
    """One pydantic error, with what the messages need."""

    loc: tuple[str | int, ...]  # inside the model
    name: str  # the field as shown: "source.name", "images[0].file"
    value: Any  # the input the model refused
    raw: str | None  # the value as written in the file
    ctx: dict[str, Any]
    msg: str
    model: type[m.Model]

    @property
    def key(self) -> str:
        return str(self.loc[-1]) if self.loc else ""


class Described(NamedTuple):
    code: str
    message: str
    hint: str | None


def _unknown_key(e: _Error) -> Described:
    owner = _model_at(e.model, e.loc[:-1])
    keys = _keys_of(owner) if owner else []
    guess = difflib.get_close_matches(e.key, keys, n=1, cutoff=0.6)
    hint = f"did you mean '{guess[0]}'?" if guess else (f"allowed fields here: {', '.join(keys)}" if keys else None)
    return Described(code="unknown-key", message=f"unknown field '{e.key}'",
                     hint=hint)


def _missing(e: _Error) -> Described:
    return Described(code="missing-field", message=f"required field '{e.name}' is missing",
                     hint=f"add a line '{e.key}: ...'")


def _not_text(e: _Error) -> Described:
    message = f"'{e.name}' must be text, but YAML reads {e.raw or e.value!r} as {_yaml_kind(e.value)}"
    return Described(code="wrong-type", message=message,
                     hint=f'put the value in quotes: {e.key}: "{e.raw}"' if e.raw is not None else None)


def _empty(e: _Error) -> Described:
    return Described(code="empty-value", message=f"'{e.name}' is empty",
                     hint=f"write a value for '{e.key}' or remove the line")


def _too_long(e: _Error) -> Described:
    message = f"'{e.name}' is {len(e.value)} characters long; the limit is {e.ctx.get('max_length')}"
    return Described(code="too-long", message=message,
                     hint="shorten it")


def _pattern(e: _Error) -> Described:
    if e.ctx.get("pattern", "") == m.ID_PATTERN:
        return Described(code="invalid-id", message=f"'{e.value}' in '{e.name}' is not a valid id",
                         hint="ids are lowercase letters, digits and single hyphens, like 'smbqts' or "
                              "'world-standards-day-2018'")
    if e.ctx.get("pattern", "") == m.ARTICLE_ID_PATTERN:
        return Described(code="invalid-id", message=f"'{e.value}' in '{e.name}' is not an article id",
                         hint="an article's id is its year folder and file name, e.g. '2017/shanghai-forum-opens'")
    if e.ctx.get("pattern", "") == m.LANGUAGE_PATTERN:
        return Described(code="invalid-value", message=f"'{e.value}' in '{e.name}' is not a language tag",
                         hint="write a BCP 47 tag in lowercase: en, zh, fr (a script or region after it: zh-Hant)")
    if e.ctx.get("pattern", "") == ICS_PATTERN:
        return Described(code="invalid-value", message=f"'{e.value}' in '{e.name}' is not an ICS code",
                         hint="ICS codes are a field, group and sub-group: '03', '03.120' or '03.120.10', in quotes")
    meant = countries.code_for(e.value) if isinstance(e.value, str) else None
    hint = f'write {e.key}: "{meant}"' if meant else 'use an ISO 3166-1 alpha-2 code in quotes, e.g. country: "CN"'
    message = f"'{e.name}' must be a two-letter country code in capitals, not '{e.value}'"
    return Described(code="invalid-country", message=message, hint=hint)


def _date(e: _Error) -> Described:
    better = suggest_date(e.value)
    hint = f'write "{better}"' if better else "dates are YYYY, YYYY-MM or YYYY-MM-DD and must exist in the calendar"
    return Described(code="invalid-date", message=f"'{e.name}': {e.msg}",
                     hint=hint)


def _url(e: _Error) -> Described:
    return Described(code="invalid-url", message=f"'{e.name}': {e.msg}",
                     hint="use the full address, starting with https://")


def _designation(e: _Error) -> Described:
    return Described(code="invalid-designation", message=f"'{e.name}': {e.msg}",
                     hint="write it as the publisher prints it, with the edition's year if known, in quotes")


def _literal(e: _Error) -> Described:
    allowed = [a.strip("'") for a in str(e.ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
    guess = difflib.get_close_matches(str(e.value), allowed, n=1, cutoff=0.6)
    message = f"'{e.name}' must be one of: {', '.join(allowed)}; got {e.value!r}"
    return Described(code="invalid-value", message=message,
                     hint=f"did you mean '{guess[0]}'?" if guess else None)


def _not_list(e: _Error) -> Described:
    return Described(code="wrong-type", message=f"'{e.name}' must be a list, but is {_yaml_kind(e.value)}",
                     hint=f"write each item on its own line below '{e.key}:', starting with '- '")


def _not_mapping(e: _Error) -> Described:
    return Described(code="wrong-type", message=f"'{e.name}' must be a mapping of fields, but is {_yaml_kind(e.value)}",
                     hint="indent its fields below it, one 'key: value' per line")


def _not_bool(e: _Error) -> Described:
    return Described(code="wrong-type", message=f"'{e.name}' must be true or false, not {e.raw or e.value!r}",
                     hint=f"write {e.key}: true or {e.key}: false")


# pydantic's error type → how to say it. Every error type the models can raise is here.
_DESCRIBE: dict[str, Callable[[_Error], Described]] = {
    "extra_forbidden": _unknown_key, "missing": _missing, "string_type": _not_text,
    "string_too_short": _empty, "string_too_long": _too_long, "string_pattern_mismatch": _pattern,
    "invalid_date": _date, "invalid_url": _url,
    "invalid_designation": _designation, "literal_error": _literal, "list_type": _not_list,
    "model_type": _not_mapping, "dict_type": _not_mapping, "model_attributes_type": _not_mapping,
    "bool_type": _not_bool,
}


def _generic(e: _Error) -> Described:  # pragma: no cover - every error type the models raise is in _DESCRIBE
    return Described(code="invalid-value", message=f"'{e.name}': {e.msg}",
                     hint=None)


def _position(doc: Document, kind: str, path: Path) -> Pos:
    front = doc.front
    if kind == "extra_forbidden":
        return front.pos(path, key=True)
    if kind == "missing":
        parent = front.pos(path[:-1])
        return front.values.get(path[:-1], parent) if path[:-1] else Pos(1, 1)
    return front.pos(path)


def report_error(doc: Document, model: type[m.Model], base: Path, err: ErrorDetails, report: Report) -> None:
    loc = tuple(err["loc"])
    path = (*base, *loc)
    error = _Error(loc, field_label(loc), err.get("input"), doc.front.raw.get(path), err.get("ctx") or {},
                   err["msg"], model)
    code, message, hint = _DESCRIBE.get(err["type"], _generic)(error)
    pos = _position(doc, err["type"], path)
    report.error(doc.path, pos.line, pos.col, code, message, hint)
