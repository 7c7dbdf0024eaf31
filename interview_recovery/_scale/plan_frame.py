"""Plans a pandas DataFrame of incidents, interview by interview: the work recommend_frame()
does in this process, and each Dask worker does for its partition.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .._boundary.limits import Limits
from .._engines import EngineName
from .._io.frame import INSTALL, _empty, incident_rows
from .._model.models import Incident
from .._model.validation import INTERVIEW_ERRORS, relocated, validate_interview
from .._planning.assemble import plan
from .._rules.ruleset import RuleSet

if TYPE_CHECKING:
    import pandas

__all__ = ["FRAME_COLUMNS", "plan_frame"]

FRAME_COLUMNS: tuple[str, ...] = (
    "interview",
    "position",
    "action",
    "channel",
    "rule_id",
    "advice",
    "reason",
    "judgment_call",
)
"""The columns of recommend_frame()'s result, in order."""


def plan_frame(
    df: pandas.DataFrame, column: str, ruleset: RuleSet, engine: EngineName, limits: Limits | None = None
) -> pandas.DataFrame:
    """The decisions for a pandas DataFrame of incidents (the pandas half of :func:`recommend_frame`).

    Each interview is validated as :func:`recommend` validates its incidents, under ``limits``
    (those in force if not given; a Dask worker is given the caller's).
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
    for key, members in groups.items():
        incidents = _validate(key, [rows[at] for at in members], [labels[at] for at in members], limits)
        for decision in plan(ruleset, incidents, engine=engine, precompute=True).decisions:
            at = members[decision.index]
            position[at] = decision.index
            texts["action"][at] = decision.action.value
            texts["channel"][at] = decision.channel.value
            texts["rule_id"][at] = decision.rule_id
            texts["advice"][at] = decision.advice
            texts["reason"][at] = decision.reason
            judgment[at] = decision.judgment_call
    return pandas.DataFrame(
        {"interview": interviews, "position": position, **texts, "judgment_call": judgment},
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
