"""The condition operators, one class each: the one place a condition's meaning lives.

A rule's ``when`` maps incident fields to conditions: a value (``noticed: certain``), a list
of values, or a one-key mapping such as ``{not: value}`` or ``{present: true}``. Each
operator below says, for its own syntax, how it is parsed from a rule file, evaluated in
Python, compiled for durable_rules, sampled over the finite domain, described in
explanations and written in the JSON Schema, and what it means for an optional field the
incident leaves out. The loader, both engines, the decision table, the domain, the checker,
the explainer and the schema all read ``OPERATORS``; adding an operator is one class here
and one ``register()`` call.

A field the incident leaves out is absent, never a value: a value test (``eq``, ``in``,
``neq``) on it does not hold, whatever the value, and only ``present`` tests absence. So
``better_answer: {not: "n/a"}`` means "a better answer was given, and it is not 'n/a'",
which is what a coach writing it means, and what durable_rules does natively.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar

__all__ = ["OPERATORS", "Operator", "Parsed", "operator_for", "register", "syntaxes"]

SCALAR = "a value"
"""The ``syntax`` of the operator a bare value selects."""
LIST = "a list"
"""The ``syntax`` of the operator a list of values selects."""

Parsed = tuple[Any, tuple[Any, ...]] | str
"""What ``Operator.parse`` gives: (the operand, the values to check against the field's
type), or a message saying what is wrong."""


def show(value: Any) -> str:
    """A value as a condition shows it: JSON for booleans, ``repr`` for the rest."""
    return json.dumps(value) if isinstance(value, bool) else repr(value)


class Operator(ABC):
    """One condition operator; subclasses fill in each part of its meaning."""

    name: ClassVar[str]
    """The operator's name in a rule set (``Condition.op``), e.g. ``"neq"``."""
    syntax: ClassVar[str]
    """How a rule file writes it: the key of a one-key mapping (``"not"``), or ``SCALAR`` / ``LIST``."""
    hint: ClassVar[str]
    """The syntax as an error message shows it, e.g. ``{not: value}``."""
    absent: ClassVar[str]
    """What the condition means for an optional field the incident leaves out, in words."""
    presence_only: ClassVar[bool] = False
    """True when the result depends only on whether the field is given, never on its value."""

    @abstractmethod
    def parse(self, field: str, raw: Any) -> Parsed:
        """The operand from what the rule file holds after the syntax (the value, the list,
        the mapping's one value)."""

    @abstractmethod
    def holds(self, operand: Any, given: bool, actual: Any) -> bool:
        """Whether the condition holds for a field that is ``given`` with value ``actual``."""

    @abstractmethod
    def compile(self, field: str, operand: Any) -> dict[str, Any]:
        """The condition in durable_rules' dict form, meaning exactly what ``holds`` means."""

    @abstractmethod
    def describe(self, field: str, operand: Any) -> str:
        """The condition in plain words, for explanations and findings."""

    @abstractmethod
    def schema(self, value: dict[str, Any]) -> dict[str, Any]:
        """The JSON Schema of the condition, given the schema of one value of the field."""

    def samples(self, operand: Any) -> tuple[Any, ...]:
        """The values of a free-text field the domain must try for this condition: its literals."""
        return ()


class Equals(Operator):
    """``field: value``: the field is given and has this value."""

    name = "eq"
    syntax = SCALAR
    hint = "a value"
    absent = "does not hold"

    def parse(self, field: str, raw: Any) -> Parsed:
        return raw, (raw,)

    def holds(self, operand: Any, given: bool, actual: Any) -> bool:
        return given and bool(actual == operand)

    def compile(self, field: str, operand: Any) -> dict[str, Any]:
        return {field: operand}

    def describe(self, field: str, operand: Any) -> str:
        return f"{field} is {show(operand)}"

    def schema(self, value: dict[str, Any]) -> dict[str, Any]:
        return value

    def samples(self, operand: Any) -> tuple[Any, ...]:
        return (operand,)


