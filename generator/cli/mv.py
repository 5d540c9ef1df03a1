"""`portal mv OLD NEW`: rename a content file (an entity's id, or an article's name or year), update every
reference to it, and keep its old address working.

References by id (front matter lists and fields, as the kinds declare them) and Markdown links to the file
are rewritten where they stand, so comments, quoting and layout are kept. The moved file records its former
id in ``moved_from``: the old address gets a page that sends readers on (pages/plan.py), and its permanent
id (feeds, calendars, JSON-LD: outputs/ids.py) stays the first one's. The edits are only written once every
one of them is known to apply; then `portal check` runs on the result.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import re
import sys
from pathlib import Path

from ..diagnostics import Report
from ..kinds import Kind, by_folder, spec
from ..load.documents import ID_RE, display_path, load_tree
from ..load.frontmatter import Document
from ..validate.references import walk_references

_LINK = re.compile(r"(\]\(\s*<?)([^)\s>#]+\.md)(#[^)\s>]*)?")  # [text](target.md#anchor): the target
_YEAR = re.compile(r"^\d{4}$")


class MoveError(Exception):
    """A move that cannot be done; the message says why."""


def _identify(content: Path, path: Path) -> tuple[Kind, str, str]:
    """(kind, id, path relative to content/) of a content file's path, existing or not."""
    try:
        rel = path.resolve().relative_to(content.resolve()).as_posix()
    except ValueError:
        raise MoveError(f"{path} is not inside the content folder {content}") from None
    parts = rel.split("/")
    if not rel.endswith(".md") or len(parts) not in (2, 3):
        raise MoveError(f"{rel}: give a content file such as content/organizations/iso.md or "
                        "content/news/2024/some-report.md")
    stem = parts[-1][:-3]
    if not ID_RE.match(stem):
        raise MoveError(f"'{stem}' is not a valid file name: use lowercase letters, digits and single hyphens")
    if parts[0] == spec(Kind.ARTICLE).section and len(parts) == 3 and _YEAR.match(parts[1]):
        return Kind.ARTICLE, f"{parts[1]}/{stem}", rel
    kind = by_folder().get(parts[0])
    if kind is None or len(parts) != 2:
        raise MoveError(f"{rel} is not where an article or an entity file goes")
    return kind, stem, rel


