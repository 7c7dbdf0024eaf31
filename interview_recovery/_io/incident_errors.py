"""Invalid incidents as a person at a terminal reads them: one line per problem, naming the
incident's index and field, saying what to do.

Kept apart from the commands so that ``recommend`` and its JSON Lines mode share it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from .._boundary.suggest import did_you_mean
from .._model.interview import Interview, Interviewer
from .._model.models import INCIDENT_CLASSES, finite_values

__all__ = ["error_lines"]


def error_lines(exc: ValidationError, incidents: list[Any] | dict[str, Any]) -> list[str]:
    """One line per problem: ``incidents[INDEX].FIELD: what is wrong and what to do``.

    For an interview (a mapping with its ``interviewers``), the path starts at the interview:
    ``interviewers[1].lead: ...``, ``incidents[0].noticed["Tom Hal"]: ...``.

    >>> from interview_recovery._model.models import INCIDENT_LIST
    >>> items = [{"kind": "slip", "description": "x", "noticd": "certain"}]
    >>> try:
    ...     INCIDENT_LIST.validate_python(items)
    ... except ValidationError as exc:
    ...     print("\\n".join(error_lines(exc, items)))
    incidents[0].noticed: is required: add it (certain, likely, unsure or no)
    incidents[0].noticd: is not a field of a slip; did you mean 'noticed'?
    """
    lines = []
    interview = incidents if isinstance(incidents, dict) else None
    listed: list[Any] = incidents if isinstance(incidents, list) else []
    if interview is not None:
        found = interview.get("incidents")
        listed = found if isinstance(found, list) else []
    for error in exc.errors(include_url=False):
        loc = list(error["loc"])
        if interview is not None:
            if loc[:1] != ["incidents"] or len(loc) < 2 or not isinstance(loc[1], int):
                lines.append(f"{_path(loc) or 'the interview'}: {_interview_message(error, loc)}")
                continue
            loc.pop(0)
        index = loc.pop(0) if loc and isinstance(loc[0], int) else None
        item = listed[index] if isinstance(index, int) and index < len(listed) else None
        kind = item.get("kind") if isinstance(item, dict) else None
        if loc and loc[0] == kind and kind in INCIDENT_CLASSES:
            loc.pop(0)  # pydantic's tag for the kind the item was read as
        where = "incidents" if index is None else f"incidents[{index}]"
        where += _path(loc, dotted=True)
        lines.append(f"{where}: {_message(error, kind, loc)}")
    return lines


def _interview_message(error: Any, loc: list[Any]) -> str:
    if error["type"] == "extra_forbidden":
        model = Interviewer if loc[:1] == ["interviewers"] else Interview
        fields = [name for name in model.model_fields if name != "seen"]
        hint = did_you_mean(str(loc[-1]), fields) or f" (its fields: {', '.join(fields)})"
        return f"is not a field of {'an interviewer' if model is Interviewer else 'an interview'}{hint}"
    return _message(error, None, loc)


def _path(loc: list[Any], *, dotted: bool = False) -> str:
    # A name used as a key (``noticed["Tom Hale"]``) is quoted; a field is a dotted name.
    parts = []
    for n, part in enumerate(loc):
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part.isidentifier():
            parts.append(f".{part}" if n or dotted else part)
        else:
            parts.append(f"[{json.dumps(part)}]")
    return "".join(parts)


def _message(error: Any, kind: Any, loc: list[Any]) -> str:
    kind_name = str(kind).replace("_", " ")
    etype = error["type"]
    if etype == "missing":
        choices = _choices(kind, loc)
        return f"is required: add it{f' ({choices})' if choices else ''}"
    if etype == "extra_forbidden":
        fields = [f for f in INCIDENT_CLASSES[kind].model_fields] if kind in INCIDENT_CLASSES else []
        hint = did_you_mean(str(loc[-1]), fields) or f" (its fields: {', '.join(fields)})"
        return f"is not a field of a {kind_name}{hint}"
    if etype == "union_tag_not_found":
        return f"has no 'kind': add one of {', '.join(INCIDENT_CLASSES)}"
    if etype == "union_tag_invalid":
        hint = did_you_mean(str(kind), INCIDENT_CLASSES) or f" (kinds: {', '.join(INCIDENT_CLASSES)})"
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
