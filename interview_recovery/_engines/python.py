"""The pure-Python engine: evaluates rule sets meaning exactly what the durable_rules engine means.

It exists so the library runs where durable_rules does not import (Python 3.13 and newer),
and it is held to the same plans as durable_rules by the differential tests. Every rule
tests one incident at a time, so evaluating a rule set is matching each fact against the
rules of its kind: the same ``Matches`` come out, in the same order, for ``assemble()``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from .._rules.ruleset import DecisionRule, RuleSet, StepMatch
from ..exceptions import EngineError
from ._base import Fact, Matches

__all__ = ["evaluate"]


@dataclass(frozen=True)
class _Compiled:
    decisions: dict[str, tuple[tuple[int, DecisionRule], ...]]
    """The decision rules of each kind, with their index in the rule set, in load order."""
    steps: dict[str, tuple[tuple[int, int, StepMatch], ...]]
    """The step matches of each kind: (step index, when_any index, match), in load order."""
    always: frozenset[int]


_lock = threading.Lock()
_compiled: dict[str, _Compiled] = {}


def _compile(ruleset: RuleSet) -> _Compiled:
    found = _compiled.get(ruleset.key)
    if found is not None:
        return found
    decisions: dict[str, list[tuple[int, DecisionRule]]] = {}
    for index, rule in enumerate(ruleset.rules):
        decisions.setdefault(rule.kind, []).append((index, rule))
    steps: dict[str, list[tuple[int, int, StepMatch]]] = {}
    for index, step in enumerate(ruleset.steps):
        for m_index, match in enumerate(step.when_any):
            steps.setdefault(match.kind, []).append((index, m_index, match))
    # Sorted as the durable adapter sorts what fired: by step, then by when_any entry.
    compiled = _Compiled(
        decisions={kind: tuple(rules) for kind, rules in decisions.items()},
        steps={kind: tuple(sorted(matches, key=lambda m: (m[0], m[1]))) for kind, matches in steps.items()},
        always=frozenset(index for index, step in enumerate(ruleset.steps) if step.always),
    )
    with _lock:
        return _compiled.setdefault(ruleset.key, compiled)


def evaluate(ruleset: RuleSet, facts: Sequence[Fact]) -> Matches:
    """Match every fact against the rules of its kind, in pure Python.

    Args:
        ruleset: the validated rule set.
        facts: each incident's kind and the fields that were given.

    Returns:
        What fired, in the same form and order as the durable_rules adapter reports it.

    Raises:
        EngineError: a condition could not be evaluated; chained from the cause.

    >>> from interview_recovery import default_rules
    >>> evaluate(default_rules(), [("strength", {"description": "My portfolio"})]).decisions
    [[11]]
    """
    compiled = _compile(ruleset)
    decisions: list[list[int]] = []
    step_items: list[tuple[int, int, int]] = []
    try:
        for fact_index, (kind, fields) in enumerate(facts):
            decisions.append([index for index, rule in compiled.decisions.get(kind, ()) if rule.matches(kind, fields)])
            step_items.extend(
                (index, m_index, fact_index)
                for index, m_index, match in compiled.steps.get(kind, ())
                if match.matches(kind, fields)
            )
    except Exception as exc:
        raise EngineError(f"the Python engine failed in pack {ruleset.name!r}: {exc!r}") from exc
    return Matches(decisions=decisions, step_items=step_items, always=set(compiled.always))
