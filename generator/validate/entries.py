"""Validate: raw documents → typed models, every rule, all problems at once."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..dates import InvalidDate, PartialDate
from ..dates import suggest as suggest_date
from ..diagnostics import Report
from ..kinds import Kind
from ..load.documents import ID_RE, Document, Tree
from ..load.yamlsafe import Path, Pos
from . import countries, duplicates
from . import models as m
from .characters import check_characters
from .names import NAME_FIELDS, name_key, namings

# Nested models, to suggest the right key names inside mappings.
_NESTED: dict[type[m.Model], dict[str, type[m.Model]]] = {
    m.Article: {"source": m.Source, "images": m.Image},
    m.Person: {"roles": m.Role},
}
# Page names that would collide with generated sections.
RESERVED_PAGES = frozenset(
    {"news", "timeline", "events", "organizations", "people", "places", "topics", "api",
     "search", "assets", "feed", "atom", "tags", "404"}
)


@dataclass(slots=True)
class Entry:
    """A document whose front matter passed its model."""

    doc: Document
    meta: Any  # the model instance


@dataclass(slots=True)
class Valid:
    """Everything that validated, by kind and id, in file order."""

    articles: dict[str, Entry] = field(default_factory=dict)
    organizations: dict[str, Entry] = field(default_factory=dict)
    people: dict[str, Entry] = field(default_factory=dict)
    places: dict[str, Entry] = field(default_factory=dict)
    events: dict[str, Entry] = field(default_factory=dict)
    topics: dict[str, Entry] = field(default_factory=dict)
    pages: dict[str, Entry] = field(default_factory=dict)
    assets: set[str] = field(default_factory=set)
    documents: list[Document] = field(default_factory=list)  # every parsed file, valid or not
    known: dict[str, set[str]] = field(default_factory=dict)  # ids of files that exist, by kind

    def table(self, kind: Kind) -> dict[str, Entry]:
        return {
            Kind.ARTICLE: self.articles, Kind.ORGANIZATION: self.organizations,
            Kind.PERSON: self.people, Kind.PLACE: self.places, Kind.EVENT: self.events,
            Kind.PAGE: self.pages,
        }[kind]


_MODEL_OF: dict[Kind, type[m.Model]] = {
    Kind.ARTICLE: m.Article, Kind.ORGANIZATION: m.Organization, Kind.PERSON: m.Person,
    Kind.PLACE: m.Place, Kind.EVENT: m.Event, Kind.PAGE: m.Page,
}
_BODY_REQUIRED = {Kind.ARTICLE}


def validate(tree: Tree, report: Report) -> Valid:
    valid = Valid(assets=set(tree.assets), documents=tree.documents, known=tree.ids)
    for doc in tree.documents:
        check_characters(doc, report)
        if doc.kind is Kind.TOPICS:
            _validate_topics(doc, valid, report)
            continue
        meta = validate_model(doc, _MODEL_OF[doc.kind], _model_input(_MODEL_OF[doc.kind], doc.front.data), (), report)
        if doc.kind in _BODY_REQUIRED and not doc.body.strip():
            report.error(
                doc.path, doc.body_line, 1, "empty-body", "the article has no text",
                "write the article text below the closing '---'",
            )
        _check_duplicate_entries(doc, doc.front.data, (), report)
        if doc.kind is not Kind.PAGE and doc.id.rsplit("/", 1)[-1] == "index":
            report.error(
                doc.path, 1, 1, "duplicate-url",
                f"a {doc.kind.value} named 'index' would have the same address as the generated index page",
                "rename the file",
            )
            continue
        if meta is None:
            continue
        table = valid.table(doc.kind)
        if doc.id in table:
            first = table[doc.id].doc.path
            report.error(
                doc.path, 1, 1, "duplicate-id",
                f"{doc.kind.value} id '{doc.id}' is already used by {first}",
                "ids are file names and must be unique within a kind: rename one file",
            )
            continue
        table[doc.id] = Entry(doc, meta)
    check_references(valid, report)
    duplicates.check(valid.documents, report)
    return valid


def _list_fields(model: type[m.Model]) -> frozenset[str]:
    return frozenset(f.alias or name for name, f in model.model_fields.items() if f.default_factory is list)


_LIST_FIELDS = {model: _list_fields(model) for model in
                {*_MODEL_OF.values(), *(n for nested in _NESTED.values() for n in nested.values())}}


def _model_input(model: type[m.Model], data: Any) -> Any:
    """Front matter as the model reads it: an optional list with no items under its key is empty.

    `portal new` writes lists as ``organizations:`` with commented example items below, which YAML
    reads as no value at all; so do nested ones (``source:`` → ``authors:``). New dicts and lists are
    returned where something changed: the loaded document is left as it was.
    """
    if not isinstance(data, dict):
        return data
    nested, lists = _NESTED.get(model, {}), _LIST_FIELDS[model]
    copy: dict[str, Any] | None = None  # made on the first change only: most files have none
    for key, value in data.items():
        inner = nested.get(key)
        if value is None and key in lists:
            copy = dict(data) if copy is None else copy
            del copy[key]
        elif inner is not None and isinstance(value, dict | list):
            items = [value] if isinstance(value, dict) else value
            new = [_model_input(inner, item) for item in items]
            if any(a is not b for a, b in zip(new, items, strict=True)):
                copy = dict(data) if copy is None else copy
                copy[key] = new[0] if isinstance(value, dict) else new
    return data if copy is None else copy


# --- model validation ---------------------------------------------------------------------


def validate_model(
    doc: Document, model: type[m.Model], data: Any, base: Path, report: Report
) -> Any | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        try:
            for err in exc.errors():
                _report_error(doc, model, base, err, report)
        except Exception as bug:  # a bug must not hide the other files' problems
            from ..load.documents import internal_error  # only on this path

            internal_error(report, doc.path, bug)
        return None


def _label(path: Path) -> str:
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
        nested = _NESTED.get(model, {}).get(part)
        if nested is None:
            return None
        model = nested
    return model


def _keys_of(model: type[m.Model]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _report_error(
    doc: Document, model: type[m.Model], base: Path, err: ErrorDetails, report: Report
) -> None:
    loc = tuple(err["loc"])
    path = (*base, *loc)
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    front = doc.front
    name = _label(loc)
    raw = front.raw.get(path)
    pos = front.pos(path)
    hint: str | None = None
    if kind == "extra_forbidden":
        pos = front.pos(path, key=True)
        owner = _model_at(model, loc[:-1])
        keys = _keys_of(owner) if owner else []
        guess = difflib.get_close_matches(str(loc[-1]), keys, n=1, cutoff=0.6)
        code, message = "unknown-key", f"unknown field '{loc[-1]}'"
        hint = f"did you mean '{guess[0]}'?" if guess else (
            f"allowed fields here: {', '.join(keys)}" if keys else None)
    elif kind == "missing":
        parent = front.pos(path[:-1])
        pos = front.values.get(path[:-1], parent) if path[:-1] else Pos(1, 1)
        code, message = "missing-field", f"required field '{name}' is missing"
        hint = f"add a line '{loc[-1]}: ...'"
    elif kind == "string_type":
        code = "wrong-type"
        message = f"'{name}' must be text, but YAML reads {raw or value!r} as {_yaml_kind(value)}"
        hint = f'put the value in quotes: {loc[-1]}: "{raw}"' if raw is not None else None
    elif kind in ("string_too_short",):
        code, message = "empty-value", f"'{name}' is empty"
        hint = f"write a value for '{loc[-1]}' or remove the line"
    elif kind == "string_too_long":
        code = "too-long"
        message = f"'{name}' is {len(value)} characters long; the limit is {ctx.get('max_length')}"
        hint = "shorten it"
    elif kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == m.ID_PATTERN:
            code = "invalid-id"
            message = f"'{value}' in '{name}' is not a valid id"
            hint = "ids are lowercase letters, digits and single hyphens, like 'smbqts' or 'world-standards-day-2018'"
        else:
            code = "invalid-country"
            message = f"'{name}' must be a two-letter country code in capitals, not '{value}'"
            meant = countries.code_for(value) if isinstance(value, str) else None
            hint = (f'write {loc[-1]}: "{meant}"' if meant
                    else 'use an ISO 3166-1 alpha-2 code in quotes, e.g. country: "CN"')
    elif kind == "invalid_date":
        code, message = "invalid-date", f"'{name}': {err['msg']}"
        better = suggest_date(value)
        hint = f'write "{better}"' if better else "dates are YYYY, YYYY-MM or YYYY-MM-DD and must exist in the calendar"
    elif kind == "invalid_url":
        code, message = "invalid-url", f"'{name}': {err['msg']}"
        hint = "use the full address, starting with https://"
    elif kind == "literal_error":
        code = "invalid-value"
        allowed = [a.strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        guess = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        message = f"'{name}' must be one of: {', '.join(allowed)}; got {value!r}"
        hint = f"did you mean '{guess[0]}'?" if guess else None
    elif kind == "list_type":
        code, message = "wrong-type", f"'{name}' must be a list, but is {_yaml_kind(value)}"
        hint = f"write each item on its own line below '{loc[-1]}:', starting with '- '"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        code, message = "wrong-type", f"'{name}' must be a mapping of fields, but is {_yaml_kind(value)}"
        hint = "indent its fields below it, one 'key: value' per line"
    elif kind == "bool_type":
        code, message = "wrong-type", f"'{name}' must be true or false, not {raw or value!r}"
        hint = f"write {loc[-1]}: true or {loc[-1]}: false"
    else:  # pragma: no cover - every error type the models can raise is mapped above
        code, message = "invalid-value", f"'{name}': {err['msg']}"
    report.error(doc.path, pos.line, pos.col, code, message, hint)


def _check_duplicate_entries(doc: Document, data: Any, path: Path, report: Report) -> None:
    """Lists of plain values must not repeat an entry (only containers are walked: hot path)."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        if type(value) is list:
            seen: set[Any] = set()
            for i, item in enumerate(value):
                if isinstance(item, dict | list):
                    _check_duplicate_entries(doc, item, (*path, key, i), report)
                elif item in seen:
                    pos = doc.front.pos((*path, key, i))
                    report.error(
                        doc.path, pos.line, pos.col, "duplicate-entry",
                        f"'{item}' is listed twice in '{_label((*path, key))}'", "remove the repeated line",
                    )
                else:
                    seen.add(item)
        elif type(value) is dict:
            _check_duplicate_entries(doc, value, (*path, key), report)


