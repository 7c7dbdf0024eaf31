"""recommend_frame(): a DataFrame of incidents from many interviews in, a DataFrame of decisions out.

pandas is imported only when a frame is planned; a Dask DataFrame is handed to ``_dask``,
which plans each partition with the pandas code below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from pydantic import ValidationError
from pydantic_core import InitErrorDetails

from ._assemble import plan
from ._engines import EngineName, resolve_engine
from ._frame import INSTALL, _empty, _is_frame, incident_rows
from ._models import INCIDENT_LIST, Incident
from ._rules import RuleSet, default_rules

if TYPE_CHECKING:
    import dask.dataframe
    import pandas

__all__ = ["FRAME_COLUMNS", "plan_frame", "recommend_frame"]

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


@overload
def recommend_frame(
    df: pandas.DataFrame,
    *,
    interview_column: str = "interview",
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
) -> pandas.DataFrame: ...


@overload
def recommend_frame(
    df: dask.dataframe.DataFrame,
    *,
    interview_column: str = "interview",
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
) -> dask.dataframe.DataFrame: ...


def recommend_frame(
    df: Any,
    *,
    interview_column: str = "interview",
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
) -> Any:
    """Decide every incident of a DataFrame holding many interviews, one row per incident.

    The rows of one interview are planned together, as :func:`recommend` plans a list of
    incidents, in the order they appear; interviews may be interleaved.

    Given a Dask DataFrame (the ``dask`` extra), the result is a lazy Dask DataFrame planned
    partition by partition on the Dask workers: rows are first shuffled on the interview
    column so each interview sits in one partition (unless the interview column is the
    frame's index and its divisions are known), and the rule set travels to the workers by
    identity, to be loaded and built once per worker. Its rows come grouped by partition, not
    in the input's order; the index is the input's, so ``.compute().sort_index()`` or a join
    puts them back.

    Args:
        df: a pandas DataFrame with one row per incident (the incident's fields as columns,
            empty cells meaning "not given") and a column naming each row's interview; or a
            Dask DataFrame of the same.
        interview_column: the column naming each row's interview (or the index, if it has that name).
        rules: the rule set to apply; the built-in advice if not given.
        engine: ``"durable"``, ``"python"`` or ``None`` for the default, as for :func:`recommend`.

    Returns:
        A DataFrame with the input's index, in the input's order, and the columns of
        ``FRAME_COLUMNS``: ``interview`` (as given), ``position`` (the incident's place in its
        interview, from 0), and the decision's ``action``, ``channel``, ``rule_id``,
        ``advice``, ``reason`` and ``judgment_call``. A Dask DataFrame for a Dask DataFrame.

    Raises:
        TypeError: ``df`` is not a pandas or Dask DataFrame.
        ValueError: the interview column is missing, or a row has no value in it.
        pydantic.ValidationError: an incident is invalid; the error is located at the row's
            index label and the field.
        IncompleteRulesError: the rules decide nothing for some incident.
        EngineError: the rule engine failed, or durable_rules was asked for where it cannot import.
        ImportError: a Dask DataFrame without the ``dask`` extra's packages.

    >>> import pandas
    >>> frame = pandas.DataFrame({
    ...     "interview": ["a", "b", "a"],
    ...     "kind": ["strength", "slip", "slip"],
    ...     "description": ["My portfolio", "Late", "Called her Mary"],
    ...     "noticed": [None, "no", "certain"],
    ... })
    >>> recommend_frame(frame)[["interview", "position", "action", "rule_id"]]
      interview  position           action                      rule_id
    0         a         0  remind_strength              remind-strength
    1         b         0   do_not_mention  keep-unnoticed-slip-private
    2         a         1        apologise       apologise-noticed-slip
    """
    ruleset = rules if rules is not None else default_rules()
    name = resolve_engine(engine)  # before any work: a bad engine fails fast
    if _is_dask_frame(df):
        from ._dask import recommend_dask_frame

        return recommend_dask_frame(df, interview_column, ruleset, name)
    if not _is_frame(df):
        raise TypeError(
            f"recommend_frame() takes a pandas or Dask DataFrame with one row per incident, not a "
            f"{type(df).__name__}; for lists of incidents call recommend() or recommend_many()"
        )
    return plan_frame(df, interview_column, ruleset, name)


def _is_dask_frame(value: Any) -> bool:
    # By type, not by import: a caller without Dask never pays for importing it.
    return any(cls.__module__.startswith("dask.") and cls.__name__ == "DataFrame" for cls in type(value).__mro__)


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
