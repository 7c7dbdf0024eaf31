"""Every incident there can be, as finitely many classes: the ground the checker and the diff stand on.

The decision-relevant fields of each kind are enums and booleans, so the classes are their
product; a field that is free text is sampled (absent, a neutral text, and every literal a
rule compares it with), and the classes say so.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from .._engines import Matches, evaluate, fact, resolve_engine
from .._engines.durable import refusal
from .._model.models import INCIDENT_CLASSES, finite_values, testable_fields
from .._rules.operators import OPERATORS
from .._rules.ruleset import Condition, RuleSet

__all__ = ["Domain", "IncidentClass", "build_domain", "describe_classes", "evaluate_domain"]

SAMPLE_TEXT = "a sample text"
"""The neutral value a free-text field takes in the domain, besides the rules' own literals."""


@dataclass(frozen=True)
class IncidentClass:
    """One class of incidents: a kind and a value for each of its fields that rules can test."""

    kind: str
    fields: tuple[tuple[str, Any], ...]

    def incident(self) -> dict[str, Any]:
        """An example incident of this class, as the plain dict ``recommend()`` takes."""
        values = {name: value for name, value in self.fields if value is not None}
        return {"kind": self.kind, **({"description": SAMPLE_TEXT} | values)}


def _plain(value: Any) -> str:
    if value is None:
        return "(not given)"
    return json.dumps(value) if isinstance(value, bool) else str(value)


@dataclass
class Domain:
    """The classes the model accepts, those it refuses, and which fields were only sampled."""

    points: list[IncidentClass]
    refused: list[tuple[IncidentClass, str]] = field(default_factory=list)
    sampled: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    """(kind, field) -> the sample values, for each free-text field some rule compares with a value."""
    free_text: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    """(kind, field) -> the values taken, for each free-text field some rule tests, if only for being given."""


def _conditions(rulesets: Sequence[RuleSet]) -> Iterable[tuple[str, Condition]]:
    for ruleset in rulesets:
        for rule in ruleset.rules:
            yield from ((rule.kind, c) for c in rule.conditions)
        for step in ruleset.steps:
            for match in step.when_any:
                yield from ((match.kind, c) for c in match.conditions)


def build_domain(*rulesets: RuleSet) -> Domain:
    """Every class of incident, for all kinds, over the fields the rules can test.

    Enums and booleans take every value. A free-text field that some rule tests takes the
    samples: absent (when optional), a neutral text, and every literal the rules compare it
    with (a field tested only for being given, ``{present: true}``, is then covered, not
    sampled); one that no rule tests takes one representative value, since no decision can
    depend on it, and is left out of the classes. Classes the model refuses (a slip both
    realised later and apologised for in person) are kept apart with the model's reason.

    >>> from interview_recovery import default_rules
    >>> domain = build_domain(default_rules())
    >>> len(domain.points), len(domain.refused)
    (37, 4)
    """
    literals: dict[tuple[str, str], list[Any]] = {}
    by_value: set[tuple[str, str]] = set()
    for kind, condition in _conditions(rulesets):
        if finite_values(kind, condition.field) is None:
            values = literals.setdefault((kind, condition.field), [])
            values.extend(v for v in OPERATORS[condition.op].samples(condition.value) if v not in values)
            if not OPERATORS[condition.op].presence_only:
                by_value.add((kind, condition.field))

    domain = Domain(points=[])
    for kind, cls in INCIDENT_CLASSES.items():
        names: list[str] = []
        choices: list[tuple[Any, ...]] = []
        for name in testable_fields(kind):
            finite = finite_values(kind, name)
            if finite is not None:
                options: tuple[Any, ...] = finite
            else:
                if (kind, name) not in literals:
                    # No rule tests it, so no decision depends on it: the example incident
                    # leaves it out (or, for the description, gives the neutral text).
                    continue
                required = cls.model_fields[name].is_required()
                options = (*(() if required else (None,)), SAMPLE_TEXT)
                options = (*options, *(v for v in literals[(kind, name)] if v not in options))
                domain.free_text[(kind, name)] = options
                if (kind, name) in by_value:
                    domain.sampled[(kind, name)] = options
                # else: every rule asks only whether it is given, so absent and one text are
                # every case there is, and the check stays a proof.
            names.append(name)
            choices.append(options)
        for combination in itertools.product(*choices):
            point = IncidentClass(kind, tuple(zip(names, combination, strict=True)))
            try:
                cls.model_validate(point.incident())
            except ValidationError as exc:
                domain.refused.append((point, "; ".join(error["msg"] for error in exc.errors(include_url=False))))
            else:
                domain.points.append(point)
    return domain


def evaluate_domain(ruleset: RuleSet, domain: Domain) -> Matches:
    """Every class of the domain through the default engine (durable_rules where it imports),
    each incident evaluated as it is, not looked up in a table built from the same rules; by the
    Python engine where durable_rules cannot take the rule set (``durable.refusal``), which the
    checker reports."""
    models = [INCIDENT_CLASSES[point.kind].model_validate(point.incident()) for point in domain.points]
    engine = resolve_engine(None)
    if engine == "durable" and refusal(ruleset) is not None:
        engine = "python"
    return evaluate(ruleset, [fact(model) for model in models], engine=engine, precompute=False)  # type: ignore[arg-type]


def describe_classes(points: Sequence[IncidentClass]) -> list[str]:
    """Points of one kind merged into few readable classes, e.g. ``omission category=skill|other relevant=true``.

    Two classes merge when they differ in one field only; a field that then takes every
    value the domain has for it reads ``any``.

    >>> describe_classes([IncidentClass("distraction", (("serious_life_event", s), ("affected_performance", True)))
    ...                   for s in (False, True)])
    ['distraction serious_life_event=any affected_performance=true']
    """
    if not points:
        return []
    groups: list[tuple[str, dict[str, frozenset[Any]]]] = [
        (p.kind, {name: frozenset([value]) for name, value in p.fields}) for p in points
    ]
    merged = True
    while merged:
        merged = False
        for i, j in itertools.combinations(range(len(groups)), 2):
            (kind_a, a), (kind_b, b) = groups[i], groups[j]
            if kind_a != kind_b:
                continue
            differing = [name for name in a if a[name] != b[name]]
            if len(differing) == 1:
                name = differing[0]
                groups[i] = (kind_a, {**a, name: a[name] | b[name]})
                del groups[j]
                merged = True
                break
    lines = []
    for kind, values in groups:
        parts = [kind]
        for name, options in values.items():
            if name == "description":
                continue
            everything = finite_values(kind, name)
            if everything is not None and set(everything) <= options:
                parts.append(f"{name}=any")
            else:
                order = everything or tuple(sorted(options, key=str))
                parts.append(f"{name}={'|'.join(_plain(v) for v in order if v in options)}")
        lines.append(" ".join(parts))
    return lines
