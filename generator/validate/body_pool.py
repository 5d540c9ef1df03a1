"""Bodies rendered by as many budgeted workers as there are cores, each within its own time budget.

Each worker (validate/budget.py) holds at most one body at a time; answers come back in the order the
bodies were handed out, so diagnostics come in file order whatever the number of workers. A body's budget
runs from when it was handed to its worker, as it does with one worker.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from ..diagnostics import Report, internal_error
from ..load.frontmatter import Document
from . import budget

Job = TypeVar("Job")
PARALLEL_FROM = 64  # bodies to render before a second worker pays for its start


def workers_for(count: int) -> int:
    return max(1, min(os.cpu_count() or 1, 4)) if count >= PARALLEL_FROM else 1


def run(jobs: Iterable[tuple[Job, Any, float]], factory: Callable[[], Callable[[Any], Any]], budget_s: float,
        state: Any, size: int) -> Iterator[tuple[Job, budget.Outcome]]:
    """(job, outcome) for each (job, item, seconds allowed), in order, with ``size`` workers that know ``state``."""
    workers = [budget.shared("bodycheck" if i == 0 else f"bodycheck-{i}", factory, budget_s) for i in range(size)]
    for worker in workers:
        worker.set_state(state)
    free = deque(workers)
    busy: deque[tuple[budget.Budgeted, Job, float, budget.Outcome | None]] = deque()  # (worker, job, deadline, …)
    queue = iter(jobs)
    exhausted = False
    while busy or not exhausted:
        while free and not exhausted:
            nxt = next(queue, None)
            if nxt is None:
                exhausted = True
                break
            job, item, allowed = nxt
            worker = free.popleft()
            busy.append((worker, job, time.monotonic() + allowed, worker.send(item)))
        if not busy:
            break
        worker, job, deadline, failed = busy.popleft()
        yield job, failed or worker.receive(deadline - time.monotonic())
        free.append(worker)


def answer(doc: Document, outcome: budget.Outcome, allowed: float, report: Report) -> Any | None:
    """The worker's answer for one body (findings, anchors, links), or None after reporting why there is none."""
    status, found = outcome
    if status == "timeout":
        report.error(doc.path, doc.body_line, 1, "too-slow",
                     f"the text took more than {allowed:.1f} seconds to render, so it would stall the build",
                     "look for thousands of repeated headings, definition lines or '[', '<', '*' or '`' characters")
        return None
    if status == "error" and str(found).startswith("RecursionError"):  # e.g. thousands of definition lines
        report.error(doc.path, doc.body_line, 1, "too-deep", "the text nests too deeply to be rendered",
                     "split long runs of definition lines (': ') or nested lists into paragraphs")
        return None
    if status != "ok":
        internal_error(report, doc.path, found if status == "error" else "the text crashed the renderer")
        return None
    return found
