"""The interchangeable engines that evaluate a rule set, and the choice among them.

``durable`` drives durable_rules, ``python`` is the pure-Python engine that means the same,
and ``table`` precomputes a rule set's decisions over its finite domain with either. This
module chooses the engine for a call, falls back to the Python engine where durable_rules
cannot import (saying so once), and routes each call through the rule set's decision table.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Sequence
from typing import Literal

from .._rules.ruleset import RuleSet
from . import durable, python, table
from ._base import Evaluate, Fact, Matches, fact

__all__ = ["ENGINES", "EngineName", "Evaluate", "Fact", "Matches", "evaluate", "fact", "resolve_engine"]

EngineName = Literal["durable", "python"]
ENGINES: tuple[EngineName, ...] = ("durable", "python")

logger = logging.getLogger("interview_recovery")
# A library's logger gets a handler that drops records, so that a program which configured no
# logging does not have them printed by Python's last-resort handler (the logging HOWTO's
# advice for libraries); a program that configures logging still receives them.
logger.addHandler(logging.NullHandler())

_EVALUATORS: dict[str, Evaluate] = {"durable": durable.evaluate, "python": python.evaluate}

_said = threading.Event()


def resolve_engine(engine: str | None) -> EngineName:
    """The engine a call uses: the one asked for, or durable_rules where it imports.

    Args:
        engine: ``"durable"``, ``"python"``, or ``None`` for the default.

    Returns:
        The engine's name.

    Raises:
        ValueError: the name is not one of the engines.
        EngineError: durable_rules was asked for where it cannot import.

    >>> resolve_engine("python")
    'python'
    """
    if engine is None:
        if durable.available():
            return "durable"
        if not _said.is_set():
            _said.set()
            # A log record, not a warning: the fallback is expected on Python 3.13+, gives
            # the same plans, and must not fail programs that turn warnings into errors.
            logger.warning(
                "durable_rules is not available on Python %s; using the pure-Python engine, "
                "which gives the same plans (pass engine='python' to choose it explicitly)",
                sys.version.split()[0],
            )
        return "python"
    if engine == "python":
        return "python"
    if engine == "durable":
        durable.require()
        return "durable"
    raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))} or None, not {engine!r}")


def evaluate(ruleset: RuleSet, facts: Sequence[Fact], *, engine: str | None, precompute: bool) -> Matches:
    """What fires for the facts, by the chosen engine, through its decision table unless told not to."""
    name = resolve_engine(engine)
    run = _EVALUATORS[name]
    if not precompute:
        return run(ruleset, facts)
    return table.table_for(ruleset, name, run).evaluate(ruleset, facts, run)
