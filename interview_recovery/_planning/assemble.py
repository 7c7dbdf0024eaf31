"""Assembling a plan at about the cost of validating its incidents.

Everything a decision holds except the incident, its index and the incident's own words
comes from the rule set, so it is prepared once per rule set: each rule's fixed fields, each
template split into its literal text and its placeholders, each step without items as one
shared object. For the decision table, each of its cells goes further: the template's
placeholders for the cell's own finite values are filled in once, leaving only the
incident's free text to add per call. The Decision, Step and Plan objects are then built
from these validated parts without being validated again (``_built``); the tests hold the
result to the validated models field for field.
"""

from __future__ import annotations

import string
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter
from typing import Any, TypeVar

from pydantic import BaseModel

from .._engines import _EVALUATORS, EngineName, Fact, Matches, evaluate, fact
from .._engines import table as decision_table
from .._model.models import Decision, Incident, Step
from .._model.note_fields import WORDING_FIELDS
from .._rules.ruleset import RuleSet
from ..exceptions import IncompleteRulesError
from .plan import Plan

__all__ = ["assemble", "plan"]

NOT_GIVEN = "(not given)"
"""What a placeholder for a field left out of the incident renders as."""

_M = TypeVar("_M", bound=BaseModel)
_set = object.__setattr__


def _built(cls: type[_M], values: dict[str, Any], defaulted: frozenset[str] = frozenset()) -> _M:
    # What model_construct() does, without its per-field loop: ``values`` are already the
    # validated field values, every field given, in the model's field order; ``defaulted``
    # are left at their defaults, as validation of the plan's own data leaves them.
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values) - defaulted)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


# A plan of a plain list names no interviewers: it leaves these at their defaults.
_NO_AUDIENCE = frozenset({"audience"})
_NO_INTERVIEW = frozenset({"interview"})
_new_decision = Decision.__new__
_DECISION_SET = tuple(name for name in Decision.model_fields if name not in _NO_AUDIENCE)


# --- templates --------------------------------------------------------------------------------

Template = tuple[tuple[tuple[str, str], ...], str]
"""A template as (literal text, placeholder) pairs and the literal text after the last one."""


def _text(value: Any) -> str:
    # As str.format renders a JSON value of the incident (an enum by its value).
    if value is None:
        return NOT_GIVEN
    if isinstance(value, Enum):
        return str(value.value)
    return value if type(value) is str else format(value)


def _split(template: str, known: dict[str, str]) -> Template:
    """The template with the ``known`` placeholders filled in, split at the others."""
    pairs: list[tuple[str, str]] = []
    literal: list[str] = []
    for text, name, _, _ in string.Formatter().parse(template):
        literal.append(text)
        if name is None:
            continue
        if name in known:
            literal.append(known[name])
        else:
            pairs.append(("".join(literal), name))
            literal = []
    return tuple(pairs), "".join(literal)


def _known(kind: str) -> dict[str, str]:
    # What every incident of a kind renders the same: its kind, and fields the rules never see.
    known = {"kind": kind, "id": NOT_GIVEN}
    wording = WORDING_FIELDS.get(kind)
    if wording is not None:
        known[wording] = NOT_GIVEN
    return known


def _render(template: Template, incident: Incident) -> str:
    pairs, tail = template
    if not pairs:
        return tail
    if len(pairs) == 1:
        literal, name = pairs[0]
        value = getattr(incident, name, None)
        # Nearly always free text (the values the table's cells hold are filled in already).
        return literal + (value if type(value) is str else _text(value)) + tail
    return "".join([literal + _text(getattr(incident, name, None)) for literal, name in pairs]) + tail


# --- what is prepared once per rule set --------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """A decision rule's fixed fields, in Decision's field order, and its reason per kind."""

    action: Any
    channel: Any
    rule_id: str
    advice: str
    judgment_call: bool
    pack: str
    reason: Template


