"""Plans a pandas DataFrame of incidents, interview by interview: the work recommend_frame()
does in this process, and each Dask worker does for its partition.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from .._boundary.limits import Limits, get_limits, local_limits
from .._engines import EngineName
from .._io.frame import INSTALL, _empty, incident_rows
from .._model.interview import Interview, Interviewer
from .._model.models import Decision, Incident
from .._model.validation import INTERVIEW_ERRORS, relocated, validate_interview
from .._planning.assemble import plan
from .._planning.audience import plan_interview
from .._rules.ruleset import RuleSet

if TYPE_CHECKING:
    import pandas

__all__ = ["FRAME_COLUMNS", "Panels", "plan_frame"]

Panels = Mapping[Any, Sequence[str | Mapping[str, Any] | Interviewer] | Mapping[str, Any]]
"""Who interviewed you, by interview value: the interviewers (names, or mappings with ``name``,
``role`` and ``lead``), or a mapping with ``interviewers`` and the interview's other fields
(``position``, ``company``)."""

FRAME_COLUMNS: tuple[str, ...] = (
    "interview",
    "position",
    "action",
    "channel",
    "rule_id",
    "advice",
    "reason",
    "judgment_call",
    "audience",
)
"""The columns of recommend_frame()'s result, in order."""


def plan_frame(
    df: pandas.DataFrame,
    column: str,
    ruleset: RuleSet,
    engine: EngineName,
    limits: Limits | None = None,
    interviewers: Panels | None = None,
) -> pandas.DataFrame:
    """The decisions for a pandas DataFrame of incidents (the pandas half of :func:`recommend_frame`).

    Each interview is validated as :func:`recommend` validates its incidents, under ``limits``
    (those in force if not given; a Dask worker is given the caller's). An interview that
    ``interviewers`` names is planned as :func:`recommend` plans an :class:`Interview`.
    """
    try:
        import numpy
        import pandas
    except ImportError as exc:  # pragma: no cover - a DataFrame implies pandas
        raise ImportError(f"recommend_frame() needs pandas; install it with: {INSTALL}") from exc
    labels = df.index.tolist()
    if column in [str(c) for c in df.columns]:
        interviews = df[column].array
        rows = incident_rows(df.drop(columns=[column]))
    elif df.index.name == column:
        interviews = df.index.array
        rows = incident_rows(df)
    else:
        raise ValueError(
            f"the DataFrame has no {column!r} column to group incidents into interviews "
            f"(its columns: {', '.join(map(str, df.columns))}); name it with interview_column="
        )
    keys = interviews.tolist()
    groups: dict[Any, list[int]] = {}
    for at, key in enumerate(keys):
        if _empty(key):
            raise ValueError(
                f"row {labels[at]!r} has no value in the {column!r} column: "
                "say which interview each incident belongs to"
            )
        groups.setdefault(key, []).append(at)

    size = len(keys)
    position = numpy.zeros(size, dtype="int64")
    texts = {name: numpy.empty(size, dtype=object) for name in ("action", "channel", "rule_id", "advice", "reason")}
    judgment = numpy.zeros(size, dtype=bool)
    audience = numpy.empty(size, dtype=object)
    panels = interviewers if interviewers is not None else {}
    for key, members in groups.items():
        people = panels.get(key)
        decisions: Sequence[Decision]
        if people is None:
            incidents = _validate(key, [rows[at] for at in members], [labels[at] for at in members], limits)
            decisions = plan(ruleset, incidents, engine=engine, precompute=True).decisions
        else:
            interview = _interview(key, people, [rows[at] for at in members], [labels[at] for at in members], limits)
            decisions = plan_interview(ruleset, interview, engine=engine, precompute=True).decisions
        for decision in decisions:
            at = members[decision.index]
            audience[at] = decision.audience
            position[at] = decision.index
            texts["action"][at] = decision.action.value
            texts["channel"][at] = decision.channel.value
            texts["rule_id"][at] = decision.rule_id
            texts["advice"][at] = decision.advice
            texts["reason"][at] = decision.reason
            judgment[at] = decision.judgment_call
    return pandas.DataFrame(
        {"interview": interviews, "position": position, **texts, "judgment_call": judgment, "audience": audience},
        index=df.index,
        columns=list(FRAME_COLUMNS),
    )


def _validate(key: Any, rows: list[dict[str, Any]], labels: list[Any], limits: Limits | None) -> list[Incident]:
    try:
        return validate_interview(rows, limits)
    except ValidationError as exc:
        if any(error["type"] in INTERVIEW_ERRORS for error in exc.errors()):
            # About the interview: located as recommend_many() locates it, by the interview's value.
            title, where = "DataFrame interviews, by interview", _in_interview(key)
        else:
            # About one incident: located by the row's index label, which the caller can find in the frame.
            title, where = "DataFrame rows, by index label", _at_row(labels)
        raise ValidationError.from_exception_data(title, relocated(exc, where)) from None


def _interview(
    key: Any,
    people: Sequence[str | Mapping[str, Any] | Interviewer] | Mapping[str, Any],
    rows: list[dict[str, Any]],
    labels: list[Any],
    limits: Limits | None,
) -> Interview:
    """An interview's rows with its interviewers, validated as :func:`recommend` validates an interview.

    Errors about an incident are located by the row's index label; about the interviewers, under
    the interview's value, e.g. ``("i1", "interviewers", 1, "lead")``.
    """
    if limits is not None and limits != get_limits():
        with local_limits(**vars(limits)):
            return _interview(key, people, rows, labels, None)
    fields: dict[str, Any] = (
        dict(people)
        if isinstance(people, Mapping)
        else {"interviewers": [{"name": p} if isinstance(p, str) else p for p in people]}
    )
    try:
        return Interview.model_validate({**fields, "incidents": rows})
    except ValidationError as exc:
        errors: list[InitErrorDetails] = []
        for error in exc.errors():
            loc = error["loc"]
            if loc[:1] == ("incidents",) and len(loc) > 1 and isinstance(loc[1], int):
                where: tuple[int | str, ...] = (_loc(labels[loc[1]]), *loc[2:])
            else:
                where = (_loc(key), *loc)
            errors.append(
                {"type": PydanticCustomError(error["type"], error["msg"]), "loc": where, "input": error["input"]}
            )
        title = (
            "DataFrame rows, by index label"
            if all(e["loc"][:1] == ("incidents",) for e in exc.errors())
            else ("DataFrame interviews, by interview")
        )
        raise ValidationError.from_exception_data(title, errors) from None


def _in_interview(key: Any) -> Callable[[ErrorDetails], tuple[int | str, ...]]:
    return lambda error: (_loc(key), *error["loc"])


def _at_row(labels: list[Any]) -> Callable[[ErrorDetails], tuple[int | str, ...]]:
    def where(error: ErrorDetails) -> tuple[int | str, ...]:
        at, *rest = error["loc"]
        return (_loc(labels[at]) if isinstance(at, int) else at, *rest)

    return where


def _loc(value: Any) -> int | str:
    # pydantic locations hold whole numbers and strings; any other label or value is shown as text.
    return value if isinstance(value, (int, str)) else str(value)
