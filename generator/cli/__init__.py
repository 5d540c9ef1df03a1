"""The `portal` command line: check, and the editors' and maintainers' tools."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .. import __version__
from ..diagnostics import Diagnostic, Severity, counted, render
from ..load.git import GitError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit 2 with a short message
        self.print_usage(sys.stderr)
        print(f"portal: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def make_parser(others: bool = True) -> argparse.ArgumentParser:
    """The parser of every command; ``others=False``: of `portal check` alone, which then imports neither
    the other commands nor, through them, pydantic (`portal check --changed` runs on every save)."""
    parser = _Parser(prog="portal", description="Standards News Portal tools.")
    parser.add_argument("--version", action="version", version=f"portal {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="validate content without building the site")
    check.add_argument("paths", nargs="*", help="only report on these files or folders")
    check.add_argument("--content", default="content", help="content folder (default: content)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--changed", action="store_true",
                       help="only report on files changed against git (and the files they affect)")
    check.add_argument("--base", help="git ref to compare with for --changed (default: origin/main, else HEAD)")
    check.add_argument("--cache", action="store_true",
                       help="check every file from the caches in .cache/ (same report, faster when little changed)")
    check.set_defaults(func=cmd_check)

    # Further commands live in modules of their own, each with register(subparsers).
    if others:
        from . import docs, mv, new, schema, synth

        for module in (new, mv, docs, schema, synth):
            module.register(sub)
    return parser


def _selected(items: list[Diagnostic], paths: Sequence[str]) -> list[Diagnostic]:
    if not paths:
        return items
    wanted = [Path(p).resolve() for p in paths]

    def keep(d: Diagnostic) -> bool:
        target = Path(d.path).resolve()
        return any(target == w or w in target.parents for w in wanted)

    return [d for d in items if keep(d)]


def cmd_check(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"portal: error: content folder '{content}' not found (run from the project root "
              "or pass --content)", file=sys.stderr)
        return EXIT_USAGE
    for p in args.paths:
        if not Path(p).exists():
            print(f"portal: error: '{p}' does not exist", file=sys.stderr)
            return EXIT_USAGE
    scope = ""  # "3 of ": only some files were checked, or reported on
    if args.changed or args.base:
        # Only the changed files and those they affect, from cached summaries (generator/validate/summaries.py).
        from . import changed

        try:
            found, files, checked = changed.check_counted(content, args.base)
        except GitError as exc:
            print(f"portal: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        items = _selected(found, args.paths)
        from ..validate.summaries import counts as count_kinds

        seen, counts = files.tree.files_seen, count_kinds(files)
        scope = f"{checked} changed or affected of "
    elif args.cache:
        from ..load.cache import ParseCache
        from ..validate import incremental, summaries

        files = summaries.summarize_tree(content, summaries.cache_for(content))
        items = _selected(incremental.check_all(files, ParseCache.for_content(content)).items, args.paths)
        seen, counts = files.tree.files_seen, summaries.counts(files)
    else:
        from ..pipeline import build_catalog

        result = build_catalog(content, workers=min(os.cpu_count() or 1, 4))
        items = _selected(result.report.items, args.paths)
        seen, counts = result.tree.files_seen, result.catalog.counts()
    if args.paths:  # the whole tree is checked (references span files), the named files reported on
        named = {f.resolve() for p in args.paths for f in ([Path(p)] if Path(p).is_file() else Path(p).rglob("*"))
                 if f.is_file()}
        scope = f"{len(named)} named of "
    if not args.paths:  # caches and outputs committed by mistake, or by a pull request (load/tracked.py)
        from ..load.tracked import tracked_output_diagnostics

        items = [*tracked_output_diagnostics(content.resolve().parent), *items]
    if items or args.format == "json":  # JSON readers always get a document, [] when clean
        print(render(items, args.format))
    errors = sum(d.is_error for d in items)
    warnings = sum(d.severity is Severity.WARNING for d in items)
    if args.format == "text":
        kinds = ", ".join(f"{n} {k}" for k, n in counts.items())
        print(f"checked {scope}{seen} files ({kinds}): {counted(items)}", file=sys.stderr)
    return EXIT_ERRORS if errors or (args.strict and warnings) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = make_parser(others=argv[:1] != ["check"]).parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return EXIT_OK