@dataclass(frozen=True)
class _Cell:
    """One case of the decision table: its rule, its reason and items with the case's values filled in."""

    rule: _Rule
    reason: Template
    items: tuple[tuple[int, Template | None], ...]


@dataclass(frozen=True)
class _KindCells:
    get: Callable[[Any], Any] | None
    fields: int
    presence: int
    cells: dict[tuple[Any, ...], _Cell]

    def key(self, incident: Incident) -> tuple[Any, ...]:
        """The incident's case: its finite values, and whether each presence field was given."""
        if self.get is None:
            return ()
        values = self.get(incident)
        if self.fields + self.presence == 1:
            values = (values,)
        if not self.presence:
            return values  # type: ignore[no-any-return]
        return (*values[: self.fields], *(value is not None for value in values[self.fields :]))


class _Prepared:
    """The parts of every plan a rule set makes, and of the decision table's cells."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.rules = [
            _Rule(
                rule.action,
                rule.channel,
                rule.id,
                rule.advice,
                rule.judgment_call,
                rule.pack,
                _split(rule.reason, _known(rule.kind)),
            )
            for rule in ruleset.rules
        ]
        self.items = [
            [None if match.item is None else _split(match.item, _known(match.kind)) for match in step.when_any]
            for step in ruleset.steps
        ]
        # A step without items is the same object in every plan.
        self.steps = [
            _built(
                Step,
                {
                    "id": step.id,
                    "advice": step.advice,
                    "title": step.title,
                    "text": step.text,
                    "items": (),
                    "private": step.private,
                },
            )
            for step in ruleset.steps
        ]
        self.order = sorted(range(len(ruleset.steps)), key=lambda i: (ruleset.steps[i].order, i))
        self.identity = ruleset.identity
        self.tables: dict[str, tuple[decision_table.DecisionTable, dict[str, _KindCells]]] = {}

    def winner(self, fired: Sequence[int]) -> int:
        index = self.ruleset.winner(fired)
        if index is None:  # callers pass only what fired for a decided incident
            raise IncompleteRulesError(f"rule pack {self.ruleset.name!r} decides nothing here")
        return index

    def cells(self, table: decision_table.DecisionTable) -> dict[str, _KindCells]:
        """Each tabulated kind's cells: for each case, the winning rule and the templates with the case filled in."""
        ruleset = self.ruleset
        kinds: dict[str, _KindCells] = {}
        for kind, kind_table in table.kinds.items():
            names = (*kind_table.fields, *kind_table.presence)
            cells: dict[tuple[Any, ...], _Cell] = {}
            for key, (fired, step_matches) in kind_table.entries.items():
                if not fired:
                    continue  # undecided: the general path raises IncompleteRulesError for it
                known = _known(kind)
                known.update((name, _text(value)) for name, value in zip(kind_table.fields, key, strict=False))
                for name, given in zip(kind_table.presence, key[len(kind_table.fields) :], strict=True):
                    if not given:
                        known[name] = NOT_GIVEN
                index = self.winner(fired)
                items = tuple(
                    (
                        step,
                        None if (item := ruleset.steps[step].when_any[match].item) is None else _split(item, known),
                    )
                    for step, match in step_matches
                )
                cells[key] = _Cell(self.rules[index], _split(ruleset.rules[index].reason, known), items)
            getter = attrgetter(*names) if names else None
            kinds[kind] = _KindCells(getter, len(kind_table.fields), len(kind_table.presence), cells)
        return kinds

    def plan(self, decisions: list[Decision], items: dict[int, list[str]]) -> Plan:
        steps = []
        for index in self.order:
            lines = items.get(index)
            if lines is None:
                continue
            step = self.steps[index]
            steps.append(step if not lines else _built(Step, {**step.__dict__, "items": tuple(lines)}))
        made = _built(
            Plan,
            {"decisions": tuple(decisions), "steps": tuple(steps), "pack": self.identity, "interview": None},
            _NO_INTERVIEW,
        )
        _set(made, "__pydantic_private__", {"_rules": self.ruleset})
        return made


