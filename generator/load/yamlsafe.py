"""YAML front matter → plain values, with the line and column of every key and value.

PyYAML's C parser only *composes* a node tree here; no Python object is ever
constructed from a tag. Values become dict/list/str/int/float/bool/None;
timestamps stay as the text the editor wrote (dates keep their precision).
Tags other than YAML's core ones, aliases and merge keys are refused, which
also stops "billion laughs" expansion before it starts.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

import yaml

from . import yamldepth, yamlhints

try:  # The C loader is much faster; the pure one gives identical results.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_constructor = yaml.constructor.SafeConstructor()
# Composing recurses per level (in C, then here): 25,000 levels crash the interpreter, so depth is
# measured before composing (load/yamldepth.py).
MAX_DEPTH = yamldepth.MAX_DEPTH


class Pos(NamedTuple):
    line: int  # 1-based
    col: int  # 1-based


class YamlProblem(Exception):
    def __init__(self, code: str, message: str, pos: Pos, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.pos, self.hint = code, message, pos, hint


class _Tables:
    __slots__ = ("keys", "raw", "values")

    def __init__(self) -> None:
        self.values: dict[Path, Pos] = {}  # where each value starts
        self.keys: dict[Path, Pos] = {}  # where each mapping key starts
        self.raw: dict[Path, str] = {}  # scalar source text


class Located:
    """A composed front matter document: values plus where each came from.

    Positions are only needed for files that get a diagnostic, so they are worked
    out on first use by composing the text again (a clean file never pays for them).
    """

    __slots__ = ("_tables", "data", "offset", "text")

    def __init__(self, data: Any, text: str = "", offset: int = 0) -> None:
        self.data, self.text, self.offset = data, text, offset
        self._tables: _Tables | None = None

    def _index(self) -> _Tables:
        if self._tables is None:
            self._tables = _Tables()
            if self.text:
                node = yaml.compose(self.text, Loader=_Loader)  # parsed cleanly once already
                if node is not None:
                    _convert(node, (), self._tables, self.offset)
        return self._tables

    @property
    def values(self) -> dict[Path, Pos]:
        return self._index().values

    @property
    def raw(self) -> dict[Path, str]:
        return self._index().raw

    @property
    def start(self) -> Pos:
        return Pos(1 + self.offset, 1)

    def pos(self, path: Path, *, key: bool = False) -> Pos:
        """Best position for a path: the exact one, else its nearest ancestor."""
        tables = self._index()
        table = tables.keys if key else tables.values
        while path:
            if path in table:
                return table[path]
            if path in tables.values:
                return tables.values[path]
            path = path[:-1]
        return self.start


class _Mark(Protocol):
    """A position in the YAML text, as the pure-Python and the C (libyaml) parser give it."""

    line: int
    column: int


def _pos(mark: _Mark | None, line_offset: int) -> Pos:
    # Nodes and events from the pure-Python and the C (libyaml) parser always carry a start mark.
    assert mark is not None
    return Pos(mark.line + 1 + line_offset, mark.column + 1)


def load(text: str, line_offset: int = 0) -> Located:
    """Compose ``text`` (front matter without its fences); positions are shifted by line_offset."""
    try:
        if "*" in text:
            _refuse_aliases(text, line_offset)
        if yamldepth.bound(text) > MAX_DEPTH:
            _refuse_depth(text, line_offset)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark, line_offset) if mark else Pos(1 + line_offset, 1)
        if yamldepth.is_parser_depth_error(exc):  # a parser's own limit, should it ever fire before ours
            raise _too_deep(pos) from None
        problem = (exc.problem or "invalid YAML").strip()
        context = f" {exc.context.strip()}" if exc.context else ""
        known = yamlhints.explain(  # the usual mistakes, in the editor's words
            text, pos.line - 1 - line_offset, exc.context_mark.line if exc.context_mark else None,
            "quoted scalar" in (exc.context or ""), line_offset, "flow" in (exc.context or ""),
        )
        if known is not None:
            message, line, col, hint = known
            raise YamlProblem("yaml-syntax", message, Pos(line, col), hint) from None
        raise YamlProblem(
            "yaml-syntax",
            f"YAML syntax error: {problem}{context}",
            pos,
            "check indentation, and quote values that contain ': ', '#', or start with '[', '{', '*', '&', '!' or '@'",
        ) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no problem_mark
        raise YamlProblem("yaml-syntax", f"YAML error: {exc}", Pos(1 + line_offset, 1)) from None
    if node is None:
        return Located(None, text, line_offset)
    return Located(_convert(node, (), None, line_offset), text, line_offset)


def _refuse_aliases(text: str, off: int) -> None:
    """Point at the alias itself (the composer only shows the anchored node)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                "yaml-alias",
                f"YAML alias '*{event.anchor}' is not allowed in front matter",
                _pos(event.start_mark, off),
                "write the value out in full instead of referring to an anchor",
            )


