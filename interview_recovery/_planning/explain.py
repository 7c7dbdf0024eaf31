"""Why, and why not: one decision explained from the rule data, condition by condition.

Works from the rules themselves (``DecisionRule.conditions``), not from the engine, so it
can also answer "what if": the smallest changes to an incident's finite fields (enums and
booleans) that would change what to do. The tests check it against the engine.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from enum import Enum
from itertools import combinations, product
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from .._boundary.escape import one_line
from .._engines import fact
from .._model.actions import ACTIONS
from .._model.base import Strict
from .._model.interview import Interview
from .._model.models import INCIDENT_LIST, Action, Channel, Decision, Incident, PackIdentity, finite_values
from .._rules.operators import show
from .._rules.packs import find_rules
from .._rules.ruleset import DecisionRule, RuleSet

__all__ = ["Change", "ConditionCheck", "Explanation", "FieldChange", "RuleCheck", "decide", "explain", "explain_for"]

MAX_CHANGED_FIELDS = 2


def _value(value: Any) -> str:
    return "not given" if value is None else show(value)


class ConditionCheck(Strict):
    """One condition of a rule, checked against this incident."""

    field: str
    condition: str
    actual: Any
    held: bool

    def __str__(self) -> str:
        verdict = "yes" if self.held else "no"
        return f"{self.condition}: {verdict}, it is {_value(self.actual)}"


class RuleCheck(Strict):
    """One rule about this kind of incident, and how this incident fares against it."""

    rule_id: str
    title: str
    advice: str
    action: Action
    conditions: tuple[ConditionCheck, ...]
    applies: bool
    first_failed: ConditionCheck | None

    def __str__(self) -> str:
        head = f"'{self.rule_id}' ({self.advice}: it {ACTIONS[self.action].would})"
        if self.first_failed is None:
            return f"{head} applies too, but the deciding rule comes first"
        failed = self.first_failed
        return f"{head} does not apply: it needs {failed.condition}, and it is {_value(failed.actual)}"


class FieldChange(Strict):
    """One field of the incident set to another value."""

    field: str
    current: Any
    proposed: Any

    def __str__(self) -> str:
        return f"{self.field} were {_value(self.proposed)}"


class Change(Strict):
    """A smallest set of field changes that would change the decision, and the new decision."""

    fields: tuple[FieldChange, ...]
    action: Action
    rule_id: str

    def __str__(self) -> str:
        return f"{ACTIONS[self.action].would} if {' and '.join(str(f) for f in self.fields)}"


class Explanation(Strict):
    """Why one incident got its decision, why the other rules did not decide it, and what would change it.

    Explained for one interviewer of a panel, ``decision`` is the incident as that person saw it,
    and ``audience`` says whether, and why, their note carries it (B1, B2).
    """

    decision: Decision
    decided_by: RuleCheck
    others: tuple[RuleCheck, ...]
    changes: tuple[Change, ...]
    interviewer: str | None = Field(
        default=None, description="The interviewer whose view of the incident ``decision`` is, if one."
    )
    audience: str | None = Field(
        default=None, description="Whether one interviewer's note carries it, and why (B1, B2), if asked for one."
    )

    def __str__(self) -> str:
        d = self.decision
        by = self.decided_by
        whose = f", as {one_line(self.interviewer)} saw it" if self.interviewer else ""
        lines = [
            f"'{one_line(d.incident.description)}' ({d.incident.kind.replace('_', ' ')}) "
            f"is {ACTIONS[d.action].outcome}{whose}.",
            f"Why: rule '{by.rule_id}' decided it ({by.advice}: {one_line(by.title)}).",
        ]
        if self.audience:
            lines.append(one_line(self.audience))
        if d.judgment_call:
            lines.append("The advice leaves this to your judgment.")
        if by.conditions:
            lines.append("It applies because:")
            lines.extend(f"  - {check}" for check in by.conditions)
        else:
            lines.append(f"It applies to every {d.incident.kind.replace('_', ' ')}.")
        if self.others:
            lines.append("Why not the other rules:")
            lines.extend(f"  - {other}" for other in self.others)
        if self.changes:
            lines.append("What would change it:")
            lines.extend(f"  - it {change}" for change in self.changes)
        else:
            lines.append("No change to its yes/no or multiple-choice answers would change it.")
        return "\n".join(lines) + "\n"


def decide(ruleset: RuleSet, kind: str, fields: Mapping[str, Any]) -> DecisionRule | None:
    """The rule that decides an incident, by the rule data and the rule set's tie-break."""
    best = ruleset.winner(index for index, rule in enumerate(ruleset.rules) if rule.matches(kind, fields))
    return ruleset.rules[best] if best is not None else None


