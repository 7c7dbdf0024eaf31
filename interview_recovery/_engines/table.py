"""Decision tables: a rule set evaluated once by its engine over every incident that can differ.

Every rule tests one incident at a time, and most test only finite fields (enums, booleans)
or whether an optional field was given at all. For such a kind of incident there are only a
few dozen distinct cases, so the engine evaluates each of them once, when the rule set is
first used, and a call becomes a dictionary lookup per incident. Kinds whose rules test the
value of free text, kinds with too many cases, and any incident the table lacks are still
evaluated by the engine on each call. Both paths give the same plans (the differential tests
hold them to it).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError

from .._model.models import INCIDENT_CLASSES, finite_values, testable_fields
from .._rules.operators import OPERATORS
from .._rules.ruleset import Condition, RuleSet
from ._base import Evaluate, Fact, Matches, fact

if TYPE_CHECKING:
    from .._model.models import Incident

__all__ = ["DecisionTable", "table_for"]

MAX_CASES_PER_KIND = 4096
"""A kind with more distinct cases than this is evaluated per call, not tabulated."""

_PLACEHOLDER = "x"

Entry = tuple[tuple[int, ...], tuple[tuple[int, int], ...]]
"""What one incident fires: decision rule indexes, and (step, when_any) pairs."""


@dataclass(frozen=True)
class KindTable:
    """The table for one kind: its key fields, and what each distinct case fires."""

    fields: tuple[str, ...]
    """Finite fields, keyed by their value."""
    presence: tuple[str, ...]
    """Optional open-ended fields the rules test only for presence, keyed by whether given."""
    entries: dict[tuple[Any, ...], Entry]

    def key(self, fields: dict[str, Any]) -> tuple[Any, ...]:
        """The case an incident's fields fall in."""
        return (*(fields.get(name) for name in self.fields), *(name in fields for name in self.presence))


@dataclass(frozen=True)
class DecisionTable:
    """A rule set's decisions over its finite domain, with the engine for everything else."""

    kinds: dict[str, KindTable]
    always: frozenset[int]

    def evaluate(self, ruleset: RuleSet, facts: Sequence[Fact], evaluate: Evaluate) -> Matches:
        """What fires for these facts: looked up where tabulated, evaluated by the engine otherwise."""
        decisions: list[list[int]] = []
        step_items: list[tuple[int, int, int]] = []
        rest: list[int] = []
        kinds = self.kinds
        for index, (kind, fields) in enumerate(facts):
            table = kinds.get(kind)
            entry = table.entries.get(table.key(fields)) if table is not None else None
            if entry is None:
                rest.append(index)
                decisions.append([])
                continue
            decisions.append(list(entry[0]))
            step_items.extend((step, match, index) for step, match in entry[1])
        if rest:
            evaluated = evaluate(ruleset, [facts[index] for index in rest])
            for local, fired in enumerate(evaluated.decisions):
                decisions[rest[local]] = fired
            step_items.extend((step, match, rest[local]) for step, match, local in evaluated.step_items)
            step_items.sort(key=lambda item: (item[2], item[0], item[1]))
        return Matches(decisions=decisions, step_items=step_items, always=set(self.always))


def _conditions(ruleset: RuleSet, kind: str) -> list[Condition]:
    found = [c for rule in ruleset.rules if rule.kind == kind for c in rule.conditions]
    found += [c for step in ruleset.steps for match in step.when_any if match.kind == kind for c in match.conditions]
    return found


def _cases(ruleset: RuleSet, kind: str) -> tuple[tuple[str, ...], tuple[str, ...], list[Fact]] | None:
    """The key fields of a kind and one fact per distinct case, or None where it cannot be tabulated."""
    fields = [name for name in testable_fields(kind) if finite_values(kind, name) is not None]
    presence: set[str] = set()
    for condition in _conditions(ruleset, kind):
        if condition.field in fields:
            continue
        if not OPERATORS[condition.op].presence_only:
            return None  # a test of free text's value: the cases cannot be listed
        presence.add(condition.field)
    model = INCIDENT_CLASSES[kind]
    choices = [finite_values(kind, name) or () for name in fields]
    count = 1
    for values in choices:
        count *= len(values)
    count <<= len(presence)
    if count > MAX_CASES_PER_KIND:
        return None
    ordered = tuple(sorted(presence))
    facts: list[Fact] = []
    for values in itertools.product(*choices):
        for given in itertools.product((False, True), repeat=len(ordered)):
            data: dict[str, Any] = {"kind": kind, "description": _PLACEHOLDER, **dict(zip(fields, values, strict=True))}
            data.update({name: _PLACEHOLDER for name, on in zip(ordered, given, strict=True) if on})
            try:
                incident = model.model_validate(data)
            except ValidationError:
                continue  # a combination no incident can have (or a placeholder that does not fit)
            facts.append(fact(cast("Incident", incident)))
    return tuple(fields), ordered, facts


def build(ruleset: RuleSet, evaluate: Evaluate) -> DecisionTable:
    """Evaluate the rule set with its engine, once, over every case of every finite kind."""
    plans: list[tuple[str, tuple[str, ...], tuple[str, ...], int, int]] = []
    domain: list[Fact] = []
    for kind in INCIDENT_CLASSES:
        found = _cases(ruleset, kind)
        if found is None:
            continue
        fields, presence, facts = found
        plans.append((kind, fields, presence, len(domain), len(domain) + len(facts)))
        domain.extend(facts)
    matches = evaluate(ruleset, domain)
    steps_of: list[list[tuple[int, int]]] = [[] for _ in domain]
    for step, match, index in matches.step_items:
        steps_of[index].append((step, match))
    kinds: dict[str, KindTable] = {}
    for kind, fields, presence, start, stop in plans:
        table = KindTable(fields=fields, presence=presence, entries={})
        for index in range(start, stop):
            table.entries[table.key(domain[index][1])] = (
                tuple(matches.decisions[index]),
                tuple(sorted(steps_of[index])),
            )
        kinds[kind] = table
    return DecisionTable(kinds=kinds, always=frozenset(matches.always))


_lock = threading.Lock()
_tables: dict[tuple[str, str], DecisionTable] = {}


def table_for(ruleset: RuleSet, engine: str, evaluate: Evaluate) -> DecisionTable:
    """The rule set's table for this engine, built on first use and then kept."""
    key = (ruleset.key, engine)
    table = _tables.get(key)
    if table is None:
        with _lock:
            table = _tables.get(key)
            if table is None:
                table = _tables[key] = build(ruleset, evaluate)
    return table
