"""Which answers can change the advice: a rule set's decisions over each kind's classes of
incident, and the question that settles an incident's decision soonest.

It stands on the domain the checker proves packs over (``_domain.build_domain``): every class
of incident, each evaluated once by the engine. An incident being debriefed is the set of
classes its answers so far allow, and its decision is settled when they all decide alike.
"""

from __future__ import annotations

import string
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._authoring.domain import build_domain, evaluate_domain
from .._model.actions import ACTIONS
from .._model.models import finite_values
from .._rules.ruleset import Condition, RuleSet

__all__ = ["KindSpace", "Outcome", "space_for"]

Outcome = tuple[int | None, tuple[tuple[str, Any], ...]]
"""How a class is decided: the winning rule's index (``None``: no rule decides), and the finite
values its reason shows (an omission's category, say) or its draft reads, since those change
what the plan and the note say."""

Cost = tuple[int, int, str | None]
"""(most questions on any path, questions summed over the classes, the field to ask first)."""


@dataclass(frozen=True)
class KindSpace:
    """The classes of one kind of incident, how each is decided, and what tells them apart."""

    kind: str
    fields: tuple[str, ...]
    """The fields the classes differ in, in the model's order."""
    values: tuple[tuple[Any, ...], ...]
    """Each class's values, in the order of ``fields`` (``None``: an optional field left out)."""
    keys: tuple[tuple[Any, ...], ...]
    """Each class's values as the rules see them: free text by which conditions it meets."""
    outcomes: tuple[Outcome, ...]
    tests: dict[str, tuple[Condition, ...]]
    """The decision rules' conditions on each free-text field."""
    _memo: dict[tuple[frozenset[int], frozenset[str]], Cost] = field(default_factory=dict, compare=False, repr=False)

    def key(self, name: str, value: Any) -> Any:
        """A value as the rules see it: itself for enums and booleans; for free text, which conditions it meets."""
        if name in self.tests:
            return tuple(condition.holds({name: value} if value is not None else {}) for condition in self.tests[name])
        return value

    def candidates(self, answers: Mapping[str, Any]) -> frozenset[int]:
        """The classes these answers allow (answers to fields no rule tests are ignored)."""
        wanted = [(i, self.key(name, answers[name])) for i, name in enumerate(self.fields) if name in answers]
        return frozenset(p for p, keys in enumerate(self.keys) if all(keys[i] == key for i, key in wanted))

    def settled(self, candidates: frozenset[int]) -> bool:
        """Whether every class still allowed is decided alike."""
        return len({self.outcomes[p] for p in candidates}) <= 1

    def split(self, candidates: frozenset[int], name: str) -> dict[Any, frozenset[int]]:
        """The classes still allowed, by the key each gives the field."""
        i = self.fields.index(name)
        blocks: dict[Any, set[int]] = {}
        for p in sorted(candidates):
            blocks.setdefault(self.keys[p][i], set()).add(p)
        return {key: frozenset(block) for key, block in blocks.items()}

    def matters(self, candidates: frozenset[int], name: str) -> bool:
        """Whether changing this field alone, all else as it is, changes the decision of some class still allowed."""
        i = self.fields.index(name)
        groups: dict[tuple[Any, ...], set[Outcome]] = {}
        for p in candidates:
            rest = self.keys[p][:i] + self.keys[p][i + 1 :]
            groups.setdefault(rest, set()).add(self.outcomes[p])
        return any(len(outcomes) > 1 for outcomes in groups.values())

    def askable(self, candidates: frozenset[int], answered: frozenset[str] = frozenset()) -> list[str]:
        """The fields worth asking next: those whose answer alone can change the decision.

        Where no single field does (classes the model refuses can leave no neighbour to
        compare with), those whose answers leave different decisions possible; failing
        that, any field the classes still differ in. Fields already answered are never asked again.
        """
        if self.settled(candidates):
            return []
        open_ = [name for name in self.fields if name not in answered and len(self.split(candidates, name)) > 1]
        direct = [name for name in open_ if self.matters(candidates, name)]
        if direct:
            return direct
        differing = [
            name
            for name in open_
            if len({frozenset(self.outcomes[p] for p in block) for block in self.split(candidates, name).values()}) > 1
        ]
        return differing or open_

    def cost(self, candidates: frozenset[int], answered: frozenset[str] = frozenset()) -> Cost:
        """The fewest questions that settle the decision, worst case first, and the field to ask first."""
        found = self._memo.get((candidates, answered))
        if found is not None:
            return found
        best: Cost = (0, 0, None)
        for name in self.askable(candidates, answered):
            costs = [self.cost(block, answered | {name}) for block in self.split(candidates, name).values()]
            option = (1 + max(c[0] for c in costs), len(candidates) + sum(c[1] for c in costs), name)
            if best[2] is None or option[:2] < best[:2]:
                best = option
        self._memo[(candidates, answered)] = best
        return best

    def next_field(self, candidates: frozenset[int], answered: frozenset[str] = frozenset()) -> str | None:
        """The field whose answer settles the decision soonest; ``None`` once it is settled."""
        return self.cost(candidates, answered)[2]

    def winners(self, candidates: frozenset[int]) -> list[int | None]:
        """The rules that decide some class still allowed, in rule order (``None`` last: no rule decides)."""
        found = {self.outcomes[p][0] for p in candidates}
        return sorted(r for r in found if r is not None) + ([None] if None in found else [])

    def example(self, candidates: frozenset[int], preferred: Mapping[str, Any]) -> dict[str, Any]:
        """The values of one class still allowed: the one agreeing most with ``preferred``, then the first."""

        def score(p: int) -> int:
            return sum(
                1
                for name, value in zip(self.fields, self.values[p], strict=True)
                if name in preferred and preferred[name] == value
            )

        chosen = max(sorted(candidates), key=score)
        return dict(zip(self.fields, self.values[chosen], strict=True))


