"""recommend(): validate the incidents, evaluate the rules, assemble the plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from ._engines import EngineName, Fact, Matches, evaluate, fact
from ._frame import incident_rows
from ._models import INCIDENT_LIST, Decision, Incident, Step
from ._packs import default_rules
from ._plan import Plan
from ._rules import RuleSet
from .exceptions import IncompleteRulesError

__all__ = ["assemble", "fact", "recommend", "validate_incidents"]


def recommend(
    incidents: Iterable[Incident | Mapping[str, Any]],
    *,
    rules: RuleSet | None = None,
    engine: EngineName | None = None,
    precompute: bool = True,
) -> Plan:
    """Decide what to do about each incident of an interview, and the steps to take.

    Args:
        incidents: what happened, as incident models or plain dicts with a ``kind``, or a
            pandas DataFrame with one row per incident (empty cells mean "not given").
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
        pydantic.ValidationError: an incident is invalid; the error names its index and field.
        IncompleteRulesError: the rules decide nothing for some incident.
        EngineError: the rule engine failed, or durable_rules was asked for where it cannot import.
        ValueError: ``engine`` names no engine.

    >>> plan = recommend([{"kind": "slip", "description": "Called her Mary",
    ...                    "noticed": "certain", "realised_later": True}])
    >>> plan.decisions[0].action
    <Action.APOLOGISE: 'apologise'>
    """
    ruleset = rules if rules is not None else default_rules()
    parsed = validate_incidents(incidents)
    facts = [fact(incident) for incident in parsed]
    return assemble(ruleset, parsed, facts, evaluate(ruleset, facts, engine=engine, precompute=precompute))


def validate_incidents(incidents: Iterable[Incident | Mapping[str, Any]]) -> list[Incident]:
    """Validate incidents into models; errors name the index and the field."""
    incidents = incident_rows(incidents)
    if isinstance(incidents, (str, bytes, Mapping, BaseModel)) or not isinstance(incidents, Iterable):
        raise TypeError(
            f"recommend() takes a list of incidents, not a single {type(incidents).__name__}: "
            "wrap it in a list, e.g. recommend([incident])"
        )
    return INCIDENT_LIST.validate_python(list(incidents))


class _Given(dict[str, Any]):
    # An optional field left out of the incident renders as this, not as a KeyError.
    def __missing__(self, key: str) -> str:
        return "(not given)"


def _render(template: str, incident: Incident, fields: Mapping[str, Any]) -> str:
    return template.format_map(_Given(fields, kind=incident.kind))


def assemble(ruleset: RuleSet, incidents: Sequence[Incident], facts: Sequence[Fact], matches: Matches) -> Plan:
    """Build the plan from what fired: the winning decision rule per incident, and the steps."""
    decisions = []
    undecided = []
    for index, (incident, (_, fields)) in enumerate(zip(incidents, facts, strict=True)):
        fired = matches.decisions[index]
        if not fired:
            undecided.append(index)
            continue
        rule = ruleset.rules[ruleset.winner(fired)]  # type: ignore[index]
        decisions.append(
            Decision(
                index=index,
                incident=incident,
                action=rule.action,
                channel=rule.channel,
                rule_id=rule.id,
                advice=rule.advice,
                reason=_render(rule.reason, incident, fields),
                judgment_call=rule.judgment_call,
                pack=rule.pack,
            )
        )
    if undecided:
        shown = "; ".join(f"incident {i} ({incidents[i].kind}: {facts[i][1]})" for i in undecided[:5])
        raise IncompleteRulesError(
            f"rule pack {ruleset.name!r} decides nothing for {shown}: add a rule for this "
            "case, or check the pack with `interview-recovery rules check`"
        )

    items: dict[int, list[str]] = {index: [] for index in matches.always}
    for step_index, match_index, fact_index in matches.step_items:
        lines = items.setdefault(step_index, [])
        template = ruleset.steps[step_index].when_any[match_index].item
        if template is not None:
            lines.append(_render(template, incidents[fact_index], facts[fact_index][1]))
    steps = [
        Step(
            id=rule.id,
            advice=rule.advice,
            title=rule.title,
            text=rule.text,
            items=tuple(items[index]),
            private=rule.private,
        )
        for index, rule in sorted(
            ((index, ruleset.steps[index]) for index in items), key=lambda pair: (pair[1].order, pair[0])
        )
    ]
    plan = Plan(decisions=tuple(decisions), steps=tuple(steps), pack=ruleset.identity)
    plan._rules = ruleset
    return plan
