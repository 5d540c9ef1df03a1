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