def _validate_topics(doc: Document, valid: Valid, report: Report) -> None:
    for key, value in doc.front.data.items():
        if not ID_RE.match(str(key)) or key == "index":
            pos = doc.front.pos((key,), key=True)
            report.error(
                doc.path, pos.line, pos.col, "invalid-id" if key != "index" else "duplicate-url",
                f"topic id '{key}' is not a valid id" if key != "index"
                else "topic id 'index' would have the same address as the topics index page",
                "ids are lowercase letters, digits and single hyphens" if key != "index" else "rename the topic",
            )
            continue
        meta = validate_model(doc, m.Topic, value, (key,), report)
        if meta is not None:
            valid.topics[key] = Entry(doc, meta)


# --- references ---------------------------------------------------------------------------


# Which raw front matter fields refer to which kind; checked on the raw values so that a
# file with other errors still has its references checked in the same run.
LIST_REFS = {
    Kind.ARTICLE: (("organizations", "organization"), ("people", "person"), ("places", "place"),
                   ("events", "event"), ("topics", "topic")),
    Kind.EVENT: (("organizations", "organization"), ("people", "person")),
}
ONE_REFS = {
    Kind.EVENT: (("place", "place"),),
    Kind.ORGANIZATION: (("parent", "organization"), ("place", "place")),
    Kind.PLACE: (("parent", "place"),),
}


