"""Many interviews: recommend_many() validates them all up front and returns a list;
iter_recommend() validates and plans one at a time, so a stream of any length runs in constant memory."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import InitErrorDetails

from .._engines import EngineName, resolve_engine
from .._io.frame import interview_rows
from .._model.models import Incident
from .._model.validation import is_listlike, relocated, validate_interview
from .._planning.assemble import plan
from .._planning.plan import Plan
from .._rules.packs import default_rules
from .._rules.ruleset import RuleSet

__all__ = ["iter_recommend", "recommend_many"]


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
        interviews: one list of incidents per interview (incident models or plain dicts), in
            any iterable (a list, a tuple, a generator), or a pandas DataFrame with one row per
            incident and a column saying which interview it belongs to; the plans then come in
            the order each interview first appears.
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
        pydantic.ValidationError: an incident is invalid, an interview holds more than
            ``max_incidents`` incidents or repeats an id; the error names the interview's
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
    if not is_listlike(interviews):
        raise TypeError(
            f"recommend_many() takes a list of interviews, each a list of incidents, not a "
            f"{type(interviews).__name__}; for one interview call recommend(incidents)"
        )
    batch = list(interviews)
    for index, interview in enumerate(batch):
        _check_interview(index, interview, "recommend_many")
    parsed: list[list[Incident]] = []
    errors: list[InitErrorDetails] = []
    title = ""
    for index, interview in enumerate(batch):
        try:
            parsed.append(validate_interview(interview))
        except ValidationError as exc:
            # Every bad interview's problems in one error, as one validation of the whole batch.
            errors += _under(exc, index)
            title = title or exc.title
    if errors:
        raise ValidationError.from_exception_data(f"list[{title}]", errors)
    name = resolve_engine(engine)  # once, before any work: a bad engine fails fast
    plans = []
    for incidents in _progress(parsed, progress):
        plans.append(plan(ruleset, incidents, engine=name, precompute=precompute))
    return plans


def iter_recommend(
    interviews: Iterable[Iterable[Incident | Mapping[str, Any]]],
    *,
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
    precompute: bool = True,
) -> Iterator[Plan]:
    """Plan interviews one at a time, lazily: the plans of :func:`recommend_many`, in constant memory.

    Each interview is read, validated and planned only when the next plan is asked for, and
    nothing is kept once its plan is yielded, so a generator of millions of interviews (a file
    read line by line, a database cursor) runs in the memory of one interview at a time.

    Args:
        interviews: any iterable of interviews, each a list of incidents (models or plain dicts).
        rules: the rule set to apply; the built-in advice if not given.
        engine: ``"durable"``, ``"python"`` or ``None`` for the default, as for :func:`recommend`.
        precompute: look incidents up in the rule set's decision table (the default), or
            evaluate every interview with the engine, as for :func:`recommend`.

    Returns:
        An iterator of plans, one per interview, in input order.

    Raises:
        TypeError: ``interviews`` or one of its interviews is not a list; the message names its index.
        pydantic.ValidationError: an incident is invalid, an interview holds more than
            ``max_incidents`` incidents or repeats an id; the error names the interview's
            index, the incident's index and the field, in that order. The plans before it
            have been yielded already.
        IncompleteRulesError: the rules decide nothing for some incident.
        EngineError: the rule engine failed, or durable_rules was asked for where it cannot import.
        ValueError: ``engine`` names no engine.

    The engine's name and the type of ``interviews`` are checked on the call, before any
    interview is read; everything else when the interview in question is reached.

    >>> lines = ([{"kind": "strength", "description": f"Answer {n}"}] for n in range(3))
    >>> plans = iter_recommend(lines)
    >>> next(plans).decisions[0].incident.description
    'Answer 0'
    >>> [plan.decisions[0].incident.description for plan in plans]
    ['Answer 1', 'Answer 2']
    """
    if not is_listlike(interviews):
        raise TypeError(
            f"iter_recommend() takes an iterable of interviews, each a list of incidents, not a "
            f"{type(interviews).__name__}; for one interview call recommend(incidents)"
        )
    ruleset = rules if rules is not None else default_rules()
    name = resolve_engine(engine)  # on the call, not on the first next(): a bad engine fails fast
    return _plans(interviews, ruleset, name, precompute)


def _plans(
    interviews: Iterable[Iterable[Incident | Mapping[str, Any]]], ruleset: RuleSet, engine: EngineName, precompute: bool
) -> Iterator[Plan]:
    for index, interview in enumerate(interviews):
        _check_interview(index, interview, "iter_recommend")
        try:
            incidents = validate_interview(interview)
        except ValidationError as exc:
            # Located as recommend_many() locates it: the interview first, then the incident.
            raise ValidationError.from_exception_data(f"list[{exc.title}]", _under(exc, index)) from None
        yield plan(ruleset, incidents, engine=engine, precompute=precompute)


def _under(exc: ValidationError, index: int) -> list[InitErrorDetails]:
    """The same errors, each located under the interview's index."""
    return relocated(exc, lambda error: (index, *error["loc"]))


def _check_interview(index: int, interview: Any, caller: str) -> None:
    if not is_listlike(interview):
        raise TypeError(
            f"interview {index} is a {type(interview).__name__}, not a list of incidents: "
            f"{caller}() takes one list of incidents per interview"
        )


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
