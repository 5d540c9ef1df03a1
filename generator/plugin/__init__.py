"""The MkDocs plugin: the only package that imports MkDocs (tests/test_architecture.py).

``portal.py`` wires the core pipeline into MkDocs's build events; ``glue.py`` holds the small MkDocs
helpers the events use. The entry point (pyproject.toml) stays ``generator.plugin:PortalPlugin``.
"""

from .glue import sanitize_toc as _sanitize_toc
from .portal import PortalPlugin

__all__ = ["PortalPlugin", "_sanitize_toc"]
