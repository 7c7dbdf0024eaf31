"""recommend(): validate the incidents, evaluate the rules, assemble the plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from .._engines import EngineName, fact, resolve_engine
from .._io.frame import incident_rows
from .._model.interview import Interview
from .._model.models import Incident
from .._model.validation import is_listlike, validate_interview
from .._rules.packs import default_rules
from .._rules.ruleset import RuleSet
from .assemble import assemble, plan
from .audience import plan_interview
from .plan import Plan

__all__ = ["assemble", "fact", "recommend", "validate_incidents"]


def recommend(
    incidents: Iterable[Incident | Mapping[str, Any]] | Mapping[str, Any] | Interview,
    *,
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
    precompute: bool = True,
) -> Plan:
    """Decide what to do about each incident of an interview, and the steps to take.

    Args:
        incidents: what happened, as incident models or plain dicts with a ``kind``, or a
            pandas DataFrame with one row per incident (empty cells mean "not given"); or an
            :class:`Interview` (or a mapping with its fields: ``interviewers``, ``incidents``...),
            whose decisions name the interviewers each one reaches (``Decision.audience``).
        rules: the rule set to apply (from :func:`load_rules`); the built-in advice if not given.
        engine: ``"durable"`` (durable_rules, the default where it imports) or ``"python"``
            (the pure-Python engine, the default on Python 3.13+); both give the same plans.
        precompute: when true (the default) the engine evaluates the rule set once over
            every case of the finite fields and a call looks incidents up in that table;
            when false every incident goes through the engine on every call (for durable_rules,
            one session per call). Both give the same plans.

    Returns:
        The plan, with one decision per incident in input order and the ordered steps.

    Raises:
        pydantic.ValidationError: an incident is invalid, two share an ``id``, or there are more
            than ``max_incidents`` (1,000 unless changed, see :func:`set_limits`); the error
            names the incident's index and field. For an interview also: no interviewers, two
            leads, a name that is not an interviewer's, ``present`` without the one who asked.
        IncompleteRulesError: the rules decide nothing for some incident.
        EngineError: the rule engine failed, or durable_rules was asked for where it cannot import.
        ValueError: ``engine`` names no engine.

    >>> plan = recommend([{"kind": "slip", "description": "Called her Mary",
    ...                    "noticed": "certain", "realised_later": True}])
    >>> plan.decisions[0].action
    <Action.APOLOGISE: 'apologise'>
    """
    ruleset = rules if rules is not None else default_rules()
    if isinstance(incidents, Interview) or (isinstance(incidents, Mapping) and "interviewers" in incidents):
        interview = incidents if isinstance(incidents, Interview) else Interview.model_validate(incidents)
        return plan_interview(ruleset, interview, engine=resolve_engine(engine), precompute=precompute)
    parsed = validate_incidents(incidents)
    return plan(ruleset, parsed, engine=resolve_engine(engine), precompute=precompute)


def validate_incidents(incidents: Iterable[Incident | Mapping[str, Any]] | Mapping[str, Any]) -> list[Incident]:
    """recommend()'s input as one interview's validated incidents: a DataFrame read as its rows,
    then :func:`validate_interview`; errors name the index and the field.

    Raises:
        TypeError: ``incidents`` is a single incident or not a list at all.
        pydantic.ValidationError: more than ``max_incidents`` incidents, an invalid one, or a repeated id.
    """
    incidents = incident_rows(incidents)
    if not is_listlike(incidents):
        raise TypeError(
            f"recommend() takes a list of incidents, not a single {type(incidents).__name__}: "
            "wrap it in a list, e.g. recommend([incident])"
        )
    # is_listlike() refused a mapping: what is left is an iterable of incidents.
    return validate_interview(cast("Iterable[Incident | Mapping[str, Any]]", incidents))