def move(content: Path, old: Path, new: Path) -> tuple[Path, int, int]:
    """Move ``old`` to ``new``; (new path, references updated, files changed besides it)."""
    kind, old_id, old_rel = _identify(content, old)
    new_kind, new_id, new_rel = _identify(content, new)
    if not (content / old_rel).is_file():
        raise MoveError(f"{display_path(content / old_rel)} does not exist")
    if new_kind is not kind:
        raise MoveError(f"{old_rel} is {'an' if kind[0] in 'aeiou' else 'a'} {kind}: it can only move within "
                        f"content/{posixpath.dirname(old_rel).split('/')[0]}/")
    if (content / new_rel).exists():
        raise MoveError(f"{display_path(content / new_rel)} already exists")
    tree = load_tree(content, Report())
    texts: dict[str, str] = {}
    count = 0
    for doc in tree.documents:
        edits = _reference_edits(doc, kind, old_id, new_id) + _link_edits(doc, old_rel, new_rel)
        own = _own_link_edits(doc, old_rel, new_rel) if doc.rel == old_rel else []
        if edits or doc.rel == old_rel:
            text = (content / doc.rel).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
            texts[doc.rel] = _apply(text, edits + own, doc.path)
            count += len(edits)  # references to it (the moved file's own links are not counted)
    if old_rel not in texts:
        raise MoveError(f"{old_rel} could not be read as a content file: run `portal check` for why")
    texts[old_rel] = _add_moved_from(texts[old_rel], old_id, old_rel)
    for rel, text in texts.items():  # every edit is known to apply: now write
        target = content / (new_rel if rel == old_rel else rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (content / old_rel).unlink()
    return content / new_rel, count, len(texts) - 1


Edit = tuple[int, int, str, str]  # (line, column, old text, new text), 1-based as diagnostics give them


def _reference_edits(doc: Document, kind: Kind, old_id: str, new_id: str) -> list[Edit]:
    out: list[Edit] = []
    for path, value, target in walk_references(doc):
        if value == old_id and target == kind:
            pos = doc.front.pos(path)
            out.append((pos.line, pos.col, old_id, new_id))
    return out


def _links(doc: Document) -> list[tuple[int, int, str, str]]:
    """(line, column, target as written, target resolved against content/) of each Markdown link to a page."""
    out = []
    here = posixpath.dirname(doc.rel)
    for n, line in enumerate(doc.body.split("\n")):
        for m in _LINK.finditer(line):
            written = m[2]
            if "://" in written or written.startswith(("/", "mailto:")):
                continue
            out.append((doc.body_line + n, m.start(2) + 1, written, posixpath.normpath(posixpath.join(here, written))))
    return out


def _link_edits(doc: Document, old_rel: str, new_rel: str) -> list[Edit]:
    base = posixpath.dirname(new_rel if doc.rel == old_rel else doc.rel)
    return [(line, col, written, posixpath.relpath(new_rel, base)) for line, col, written, target in _links(doc)
            if target == old_rel]


def _own_link_edits(doc: Document, old_rel: str, new_rel: str) -> list[Edit]:
    """The moved file's own relative links, when it moves to another folder (an article to another year)."""
    if posixpath.dirname(old_rel) == posixpath.dirname(new_rel):
        return []
    base = posixpath.dirname(new_rel)
    return [(line, col, written, posixpath.relpath(target, base)) for line, col, written, target in _links(doc)
            if target != old_rel]


def _apply(text: str, edits: list[Edit], shown: str) -> str:
    lines = text.split("\n")
    for line, col, old, new in sorted(set(edits), reverse=True):  # from the end: positions stay right
        row = lines[line - 1]
        start = col - 1
        if row[start:start + 1] in ("'", '"'):
            start += 1
        if row[start:start + len(old)] != old:
            raise MoveError(f"{shown}:{line}:{col}: expected '{old}' here; nothing was changed")
        lines[line - 1] = row[:start] + new + row[start + len(old):]
    return "\n".join(lines)


def _add_moved_from(text: str, old_id: str, shown: str) -> str:
    """The front matter with ``old_id`` appended to ``moved_from`` (written as one flow list)."""
    lines = text.split("\n")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise MoveError(f"{shown}: the front matter has no closing '---'") from None
    former: list[str] = []
    at = next((i for i in range(1, end) if lines[i].startswith("moved_from:")), None)
    if at is not None:
        stop = at + 1
        while stop < end and lines[stop].startswith((" ", "-")):
            stop += 1
        value = lines[at][len("moved_from:"):].strip()
        former = json.loads(value) if value.startswith("[") else [
            line.strip()[1:].strip().strip("'\"") for line in lines[at + 1:stop] if line.strip().startswith("-")]
        del lines[at:stop]
        end -= stop - at
    lines.insert(end, f"moved_from: {json.dumps([*former, old_id])}")
    return "\n".join(lines)


def cmd_mv(args: argparse.Namespace) -> int:
    content = Path(args.content)
    try:
        path, count, files = move(content, Path(args.old), Path(args.new))
    except (MoveError, json.JSONDecodeError) as exc:
        print(f"portal: error: {exc}", file=sys.stderr)
        return 1
    print(display_path(path))
    print(f"portal: moved {args.old} to {display_path(path)}; updated {count} reference(s) in {files} other "
          f"file(s); the old address now leads to the new one (moved_from)", file=sys.stderr)
    from . import cmd_check

    return int(cmd_check(argparse.Namespace(content=str(content), paths=[], changed=False, base=None, cache=False,
                                            format="text", strict=False)))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("mv", help="rename a content file, update every reference, keep the old address working")
    p.add_argument("old", help="the file now, e.g. content/organizations/iso.md")
    p.add_argument("new", help="its new path, e.g. content/organizations/iso-international.md")
    p.add_argument("--content", default="content", help="content folder (default: content)")
    p.set_defaults(func=cmd_mv)