def _check(rule: DecisionRule, fields: Mapping[str, Any]) -> RuleCheck:
    checks = tuple(
        ConditionCheck(field=c.field, condition=c.describe(), actual=fields.get(c.field), held=c.holds(fields))
        for c in rule.conditions
    )
    failed = next((check for check in checks if not check.held), None)
    return RuleCheck(
        rule_id=rule.id,
        title=rule.title,
        advice=rule.advice,
        action=rule.action,
        conditions=checks,
        applies=failed is None,
        first_failed=failed,
    )


def _fields(incident: Incident) -> dict[str, Any]:
    return fact(incident)[1]


def smallest_changes(ruleset: RuleSet, incident: Incident, action: Action) -> tuple[Change, ...]:
    """The smallest sets of changes to the incident's decision-relevant finite fields that
    would give it another action: every single change that does, or else every pair."""
    kind = incident.kind
    relevant = sorted(
        {c.field for rule in ruleset.rules if rule.kind == kind for c in rule.conditions}
        & {name for name in type(incident).model_fields if finite_values(kind, name) is not None},
        key=list(type(incident).model_fields).index,
    )
    current = incident.model_dump(mode="json")
    for size in range(1, MAX_CHANGED_FIELDS + 1):
        found = []
        for names in combinations(relevant, size):
            options = [[v for v in finite_values(kind, n) or () if v != current[n]] for n in names]
            for values in product(*options):
                changed = {**current, **dict(zip(names, values, strict=True))}
                try:
                    (candidate,) = INCIDENT_LIST.validate_python([changed])
                except ValidationError:
                    continue  # a combination the model forbids (e.g. realised later yet apologised in person)
                rule = decide(ruleset, kind, _fields(candidate))
                if rule is not None and rule.action is not action:
                    found.append(
                        Change(
                            fields=tuple(
                                FieldChange(field=n, current=current[n], proposed=v)
                                for n, v in zip(names, values, strict=True)
                            ),
                            action=rule.action,
                            rule_id=rule.id,
                        )
                    )
        if found:
            return tuple(found)
    return ()


def _position(incident: Any) -> int | None:
    # Any integer, as sequences take them (numpy.int64 from a DataFrame's index, for one).
    if isinstance(incident, (str, Mapping, BaseModel)):
        return None
    try:
        return operator.index(incident)
    except TypeError:
        return None


def _find(decisions: Sequence[Decision], incident: Any) -> Decision:
    if isinstance(incident, bool):
        raise TypeError("explain() takes an incident, its id or its index, not a bool")
    position = _position(incident)
    if position is not None:
        if -len(decisions) <= position < len(decisions):
            return decisions[position]
        raise LookupError(f"the plan has {len(decisions)} incident(s); there is no index {position}")
    if isinstance(incident, str):
        for decision in decisions:
            if decision.incident.id == incident:
                return decision
        ids = [d.incident.id for d in decisions if d.incident.id is not None]
        known = f"the ids are {', '.join(map(repr, ids))}" if ids else "no incident has an id; use its index"
        raise LookupError(f"no incident with id {incident!r} in the plan: {known}")
    if isinstance(incident, Mapping):
        (incident,) = INCIDENT_LIST.validate_python([incident])
    for decision in decisions:
        if decision.incident == incident:
            return decision
    raise LookupError(f"the incident {getattr(incident, 'description', incident)!r} is not in the plan")


def _ruleset(made_with: PackIdentity | None, rules: RuleSet | None, decision: Decision) -> RuleSet:
    pass_them = "pass them, e.g. plan.explain(0, rules=load_rules(...))"
    if rules is not None:
        if made_with is not None and rules.key != made_with.fingerprint:
            raise ValueError(
                f"this plan was made with {_named(made_with)}, not with the rules given ({_named(rules.identity)}): "
                f"{pass_them.replace('pass them', 'pass those very rules')}"
            )
        ruleset = rules
    elif made_with is None:
        raise ValueError(
            f"this plan does not say which rules made it (it was read from data without its 'pack'): {pass_them}"
        )
    else:
        found = find_rules(made_with)
        if found is None:
            raise ValueError(
                f"this plan was made with {_named(made_with)}, which is neither shipped nor loaded here "
                f"(the plan was read back from data): {pass_them}"
            )
        ruleset = found
    if not any(rule.id == decision.rule_id for rule in ruleset.rules):
        raise ValueError(
            f"rule {decision.rule_id!r}, which decided this incident, is not in pack {ruleset.name!r}: "
            "pass the rule set the plan was made with, e.g. plan.explain(0, rules=load_rules(...))"
        )
    return ruleset


