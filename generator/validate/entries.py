"""Validate: raw documents → typed models, every rule, all problems at once."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import ValidationError

from ..diagnostics import Report
from ..kinds import KINDS, Kind, sections
from ..load.documents import ID_RE, Tree
from ..load.frontmatter import Document
from ..load.yamlsafe import Path
from . import duplicates, file_memo, standards
from . import models as m
from .characters import check_characters
from .model_errors import NESTED, field_label, report_error
from .raw_fields import check_raw_fields
from .references import check_cycles, check_references, warn_unreferenced
from .valid import Entry, Valid

# Page names that would collide with generated folders, besides each kind's section.
OTHER_RESERVED_PAGES = ("timeline", "api", "search", "assets", "feed", "atom", "tags", "404")


def reserved_pages() -> frozenset[str]:
    return frozenset([*sections(), *OTHER_RESERVED_PAGES])


_BODY_REQUIRED = {Kind.ARTICLE}


def validate(tree: Tree, report: Report) -> Valid:
    valid = Valid(assets=set(tree.assets), documents=tree.documents, known=tree.ids)
    for doc in tree.documents:
        meta = file_memo.validated(doc, report, validate_file)
        if doc.kind is Kind.TOPICS:
            valid.topics.update(meta)
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
    file_memo.keep_only(tree.documents)
    _check_across_files(valid, report)
    duplicates.check(valid.documents, report, tree.added)
    return valid


def _check_across_files(valid: Valid, report: Report) -> None:
    refs = check_references(valid, report)
    for doc in valid.documents:
        if isinstance(doc.front.data, dict):
            check_raw_fields(doc, doc.front.data, valid, report)
    for name in valid.pages:
        reserved_page(valid.pages[name].doc, report)
    for declared in KINDS.values():  # kinds whose entries name a parent of their own kind
        if any(r.field == "parent" and r.target == declared.kind for r in declared.references):
            check_cycles(valid.table(declared.kind), declared.label, report)
    warn_unreferenced(valid, refs, report)
    standards.note_without_file(valid.documents, (e.meta.designation for e in valid.table(Kind.STANDARD).values()),
                                report)


def validate_file(doc: Document, report: Report) -> Any:
    """The checks that depend on this file's bytes alone (generator/validate/incremental.py caches them).

    Returns the model instance (None when the front matter failed it, or for a file named 'index'),
    or for topics.yml {topic id: Entry} of the topics that passed.
    """
    check_characters(doc, report)
    if doc.kind is Kind.TOPICS:
        topics = Valid()
        _validate_topics(doc, topics, report)
        return topics.topics
    model = m.model_of(doc.kind)
    meta = validate_model(doc, model, _model_input(model, doc.front.data), (), report)
    if doc.kind in _BODY_REQUIRED and not doc.body.strip():
        report.error(
            doc.path, doc.body_line, 1, "empty-body", "the article has no text",
            "write the article text below the closing '---'",
        )
    _check_duplicate_entries(doc, doc.front.data, (), report)
    standards.check_file(doc, meta, report)
    if doc.kind is not Kind.PAGE and doc.id.rsplit("/", 1)[-1] == "index":
        report.error(
            doc.path, 1, 1, "duplicate-url",
            f"a {doc.kind.value} named 'index' would have the same address as the generated index page",
            "rename the file",
        )
        return None
    return meta


def reserved_page(doc: Document, report: Report) -> None:
    """A valid page whose name a generated section takes."""
    if doc.id in reserved_pages():
        report.error(
            doc.path, 1, 1, "duplicate-url",
            f"page '{doc.id}' would have the same address (/{doc.id}/) as a generated page",
            "rename the file",
        )


@cache  # per model class: computed once, for every model a kind declares
def _list_fields(model: type[m.Model]) -> frozenset[str]:
    return frozenset(f.alias or name for name, f in model.model_fields.items() if f.default_factory is list)


def _model_input(model: type[m.Model], data: Any) -> Any:
    """Front matter as the model reads it: an optional list with no items under its key is empty.

    `portal new` writes lists as ``organizations:`` with commented example items below, which YAML
    reads as no value at all; so do nested ones (``source:`` → ``authors:``). New dicts and lists are
    returned where something changed: the loaded document is left as it was.
    """
    if not isinstance(data, dict):
        return data
    nested, lists = NESTED.get(model, {}), _list_fields(model)
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


def validate_model(
    doc: Document, model: type[m.Model], data: Any, base: Path, report: Report
) -> Any | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        try:
            for err in exc.errors():
                report_error(doc, model, base, err, report)
        except Exception as bug:  # a bug must not hide the other files' problems
            from ..diagnostics import internal_error  # only on this path

            internal_error(report, doc.path, bug)
        return None


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
                        f"'{item}' is listed twice in '{field_label((*path, key))}'", "remove the repeated line",
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
