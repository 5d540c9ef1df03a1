"""Checking in proportion to a change (`portal check --changed`, generator/cli/changed.py): the checks
that span files, run over indexes built from every file's summary (generator/validate/summaries.py).

``check_files`` gives, for the chosen files, exactly the diagnostics a full check gives them:
references against the set of valid (kind, id) with the same hints, parent loops and unreferenced
entities over the whole index, possible duplicates against every file sharing a name with them, and
the body and placeholder checks on the chosen files only. Only the chosen files are parsed again.

Every check of entries.validate that spans files has its counterpart here: references (and their
hints), image files that must exist (raw_fields), parent loops, unreferenced entities and uncovered
events, possible duplicates, body links (the published pages, from the summaries). ``duplicate-id``
needs none: file names make ids unique within a kind. One difference is by design: a full check
guesses a spelling for the first ``references.MAX_GUESSES`` distinct unknown ids of the whole tree,
this for the first of the chosen files, so past that many unknown ids a hint may be more specific here.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from ..diagnostics import Report, internal_error
from ..kinds import KINDS, TOPIC, Kind, entity_kinds, spec
from ..load import documents as loading
from ..load.cache import ParseCache
from ..load.frontmatter import Document
from . import duplicates, standards
from .assets import check_assets
from .references import ReferenceCheck, covers, cycle_error, referred_kinds, walk_references, warn_unreferenced
from .summaries import Files, referred
from .targets import Targets, generated_pages
from .valid import Entry, Valid, parent_loops


def _standins(files: Files) -> dict[str, dict[str, Entry]]:
    """Per kind referred to: valid id → an entry whose meta holds the name fields (for hints)."""
    tables: dict[str, dict[str, Entry]] = {what: {} for what in referred_kinds()}
    for s in files.summaries:
        what = referred(s.kind)
        if s.valid and what is not None:
            table = tables[what]
            for ident, fields in s.names.items():
                table.setdefault(ident, Entry(None, SimpleNamespace(parent=s.parent, **fields)))  # type: ignore[arg-type]
    return tables


def check_all(files: Files, parsed: ParseCache) -> Report:
    """A full check from the caches (`portal check --cache`): every file chosen, the documents from the
    parse cache; the same diagnostics as the pipeline's, without building the catalog."""
    files.parse_all(parsed)
    prefix = loading.display_path(files.tree.content_dir)
    return check_files(files, {s.path for s in files.summaries} | {d.path for d in files.walked}
                       | {f"{prefix}/{rel}" for rel in files.tree.assets})


def check_files(files: Files, keep: set[str]) -> Report:
    """The diagnostics a full check reports about the files shown as ``keep`` (and no others)."""
    try:
        return _check_files(files, keep)
    except Exception as exc:  # as in pipeline.py: a bug must not end in a traceback
        report = Report()
        internal_error(report, loading.display_path(files.tree.content_dir), exc)
        return report


def _check_files(files: Files, keep: set[str]) -> Report:
    chosen = [i for i, s in enumerate(files.summaries) if s.path in keep]
    docs = files.parse(chosen)
    report = Report()
    report.extend(d for d in files.walked if d.path in keep)
    prefix = loading.display_path(files.tree.content_dir)
    check_assets(files.tree.content_dir, [a for a in files.tree.assets if f"{prefix}/{a}" in keep], report, prefix,
                 names=files.tree.assets)
    for i in chosen:
        report.extend(files.summaries[i].diagnosed)
    tables = _standins(files)
    refs = ReferenceCheck(tables, files.tree.ids, report)
    for doc in docs.values():
        for path, ref, what in walk_references(doc):
            refs.check(doc, path, ref, what)
    _across_files(files, docs, tables, refs, report)
    _duplicates(files, chosen, report)
    tree = loading.Tree(files.tree.content_dir, documents=list(docs.values()), assets=files.tree.assets)
    if any("TODO" in d.front.text or "TODO" in d.body for d in tree.documents):
        from . import placeholders  # imports the models (for the field descriptions): only when needed

        report = placeholders.apply(tree, report)
    if any(files.summaries[i].body_check for i in docs):
        from . import bodies  # Python-Markdown, the sanitizer and html5lib: only when a body needs them

        bodies.check(tree.documents, _targets(files), report)
    return report


def _across_files(files: Files, docs: dict[int, Document], tables: dict[str, dict[str, Entry]],
                  refs: ReferenceCheck, report: Report) -> None:
    """The checks of entries.validate that span files, in its order, for the chosen ``docs``."""
    _raw_fields(files, docs, report)
    _parent_loops(files, docs, tables, report)
    _unreferenced(files, docs, tables, refs, report)
    standards.note_without_file(docs.values(), (e.meta.designation for e in tables.get(Kind.STANDARD, {}).values()),
                                report)


