"""MkDocs hook for `portal serve`: a rebuild that fails leaves the last good build being served.

Stock `mkdocs serve` stalls every request after a failed rebuild ("the server will appear
stuck"). The portal plugin stops a build whose content has errors in ``on_pre_build``,
before MkDocs cleans the site folder, so the previous build is still whole: this hook lets
the server go on serving it while the terminal shows the diagnostics. Loaded by path as an
MkDocs ``hooks:`` entry, so it imports nothing from the package.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import Abort, BuildError
from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.portal.serve")


def keep_last_good(build: Callable[..., Any]) -> Callable[..., Any]:
    def rebuild(*args: Any, **kwargs: Any) -> None:
        try:
            build(*args, **kwargs)
        except (Abort, BuildError):  # MkDocs's own build errors; anything else keeps its traceback
            log.error("portal: the site was not rebuilt; still serving the last good build. "
                      "Fix the problems listed above and save again.")
    return rebuild


def on_serve(server: LiveReloadServer, config: Any, builder: Callable[..., Any]) -> LiveReloadServer:
    server.builder = keep_last_good(server.builder)
    return server
