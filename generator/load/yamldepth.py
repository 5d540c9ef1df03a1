"""How deep front matter nests, measured by the portal itself, before and independently of any YAML parser.

Parsers have their own limits, and they move between releases: libyaml as bundled with PyYAML 6.0.4 stops
flow collections at 1,000 levels with a scanner error, earlier wheels and the pure-Python parser have no
limit, and composing recurses once per level. The portal's limit (MAX_DEPTH) is far below any of them and
is found here first, so an editor sees the same `yaml-too-deep` diagnostic whatever parser is installed;
`is_parser_depth_error` recognises a parser's own limit should one ever fire first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

# Mappings and lists nest at most this deep; real fields need three or four levels.
MAX_DEPTH = 32
HINT = "flatten the structure; fields need at most a few levels"
# A line's block indentation with its '- ' and '? ' indicators: where block collections may start.
_BLOCK_PREFIX = re.compile(r"^(?: |[-?](?= |$))*", re.MULTILINE)
# Characters after which a quote opens a quoted scalar (inside a plain word, as in "don't", it does not).
_QUOTE_MAY_OPEN = frozenset(" \t\n[{,:-?")


def bound(text: str) -> int:
    """An upper bound of the nesting depth, in linear time, so ordinary front matter skips the scans.

    A block collection nested in another starts further right, except a list directly under a
    mapping key, so block depth is at most about twice the widest block prefix; flow collections
    need a bracket each.
    """
    widest = max((m.end() - m.start() for m in _BLOCK_PREFIX.finditer(text)), default=0)
    return 2 * (widest + 1) + 1 + text.count("[") + text.count("{")


def first_too_deep(text: str, loader: type) -> tuple[int, int] | None:
    """(0-based line, column) of the first collection nested deeper than MAX_DEPTH, or None.

    Flow brackets are counted lexically (a parser scans a whole flow collection ahead before it
    reports an event, so it would meet its own limit first); block nesting from the parser's events,
    which come one indentation level at a time.
    """
    flow = _flow_too_deep(text)
    if flow is not None:
        return flow
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            mark = event.start_mark
            if depth > MAX_DEPTH and mark is not None:  # both parsers mark every event
                return mark.line, mark.column
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def is_parser_depth_error(exc: yaml.MarkedYAMLError) -> bool:
    """True for a parser's own nesting limit (libyaml: 'exceeded maximum nesting depth')."""
    words = f"{exc.problem or ''} {exc.context or ''}".lower()
    return "nesting depth" in words or "too deep" in words


def _flow_too_deep(text: str) -> tuple[int, int] | None:
    depth = 0
    for line_no, col, char in _flow_brackets(text):
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line_no, col
        elif depth:
            depth -= 1
    return None


def _flow_brackets(text: str) -> Iterator[tuple[int, int, str]]:
    """Brackets outside quoted scalars and comments, with their position. Linear in the text."""
    quote = ""  # the open quote character, or ""
    previous = "\n"
    for line_no, line in enumerate(text.split("\n")):
        col = 0
        while col < len(line):
            char = line[col]
            if quote:
                if char == "\\" and quote == '"':
                    col += 1  # skip the escaped character
                elif char == quote:
                    if quote == "'" and line[col + 1:col + 2] == "'":
                        col += 1  # '' is an escaped quote
                    else:
                        quote = ""
            elif char == "#" and previous in " \t\n":
                break  # a comment runs to the end of the line
            elif char in "'\"" and previous in _QUOTE_MAY_OPEN:
                quote = char
            elif char in "[]{}":
                yield line_no, col, char
            previous = line[col]
            col += 1
        previous = "\n"
