"""The Content-Security-Policy of every HTML page: what a page may load and run (issue 20).

The theme writes ``<meta http-equiv="Content-Security-Policy" content="portal-csp">`` at the top of
``<head>`` (theme/main.html); when the page is finished, :func:`finish` puts the policy there, with
the SHA-256 of each inline script and style the page carries (Material's palette and storage
scripts, the timeline's ``<noscript>`` style). Scripts, styles, connections and workers come from
the site itself only; no plugins, frames, or forms to other hosts; ``<base>`` cannot move the page.

Only the theme's own elements can be hashed: bodies reach the page through the sanitizer, which
removes ``script`` and ``style`` and escapes ``<`` and ``>`` in text and attribute values alike, and
every template escapes what it prints. So each ``<script`` or ``<style`` in a finished page is an
element the theme wrote (tests/outputs/test_csp.py holds the sanitizer to that).

README ("Security model") gives the same policy as an HTTP header for hosts that allow headers;
:func:`header` prints it with the directives a ``<meta>`` cannot carry.
"""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "portal-csp"
_META_PREFIX = '<meta http-equiv="Content-Security-Policy" content="'
_META = f'{_META_PREFIX}{PLACEHOLDER}">'

# Directive → sources, in the order printed. Hashes join script-src and style-src page by page.
POLICY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),  # Pagefind's search runs as WebAssembly
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),  # Material's stylesheet draws its icons from data: URLs
    ("font-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("worker-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("frame-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)
# Browsers ignore these in a <meta> policy; a host that sends headers adds them.
HEADER_ONLY: tuple[tuple[str, tuple[str, ...]], ...] = (("frame-ancestors", ("'none'",)),)

# Inline elements: a <script> without src whose type runs as script, and every <style>. The end tag is
# the first "</script" or "</style" (as the HTML tokenizer ends raw text), attributes are the theme's.
_INLINE = re.compile(r"<(script|style)(\s[^>]*)?>(.*?)</\1[\s/>]", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SCRIPT_TYPES = frozenset({"", "module", "text/javascript", "application/javascript", "text/ecmascript",
                           "application/ecmascript"})


class MissingPolicy(ValueError):
    """A finished page without the theme's policy placeholder (a template that lost it)."""


def source_hash(text: str) -> str:
    """The CSP source expression that allows an inline element with exactly ``text`` inside."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """Hashes of the inline scripts and of the inline styles in ``html``, each in document order, once."""
    scripts: dict[str, None] = {}
    styles: dict[str, None] = {}
    for match in _INLINE.finditer(html):
        tag, attrs, text = match.group(1).lower(), match.group(2) or "", match.group(3)
        if tag == "style":
            styles[source_hash(text)] = None
            continue
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) is None and (kind is None or kind.group(1).lower() in _SCRIPT_TYPES):
            scripts[source_hash(text)] = None
    return list(scripts), list(styles)


def policy(scripts: list[str], styles: list[str], *, header: bool = False) -> str:
    extra = {"script-src": scripts, "style-src": styles}
    directives = POLICY + HEADER_ONLY if header else POLICY
    return "; ".join(" ".join((name, *sources, *extra.get(name, ()))) for name, sources in directives)


def header() -> str:
    """The policy as an HTTP header value: the directives every page shares, with those a <meta> cannot
    carry (a page's own hashes are in its meta; README, "Security model")."""
    return policy([], [], header=True)


def finish(html: str) -> str:
    """``html`` with its policy in place of the theme's placeholder. Raises MissingPolicy without one."""
    at = html.find(_META)
    if at < 0:
        raise MissingPolicy("the page has no Content-Security-Policy placeholder (theme/main.html, site_meta)")
    value = policy(*inline_hashes(html))
    return html[:at] + _META.replace(PLACEHOLDER, value) + html[at + len(_META):]


def allow_appended(html: str, script: str) -> str:
    """A finished page that a preview server extended by the inline ``script`` (MkDocs's live reload):
    the same policy, allowing that one script too. A page without a policy is returned as it is."""
    start = html.find(_META_PREFIX)
    at = html.find(" script-src ", start) if start >= 0 else -1
    end = html.find('"', start + len(_META_PREFIX)) if start >= 0 else -1
    if at < 0 or at > end:
        return html
    at += len(" script-src ")
    return f"{html[:at]}{source_hash(script)} {html[at:]}"