def check_references(valid: Valid, report: Report) -> None:
    tables = {
        "organization": valid.organizations, "person": valid.people, "place": valid.places,
        "event": valid.events, "topic": valid.topics,
    }
    refs = _References(tables, valid.known, report)
    for doc in valid.documents:
        data = doc.front.data
        if not isinstance(data, dict):
            continue
        for key, what in LIST_REFS.get(doc.kind, ()):
            if isinstance(data.get(key), list):
                for i, ref in enumerate(data[key]):
                    refs.check(doc, (key, i), ref, what)
        for key, what in ONE_REFS.get(doc.kind, ()):
            refs.check(doc, (key,), data.get(key), what)
        if doc.kind is Kind.PERSON and isinstance(data.get("roles"), list):
            for i, role in enumerate(data["roles"]):
                if isinstance(role, dict):
                    refs.check(doc, ("roles", i, "organization"), role.get("organization"), "organization")
    # Dates and image files are checked on the raw values too, so that a file with other errors (a
    # missing summary, a bad kind) still gets these in the same run; a value the model refuses is skipped.
    for doc in valid.documents:
        data = doc.front.data
        if isinstance(data, dict):
            _check_raw_fields(doc, data, valid, report)
    for name in valid.pages:
        if name in RESERVED_PAGES:
            doc = valid.pages[name].doc
            report.error(
                doc.path, 1, 1, "duplicate-url",
                f"page '{name}' would have the same address (/{name}/) as a generated page",
                "rename the file",
            )
    _check_cycles(valid.organizations, "organization", report)
    _check_cycles(valid.places, "place", report)
    _warn_unreferenced(valid, refs, report)


