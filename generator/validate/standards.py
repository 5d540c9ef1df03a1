"""Checks of the designations files list and write (generator/designations.py).

Per file (cached with its summary): a text that names a standard its front matter does not list
(``unlisted-standard``), an organization of kind committee that could move to content/committees/.
Across files (as a note): a listed designation that no standard file matches gets a page of its own
built from the designation alone; the note says how to describe it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import designations
from ..diagnostics import Report
from ..kinds import Kind, by_designation, folder_of
from ..load.frontmatter import Document


def _listed(doc: Document) -> Iterable[tuple[tuple[str, int], str]]:
    """(front matter path, designation as written) of every designation the file lists."""
    data = doc.front.data
    if not isinstance(data, dict):
        return
    for ref in by_designation(doc.kind):
        values = data.get(ref.field)
        if isinstance(values, list):
            for i, value in enumerate(values):
                if isinstance(value, str) and value.strip():
                    yield (ref.field, i), value


def check_file(doc: Document, meta: Any, report: Report) -> None:
    """The checks that need this file alone."""
    if by_designation(doc.kind):
        _unlisted(doc, report)
    if doc.kind is Kind.ORGANIZATION and getattr(meta, "kind", None) == "committee":
        pos = doc.front.pos(("kind",))
        report.note(doc.path, pos.line, pos.col, "committee-as-organization",
                    f"organization '{doc.id}' is a committee: a committee file can say its designation, "
                    "parent committee and secretariat, and its page lists its standards",
                    f"if it has a designation such as ISO/TC 176, run `portal new committee \"<designation>\" "
                    f"--title \"…\"`, point references to it there, and delete content/organizations/{doc.id}.md "
                    "(references to an organization of kind committee keep working meanwhile)")


def _unlisted(doc: Document, report: Report) -> None:
    listed = [written for _, written in _listed(doc)]
    keys = {designations.key(w) for w in listed} | {designations.family(w) for w in listed}
    seen: set[str] = set()
    line, line_start, counted = doc.body_line, 0, 0  # hits come in order: lines are counted once (linear)
    for start, _end, what, key in designations.find(doc.body):
        if what != "standard" or key in seen or key in keys or designations.family(key) in keys:
            continue
        seen.add(key)
        line += doc.body.count("\n", counted, start)
        counted = start
        line_start = doc.body.rfind("\n", line_start, start) + 1 or line_start
        col = start - line_start + 1
        report.warning(doc.path, line, col, "unlisted-standard",
                       f"the text names {key}, which 'standards' does not list",
                       f"add \"{key}\" to 'standards' in the front matter, so that the report is linked "
                       "from its page")


def note_without_file(docs: Iterable[Document], known: Iterable[str], report: Report) -> None:
    """A note on each listed designation that no standard file matches (``known``: their designations)."""
    index: designations.Index[bool] = designations.Index()
    for designation in known:
        index.add(designation, True)
    folder = folder_of(Kind.STANDARD)
    for doc in docs:
        for path, written in _listed(doc):
            if index.find(written) is None:
                pos = doc.front.pos(path)
                report.note(doc.path, pos.line, pos.col, "standard-without-file",
                            f"no file in content/{folder}/ describes {designations.key(written)}; its page "
                            "shows only the designation and the reports that list it",
                            f"to give it a title, status and publisher, run `portal new standard "
                            f"\"{designations.key(written)}\" --title \"…\"`")
