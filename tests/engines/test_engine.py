"""The durable_rules adapter: compiling is pure; sessions are isolated, deleted and safe in threads."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from interview_recovery import EngineError, IncompleteRulesError, default_rules, load_rules, recommend
from interview_recovery._engines import durable
from interview_recovery._model.models import Action
from interview_recovery._rules.ruleset import Condition, DecisionRule

from ..conftest import DEFAULT_PACK
from ..strategies import requires_durable

# These tests are about durable_rules sessions, so every call here goes through one.
DURABLE = {"engine": "durable", "precompute": False}


@pytest.mark.parametrize(
    ("condition", "compiled"),
    [
        (Condition("noticed", "eq", "certain"), {"noticed": "certain"}),  # equality is a plain key
        (Condition("relevant", "eq", False), {"relevant": False}),  # booleans stay booleans
        (Condition("noticed", "neq", "no"), {"$neq": {"noticed": "no"}}),  # durable_rules spells it $neq
        (Condition("noticed", "in", ("likely", "no")), {"$or": [{"noticed": "likely"}, {"noticed": "no"}]}),  # one of
        (Condition("better_answer", "present", True), {"$ex": {"better_answer": 1}}),  # given
        (Condition("better_answer", "present", False), {"$nex": {"better_answer": 1}}),  # not given
    ],
)
def test_compile_condition(condition: Condition, compiled: dict[str, Any]) -> None:
    """Each condition compiles to durable_rules' dict form."""
    assert compiled == durable.compile_condition(condition)


def test_compile_match_always_tests_kind_positively() -> None:
    """A pattern always starts with the kind, so it can never match the session state itself."""
    assert durable.compile_match("strength", ()) == {"kind": "strength"}
    assert durable.compile_match("slip", (Condition("better_answer", "present", False),)) == {
        "$and": [{"kind": "slip"}, {"$nex": {"better_answer": 1}}]
    }


def test_compile_ruleset_names_encode_what_fired() -> None:
    """Decision rules, always-steps and step matches compile under names the adapter decodes."""
    compiled = durable.compile_ruleset(default_rules())
    rules = default_rules()
    assert len(rules.rules) == sum(name.startswith("d_") for name in compiled)
    assert sum(s.always for s in rules.steps) == sum(name.startswith("a_") for name in compiled)
    assert sum(len(s.when_any) for s in rules.steps) == sum(name.startswith("s_") for name in compiled)
    assert all("run" not in rule for rule in compiled.values())


@requires_durable
def test_sessions_are_deleted_after_each_call() -> None:
    """No session outlives its call: 1,100 calls stay clear of durable_rules' 1,024 live sessions."""
    for _ in range(1_100):
        recommend([{"kind": "strength", "description": "Clear answers"}], **DURABLE)  # type: ignore[arg-type]
    assert durable._sessions == {}


@requires_durable
def test_identical_incidents_each_get_their_decision() -> None:
    """Identical incidents in one call are all decided, though durable_rules drops repeated facts."""
    same = {"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"}
    plan = recommend([same] * 5, **DURABLE)  # type: ignore[arg-type]
    assert [(i, "keep-unnoticed-slip-private") for i in range(5)] == [(d.index, d.rule_id) for d in plan.decisions]