_lock = threading.Lock()
_spaces: dict[str, dict[str, KindSpace]] = {}


def space_for(ruleset: RuleSet) -> dict[str, KindSpace]:
    """Every kind's classes and decisions under a rule set: evaluated by the engine on first use, then kept.

    >>> from interview_recovery import default_rules
    >>> slips = space_for(default_rules())["slip"]
    >>> slips.fields, len(slips.values)
    (('noticed', 'apologised_in_person', 'realised_later'), 12)
    >>> slips.next_field(slips.candidates({}))
    'apologised_in_person'
    """
    found = _spaces.get(ruleset.key)
    if found is not None:
        return found
    domain = build_domain(ruleset)
    matches = evaluate_domain(ruleset, domain)
    grouped: dict[str, list[tuple[tuple[Any, ...], Outcome]]] = {}
    names: dict[str, tuple[str, ...]] = {}
    for point, fired in zip(domain.points, matches.decisions, strict=True):
        values = dict(point.fields)
        best = ruleset.winner(fired)
        shown: tuple[tuple[str, Any], ...] = ()
        if best is not None:
            rule = ruleset.rules[best]
            used = {name for _, name, _, _ in string.Formatter().parse(rule.reason) if name}
            used |= set(ACTIONS[rule.action].reads)
            shown = tuple(
                (name, values[name])
                for name in sorted(used)
                if name in values and finite_values(point.kind, name) is not None
            )
        names[point.kind] = tuple(name for name, _ in point.fields)
        grouped.setdefault(point.kind, []).append((tuple(values.values()), (best, shown)))
    spaces: dict[str, KindSpace] = {}
    for kind, classes in grouped.items():
        fields = names[kind]
        tests = {
            name: tuple(c for rule in ruleset.rules if rule.kind == kind for c in rule.conditions if c.field == name)
            for name in fields
            if (kind, name) in domain.free_text
        }
        space = KindSpace(kind, fields, (), (), (), tests)
        keys = tuple(tuple(space.key(n, v) for n, v in zip(fields, values, strict=True)) for values, _ in classes)
        spaces[kind] = KindSpace(
            kind,
            fields,
            tuple(values for values, _ in classes),
            keys,
            tuple(outcome for _, outcome in classes),
            tests,
        )
    with _lock:
        return _spaces.setdefault(ruleset.key, spaces)
