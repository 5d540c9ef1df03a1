"""What git knows about the content folder: the commit a change is compared with, and the files it changed.

`portal check --changed` reads the changed files; every check reads the files added since the default base,
so that a possible duplicate is reported on the file that is new, not on the one already published. Outside
a git repository (an unpacked archive, a test's folder) nothing is added: file order decides, as before.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's id of the empty tree
DEFAULT_BASES = ("origin/main", "HEAD")


class GitError(Exception):
    """git could not answer; the message says what to do."""


def git(cwd: Path, *args: str) -> str:
    """The output of ``git args`` run in ``cwd``; GitError when git is missing or fails."""
    try:
        done = subprocess.run(["git", "--no-pager", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise GitError("--changed needs git, which is not installed") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git {' '.join(args)}: {exc}") from None
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def exists(cwd: Path, ref: str) -> bool:
    """Whether ``ref`` names a commit here."""
    try:
        git(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        return False
    return True


def resolve_base(content: Path, base: str | None) -> str:
    """The commit to compare with: the merge base of ``base`` (default origin/main, else HEAD) and HEAD."""
    try:
        git(content, "rev-parse", "--show-toplevel")
    except GitError:
        raise GitError(f"'{content}' is not inside a git repository; --changed compares with git") from None
    if base is None:
        base = next((b for b in DEFAULT_BASES if exists(content, b)), None)
        if base is None:  # a repository without commits: everything is new
            return EMPTY_TREE
    elif not exists(content, base):
        raise GitError(f"--base '{base}' is not a commit, branch or tag here (try 'git fetch' or --base HEAD)")
    if base != "HEAD" and exists(content, "HEAD"):
        return git(content, "merge-base", base, "HEAD").strip() or base
    return base


def _paths(*outputs: str) -> set[str]:
    return {p for out in outputs for p in out.split("\0") if p}


def changed_files(content: Path, base: str) -> set[str]:
    """Paths relative to ``content`` (forward slashes) added, changed, deleted or untracked since ``base``."""
    # --no-renames: a renamed file shows as its deletion plus its addition, so both ids count.
    diff = git(content, "diff", "--no-ext-diff", "--name-only", "--no-renames", "-z", "--relative",
               "--diff-filter=ACMRD", base, "--", ".")
    return _paths(diff, untracked(content))


def untracked(content: Path) -> str:
    """git's NUL-separated list of the files below ``content`` it does not track (ignored ones left out)."""
    return git(content, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")


def added_files(content: Path, base: str | None = None) -> frozenset[str]:
    """Paths relative to ``content`` of the files new since ``base`` (default: as resolve_base), untracked
    ones included; empty outside a git repository or when git cannot say."""
    try:
        commit = resolve_base(content, base)
        if commit == EMPTY_TREE:  # no commits yet: nothing is newer than anything else
            return frozenset()
        # A rename counts as an addition: the file is new under that name.
        diff = git(content, "diff", "--no-ext-diff", "--name-only", "--no-renames", "-z", "--relative",
                   "--diff-filter=A", commit, "--", ".")
        return frozenset(_paths(diff, untracked(content)))
    except GitError:
        return frozenset()
