"""The durable_rules engine, the only module that imports durable_rules: compiles rule sets into its rulesets and runs
each evaluation as an isolated session.

durable_rules is imported on first use, not with the package: its last release (2.0.28)
does not import on Python 3.13 and newer, where the pure-Python engine serves instead.
durable_rules 2.0.28 has quirks this adapter exists to contain (measured, see the notes at
each place): its default host's timer thread, sessions that must be deleted, facts that
must carry unique ids, swallowed action exceptions and definitions mutated on load.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import sys
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._rules.operators import OPERATORS
from .._rules.ruleset import Condition, RuleSet
from ..exceptions import EngineError
from ._base import Fact, Matches

__all__ = [
    "MAX_BRANCHES",
    "MAX_WIDTH",
    "available",
    "compile_condition",
    "compile_match",
    "compile_ruleset",
    "evaluate",
    "refusal",
    "require",
    "widest",
]

INDEX = "_index"
SEEN = "seen"
NEVER = "never"
ALIVE = "alive"
INTERVIEW = "interview"

# --- compiling: pure functions, testable without the engine ------------------------------


def compile_condition(condition: Condition) -> dict[str, Any]:
    """One condition in durable_rules' dict form, as its operator compiles it."""
    return OPERATORS[condition.op].compile(condition.field, condition.value)


def compile_match(kind: str, conditions: Sequence[Condition]) -> dict[str, Any]:
    """A pattern for one kind of incident; it always tests ``kind`` positively, since a
    rule of only negative tests can match the session state itself."""
    if not conditions:
        return {"kind": kind}
    return {"$and": [{"kind": kind}, *(compile_condition(c) for c in conditions)]}


def compile_ruleset(ruleset: RuleSet) -> dict[str, dict[str, Any]]:
    """The rule set as durable_rules rules, keyed by a name that encodes what fired."""
    compiled: dict[str, dict[str, Any]] = {}
    for index, rule in enumerate(ruleset.rules):
        compiled[f"d_{index}"] = {"all": [{"m": compile_match(rule.kind, rule.conditions)}], "pri": rule.priority}
    for index, step in enumerate(ruleset.steps):
        if step.always:
            compiled[f"a_{index}"] = {"all": [{"m": {"kind": INTERVIEW}}]}
        for m_index, match in enumerate(step.when_any):
            compiled[f"s_{index}_{m_index}"] = {"all": [{"m": compile_match(match.kind, match.conditions)}]}
    # A fact that no rule matches makes durable_rules raise MessageNotHandledException, and
    # deleting a session that saw one double-frees (measured: the process aborts). This rule
    # sees every fact, so no fact goes unhandled, and waits for a fact of a kind that never
    # comes, so it never fires (a rule that fired for every fact would cost an action each).
    compiled[SEEN] = {"all": [{"m": {"$ex": {INDEX: 1}}}, {"n": {"kind": NEVER}}]}
    # Deleting a session in which no action ran aborts the process too (measured), so every
    # session asserts the interview fact and some rule fires on it: the always-steps where
    # the pack has any, else this one, whose action does nothing.
    if not any(step.always for step in ruleset.steps):
        compiled[ALIVE] = {"all": [{"m": {"kind": INTERVIEW}}]}
    return compiled


# --- what durable_rules can register ----------------------------------------------------

MAX_WIDTH = 500
"""The most tests this adapter lets follow one test in durable_rules' network.

durable_rules 2.0.28 registers a rule set in which 512 different tests follow one test (512
values in one rule's list, or 512 rules of one kind that differ in their first condition) in
a tenth of a second, and spins for ever on 513 (measured: ``python -m benchmarks.durable_limits``).
The margin covers the adapter's own rules."""

MAX_BRANCHES = 100_000
"""The most paths through the network (each list counts as its number of values, lists in one
rule multiply) this adapter builds before counting widths: beyond it, refused unexamined."""


def _paths(pattern: dict[str, Any]) -> list[tuple[str, ...]]:
    """The paths of tests through a compiled pattern, ``$or`` branching, ``$and`` in sequence."""
    if len(pattern) == 1:
        ((key, inner),) = pattern.items()
        if key == "$or":
            return [path for part in inner for path in _paths(part)]
        if key == "$and":
            paths: list[tuple[str, ...]] = [()]
            for part in inner:
                paths = [head + tail for head in paths for tail in _paths(part)]
            return paths
    return [(json.dumps(pattern, sort_keys=True, default=str),)]


