"""Files git tracks where only the build and the checks write: caches and outputs (issue 20).

``.cache/``, ``site/`` and the build's staging folders and lock are ignored by ``.gitignore``, but a pull
request can force-add a file there (``git add -f``). A tracked cache would be read as if this machine
had written it, and a tracked output would be published or overwritten; so a tracked cache is never read
(:func:`is_tracked`; the caller warns) and `portal check` reports every such file as an error.
Without git, or outside a repository, nothing is tracked.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from .documents import display_path

# Relative to the project (the folder of mkdocs.yml, above content/): where the portal and `make` write.
OUTPUT_PATHSPECS = (".cache", "site", ".latest", ":(glob).site.staging-*/**", ".site.lock")


def _ls_files(project: Path, *pathspecs: str) -> list[str] | None:
    try:
        done = subprocess.run(["git", "ls-files", "-z", "--", *pathspecs], cwd=project, capture_output=True,
                              timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None  # not a repository (or git refused it): nothing is tracked
    return [p for p in done.stdout.decode("utf-8", "replace").split("\0") if p]


def tracked_outputs(project: Path) -> list[str]:
    """Paths, relative to ``project``, of the files git tracks under the output folders."""
    return _ls_files(project, *OUTPUT_PATHSPECS) or []


def is_tracked(path: Path) -> bool:
    """Whether git tracks ``path`` (a cache file: then it came with the tree and must not be trusted)."""
    if not path.exists():
        return False
    return bool(_ls_files(path.parent, path.name))


def tracked_output_diagnostics(project: Path) -> list[Diagnostic]:
    return [
        Diagnostic(display_path(project / rel), 1, 1, Severity.ERROR, "tracked-output",
                   "git tracks this file, but only the build and the checks write here: a committed cache is "
                   "never read, and a committed output would be replaced or published",
                   f"remove it from git and keep it ignored: git rm --cached -- '{rel}'")
        for rel in tracked_outputs(project)
    ]