def _named(identity: PackIdentity) -> str:
    return f"rule pack {identity.name!r} {identity.version} (fingerprint {identity.fingerprint})"


def explain(
    decisions: Sequence[Decision], incident: Any, *, rules: RuleSet | None, made_with: PackIdentity | None
) -> Explanation:
    """Explain the decision about one incident among a plan's decisions, by the rules given, or
    else by the very rules ``made_with`` names (loaded here, or shipped)."""
    decision = _find(decisions, incident)
    ruleset = _ruleset(made_with, rules, decision)
    fields = _fields(decision.incident)
    kind = decision.incident.kind
    decided_by: RuleCheck | None = None
    others = []
    for rule in ruleset.rules:
        if rule.kind != kind:
            continue
        if rule.id == decision.rule_id:
            decided_by = _check(rule, fields)
        else:
            others.append(_check(rule, fields))
    if decided_by is None:
        named = next(rule for rule in ruleset.rules if rule.id == decision.rule_id)
        raise ValueError(
            f"rule {decision.rule_id!r} of pack {ruleset.name!r} is about a {named.kind.replace('_', ' ')}, not a "
            f"{kind.replace('_', ' ')}: pass the rule set the plan was made with"
        )
    best = ruleset.winner(k for k, rule in enumerate(ruleset.rules) if rule.matches(kind, fields))
    winner = ruleset.rules[best] if best is not None else None
    if winner is None or winner.id != decision.rule_id or winner.action is not decision.action:
        # A plan edited after it was made (its JSON changed by hand): explaining the rules'
        # decision as if it were the plan's would contradict itself.
        decides = f"rule {winner.id!r} decides {winner.action.value}" if winner else "no rule decides it"
        raise ValueError(
            f"the plan says rule {decision.rule_id!r} decided {decision.action.value} for this incident, but by "
            f"{_named(ruleset.identity)} {decides}: the plan was changed after it was made, or made with other rules"
        )
    return Explanation(
        decision=decision,
        decided_by=decided_by,
        others=tuple(others),
        changes=smallest_changes(ruleset, decision.incident, decision.action),
    )


def explain_for(
    decisions: Sequence[Decision],
    incident: Any,
    interview: Interview,
    name: str,
    *,
    rules: RuleSet | None,
    made_with: PackIdentity | None,
) -> Explanation:
    """Explain one decision of a panel plan for one interviewer: the incident as they saw it, the rule
    that decides it, and whether their note carries it, and why not (B1, B2)."""
    decision = _find(decisions, incident)
    concern = interview.concern(decision.index, name)
    if not concern.concerned:
        explained = explain(decisions, decision.index, rules=rules, made_with=made_with)
        carried = _carried(decision)
        return explained.model_copy(
            update={
                "audience": f"It is not in the note to {name}: {concern.why} ({concern.advice}).{carried}",
            }
        )
    ruleset = _ruleset(made_with, rules, decision)
    view = interview.view(decision.index, name)
    rule = decide(ruleset, view.kind, _fields(view))
    if rule is None:
        raise ValueError(f"the rules decide nothing for incident {decision.index} as {name} saw it")
    mine = decision.model_copy(
        update={
            "incident": view,
            "action": rule.action,
            "channel": rule.channel,
            "rule_id": rule.id,
            "advice": rule.advice,
            "reason": _reason(rule.reason, view),
            "judgment_call": rule.judgment_call,
            "pack": rule.pack,
        }
    )
    explained = explain([mine], view, rules=ruleset, made_with=None)
    if name in decision.audience:
        why = f"It is in the note to {name}: {concern.why} ({concern.advice})."
    else:
        noticed = getattr(view, "noticed", None)
        saw = f": as {name} saw it, noticed is {noticed.value!r} (B2)" if noticed is not None else ""
        why = f"It is not in the note to {name}{saw}.{_carried(decision)}"
    return explained.model_copy(update={"interviewer": name, "audience": why})


def _carried(decision: Decision) -> str:
    if decision.audience and decision.channel != Channel.NONE:
        return f" The note to {' and '.join(decision.audience)} carries it."
    return " It stays private."


def _reason(template: str, incident: Incident) -> str:
    # As the plan renders a reason: a field left out reads "(not given)", an enum by its value.
    values: dict[str, str] = {}
    for name in type(incident).model_fields:
        value = getattr(incident, name)
        if value is None:
            values[name] = "(not given)"
        elif isinstance(value, Enum):
            values[name] = str(value.value)
        else:
            values[name] = value if isinstance(value, str) else format(value)
    return template.format(**values)