MAX_GUESSES = 20  # distinct unknown ids compared by spelling (names are looked up in a dict): hints stay linear


class _References:
    def __init__(self, tables: dict[str, dict[str, Entry]], known: dict[str, set[str]], report: Report) -> None:
        self.tables, self.known, self.report = tables, known, report
        self.counts: Counter[tuple[str, str]] = Counter()
        self.covered: set[str] = set()  # events some article (valid or not) reports on
        self._hints: dict[tuple[str, str], str] = {}  # one hint per distinct unknown id
        self._names: dict[str, dict[str, str]] = {}  # per kind: name key → id, built on first need
        self._guesses = 0

    def check(self, doc: Document, path: Path, ref: Any, what: str) -> None:
        if not isinstance(ref, str) or not ref:
            return  # a wrong type is the model's to report
        self.counts[(what, ref)] += 1
        if what == "event" and doc.kind is Kind.ARTICLE:
            self.covered.add(ref)
        table = self.tables[what]
        if ref in table or ref in self.known.get(what, ()):  # exists (maybe with its own errors)
            return
        pos = doc.front.pos(path)
        hint = self._hints.get((what, ref))
        if hint is None:
            hint = self._hints[(what, ref)] = self._hint(what, ref)
        self.report.error(doc.path, pos.line, pos.col, "unknown-reference", f"no {what} with id '{ref}'", hint)

    def _hint(self, what: str, ref: str) -> str:
        """The id ``ref`` most likely meant: an entity named so (name, short name, alias, as name keys), an id
        of another kind, else the closest spelling of an id or a name; else how to create it."""
        table = self.tables[what]
        names = self._names.get(what)
        if names is None:
            names = self._names[what] = _name_index(what, table)
        key = name_key(ref)
        guess = names.get(key)
        if guess is None:  # an id of another kind, listed in the wrong field
            other = next((k for k, t in self.tables.items() if k != what and ref in t), None)
            if other is not None:
                return (f"'{ref}' is the id of {_a(other)} ({_title(self.tables[other][ref].meta)}), "
                        f"not of {_a(what)}")
        if guess is None and key and self._guesses < MAX_GUESSES:
            self._guesses += 1  # by spelling, against every id and name (as name keys)
            close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
            guess = names[close[0]] if close else None
        if guess is not None:
            return f"did you mean '{guess}' ({_title(table[guess].meta)})?"
        folder = "content/topics.yml" if what == "topic" else f"content/{_FOLDER[what]}/{ref}.md"
        return f"create {folder} or fix the id"


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _title(meta: Any) -> str:
    return str(getattr(meta, "name", None) or getattr(meta, "title", ""))


def _name_index(what: str, table: dict[str, Entry]) -> dict[str, str]:
    """Name key (see names.name_key) of every id and name of the entities of one kind → id; linear."""
    index: dict[str, str] = {}
    for ident, entry in table.items():
        data = {key: getattr(entry.meta, key, None) for key in NAME_FIELDS.get(what, ())}
        for naming in namings(what, ident, data):
            index.setdefault(name_key(naming.text), ident)
    index.pop("", None)
    return index


_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")  # the model's pattern: other values are the model's to report
_FOLDER = {"organization": "organizations", "person": "people", "place": "places", "event": "events"}


def _raw_date(data: dict[str, Any], key: str) -> PartialDate | None:
    value = data.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    try:
        return PartialDate.parse(value)
    except InvalidDate:
        return None  # the model reports it