def _branches(pattern: dict[str, Any]) -> int:
    if len(pattern) == 1:
        ((key, inner),) = pattern.items()
        if key == "$or":
            return sum(_branches(part) for part in inner)
        if key == "$and":
            return math.prod(_branches(part) for part in inner)
    return 1


def widest(compiled: dict[str, dict[str, Any]]) -> tuple[int, int]:
    """How wide a compiled rule set's network is: (the most tests that follow one test, the
    number of paths); the width is 0 when the paths exceed ``MAX_BRANCHES`` (not counted).

    >>> widest({"r": {"all": [{"m": {"$or": [{"kind": "a"}, {"kind": "b"}]}}]}})
    (2, 2)
    """
    patterns = [pattern for rule in compiled.values() for item in rule["all"] for pattern in item.values()]
    branches = sum(_branches(pattern) for pattern in patterns)
    if branches > MAX_BRANCHES:
        return 0, branches
    following: dict[tuple[str, ...], set[str]] = {}
    for pattern in patterns:
        for path in _paths(pattern):
            for depth, test in enumerate(path):
                following.setdefault(path[:depth], set()).add(test)
    return max(map(len, following.values()), default=0), branches


def refusal(ruleset: RuleSet) -> str | None:
    """Why durable_rules cannot take this rule set (registering it would never end), or ``None``.

    >>> from interview_recovery import default_rules
    >>> refusal(default_rules()) is None
    True
    """
    width, branches = widest(compile_ruleset(ruleset))
    if branches > MAX_BRANCHES:
        why = f"its conditions make {branches:,} combinations, more than the {MAX_BRANCHES:,} this engine takes"
    elif width > MAX_WIDTH:
        why = (
            f"{width:,} different tests follow one test in its conditions (a list of that many values, or "
            f"that many rules of one kind differing in their first condition), more than the {MAX_WIDTH} "
            "durable_rules can register (beyond 512 it never finishes)"
        )
    else:
        return None
    return (
        f"durable_rules cannot take rule pack {ruleset.name!r}: {why}; use the Python engine "
        "(engine='python', or recommend --engine python), which gives the same plans"
    )


# --- running ---------------------------------------------------------------------------

_import_lock = threading.Lock()
_durable: Any = None
_import_error: ImportError | None = None


def _engine_module() -> Any:
    """durable.engine, imported once; raises the ImportError where it cannot import."""
    global _durable, _import_error
    found = _durable
    if found is not None:
        return found  # every call after the first: no lock to take
    with _import_lock:
        if _durable is None and _import_error is None:
            try:
                import durable.engine as module
            except ImportError as exc:
                _import_error = exc
            else:
                _durable = module
        if _import_error is not None:
            raise _import_error
        return _durable


def available() -> bool:
    """Whether durable_rules imports on this interpreter (it does not on Python 3.13+)."""
    try:
        _engine_module()
    except ImportError:
        return False
    return True


def require() -> Any:
    """durable.engine, or EngineError saying it cannot import here and what to do instead."""
    try:
        return _engine_module()
    except ImportError as exc:
        raise EngineError(
            f"durable_rules is not available on Python {sys.version.split()[0]} ({exc}): "
            "use engine='python', which gives the same plans, or Python 3.11 or 3.12 "
            "with durable-rules installed"
        ) from exc


def _quiet_host() -> Any:
    """A host without the timer thread.

    The default ``Host._run`` starts timers that take pending actions from any session;
    under thread switching that gave wrong results, error 307 and segfaults. Every action
    here runs synchronously inside ``assert_facts`` in the caller's thread instead.
    """
    module = require()

    class _QuietHost(module.Host):  # type: ignore[misc, name-defined]
        def _run(self) -> None:
            pass

    return _QuietHost()


@dataclass
class _Session:
    hits: list[tuple[str, int]] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)


_lock = threading.Lock()
_host: Any = None
_names: dict[str, str] = {}
_refused: dict[str, str] = {}
_sessions: dict[str, _Session] = {}