_lock = threading.Lock()
_prepared: dict[str, _Prepared] = {}


def _prepare(ruleset: RuleSet) -> _Prepared:
    found = _prepared.get(ruleset.key)
    if found is None:
        with _lock:
            found = _prepared.get(ruleset.key)
            if found is None:
                found = _prepared[ruleset.key] = _Prepared(ruleset)
    return found


def _decision(index: int, incident: Incident, rule: _Rule, reason: str) -> Decision:
    # _built(Decision, ..., _NO_AUDIENCE), inline: it runs once per incident.
    decision = _new_decision(Decision)
    _set(
        decision,
        "__dict__",
        {
            "index": index,
            "incident": incident,
            "action": rule.action,
            "channel": rule.channel,
            "rule_id": rule.rule_id,
            "advice": rule.advice,
            "reason": reason,
            "judgment_call": rule.judgment_call,
            "pack": rule.pack,
            "audience": (),
        },
    )
    _set(decision, "__pydantic_fields_set__", set(_DECISION_SET))
    _set(decision, "__pydantic_extra__", None)
    _set(decision, "__pydantic_private__", None)
    return decision


# --- the two ways to a plan ----------------------------------------------------------------------


def assemble(ruleset: RuleSet, incidents: Sequence[Incident], facts: Sequence[Fact], matches: Matches) -> Plan:
    """Build the plan from what fired: the winning decision rule per incident, and the steps.

    Raises:
        IncompleteRulesError: the rules decide nothing for some incident.
    """
    prepared = _prepare(ruleset)
    decisions: list[Decision] = []
    undecided = []
    for index, incident in enumerate(incidents):
        fired = matches.decisions[index]
        if not fired:
            undecided.append(index)
            continue
        rule = prepared.rules[prepared.winner(fired)]
        decisions.append(_decision(index, incident, rule, _render(rule.reason, incident)))
    if undecided:
        shown = "; ".join(f"incident {i} ({incidents[i].kind}: {facts[i][1]})" for i in undecided[:5])
        raise IncompleteRulesError(
            f"rule pack {ruleset.name!r} decides nothing for {shown}: add a rule for this "
            "case, or check the pack with `interview-recovery rules check`"
        )
    items: dict[int, list[str]] = {index: [] for index in matches.always}
    for step_index, match_index, fact_index in matches.step_items:
        lines = items.setdefault(step_index, [])
        template = prepared.items[step_index][match_index]
        if template is not None:
            lines.append(_render(template, incidents[fact_index]))
    return prepared.plan(decisions, items)


def plan(ruleset: RuleSet, incidents: Sequence[Incident], *, engine: EngineName, precompute: bool) -> Plan:
    """The plan for validated incidents: looked up cell by cell in the decision table when
    ``precompute`` and every incident is in it, else evaluated by the engine."""
    if precompute:
        prepared = _prepare(ruleset)
        # The table module keeps the one table per rule set and engine; the cells follow it.
        table = decision_table.table_for(ruleset, engine, _EVALUATORS[engine])
        found = prepared.tables.get(engine)
        if found is None or found[0] is not table:
            found = prepared.tables[engine] = (table, prepared.cells(table))
        kinds = found[1]
        always = table.always
        decisions: list[Decision] = []
        items: dict[int, list[str]] = {index: [] for index in always}
        for index, incident in enumerate(incidents):
            kind = kinds.get(incident.kind)
            cell = kind.cells.get(kind.key(incident)) if kind is not None else None
            if cell is None:
                break  # not in the table (free text decides, or nothing does): the general path
            decisions.append(_decision(index, incident, cell.rule, _render(cell.reason, incident)))
            for step, template in cell.items:
                lines = items.get(step)
                if lines is None:
                    lines = items[step] = []
                if template is not None:
                    lines.append(_render(template, incident))
        else:
            return prepared.plan(decisions, items)
    facts = [fact(incident) for incident in incidents]
    return assemble(ruleset, incidents, facts, evaluate(ruleset, facts, engine=engine, precompute=precompute))
