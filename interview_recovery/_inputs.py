"""Incident files: read with a bound, parsed as JSON or YAML, and their problems told one line each."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from ._limits import UnreadableFile, read_limited, read_stream
from ._models import INCIDENT_CLASSES, finite_values
from ._yaml import read_yaml

__all__ = ["BadInput", "error_lines", "read_incidents"]


class BadInput(Exception):
    """The input cannot be used; one line per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def read_incidents(file: str | Path, stdin: TextIO | None = None) -> list[Any]:
    """The list of incidents in a JSON or YAML file (or standard input), as plain data.

    The file is read with the bound of ``max_file_bytes``, and only if it is a regular file.

    Args:
        file: the file's path (its name, when ``stdin`` is given).
        stdin: a stream to read instead of the file.

    Raises:
        BadInput: the file cannot be read, parsed, or does not hold a list.
    """
    path = Path(file) if stdin is None else Path("<stdin>")
    try:
        text = read_stream(stdin) if stdin is not None else read_limited(path)
    except UnreadableFile as exc:
        raise BadInput([exc.message]) from None
    if not text.strip():
        raise BadInput(['is empty: give a list of incidents, e.g. [{"kind": "strength", "description": "..."}]'])
    data: Any
    try:
        data = json.loads(text)
    except RecursionError:
        raise BadInput(["is nested too deeply: an incident file is a list of mappings"]) from None
    except json.JSONDecodeError as exc:
        if path.suffix == ".json":
            raise BadInput([f"line {exc.lineno}, column {exc.colno}: is not valid JSON: {exc.msg}"]) from None
        # Not JSON: read it as YAML, safely (plain data only, no tags, no aliases).
        data, _, issues = read_yaml(path, text)
        if issues and text.lstrip()[:1] in ("[", "{") and not issues[0].message.startswith("is nested too deeply"):
            # It looked like JSON: its own error is the clearer one.
            raise BadInput([f"line {exc.lineno}, column {exc.colno}: is not valid JSON: {exc.msg}"]) from None
        if issues:
            raise BadInput([_yaml_problem(str(issue), str(path)) for issue in issues]) from None
    if not isinstance(data, list):
        raise BadInput(
            [f"holds a {_kind_of(data)}, not a list of incidents: put the incidents in a list, one item each"]
        )
    return data


def _yaml_problem(text: str, path: str) -> str:
    # read_yaml's issues start with the path, which the caller prints anyway.
    text = text.removeprefix(path)
    where, _, message = text.partition(": ")
    where = where.strip(":")
    if where:
        line, _, col = where.partition(":")
        return f"line {line}{f', column {col}' if col else ''}: {message}"
    return message


def _kind_of(data: Any) -> str:
    return {dict: "mapping", str: "text", int: "number", float: "number", bool: "boolean"}.get(
        type(data), type(data).__name__
    )


def error_lines(exc: ValidationError, incidents: list[Any]) -> list[str]:
    """One line per problem: ``incidents[INDEX].FIELD: what is wrong and what to do``.

    >>> from interview_recovery._models import INCIDENT_LIST
    >>> items = [{"kind": "slip", "description": "x", "noticd": "certain"}]
    >>> try:
    ...     INCIDENT_LIST.validate_python(items)
    ... except ValidationError as exc:
    ...     print("\\n".join(error_lines(exc, items)))
    incidents[0].noticed: is required: add it (certain, likely, unsure or no)
    incidents[0].noticd: is not a field of a slip; did you mean 'noticed'?
    """
    lines = []
    for error in exc.errors(include_url=False):
        loc = list(error["loc"])
        index = loc.pop(0) if loc and isinstance(loc[0], int) else None
        item = incidents[index] if isinstance(index, int) and index < len(incidents) else None
        kind = item.get("kind") if isinstance(item, dict) else None
        if loc and loc[0] == kind and kind in INCIDENT_CLASSES:
            loc.pop(0)  # pydantic's tag for the kind the item was read as
        where = ("incidents" if index is None else f"incidents[{index}]") + "".join(
            f".{part}" if isinstance(part, str) else f"[{part}]" for part in loc
        )
        lines.append(f"{where}: {_message(error, kind, loc)}")
    return lines


def _message(error: Any, kind: Any, loc: list[Any]) -> str:
    kind_name = str(kind).replace("_", " ")
    etype = error["type"]
    if etype == "missing":
        choices = _choices(kind, loc)
        return f"is required: add it{f' ({choices})' if choices else ''}"
    if etype == "extra_forbidden":
        fields = [f for f in INCIDENT_CLASSES[kind].model_fields] if kind in INCIDENT_CLASSES else []
        close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (its fields: {', '.join(fields)})"
        return f"is not a field of a {kind_name}{hint}"
    if etype == "union_tag_not_found":
        return f"has no 'kind': add one of {', '.join(INCIDENT_CLASSES)}"
    if etype == "union_tag_invalid":
        close = difflib.get_close_matches(str(kind), list(INCIDENT_CLASSES), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (kinds: {', '.join(INCIDENT_CLASSES)})"
        return f"unknown kind {kind!r}{hint}"
    if etype in ("model_attributes_type", "model_type", "dict_type"):
        return 'is not a mapping: give each incident as {"kind": ..., "description": ..., ...}'
    message = str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    if etype == "too_many_incidents":
        return message
    if isinstance(value, str) and len(value) > _SHOWN:
        # A text over the length limit is not echoed whole: its start is enough to find it.
        message += f" (got {json.dumps(value[:_SHOWN])}...)"
    elif isinstance(value, (str, int, float, bool)) or value is None:
        message += f" (got {json.dumps(value)})"
    return message


_SHOWN = 60
"""How much of a long text value an error line shows."""


def _choices(kind: Any, loc: list[Any]) -> str:
    if kind in INCIDENT_CLASSES and len(loc) == 1 and loc[0] in INCIDENT_CLASSES[kind].model_fields:
        values = finite_values(kind, loc[0])
        if values and not isinstance(values[0], bool):
            return f"{', '.join(values[:-1])} or {values[-1]}"
        if values:
            return "true or false"
    return ""
