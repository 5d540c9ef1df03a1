"""`portal serve` (what `make serve` runs): MkDocs's live preview that survives content errors.

It is `mkdocs serve` with one documented MkDocs hook added (generator/serve_hook.py): when
an edit introduces an error, the terminal shows the same diagnostics as `portal check`
and the server keeps serving the last good build instead of stalling.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

HOOK = Path(__file__).resolve().with_name("serve_hook.py")


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.__main__ import ColorFormatter  # the same terminal output as `mkdocs serve`
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    config = Path(args.config_file)
    if not config.is_file():
        print(f"portal: error: '{config}' not found (run from the project root or pass -f)", file=sys.stderr)
        return 2
    handler = logging.StreamHandler()
    plain = logging.Formatter("%(levelname)-8s-  %(message)s")
    handler.setFormatter(ColorFormatter() if sys.stderr.isatty() else plain)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    with config.open("rb") as fh:
        hooks = (yaml_load(fh) or {}).get("hooks") or []  # keep any hooks mkdocs.yml has
    try:
        serve(config_file=str(config), livereload=True, dev_addr=args.dev_addr, strict=args.strict,
              hooks=[*hooks, str(HOOK)])
    except (Abort, ConfigurationError) as exc:  # e.g. errors in the first build: nothing to serve yet
        print(f"portal: error: {exc}", file=sys.stderr)
        return 1
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="live preview that rebuilds on every save (what `make serve` runs)")
    p.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    p.add_argument("--strict", action="store_true", help="treat MkDocs warnings as errors")
    p.set_defaults(func=cmd_serve)
