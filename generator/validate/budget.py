"""Work with a time budget: calls run one at a time in a child process that is killed when late.

A hostile body can make Python-Markdown or the sanitizer take minutes (quadratic patterns) or
crash (stack overflow). In a child process a late call is stopped by killing the process and a
crash only ends the child; either way the caller gets an answer and carries on with a new child.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Literal

Outcome = tuple[Literal["ok", "error", "timeout", "crash"], Any]


def _serve(conn: Connection, factory: Callable[[], Callable[[Any], Any]]) -> None:
    handler = factory()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", handler(item)))
        except Exception as exc:  # the parent turns it into a diagnostic
            conn.send(("error", "".join(traceback.format_exception_only(exc)).strip()))


class Budgeted:
    """Runs ``factory()``'s handler on items in a child process, each call within ``timeout`` seconds.

    ``state`` items (sent with :meth:`set_state`) are replayed to every new child, so a restarted
    child knows what its predecessor knew.
    """

    def __init__(self, factory: Callable[[], Callable[[Any], Any]], timeout: float) -> None:
        self.factory, self.timeout = factory, timeout
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None
        self._state: Any = None

    def _start(self) -> Connection:
        # fork is fast and needs nothing pickled, but is unsafe once other threads run (mkdocs serve).
        if threading.active_count() == 1:
            ctx: multiprocessing.context.ForkContext | multiprocessing.context.SpawnContext = (
                multiprocessing.get_context("fork"))
        else:
            ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, self.factory), daemon=True)
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent
        if self._state is not None:
            parent.send(self._state)
            parent.recv()
        return parent

    def set_state(self, item: Any) -> Outcome:
        self._state = item
        if self._conn is None:
            return ("ok", None)
        return self.call(item)

    def call(self, item: Any, timeout: float | None = None) -> Outcome:
        return self.send(item) or self.receive(self.timeout if timeout is None else timeout)

    def send(self, item: Any) -> Outcome | None:
        """Hand the child one item (its answer: ``receive``); an outcome only if the child is gone."""
        try:
            (self._conn or self._start()).send(item)
        except (EOFError, OSError, BrokenPipeError):
            self.close()
            return ("crash", None)
        return None

    def receive(self, timeout: float) -> Outcome:
        """The answer to the item sent last, within ``timeout`` seconds, else the child is killed."""
        try:
            conn = self._conn
            if conn is None:
                return ("crash", None)
            if not conn.poll(max(timeout, 0.0)):
                self.close()
                return ("timeout", None)
            return conn.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError, BrokenPipeError):
            self.close()
            return ("crash", None)

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join()
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None


_open: dict[str, Budgeted] = {}


def shared(key: str, factory: Callable[[], Callable[[Any], Any]], timeout: float) -> Budgeted:
    """One long-lived worker per key, reused by every call in this process (starting one costs)."""
    worker = _open.get(key)
    if worker is None or worker.timeout != timeout or worker.factory is not factory:
        if worker is not None:
            worker.close()
        worker = _open[key] = Budgeted(factory, timeout)
    return worker


@atexit.register
def _close_all() -> None:
    for worker in _open.values():
        worker.close()
