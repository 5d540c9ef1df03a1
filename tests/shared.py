"""Folders made once per test run, whether the run has one process or several pytest-xdist workers.

A session fixture runs once per worker; a site it builds would be built once per worker too. Here the first
worker to ask makes the folder, under a lock, and the others wait for it and read what it made. What goes into
the folder is files only (sites, content, build logs): a worker's objects are made again from them in each
process (a catalog from its content), never passed between processes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


def shared_folder(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """The folder ``name``, filled by ``make(folder)`` once per run; treat it as read-only."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:  # one process: its own temporary folder
        folder = factory.mktemp(name, numbered=False)
        make(folder)
        return folder
    folder = _root(factory) / name

    def fill() -> None:
        shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
        folder.mkdir()
        make(folder)

    once(factory, name, fill)
    return folder


def once(factory: pytest.TempPathFactory, name: str, make: Callable[[], object]) -> None:
    """Run ``make()`` once per run, by whichever worker comes first; the others wait until it is done."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        make()
        return
    root = _root(factory)
    done = root / f"{name}.done"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when make() fails
        if not done.exists():
            make()
            done.touch()


def _root(factory: pytest.TempPathFactory) -> Path:
    root = factory.getbasetemp().parent / "shared"  # every worker's basetemp is in this run's folder
    root.mkdir(exist_ok=True)
    return root
