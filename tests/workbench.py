"""Editor-workflow test tools: throwaway git repositories (never the project's own) and in-process `portal`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_ENV = {
    "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=60,
                          env={**os.environ, **_ENV})
    assert done.returncode == 0, done.stderr
    return done.stdout


def init(repo: Path) -> Path:
    git(repo, "init", "-q", "-b", "main")
    return repo


def commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-gpg-sign", "-m", message)


def run_portal(cwd: Path, *args: str) -> tuple[int, str, str]:
    """`portal ARGS` in this process (much faster than a subprocess): (exit code, stdout, stderr)."""
    import contextlib
    import io

    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:
                code = int(exc.code or 0)
    finally:
        os.chdir(previous)
    return code, out.getvalue(), err.getvalue()


# A minimal valid article about the organization "acme", shared by the editor tests.
ACME_ARTICLE = """\
---
title: Acme opens
date: "2024-05-06"
summary: Acme opened.
source:
  name: China Daily
organizations:
  - acme
---

Acme opened its doors.
"""
