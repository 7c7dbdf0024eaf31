"""recommend_many(): plans for many interviews at once, validated together, with an optional progress bar."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, TypeAdapter

from ._engines import EngineName, evaluate, fact, resolve_engine
from ._frame import interview_rows
from ._models import Incident
from ._packs import default_rules
from ._plan import Plan
from ._recommend import assemble
from ._rules import RuleSet

__all__ = ["recommend_many"]

_INTERVIEWS: TypeAdapter[list[list[Incident]]] = TypeAdapter(list[list[Incident]])

_NOT_A_LIST = (str, bytes, Mapping, BaseModel)


def recommend_many(
    interviews: Iterable[Iterable[Incident | Mapping[str, Any]]],
    *,
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
    precompute: bool = True,
    progress: bool = False,
    interview_column: str = "interview",
) -> list[Plan]:
    """Plan many interviews: the same as calling :func:`recommend` on each, validated up front.

    Args:
        interviews: one list of incidents per interview (incident models or plain dicts), or
            a pandas DataFrame with one row per incident and a column saying which interview
            it belongs to; the plans then come in the order each interview first appears.
        rules: the rule set to apply; the built-in advice if not given.
        engine: ``"durable"``, ``"python"`` or ``None`` for the default, as for :func:`recommend`.
        precompute: look incidents up in the rule set's decision table (the default), or
            evaluate every interview with the engine, as for :func:`recommend`.
        progress: show a progress bar (tqdm) while planning; needs the ``progress`` extra.
        interview_column: with a DataFrame, the column naming each row's interview.

    Returns:
        One plan per interview, in input order.

    Raises:
        TypeError: ``interviews`` or one of its interviews is not a list; the message names its index.
        pydantic.ValidationError: an incident is invalid; the error names the interview's
            index, the incident's index and the field, in that order.
        ImportError: ``progress=True`` without tqdm installed; the message says how to install it.
        ValueError: a DataFrame without the interview column, or a row without a value in it.
        IncompleteRulesError: the rules decide nothing for some incident.
        EngineError: the rule engine failed, or durable_rules was asked for where it cannot import.

    >>> plans = recommend_many([
    ...     [{"kind": "strength", "description": "My portfolio"}],
    ...     [{"kind": "slip", "description": "Late", "noticed": "no"}],
    ... ])
    >>> [plan.decisions[0].action.value for plan in plans]
    ['remind_strength', 'do_not_mention']
    """
    ruleset = rules if rules is not None else default_rules()
    interviews = interview_rows(interviews, interview_column)
    if isinstance(interviews, _NOT_A_LIST) or not isinstance(interviews, Iterable):
        raise TypeError(
            f"recommend_many() takes a list of interviews, each a list of incidents, not a "
            f"{type(interviews).__name__}; for one interview call recommend(incidents)"
        )
    batch = list(interviews)
    for index, interview in enumerate(batch):
        if isinstance(interview, _NOT_A_LIST) or not isinstance(interview, Iterable):
            raise TypeError(
                f"interview {index} is a {type(interview).__name__}, not a list of incidents: "
                "recommend_many() takes one list of incidents per interview"
            )
    parsed = _INTERVIEWS.validate_python([list(interview) for interview in batch])
    name = resolve_engine(engine)  # once, before any work: a bad engine fails fast
    plans = []
    for incidents in _progress(parsed, progress):
        facts = [fact(incident) for incident in incidents]
        plans.append(assemble(ruleset, incidents, facts, evaluate(ruleset, facts, engine=name, precompute=precompute)))
    return plans


def _progress(items: Sequence[list[Incident]], show: bool) -> Iterator[list[Incident]]:
    if not show:
        return iter(items)
    try:
        from tqdm.auto import tqdm
    except ImportError as exc:
        raise ImportError(
            "progress=True needs tqdm: pip install 'interview-recovery[progress]' (or pip install tqdm)"
        ) from exc
    return iter(tqdm(items, desc="interviews", unit="interview"))
