"""What the changed files referred to before the change, for `portal check --changed`.

A change that removes the last reference to an entity makes that entity's file `unreferenced`, although the
file itself did not change and nothing now refers to it: only the changed files' previous front matter
says which entities to report on too. The property test in tests/cli/test_changed_property.py found this.
One `git cat-file --batch` reads every previous version at once.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..diagnostics import Report
from ..kinds import TOPIC, TOPICS_FILE, Kind, by_folder, folder_of
from ..load.frontmatter import split
from ..validate.references import walk_references


def _kind(rel: str) -> Kind | None:
    parts = rel.split("/")
    if not rel.endswith(".md") or len(parts) < 2:
        return None
    if parts[0] == "news":
        return Kind.ARTICLE
    return by_folder().get(parts[0]) if len(parts) == 2 else None


def referred_before(content: Path, base: str, changed: Iterable[str]) -> set[str]:
    """The files (relative to ``content``) of every entity the changed files' versions at ``base`` referred
    to; topics.yml for a topic."""
    rels = [rel for rel in sorted(changed) if _kind(rel) is not None]
    if not rels:
        return set()
    request = "".join(f"{base}:./{rel}\n" for rel in rels).encode("utf-8")
    try:
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=content, input=request, capture_output=True,
                              timeout=120, check=True)
    except (OSError, subprocess.SubprocessError):
        return set()  # git cannot answer: report on the changed files as before
    out: set[tuple[str, str]] = set()
    data, at = done.stdout, 0
    for rel in rels:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<name> missing": the file is new
            continue
        size = int(header[2])
        text, at = data[at:at + size].decode("utf-8", "replace"), at + size + 1
        doc = split(_kind(rel), rel, rel, rel, text.replace("\r\n", "\n"), Report())  # type: ignore[arg-type]
        if doc is not None:
            out |= {(what, ref) for _, ref, what in walk_references(doc) if isinstance(ref, str)}
    return {TOPICS_FILE if kind == TOPIC else f"{folder_of(kind)}/{ident}.md" for kind, ident in out}