@requires_durable
def test_two_threads_get_their_own_answers() -> None:
    """Two threads calling recommend() at once each get the answer to their own incidents."""
    inputs = {
        "apologise": [{"kind": "slip", "description": "Wrong name", "noticed": "certain"}],
        "do_not_mention": [{"kind": "slip", "description": "Phone", "noticed": "no"}],
    }
    wrong: list[str] = []

    def work(expected: str) -> None:
        for _ in range(300):
            actions = [d.action for d in recommend(inputs[expected], **DURABLE).decisions]  # type: ignore[arg-type]
            if actions != [expected]:
                wrong.append(f"{expected}: {actions}")

    threads = [threading.Thread(target=work, args=(name,)) for name in inputs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


@requires_durable
def test_an_action_that_raises_surfaces_as_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception inside a rule action, which durable_rules would swallow, becomes EngineError."""

    class Broken(durable._Session):
        def __init__(self) -> None:
            super().__init__()
            self.hits = _Exploding()

    class _Exploding(list[tuple[str, int]]):
        def append(self, item: tuple[str, int]) -> None:
            raise ZeroDivisionError("boom")

    monkeypatch.setattr(durable, "_Session", Broken)
    with pytest.raises(EngineError, match="a rule action failed") as caught:
        recommend([{"kind": "strength", "description": "Clear answers"}], **DURABLE)  # type: ignore[arg-type]
    assert isinstance(caught.value.__cause__, ZeroDivisionError)
    assert durable._sessions == {}


@requires_durable
def test_an_engine_failure_surfaces_as_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure inside durable_rules is the library's EngineError, chained from the cause."""
    recommend([], **DURABLE)  # type: ignore[arg-type]  # the host exists from here on

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("engine down")

    assert durable._host is not None
    monkeypatch.setattr(durable._host, "assert_facts", fail)
    with pytest.raises(EngineError, match="durable_rules failed: engine down") as caught:
        recommend([{"kind": "strength", "description": "Clear answers"}], **DURABLE)  # type: ignore[arg-type]
    assert isinstance(caught.value.__cause__, OSError)
    assert isinstance(caught.value, RuntimeError)


def test_a_pack_with_a_gap_names_the_undecided_incident() -> None:
    """An incident no rule decides raises IncompleteRulesError naming it, never a partial plan."""
    rules = load_rules(DEFAULT_PACK / "slips.yaml", DEFAULT_PACK / "steps.yaml")
    with pytest.raises(
        IncompleteRulesError, match=r"decides nothing for incident 1 \(strength: \{'description': 'Clear'\}\)"
    ):
        recommend(
            [{"kind": "slip", "description": "Phone", "noticed": "no"}, {"kind": "strength", "description": "Clear"}],
            rules=rules,
        )


def test_priority_settles_overlapping_rules() -> None:
    """When two decision rules match, the lower priority wins, then the earlier rule."""
    base = default_rules()
    eager = DecisionRule(
        id="always-apologise",
        title="t",
        advice="A12",
        kind="slip",
        conditions=(),
        action=Action.APOLOGISE,
        reason="r",
        priority=1,
    )
    rules = replace(base, rules=(*base.rules, eager))
    plan = recommend([{"kind": "slip", "description": "Phone", "noticed": "no"}], rules=rules)
    assert plan.decisions[0].rule_id == "always-apologise"
    late = replace(eager, priority=100)
    rules = replace(base, rules=(*base.rules, late))
    plan = recommend([{"kind": "slip", "description": "Phone", "noticed": "no"}], rules=rules)
    assert plan.decisions[0].rule_id == "keep-unnoticed-slip-private"


def test_only_the_engine_module_imports_durable_rules() -> None:
    """durable_rules is imported by _engines/durable.py alone."""
    package = Path(durable.__file__).parent.parent
    pattern = re.compile(r"^\s*(import durable|from durable)", re.MULTILINE)
    importers = sorted(
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    )
    assert importers == ["_engines/durable.py"]


@requires_durable
def test_an_unmatched_fact_in_the_engine_is_an_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """If durable_rules ever leaves a fact unhandled, the call fails as EngineError, and the
    session (which durable_rules cannot delete then) is forgotten."""
    recommend([], **DURABLE)  # type: ignore[arg-type]

    def unmatched(name: str, facts: list[dict[str, Any]]) -> None:
        raise durable._durable.MessageNotHandledException(facts)

    assert durable._host is not None
    monkeypatch.setattr(durable._host, "assert_facts", unmatched)
    with pytest.raises(EngineError, match="durable_rules did not handle a fact"):
        recommend([{"kind": "strength", "description": "Clear answers"}], **DURABLE)  # type: ignore[arg-type]
    assert durable._sessions == {}