def _check_raw_fields(doc: Document, data: dict[str, Any], valid: Valid, report: Report) -> None:
    country = data.get("country") if doc.kind in (Kind.ORGANIZATION, Kind.PLACE) else None
    if isinstance(country, str) and _COUNTRY_RE.match(country) and countries.name(country) is None:
        pos = doc.front.pos(("country",))
        report.error(
            doc.path, pos.line, pos.col, "invalid-country", f"'country': '{country}' is not an ISO 3166-1 country code",
            'use an ISO 3166-1 alpha-2 code in quotes, e.g. country: "CN"',
        )
    if doc.kind is Kind.ARTICLE:
        date, year = _raw_date(data, "date"), doc.id.split("/", 1)[0]
        if date is not None and f"{date.year:04d}" != year:
            pos = doc.front.pos(("date",))
            report.error(
                doc.path, pos.line, pos.col, "year-folder",
                f"the article is dated {date} but sits in news/{year}/",
                f"move it to content/news/{date.year:04d}/ or correct the date",
            )
        images = data.get("images")
        for i, image in enumerate(images if isinstance(images, list) else ()):
            if isinstance(image, dict) and isinstance(image.get("file"), str):
                _check_asset(doc, ("images", i, "file"), image["file"], valid, report)
        updated = _raw_date(data, "updated")
        if date is not None and updated is not None and updated < date:
            _order_error(doc, ("updated",), "updated", updated, "date", date, report)
    elif doc.kind is Kind.ORGANIZATION and isinstance(data.get("logo"), str):
        _check_asset(doc, ("logo",), data["logo"], valid, report)
    elif doc.kind is Kind.EVENT:
        date, end = _raw_date(data, "date"), _raw_date(data, "end")
        if date is not None and end is not None and end < date:
            _order_error(doc, ("end",), "end", end, "date", date, report)
    elif doc.kind is Kind.PERSON and isinstance(data.get("roles"), list):
        for i, role in enumerate(data["roles"]):
            if isinstance(role, dict):
                start, to = _raw_date(role, "from"), _raw_date(role, "to")
                if start is not None and to is not None and to < start:
                    _order_error(doc, ("roles", i, "to"), "to", to, "from", start, report)


def _order_error(doc: Document, path: Path, later: str, lv: Any, earlier: str, ev: Any, report: Report) -> None:
    pos = doc.front.pos(path)
    report.error(
        doc.path, pos.line, pos.col, "date-order",
        f"'{later}' ({lv}) is before '{earlier}' ({ev})",
        f"'{later}' must be the same as or after '{earlier}'",
    )


def _check_asset(doc: Document, path: Path, target: str, valid: Valid, report: Report) -> None:
    pos = doc.front.pos(path)
    norm = target.strip()
    if norm.startswith(("/", "\\")) or ".." in norm.replace("\\", "/").split("/") or ":" in norm:
        report.error(
            doc.path, pos.line, pos.col, "unsafe-path",
            f"'{target}' points outside the content folder",
            "give a path inside content/, such as images/2017/photo.jpg",
        )
    elif norm not in valid.assets:
        report.error(
            doc.path, pos.line, pos.col, "missing-file", f"image file '{target}' does not exist",
            "add the file under content/images/ or remove 'file:' and keep only the caption",
        )


def parent_loops(table: dict[str, Entry]) -> list[list[str]]:
    """Chains of `parent` that come back on themselves, each once; linear in the table."""
    loops: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the chain being walked, 2 = settled
    for start in table:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in table and state.get(node, 0) == 0:
            state[node] = 1
            chain.append(node)
            node = table[node].meta.parent
        if node is not None and state.get(node) == 1:  # came back onto this chain: a loop
            loops.append(chain[chain.index(node):])
        for item in chain:
            state[item] = 2
    return loops


def _check_cycles(table: dict[str, Entry], what: str, report: Report) -> None:
    for loop in parent_loops(table):
        first = table[loop[0]].doc
        pos = first.front.pos(("parent",))
        report.error(
            first.path, pos.line, pos.col, "parent-cycle",
            f"{what} parents form a loop: {' → '.join([*loop, loop[0]])}",
            "one of these files must name a different parent, or none",
        )


def _warn_unreferenced(valid: Valid, refs: _References, report: Report) -> None:
    kinds = (("organization", valid.organizations), ("person", valid.people),
             ("place", valid.places), ("event", valid.events))
    counts, covered = refs.counts, refs.covered
    for what, table in kinds:
        for ident, entry in table.items():
            if counts[(what, ident)] == 0:
                report.warning(
                    entry.doc.path, 1, 1, "unreferenced",
                    f"no article or entity refers to {what} '{ident}'",
                    "list it in an article's front matter, or delete the file",
                )
            elif what == "event" and ident not in covered:
                report.warning(
                    entry.doc.path, 1, 1, "uncovered-event",
                    f"no article reports on event '{ident}'",
                    "add it to the 'events' list of the article that covers it",
                )
    for ident, entry in valid.topics.items():
        if counts[("topic", ident)] == 0:
            pos = entry.doc.front.pos((ident,), key=True)
            report.warning(
                entry.doc.path, pos.line, pos.col, "unreferenced",
                f"no article uses topic '{ident}'",
                "add it to an article's 'topics', or remove it from topics.yml",
            )
