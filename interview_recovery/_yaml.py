"""Reads rule files as plain data with the position of every value, and nothing else.

Rule files are data written by people: this reader refuses what data never needs (tags
that build objects, anchors and aliases, deep nesting, huge files, too many values,
duplicate keys) before anything is built, so a hostile file can neither run code nor
exhaust memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .exceptions import RuleIssue

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_VALUES = 20_000
"""Every value and key counts; the shipped files hold a few hundred each."""

_PLAIN_TAGS = frozenset("tag:yaml.org,2002:" + name for name in ("str", "int", "bool", "null", "float", "seq", "map"))

Location = tuple[int, int]
"""A 1-based (line, column)."""

Locations = dict[tuple[Any, ...], Location]
"""Where each value sits, by its path of keys and indexes from the document root; the
path of a mapping key followed by ``KEY`` gives where the key itself sits."""

KEY = object()

# libyaml parses a file near the size limit in well under a second, where the pure-Python
# parser takes over ten, and it refuses nesting beyond 1,000 levels itself. Both parsers
# build the same nodes; the pure-Python one serves where PyYAML was built without libyaml.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        self.node = node
        self.message = message


def _at(node: yaml.Node) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_yaml(path: Path, text: str | None = None) -> tuple[Any, Locations, list[RuleIssue]]:
    """Read one YAML document as plain data.

    Returns:
        The data (``None`` when it cannot be read), the location of every value and key,
        and the issues found (empty when the data is usable).
    """
    name = str(path)
    if text is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            return None, {}, [_unreadable(name, None, None, None, f"cannot read the file: {exc.strerror}")]
        if len(raw) > MAX_BYTES:
            return None, {}, [_too_big(name, len(raw))]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return (
                None,
                {},
                [_unreadable(name, None, None, None, f"is not UTF-8 text ({exc.reason} at byte {exc.start})")],
            )
    elif len(text.encode("utf-8")) > MAX_BYTES:
        return None, {}, [_too_big(name, len(text.encode("utf-8")))]

    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "is not valid YAML"
        return None, {}, [_unreadable(name, line, col, None, f"is not valid YAML: {problem}")]
    except yaml.YAMLError as exc:
        return None, {}, [_unreadable(name, None, None, None, f"is not valid YAML: {exc}")]
    except RecursionError:
        return None, {}, [_unreadable(name, None, None, None, f"is nested too deeply (more than {MAX_DEPTH} levels)")]
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return (
            None,
            {},
            [
                _unreadable(
                    name, 1, 1, None, "is empty: a rule file holds a mapping with 'theme' and 'rules' or 'steps'"
                )
            ],
        )

    locations: Locations = {}
    issues: list[RuleIssue] = []
    try:
        data = _build(node, (), locations, issues, name, set(), loader)
    except _Refused as exc:
        line, col = _at(exc.node)
        return None, {}, [_unreadable(name, line, col, None, exc.message)]
    return data, locations, issues


def _unreadable(name: str, line: int | None, column: int | None, rule_id: None, message: str) -> RuleIssue:
    return RuleIssue(name, line, column, rule_id, message, code="unreadable")


def _too_big(name: str, size: int) -> RuleIssue:
    return _unreadable(
        name, None, None, None, f"is {size:,} bytes; rule files are limited to {MAX_BYTES:,} bytes: split it by theme"
    )


def _build(
    node: yaml.Node,
    path: tuple[Any, ...],
    locations: Locations,
    issues: list[RuleIssue],
    name: str,
    seen: set[int],
    loader: yaml.SafeLoader,
) -> Any:
    if len(path) > MAX_DEPTH:
        raise _Refused(node, f"is nested too deeply (more than {MAX_DEPTH} levels)")
    # The composer hands back the very same node for every alias of an anchor: seeing a
    # node twice is how an alias shows, and refusing it defeats "billion laughs" files.
    if id(node) in seen:
        raise _Refused(node, "uses an anchor and alias (&name / *name); write the value out instead")
    seen.add(id(node))
    if len(seen) > MAX_VALUES:
        raise _Refused(node, f"holds more than {MAX_VALUES:,} values; split it into rule files by theme")
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(
            node, f"uses the tag {node.tag!r}; rule files hold only plain text, numbers, booleans, lists and mappings"
        )
    locations[path] = _at(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise _Refused(key_node, "has a key that is not plain text")
            key = _construct(loader, key_node)
            if key in result:
                first = locations.get((*path, key, KEY), (None, None))
                line, col = _at(key_node)
                issues.append(
                    RuleIssue(
                        name,
                        line,
                        col,
                        None,
                        f"repeats the key {key!r} (first on line {first[0]}); YAML keeps only the last one, so remove "
                        "one of them",
                        code="duplicate-key",
                    )
                )
            locations[(*path, key, KEY)] = _at(key_node)
            result[key] = _build(value_node, (*path, key), locations, issues, name, seen, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, index), locations, issues, name, seen, loader) for index, item in enumerate(node.value)
        ]
    return _construct(loader, node)


def _construct(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError) as exc:
        # An integer of more than 4,300 digits, for one, which Python refuses to convert.
        raise _Refused(node, f"holds a value that cannot be read ({exc})") from exc
