"""recommend_frame(): a DataFrame of incidents from many interviews in, a DataFrame of decisions out.

pandas is imported only when a frame is planned; a pandas DataFrame is planned by
``_plan_frame``, and a Dask DataFrame is handed to ``_dask``, which plans each partition
with that same code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from .._engines import EngineName, resolve_engine
from .._io.frame import _is_frame
from .._rules.packs import default_rules
from .._rules.ruleset import RuleSet
from .dask_frames import recommend_dask_frame
from .plan_frame import FRAME_COLUMNS, Panels, plan_frame

if TYPE_CHECKING:
    import dask.dataframe
    import pandas

__all__ = ["FRAME_COLUMNS", "plan_frame", "recommend_frame"]


@overload
def recommend_frame(
    df: pandas.DataFrame,
    *,
    interview_column: str = "interview",
    interviewers: Panels | None = None,
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
) -> pandas.DataFrame: ...


@overload
def recommend_frame(
    df: dask.dataframe.DataFrame,
    *,
    interview_column: str = "interview",
    interviewers: Panels | None = None,
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
) -> dask.dataframe.DataFrame: ...


def recommend_frame(
    df: Any,
    *,
    interview_column: str = "interview",
    interviewers: Panels | None = None,
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
) -> Any:
    """Decide every incident of a DataFrame holding many interviews, one row per incident.

    The rows of one interview are planned together, as :func:`recommend` plans a list of
    incidents, in the order they appear; interviews may be interleaved.

    An interview with several interviewers is named in ``interviewers``, by its value in the
    interview column: its rows are then planned as :func:`recommend` plans an
    :class:`Interview`, and may say who noticed (a ``noticed`` cell holding a mapping by
    name), who was there (``present``: a list of names, or one name), who asked
    (``asked_by``) and who is told a forgotten item (``mention_to``); the ``audience`` column
    names whose note or call carries each decision.

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
        interviewers: who interviewed you, by interview value: a list of names or of mappings
            with ``name``, ``role`` and ``lead``, or a mapping with ``interviewers``,
            ``position`` and ``company``. Interviews it does not name are planned as lists of
            incidents.
        rules: the rule set to apply; the built-in advice if not given.
        engine: ``"durable"``, ``"python"`` or ``None`` for the default, as for :func:`recommend`.

    Returns:
        A DataFrame with the input's index, in the input's order, and the columns of
        ``FRAME_COLUMNS``: ``interview`` (as given), ``position`` (the incident's place in its
        interview, from 0), and the decision's ``action``, ``channel``, ``rule_id``,
        ``advice``, ``reason``, ``judgment_call`` and ``audience`` (a tuple of interviewers'
        names; empty for an interview ``interviewers`` does not name, and for what stays
        private). A Dask DataFrame for a Dask DataFrame.

    Raises:
        TypeError: ``df`` is not a pandas or Dask DataFrame.
        ValueError: the interview column is missing, or a row has no value in it.
        pydantic.ValidationError: an incident is invalid (located at the row's index label
            and the field); or an interview holds more than ``max_incidents`` incidents or
            repeats an id, raised as :func:`recommend` raises it and located under the
            interview's value (``(interview,)``, ``(interview, position, "id")``); a bad name in
            ``interviewers`` or a row's panel fields, at the interview's value or the row's label
            and the field, with did-you-mean. On Dask the limits in force at the call hold on the workers.
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
        return recommend_dask_frame(df, interview_column, ruleset, name, interviewers)
    if not _is_frame(df):
        raise TypeError(
            f"recommend_frame() takes a pandas or Dask DataFrame with one row per incident, not a "
            f"{type(df).__name__}; for lists of incidents call recommend() or recommend_many()"
        )
    return plan_frame(df, interview_column, ruleset, name, interviewers=interviewers)


def _is_dask_frame(value: Any) -> bool:
    # By type, not by import: a caller without Dask never pays for importing it.
    return any(cls.__module__.startswith("dask.") and cls.__name__ == "DataFrame" for cls in type(value).__mro__)
