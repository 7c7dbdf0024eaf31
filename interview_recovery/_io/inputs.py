"""Incident files: read with a bound, parsed as JSON or YAML, and their problems told one line each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from .._boundary.limits import NumberTooLong, UnreadableFile, json_int, read_limited, read_stream
from .yamlfiles import read_yaml

__all__ = ["BadInput", "read_incidents"]


class BadInput(Exception):
    """The input cannot be used; one line per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def read_incidents(file: str | Path, stdin: TextIO | None = None) -> list[Any] | dict[str, Any]:
    """The list of incidents, or the interview, in a JSON or YAML file (or standard input), as plain data.

    An interview is a mapping with its ``interviewers`` and ``incidents`` (see ``Interview``).

    The file is read with the bound of ``max_file_bytes``, and only if it is a regular file.

    Args:
        file: the file's path (its name, when ``stdin`` is given).
        stdin: a stream to read instead of the file.

    Raises:
        BadInput: the file cannot be read, parsed, or holds neither a list nor an interview.
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
        data = json.loads(text, parse_int=json_int)
    except NumberTooLong as exc:
        raise BadInput([str(exc)]) from None
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
    if isinstance(data, dict) and "interviewers" in data:
        return data
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
