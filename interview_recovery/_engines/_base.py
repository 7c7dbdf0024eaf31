"""What every engine takes and gives: the facts in, what fired out.

Factored out so the engines, the decision table and their callers share the types without
importing one another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._models import WORDING_FIELDS

if TYPE_CHECKING:
    from .._models import Incident
    from .._rules import RuleSet

__all__ = ["Evaluate", "Fact", "Matches", "fact"]

Fact = tuple[str, dict[str, Any]]
"""An incident as the engine sees it: its kind and its fields (absent when not given)."""


def fact(incident: Incident) -> Fact:
    """An incident as the rules see it: its kind and the fields that were given.

    Every engine, the decision table and the explainer see incidents through this alone.

    >>> from interview_recovery import Strength
    >>> fact(Strength(description="Clear answers", id="s1"))
    ('strength', {'description': 'Clear answers'})
    """
    # The note's wording is free text for the employer: no rule decides on it, so the engine never sees it.
    exclude = {"id", "kind", WORDING_FIELDS.get(incident.kind, "id")}
    return incident.kind, incident.model_dump(mode="json", exclude=exclude, exclude_none=True)


@dataclass
class Matches:
    """What fired in one evaluation, by position in the rule set and in the facts."""

    decisions: list[list[int]]
    """For each fact, the indexes of the decision rules that matched it, in load order."""
    step_items: list[tuple[int, int, int]] = field(default_factory=list)
    """(step index, when_any index, fact index) for every incident that brought a step in."""
    always: set[int] = field(default_factory=set)
    """The indexes of the steps that apply to every interview."""


Evaluate = Callable[["RuleSet", Sequence[Fact]], Matches]
"""An engine: what fires for the facts under a rule set."""