class OneOf(Operator):
    """``field: [a, b]``: the field is given and has one of these values."""

    name = "in"
    syntax = LIST
    hint = "a list of values"
    absent = "does not hold"

    def parse(self, field: str, raw: Any) -> Parsed:
        if not raw:
            return f"the list of values for {field!r} is empty, so the rule could never apply"
        return tuple(raw), tuple(raw)

    def holds(self, operand: Any, given: bool, actual: Any) -> bool:
        return given and actual in operand

    def compile(self, field: str, operand: Any) -> dict[str, Any]:
        # Each value once: durable_rules fires a rule once per branch of an $or that matches,
        # so [true, true] would bring a step's item in twice.
        return {"$or": [{field: one} for one in dict.fromkeys(operand)]}

    def describe(self, field: str, operand: Any) -> str:
        return f"{field} is one of {', '.join(show(v) for v in operand)}"

    def schema(self, value: dict[str, Any]) -> dict[str, Any]:
        return {"type": "array", "items": value, "minItems": 1, "description": "any of these values"}

    def samples(self, operand: Any) -> tuple[Any, ...]:
        return tuple(operand)


class Not(Operator):
    """``field: {not: value}``: the field is given and has another value."""

    name = "neq"
    syntax = "not"
    hint = "{not: value}"
    absent = "does not hold: a field left out has no value to differ"

    def parse(self, field: str, raw: Any) -> Parsed:
        return raw, (raw,)

    def holds(self, operand: Any, given: bool, actual: Any) -> bool:
        return given and bool(actual != operand)

    def compile(self, field: str, operand: Any) -> dict[str, Any]:
        # durable_rules' $neq does not hold on a field the fact lacks: the meaning above.
        return {"$neq": {field: operand}}

    def describe(self, field: str, operand: Any) -> str:
        return f"{field} is not {show(operand)}"

    def schema(self, value: dict[str, Any]) -> dict[str, Any]:
        return _keyed("not", value)

    def samples(self, operand: Any) -> tuple[Any, ...]:
        return (operand,)


class Present(Operator):
    """``field: {present: true}`` (or ``false``): whether the incident gives the field at all."""

    name = "present"
    syntax = "present"
    hint = "{present: true|false}"
    absent = "holds for {present: false}, not for {present: true}"
    presence_only = True

    def parse(self, field: str, raw: Any) -> Parsed:
        if not isinstance(raw, bool):
            return f"'present' takes true or false, not {raw!r}"
        return raw, ()

    def holds(self, operand: Any, given: bool, actual: Any) -> bool:
        return given is operand

    def compile(self, field: str, operand: Any) -> dict[str, Any]:
        # Absent fields are left out of the fact, so presence is durable_rules' $ex / $nex.
        return {"$ex" if operand else "$nex": {field: 1}}

    def describe(self, field: str, operand: Any) -> str:
        return f"{field} is {'given' if operand else 'not given'}"

    def schema(self, value: dict[str, Any]) -> dict[str, Any]:
        return _keyed("present", {"type": "boolean"})


def _keyed(key: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {key: value}, "required": [key], "additionalProperties": False}


OPERATORS: dict[str, Operator] = {}
"""Every operator, by name, in the order error messages and the schema list them."""


def register(operator: Operator) -> Operator:
    """Add an operator to the table; its name and its syntax must both be new.

    Returns:
        The operator, so a test can register one and use it in a rule pack at once.

    Raises:
        ValueError: an operator already has that name or that syntax.

    >>> sorted(OPERATORS)
    ['eq', 'in', 'neq', 'present']
    """
    clash = [op.name for op in OPERATORS.values() if operator.name == op.name or operator.syntax == op.syntax]
    if clash:
        raise ValueError(f"operator {operator.name!r} clashes with {clash[0]!r}: pick another name and syntax")
    OPERATORS[operator.name] = operator
    return operator


for _operator in (Equals(), OneOf(), Not(), Present()):
    register(_operator)


def operator_for(raw: Any) -> tuple[Operator, Any] | None:
    """The operator a rule file's condition selects, and what follows its syntax; ``None``
    when no operator has that syntax (a mapping with an unknown key, or several keys).

    >>> operator_for({"not": "certain"})[0].name, operator_for(["a", "b"])[0].name
    ('neq', 'in')
    """
    if isinstance(raw, Mapping):
        if len(raw) != 1:
            return None
        ((syntax, inner),) = raw.items()
    elif isinstance(raw, list):
        syntax, inner = LIST, raw
    else:
        syntax, inner = SCALAR, raw
    for operator in OPERATORS.values():
        if operator.syntax == syntax:
            return operator, inner
    return None


def syntaxes() -> str:
    """Every way to write a condition, as an error message lists them.

    >>> syntaxes()
    'a value, a list of values, {not: value} or {present: true|false}'
    """
    hints = [operator.hint for operator in OPERATORS.values()]
    return f"{', '.join(hints[:-1])} or {hints[-1]}" if len(hints) > 1 else hints[0]