def _raw_fields(files: Files, docs: dict[int, Document], report: Report) -> None:
    """Fields checked on the raw front matter, such as image files that must exist."""
    from .raw_fields import check_raw_fields

    assets = Valid(assets=set(files.tree.assets))
    for doc in docs.values():
        if isinstance(doc.front.data, dict):
            check_raw_fields(doc, doc.front.data, assets, report)


def _parent_loops(files: Files, docs: dict[int, Document], tables: dict[str, dict[str, Entry]],
                  report: Report) -> None:
    """Parent loops over the whole index, reported on their first file when it is a chosen one."""
    by_path = {doc.path: doc for doc in docs.values()}
    for declared in KINDS.values():  # kinds whose entries name a parent of their own kind (as entries.py)
        if not any(r.field == "parent" and r.target == declared.kind for r in declared.references):
            continue
        paths = {s.ident: s.path for s in files.summaries if s.valid and s.kind is declared.kind}
        for loop in parent_loops(tables[declared.kind]):
            first = by_path.get(paths[loop[0]])
            if first is not None:
                cycle_error(first, loop, declared.label, report)


def _unreferenced(files: Files, docs: dict[int, Document], tables: dict[str, dict[str, Entry]],
                  refs: ReferenceCheck, report: Report) -> None:
    """Unreferenced entities and uncovered events among the chosen files."""
    _count_references_to(files, docs, refs)
    valid = Valid()
    for i, doc in docs.items():
        s = files.summaries[i]
        what = referred(s.kind)
        if s.valid and what is not None:  # topics.yml: every topic that passed (its names)
            valid.table(what).update((key, Entry(doc, tables[what][key].meta)) for key in s.names)
    warn_unreferenced(valid, refs, report)


def _count_references_to(files: Files, docs: dict[int, Document], refs: ReferenceCheck) -> None:
    """Sets ``refs.counts`` and ``refs.covered`` from the references of every file to the chosen
    entities (none: an edited article)."""
    wanted = {(what, ident) for s in (files.summaries[i] for i in docs)
              if s.valid and (what := referred(s.kind)) is not None for ident in s.names}
    refs.counts, refs.covered = Counter(), set()
    for s in files.summaries if wanted else ():
        for ref in s.refs:
            if ref in wanted:
                refs.counts[ref] += 1
                if covers(s.kind, ref[0]):  # as ReferenceCheck.check
                    refs.covered.add(ref)


def _duplicates(files: Files, chosen: list[int], report: Report) -> None:
    """duplicates.check over the chosen files, the files sharing a name with them (whose warnings may
    name a chosen file) and the files sharing a name with those: each of the first two groups then
    meets, in the full check's order (file order, added files last), every earlier file it could be a
    duplicate of, as in a full check."""
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, s in enumerate(files.summaries):
        for key in s.name_keys:
            by_key.setdefault(key, []).append(i)

    def around(group: set[int]) -> set[int]:
        return group | {j for i in group for key in files.summaries[i].name_keys for j in by_key[key]}

    near = around({i for i in chosen if files.summaries[i].name_keys})
    if not near:
        return
    docs = files.parse(sorted(around(near)))
    found = Report()
    duplicates.check(docs.values(), found, files.tree.added)
    shown = {files.summaries[i].path for i in near}
    report.extend(d for d in found.raw_items if d.path in shown)


def _targets(files: Files) -> Targets:
    """What body links may reach (Targets.of), from the summaries."""
    news, sections = spec(Kind.ARTICLE).section, {s.kind: s.section for s in entity_kinds()}
    pages: set[str] = set()
    articles = []
    for s in files.summaries:
        if s.kind is Kind.ARTICLE and s.parsed:
            articles.append(f"{news}/{s.ident}.md")
        if not s.valid:
            continue
        kind = TOPIC if s.kind is Kind.TOPICS else s.kind
        if s.kind is Kind.ARTICLE and not s.draft:
            pages.add(f"{news}/{s.ident}.md")
        elif s.kind is Kind.PAGE:
            pages.add(f"{s.ident}.md")
        elif kind in sections:  # topics.yml: a page per topic
            pages.update(f"{sections[kind]}/{ident}.md" for ident in (s.names if s.kind is Kind.TOPICS else [s.ident]))
    drafts = {uri for uri in articles if uri not in pages}
    return Targets(frozenset(pages | generated_pages()), frozenset(drafts), frozenset(files.tree.assets))
