"""Reads YAML files as plain data with the position of every value, and nothing else.

Every YAML file the library reads (rules, packs, cases, incidents, phrasings) comes through
here. They are data written by people: this reader refuses what data never needs (tags
that build objects, anchors and aliases, deep nesting, huge files, too many values,
duplicate keys, control characters in text) before anything is built, so a hostile file
can neither run code nor exhaust memory, and what it holds can be shown safely. It reads
plain values by the YAML 1.2 core schema, as people write them: only ``true`` and ``false``
are booleans, so ``noticed: no`` means the answer ``'no'``, and ``yes``, ``on``, ``off``,
dates and ``1:30`` stay text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from .._boundary.limits import UnreadableFile, get_limits, read_limited, text_problem, too_big
from ..exceptions import RuleIssue

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


def locate(locations: Locations, loc: tuple[Any, ...], *, key: bool = False) -> tuple[int | None, int | None]:
    """Where a problem at a path of keys and indexes sits in its file: the nearest value the
    file holds on that path (the path's last key itself, with ``key``), else the document.

    Args:
        locations: the locations ``read_yaml`` found.
        loc: the path to the value the problem is about; it need not exist in the file.
        key: point at the mapping key rather than its value (an unknown or misplaced key).

    Returns:
        The 1-based (line, column), or ``(None, None)`` for a file not read.

    >>> _, locations, _ = read_yaml(Path("x.yaml"), "rules:\\n  - id: a\\n")
    >>> locate(locations, ("rules", 0, "when")), locate(locations, ("rules", 0, "id"), key=True)
    ((2, 5), (2, 5))
    """
    if key and (*loc, KEY) in locations:
        return locations[(*loc, KEY)]
    while loc:
        if loc in locations:
            return locations[loc]
        loc = loc[:-1]
    return locations.get((), (None, None))


# libyaml parses a file near the size limit in well under a second, where the pure-Python
# parser takes over ten, and it refuses nesting beyond 1,000 levels itself. Both parsers
# build the same nodes; the pure-Python one serves where PyYAML was built without libyaml.
_Parser: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Parser):  # type: ignore[valid-type, misc]
    """PyYAML's safe loader with the YAML 1.2 core schema's resolvers in place of YAML 1.1's.

    PyYAML implements YAML 1.1, where ``yes``/``no``/``on``/``off`` are booleans, ``010`` is
    octal, ``1:30`` is sexagesimal and dates are timestamps; the core schema of YAML 1.2
    (https://yaml.org/spec/1.2.2/#1032-tag-resolution) has none of these.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


def _core_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    # 0o17 and 0x1f by their prefix; every other form is decimal, leading zeros and all.
    return int(text, 0) if text[:2] in ("0o", "0x") else int(text)


for _tag, _pattern, _first in (
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
):
    _Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(rf"^(?:{_pattern})$"), [*_first, *([""] if _tag == "null" else [])]
    )
_Loader.add_constructor("tag:yaml.org,2002:int", _core_int)


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        self.node = node
        self.message = message


def _at(node: yaml.Node) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_yaml(
    path: Path, text: str | None = None, *, limit: int | None = None
) -> tuple[Any, Locations, list[RuleIssue]]:
    """Read one YAML document as plain data.

    Args:
        path: the file (its name, when ``text`` is given).
        text: the file's text, already read.
        limit: the most bytes to accept; ``get_limits().max_file_bytes`` if not given.

    Returns:
        The data (``None`` when it cannot be read), the location of every value and key,
        and the issues found (empty when the data is usable).
    """
    name = str(path)
    limit = get_limits().max_file_bytes if limit is None else limit
    if text is None:
        try:
            text = read_limited(path, limit=limit)
        except UnreadableFile as exc:
            return None, {}, [_unreadable(name, None, None, None, exc.message)]
    elif len(text.encode("utf-8", "surrogatepass")) > limit:
        return None, {}, [_unreadable(name, None, None, None, too_big(limit))]

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
        # A reader error's text spans two lines ('... in "<unicode string>", position 0').
        return None, {}, [_unreadable(name, None, None, None, f"is not valid YAML: {' '.join(str(exc).split())}")]
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
        value = loader.construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError) as exc:
        # An integer of more than 4,300 digits, for one, which Python refuses to convert.
        raise _Refused(node, f"holds a value that cannot be read ({exc})") from exc
    if isinstance(value, str):
        # YAML refuses raw control characters but writes them as escapes ("\e", "\x1b",
        # "\ud800"): text that ends up in plans, notes and terminals may not hold them.
        problem = text_problem(value, limit=len(value))
        if problem is not None:
            raise _Refused(node, f"holds text that cannot be used: it {problem}")
    return value
