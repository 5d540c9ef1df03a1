"""`portal check --changed`: the files changed against a git ref, and every file they affect.

Affected = each changed content file, plus each document whose front matter refers to an
entity whose file was added, changed or deleted (or to a topic added, changed or removed
in topics.yml). A deleted organization thus reports every article still pointing to it,
at the line of the reference. One pass over the documents: linear in content size.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Report
from ..kinds import TOPIC, TOPICS_FILE, Kind, by_folder
from ..load.documents import Tree, display_path
from ..load.frontmatter import Document, split
from ..load.git import GitError, added_files, changed_files, git, resolve_base
from ..validate import incremental, summaries
from ..validate.names import distinct_keys, namings
from ..validate.references import walk_references
from .changed_before import referred_before


def _entity(rel: str) -> tuple[str, str] | None:
    parts = rel.split("/")
    kind = by_folder().get(parts[0])
    if kind is None or len(parts) != 2 or not parts[1].endswith(".md"):
        return None
    return str(kind), parts[1][:-3]


def _topic_ids(data: Any) -> dict[str, Any]:
    return data if isinstance(data, dict) else {}


def _changed_topics(content: Path, base: str, tree: Tree) -> set[str]:
    """Topic ids added, removed or edited in topics.yml since ``base``."""
    now = next((_topic_ids(d.front.data) for d in tree.documents if d.kind is Kind.TOPICS), {})
    try:
        old_text = git(content, "show", f"{base}:./{TOPICS_FILE}")
        old = _topic_ids(yaml.safe_load(old_text))
    except (GitError, yaml.YAMLError):
        old = {}  # new, or unreadable before: every topic counts as changed
    return {k for k in old.keys() | now.keys() if old.get(k) != now.get(k)}


def references(doc: Document) -> Iterator[tuple[str, str]]:
    """(kind, id) of every file ``doc``'s raw front matter refers to (the validator's walk)."""
    for _, ref, what in walk_references(doc):
        if isinstance(ref, str):
            yield what, ref


def affected(tree: Tree, changed: set[str], topics: set[str], before: set[str]) -> set[str]:
    """Display paths of the changed files, of every document referring to a changed entity, and of the
    entities the changed files referred to before (``before``: referred_before)."""
    content = tree.content_dir
    targets = {e for e in map(_entity, changed) if e is not None} | {(TOPIC, t) for t in topics}
    paths = {display_path(content / rel) for rel in changed}
    for doc in tree.documents:
        if doc.rel in changed or doc.rel in before or any(ref in targets for ref in references(doc)):
            paths.add(doc.path)
    return paths


def check(content: Path, base: str | None) -> tuple[list[Diagnostic], summaries.Files]:
    """`portal check --changed` in proportion to the change: every file summarized (from the cache when
    unchanged), the affected files chosen from the summaries' references, and only those checked, with
    the diagnostics a full check gives them (generator/validate/summaries.py, incremental.py)."""
    found, files, _checked = check_counted(content, base)
    return found, files


def check_counted(content: Path, base: str | None) -> tuple[list[Diagnostic], summaries.Files, int]:
    """``check``, and how many files it checked (the changed ones and those they affect)."""
    commit = resolve_base(content, base)
    changed = changed_files(content, commit)
    files = summaries.summarize_tree(content, summaries.cache_for(content), unchanged_blobs(content),
                                     added_files(content, base))
    mine = files.parse(i for i, s in enumerate(files.summaries) if s.rel in changed)
    present = Tree(content, documents=list(mine.values()))
    topics = _changed_topics(content, commit, present) if TOPICS_FILE in changed else set()
    keep = affected_paths(files, changed, topics, referred_before(content, commit, changed))
    report = incremental.check_files(files, keep)
    selected = [d for d in report.items if d.path in keep or _names_kept_file(d, keep)]
    if any(d.code == "unknown-reference" for d in selected):
        selected = explain_removed(selected, present, commit, changed, topics)
    return selected, files, len(keep)


def unchanged_blobs(content: Path) -> dict[str, bytes]:
    """Path (relative to ``content``) → git blob id of each tracked file whose bytes on disk are those
    git holds: their cache keys come from git, without reading them (13,704 reads: 0.2-0.5 s)."""
    modified = set(git(content, "ls-files", "-m", "-z", "--", ".").split("\0"))
    out = {}
    for line in git(content, "ls-files", "-s", "-z", "--", ".").split("\0"):
        meta, _, rel = line.partition("\t")
        parts = meta.split()
        if rel and rel not in modified and len(parts) == 3 and parts[2] == "0":
            out[rel] = bytes.fromhex(parts[1])
    return out


def affected_paths(files: summaries.Files, changed: set[str], topics: set[str],
                   before: set[str]) -> set[str]:
    """``affected`` over the summaries: no file is parsed."""
    content = files.tree.content_dir
    targets = {e for e in map(_entity, changed) if e is not None} | {(TOPIC, t) for t in topics}
    paths = {display_path(content / rel) for rel in changed}
    for s in files.summaries:
        if s.rel in changed or s.rel in before or any(ref in targets for ref in s.refs):
            paths.add(s.path)
    return paths


def select(items: Iterable[Diagnostic], tree: Tree, base: str | None) -> list[Diagnostic]:
    """The diagnostics about files changed since ``base`` and the files they affect."""
    content = tree.content_dir
    commit = resolve_base(content, base)
    changed = changed_files(content, commit)
    topics = _changed_topics(content, commit, tree) if TOPICS_FILE in changed else set()
    keep = affected(tree, changed, topics, referred_before(content, commit, changed))
    selected = [d for d in items if d.path in keep or _names_kept_file(d, keep)]
    if any(d.code == "unknown-reference" for d in selected):
        selected = explain_removed(selected, tree, commit, changed, topics)
    return selected


def _names_kept_file(d: Diagnostic, keep: set[str]) -> bool:
    """A possible duplicate is reported at the newer file (added in this change, else later in file order),
    which may be the one not changed."""
    return d.code == "duplicate-name" and d.related in keep


# --- an unknown reference to what this change deleted or renamed -----------------------------


def explain_removed(items: list[Diagnostic], tree: Tree, base: str, changed: set[str],
                    topics: set[str]) -> list[Diagnostic]:
    """Unknown references to an entity or topic this change deleted or renamed say so, and name the new id."""
    gone = _removed_entities(tree, base, changed)
    if topics:
        gone |= _removed_topics(tree, base, topics)
    if not gone:
        return items
    out = []
    for d in items:
        why = gone.get(d.target) if d.code == "unknown-reference" and d.target else None
        out.append(dataclasses.replace(d, hint=why) if why else d)
    return out


def _old_text(content: Path, base: str, rel: str) -> str:
    try:
        return git(content, "show", f"{base}:./{rel}")
    except GitError:
        return ""


def _removed_entities(tree: Tree, base: str, changed: set[str]) -> dict[tuple[str, str], str]:
    """(kind, id) of each entity file deleted since ``base`` → what to tell an article still referring to it."""
    content = tree.content_dir
    present = {doc.rel: doc for doc in tree.documents}
    deleted = [rel for rel in changed if _entity(rel) and not (content / rel).exists()]
    if not deleted:
        return {}
    renamed = _git_renames(content, base)
    added = [doc for rel, doc in present.items() if rel in changed and _entity(rel)]
    out: dict[tuple[str, str], str] = {}
    for rel in deleted:
        kind, ident = _entity(rel)  # type: ignore[misc]
        old = display_path(content / rel)
        new = renamed.get(rel) or _same_entity(content, base, rel, kind, [d for d in added if d.kind == kind])
        if new is not None:
            new_id = _entity(new)[1]  # type: ignore[index]
            out[(kind, ident)] = (f"{old} was renamed to {display_path(content / new)} in this change: "
                                  f"write '{new_id}'")
        else:
            out[(kind, ident)] = f"{old} was deleted in this change: restore it, or remove this reference"
    return out


def _git_renames(content: Path, base: str) -> dict[str, str]:
    """Old → new path (relative to ``content``) of each file git sees as renamed since ``base``."""
    fields = git(content, "diff", "--name-status", "-z", "-M", "--relative", base, "--", ".").split("\0")
    renames: dict[str, str] = {}
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[0] in "RC":
            if status[0] == "R":
                renames[fields[i + 1]] = fields[i + 2]
            i += 3
        else:
            i += 2
    return renames


def _same_entity(content: Path, base: str, rel: str, kind: str, added: list[Document]) -> str | None:
    """A new file of the same kind that is the deleted one moved (git sees no rename for an untracked file):
    the same text, or the same name."""
    if not added:
        return None
    text = _old_text(content, base, rel)
    old_doc = split(Kind(kind), "", rel, rel, text, Report()) if text else None
    before = old_doc.front.data if old_doc is not None else None
    keys = {key for key, naming in distinct_keys(namings(kind, "", before)) if naming.field != "id"}
    for doc in added:
        if (content / doc.rel).read_text(encoding="utf-8", errors="replace") == text:
            return doc.rel
        now = {key for key, naming in distinct_keys(namings(kind, "", doc.front.data)) if naming.field != "id"}
        if keys & now:
            return doc.rel
    return None


def _removed_topics(tree: Tree, base: str, topics: set[str]) -> dict[tuple[str, str], str]:
    content = tree.content_dir
    now = next((_topic_ids(d.front.data) for d in tree.documents if d.kind is Kind.TOPICS), {})
    try:
        old = _topic_ids(yaml.safe_load(_old_text(content, base, TOPICS_FILE)))
    except yaml.YAMLError:
        old = {}
    added = [t for t in topics if t in now and t not in old]
    out: dict[tuple[str, str], str] = {}
    shown = display_path(content / TOPICS_FILE)
    for topic in topics:
        if topic in now or topic not in old:
            continue
        name = old[topic].get("name") if isinstance(old[topic], dict) else None
        new = next((t for t in added if isinstance(now[t], dict) and name and now[t].get("name") == name), None)
        out[(TOPIC, topic)] = (
            f"topic '{topic}' was renamed to '{new}' in {shown} in this change: write '{new}'" if new
            else f"topic '{topic}' was removed from {shown} in this change: restore it, or remove this reference"
        )
    return out
