"""Plans a pandas DataFrame of incidents, interview by interview: the work recommend_frame()
does in this process, and each Dask worker does for its partition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from pydantic_core import InitErrorDetails

from .._engines import EngineName
from .._io.frame import INSTALL, _empty, incident_rows
from .._model.models import INCIDENT_LIST, Incident
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


def plan_frame(df: pandas.DataFrame, column: str, ruleset: RuleSet, engine: EngineName) -> pandas.DataFrame:
    """The decisions for a pandas DataFrame of incidents (the pandas half of :func:`recommend_frame`)."""
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
    for members in groups.values():
        incidents = _validate([rows[at] for at in members], [labels[at] for at in members])
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


def _validate(rows: list[dict[str, Any]], labels: list[Any]) -> list[Incident]:
    try:
        return INCIDENT_LIST.validate_python(rows)
    except ValidationError as exc:
        # Located by the row's index label, which the caller can find in the frame.
        errors: list[InitErrorDetails] = []
        for error in exc.errors():
            where, *rest = error["loc"]
            label = labels[where] if isinstance(where, int) else where
            loc = (label if isinstance(label, (int, str)) else str(label), *rest)
            moved = InitErrorDetails(type=error["type"], loc=loc, input=error["input"])
            if "ctx" in error:
                moved["ctx"] = error["ctx"]
            errors.append(moved)
        raise ValidationError.from_exception_data("DataFrame rows, by index label", errors) from None