def _recorder(tag: str) -> Callable[[Any], None]:
    # durable_rules stores an action's exception in the session state and carries on, so
    # the action records its own errors where the caller will look for them.
    def record(c: Any) -> None:
        session = _sessions[c.s["sid"]]
        try:
            session.hits.append((tag, c.m[INDEX]))
        except BaseException as exc:
            session.errors.append(exc)

    return record


def _ignore(c: Any) -> None:
    pass


def _registered(ruleset: RuleSet) -> tuple[Any, str]:
    global _host
    with _lock:
        if _host is None:
            try:
                _host = _quiet_host()
            except EngineError:
                raise
            except Exception as exc:
                raise EngineError(f"durable_rules could not start: {exc}") from exc
        name = _names.get(ruleset.key)
        if name is not None:
            return _host, name
        # Checked before registering: past its width, durable_rules spins for ever.
        refused = _refused.get(ruleset.key) or refusal(ruleset)
        if refused is not None:
            _refused[ruleset.key] = refused
            raise EngineError(refused)
        try:
            # Rulesets can't be unregistered, so each distinct rule set gets its own name
            # on the one host; Ruleset() deletes 'run' from what it is given, hence a copy.
            name = f"interview_recovery_{ruleset.key}"
            definitions = copy.deepcopy(compile_ruleset(ruleset))
            for tag, rule in definitions.items():
                rule["run"] = _ignore if tag in (SEEN, ALIVE) else _recorder(tag)
            _host.register_rulesets({name: definitions})
        except Exception as exc:
            raise EngineError(f"durable_rules refused rule pack {ruleset.name!r}: {exc}") from exc
        _names[ruleset.key] = name
        return _host, name


def evaluate(ruleset: RuleSet, facts: Sequence[Fact]) -> Matches:
    """Run one isolated durable_rules session over the facts and report what fired.

    Raises:
        EngineError: durable_rules failed, or an action raised; chained from the cause.
    """
    host, name = _registered(ruleset)
    session = _run(host, name, facts, with_interview=True)
    if session.errors:
        raise EngineError(f"a rule action failed in pack {ruleset.name!r}: {session.errors[0]!r}") from session.errors[
            0
        ]
    matches = Matches(decisions=[[] for _ in facts])
    for tag, index in session.hits:
        part, _, rest = tag.partition("_")
        if part == "d":
            matches.decisions[index].append(int(rest))
        elif part == "a":
            matches.always.add(int(rest))
        else:
            step, _, match = rest.partition("_")
            matches.step_items.append((int(step), int(match), index))
    for fired in matches.decisions:
        fired.sort()
    matches.step_items.sort(key=lambda item: (item[2], item[0], item[1]))
    return matches


def _payload(sid: str, facts: Sequence[Fact], with_interview: bool) -> list[dict[str, Any]]:
    # Every fact needs its own id: durable_rules drops a fact it has seen (by id, or by
    # content without one) with MessageObservedException, and identical incidents are legal.
    payload = [
        {**fields, "kind": kind, "id": f"{kind}-{index}", "sid": sid, INDEX: index}
        for index, (kind, fields) in enumerate(facts)
    ]
    if with_interview:
        payload.append({"kind": INTERVIEW, "id": INTERVIEW, "sid": sid, INDEX: -1})
    return payload


def _run(host: Any, name: str, facts: Sequence[Fact], with_interview: bool) -> _Session:
    sid = uuid.uuid4().hex
    session = _sessions[sid] = _Session()
    deletable = True
    try:
        if facts or with_interview:
            host.assert_facts(name, _payload(sid, facts, with_interview))
    except _durable.MessageNotHandledException as exc:
        # The catch-all rule makes this unreachable; should it happen, the session is left
        # alive rather than deleted, since deleting it would abort the process.
        deletable = False
        raise EngineError(f"durable_rules did not handle a fact: {exc}") from exc
    except Exception as exc:
        raise EngineError(f"durable_rules failed: {exc}") from exc
    finally:
        if deletable:
            _forget(host, name, sid)
        else:
            _sessions.pop(sid, None)
    return session


def _forget(host: Any, name: str, sid: str) -> None:
    # Each live session holds ~157 KB and the 1,025th raises MemoryError: always delete.
    _sessions.pop(sid, None)
    with contextlib.suppress(Exception):
        host.delete_state(name, sid)