def _refuse_depth(text: str, off: int) -> None:
    where = yamldepth.first_too_deep(text, _Loader)
    if where is not None:
        raise _too_deep(Pos(where[0] + 1 + off, where[1] + 1))


def _too_deep(pos: Pos) -> YamlProblem:
    return YamlProblem(
        "yaml-too-deep", f"front matter nests lists and mappings more than {MAX_DEPTH} levels deep", pos,
        yamldepth.HINT,
    )


def _convert(node: yaml.Node, path: Path, out: _Tables | None, off: int) -> Any:
    """Node tree → plain values; with ``out``, also record every position and source text."""
    if out is not None:
        out.values[path] = _pos(node.start_mark, off)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, out, off)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != f"{_CORE}seq":
            raise _tag_problem(node.tag, _pos(node.start_mark, off))
        return [_convert(item, (*path, i), out, off) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _convert_scalar(node, path, out, off)


def _convert_mapping(node: yaml.MappingNode, path: Path, out: _Tables | None, off: int) -> dict[str, Any]:
    if node.tag != f"{_CORE}map":
        raise _tag_problem(node.tag, _pos(node.start_mark, off))
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == f"{_CORE}merge":
            raise YamlProblem(
                "yaml-alias", "YAML merge keys (<<) are not allowed in front matter",
                _pos(key_node.start_mark, off),
            )
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
            raise YamlProblem(
                "yaml-syntax", "mapping keys must be plain words", _pos(key_node.start_mark, off),
                "write keys as simple names such as 'title:'",
            )
        key = key_node.value
        if key in result:
            first = _first_key_line(node, key, off)
            raise YamlProblem(
                "duplicate-key",
                f"key '{key}' appears twice (first on line {first})",
                _pos(key_node.start_mark, off),
                "keep one of the two entries",
            )
        if out is not None:
            out.keys[(*path, key)] = _pos(key_node.start_mark, off)
        result[key] = _convert(value_node, (*path, key), out, off)
    return result


def _convert_scalar(node: yaml.ScalarNode, path: Path, out: _Tables | None, off: int) -> Any:
    tag = node.tag
    if tag not in _SCALAR_TAGS:
        raise _tag_problem(tag, _pos(node.start_mark, off))
    if out is not None:
        out.raw[path] = node.value
    tag = tag[len(_CORE):]
    if tag in ("str", "timestamp"):
        return node.value
    if tag == "null":
        return None
    try:
        if tag == "bool":
            return _constructor.construct_yaml_bool(node)
        if tag == "int":
            return _constructor.construct_yaml_int(node)
        return _constructor.construct_yaml_float(node)
    except (ValueError, yaml.YAMLError):  # e.g. "!!int abc"
        raise YamlProblem("yaml-syntax", f"'{node.value}' is not a valid {tag}", _pos(node.start_mark, off)) from None


def _first_key_line(node: yaml.MappingNode, key: str, off: int) -> int:
    for key_node, _ in node.value:
        if key_node.value == key:
            line: int = key_node.start_mark.line
            return line + 1 + off
    return 0  # pragma: no cover - only called for a key that is present


def _tag_problem(tag: str, pos: Pos) -> YamlProblem:
    shown = tag.replace(_CORE, "!!")
    return YamlProblem(
        "yaml-tag",
        f"YAML tag '{shown}' is not allowed",
        pos,
        "remove the tag; front matter holds only plain text, numbers, lists and mappings",
    )
