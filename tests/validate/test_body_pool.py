"""Bodies checked by several budgeted workers: the answers in order, each body within its own budget, and
the same report as one worker gives."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import pytest

from generator.diagnostics import Report
from generator.validate import bodies, body_pool
from generator.validate.body_memo import MEMO
from generator.validate.targets import Targets

from .test_body_memo import PAGES, SNIPPETS, _doc


def _sleeper() -> Callable[[Any], Any]:
    known: list[Any] = []

    def handle(item: Any) -> Any:
        if item[0] == "state":
            known.append(item[1])
            return None
        time.sleep(item[1])
        return (item[2], list(known))  # which job, and that a restarted worker knows the state

    return handle


def test_answers_come_in_order_and_a_late_body_alone_times_out() -> None:
    delays = [0.05, 0.3, 0.01, 0.02, 2.0, 0.01, 0.05]  # the fifth outlasts its budget
    jobs = [(i, ("sleep", d, i), 0.8) for i, d in enumerate(delays)]
    out = list(body_pool.run(jobs, _sleeper, 0.8, ("state", "targets"), size=2))
    assert [job for job, _ in out] == list(range(len(delays)))
    assert [status for _, (status, _) in out] == ["ok"] * 4 + ["timeout"] + ["ok"] * 2
    assert all(answer == (i, ["targets"]) for i, (status, answer) in out if status == "ok")


@pytest.mark.parametrize("size", [2, 3])
def test_several_workers_report_what_one_reports(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(size)
    docs = [_doc(f"news/2020/s{i}.md", "\n\n".join(rng.choices(SNIPPETS, k=3)))
            for i in range(body_pool.PARALLEL_FROM + 6)]
    targets = Targets(frozenset(PAGES), frozenset(), frozenset({"images/p.png"}))

    def checked(workers: int) -> list[tuple[str, int, int, str]]:
        MEMO.clear()
        monkeypatch.setattr(body_pool, "workers_for", lambda count: workers)
        report = Report()
        bodies.check(docs, targets, report)  # type: ignore[arg-type]
        return [(d.path, d.line, d.col, d.code) for d in report.raw_items]

    one = checked(1)
    assert one and one == checked(size)  # the same findings, in the same order
