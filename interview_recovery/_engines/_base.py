"""What every engine takes and gives: the facts in, what fired out.

Factored out so the engines, the decision table and their callers share the types without
importing one another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from .._model.models import INCIDENT_CLASSES
from .._model.note_fields import WORDING_FIELDS

if TYPE_CHECKING:
    from .._model.models import Incident
    from .._rules.ruleset import RuleSet

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
    # The same as incident.model_dump(mode="json", exclude={"id", "kind", <wording>}, exclude_none=True),
    # read from the attributes: a dump costs more than validating the incident did.
    fields: dict[str, Any] = {}
    for name in _FACT_FIELDS[incident.kind]:
        value = getattr(incident, name)
        if value is not None:
            fields[name] = value.value if isinstance(value, Enum) else value
    return incident.kind, fields


# The note's wording is free text for the employer: no rule decides on it, so the engine never sees it.
_FACT_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(name for name in cls.model_fields if name not in ("id", "kind", WORDING_FIELDS.get(kind)))
    for kind, cls in INCIDENT_CLASSES.items()
}


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
