"""Failures surface as the library's errors: engine errors chained from their cause, bad
incidents as ValidationError or TypeError, gaps in a rule pack as IncompleteRulesError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import EngineError, IncompleteRulesError, Plan, load_rules, recommend, recommend_many
from interview_recovery._engines import durable
from interview_recovery._engines import table as decision_table
from interview_recovery._model.models import INCIDENT_LIST
from interview_recovery._rules.ruleset import Condition, DecisionRule

from ..strategies import PATHS, incidents, requires_durable

SLIP = {"kind": "slip", "description": "Called her Mary", "noticed": "certain", "realised_later": True}


class _Boom(Exception):
    """The error a rule action raises in these tests."""


class _FailingHits(list[tuple[str, int]]):
    def append(self, item: tuple[str, int]) -> None:
        raise _Boom(f"action failed on {item}")


@requires_durable
def test_a_rule_action_that_raises_surfaces_as_engine_error_chained_from_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception inside a durable_rules action, which durable_rules itself swallows, raises
    EngineError from it, and the session is deleted all the same."""

    class FailingSession(durable._Session):
        def __init__(self) -> None:
            super().__init__(hits=_FailingHits())

    monkeypatch.setattr(durable, "_Session", FailingSession)
    with pytest.raises(EngineError) as caught:
        recommend([SLIP], engine="durable", precompute=False)
    assert isinstance(caught.value.__cause__, _Boom)
    assert str(caught.value).startswith("a rule action failed in pack 'default': _Boom(")
    assert durable._sessions == {}
    monkeypatch.undo()
    assert recommend([SLIP], engine="durable", precompute=False).decisions[0].rule_id == "apologise-slip-realised-later"


def test_a_condition_that_raises_in_the_python_engine_surfaces_as_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception while the Python engine tests a condition raises EngineError from it."""

    def fail(self: Condition, fields: Any) -> bool:
        raise _Boom("condition failed")

    monkeypatch.setattr(Condition, "holds", fail)
    with pytest.raises(EngineError) as caught:
        recommend([SLIP], engine="python", precompute=False)
    assert isinstance(caught.value.__cause__, _Boom)
    assert str(caught.value) == "the Python engine failed in pack 'default': _Boom('condition failed')"


@pytest.mark.parametrize("engine", [pytest.param("durable", marks=requires_durable), "python"])
def test_a_table_that_fails_to_build_is_not_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, engine: str) -> None:
    """When the engine fails while building a decision table, the call raises EngineError and the
    next call, with the engine working again, builds the table and plans."""
    path = tmp_path / "one.yaml"
    path.write_text(
        f"theme: t\nrules:\n  - {{id: r{engine}, title: t, advice: A9, kind: strength, action: remind_strength, "
        f"channel: note, reason: r}}\n"
    )
    rules = load_rules(path)

    def fail(self: DecisionRule, kind: str, fields: Any) -> bool:
        raise _Boom("rule failed")

    class FailingSession(durable._Session):
        def __init__(self) -> None:
            super().__init__(hits=_FailingHits())

    monkeypatch.setattr(DecisionRule, "matches", fail)
    monkeypatch.setattr(durable, "_Session", FailingSession)
    strength = {"kind": "strength", "description": "My portfolio"}
    with pytest.raises(EngineError) as caught:
        recommend([strength], rules=rules, engine=engine)  # type: ignore[arg-type]
    assert isinstance(caught.value.__cause__, _Boom)
    assert (rules.key, engine) not in decision_table._tables
    monkeypatch.undo()
    assert f"r{engine}" == recommend([strength], rules=rules, engine=engine).decisions[0].rule_id  # type: ignore[arg-type]
    assert (rules.key, engine) in decision_table._tables


GAP_RULES = (
    "theme: gap\nrules:\n"
    "  - {id: strength-only, title: t, advice: A9, kind: strength, action: remind_strength, channel: note, reason: r}\n"
)


@pytest.mark.parametrize(("engine", "precompute"), PATHS)
def test_a_pack_without_a_rule_for_an_incident_raises_incomplete_rules_error(
    tmp_path: Path, engine: str, precompute: bool
) -> None:
    """An incident no rule decides raises IncompleteRulesError naming it, on every engine and path
    (durable_rules used to abort the process on such a fact)."""
    path = tmp_path / "gap.yaml"
    path.write_text(GAP_RULES)
    rules = load_rules(path)
    with pytest.raises(IncompleteRulesError) as caught:
        recommend(
            [{"kind": "strength", "description": "Portfolio"}, SLIP], rules=rules, engine=engine, precompute=precompute
        )  # type: ignore[arg-type]
    assert str(caught.value).startswith(
        "rule pack 'custom' decides nothing for incident 1 (slip: {'description': 'Called her Mary', 'noticed': "
        "'certain'"
    )
    assert (
        recommend([{"kind": "strength", "description": "Portfolio"}], rules=rules, engine=engine, precompute=precompute)
        .decisions[0]
        .rule_id
        == "strength-only"
    )  # type: ignore[arg-type]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=25,
)
KINDS = ["slip", "off_target_answer", "omission", "strength", "distraction", "difficult_question", "knowledge_gap"]
FIELDS = [
    "kind",
    "description",
    "id",
    "noticed",
    "apologised_in_person",
    "realised_later",
    "better_answer",
    "category",
    "relevant",
    "serious_life_event",
    "affected_performance",
]
incident_like = st.dictionaries(
    st.sampled_from(FIELDS) | st.text(max_size=8),
    json_values | st.sampled_from([*KINDS, "certain", "no", "experience", True, False, "x"]),
    max_size=6,
)
arbitrary_input = json_values | st.lists(incident_like | incidents | json_values, max_size=6)


@settings(max_examples=400, deadline=None)
@given(arbitrary_input)
def test_arbitrary_json_as_incidents_yields_a_plan_validation_error_or_type_error(value: Any) -> None:
    """Any JSON value gives a plan when it is a list of valid incidents with distinct ids, pydantic's
    ValidationError when it holds an invalid one or repeats an id, and the documented TypeError
    when it is not a list."""
    if not isinstance(value, list):
        with pytest.raises(TypeError) as caught:
            recommend(value)
        assert str(caught.value).startswith("recommend() takes a list of incidents, not a single ")
        return
    try:
        parsed = INCIDENT_LIST.validate_python(value)
    except ValidationError:
        with pytest.raises(ValidationError):
            recommend(value)
        return
    ids = [incident.id for incident in parsed if incident.id is not None]
    if len(ids) != len(set(ids)):
        with pytest.raises(ValidationError, match="repeats the id of incidents"):
            recommend(value)
        return
    plan = recommend(value)
    assert isinstance(plan, Plan)
    assert list(range(len(value))) == [d.index for d in plan.decisions]


@settings(max_examples=200, deadline=None)
@given(json_values | st.lists(arbitrary_input, max_size=4))
def test_arbitrary_json_as_interviews_yields_plans_validation_error_or_type_error(value: Any) -> None:
    """Any JSON value given to recommend_many gives plans, ValidationError, or TypeError for a non-list."""
    interviews_ok = isinstance(value, list) and all(isinstance(item, list) for item in value)
    if not interviews_ok:
        with pytest.raises(TypeError):
            recommend_many(value)
        return
    try:
        expected = [recommend(item) for item in value]
    except ValidationError:
        with pytest.raises(ValidationError):
            recommend_many(value)
        return
    assert expected == recommend_many(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # A single incident, not wrapped in a list.
        (
            SLIP,
            "recommend() takes a list of incidents, not a single dict: wrap it in a list, e.g. recommend([incident])",
        ),
        # A string, which would otherwise be read character by character.
        (
            "slip",
            "recommend() takes a list of incidents, not a single str: wrap it in a list, e.g. recommend([incident])",
        ),
        # A number.
        (3, "recommend() takes a list of incidents, not a single int: wrap it in a list, e.g. recommend([incident])"),
        # Nothing at all.
        (
            None,
            "recommend() takes a list of incidents, not a single NoneType: wrap it in a list, e.g. "
            "recommend([incident])",
        ),
    ],
)
def test_a_non_list_is_refused_with_the_documented_type_error(value: Any, message: str) -> None:
    """recommend() given something other than a list of incidents says exactly what to pass."""
    with pytest.raises(TypeError) as caught:
        recommend(value)
    assert message == str(caught.value)


@requires_durable
def test_a_pack_with_a_gap_does_not_abort_a_fresh_interpreter(tmp_path: Path) -> None:
    """Planning with a pack that leaves an incident undecided, in a fresh interpreter, raises
    IncompleteRulesError and exits normally (durable_rules once aborted the process when a
    session that saw an unhandled fact, or ran no action, was deleted)."""
    import subprocess
    import sys

    (tmp_path / "gap.yaml").write_text(GAP_RULES)
    script = (
        "from interview_recovery import IncompleteRulesError, load_rules, recommend\n"
        "rules = load_rules('gap.yaml')\n"
        "for _ in range(50):\n"
        "    try:\n"
        "        recommend([{'kind': 'slip', 'description': 'x', 'noticed': 'no'}], rules=rules, engine='durable', "
        "precompute=False)\n"
        "    except IncompleteRulesError:\n"
        "        pass\n"
        "print('done')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "done\n"), done.stderr


def test_the_compiled_rules_hold_a_rule_that_sees_every_fact_and_never_fires(tmp_path: Path) -> None:
    """compile_ruleset adds one rule matching every fact joined with a kind no fact has, and a
    rule on the interview fact only where no always-step fires on it."""
    from interview_recovery import default_rules

    compiled = durable.compile_ruleset(default_rules())
    assert compiled["seen"] == {"all": [{"m": {"$ex": {"_index": 1}}}, {"n": {"kind": "never"}}]}
    assert "alive" not in compiled
    (tmp_path / "gap.yaml").write_text(GAP_RULES)
    assert durable.compile_ruleset(load_rules(tmp_path / "gap.yaml"))["alive"] == {
        "all": [{"m": {"kind": "interview"}}]
    }
    from interview_recovery._model.models import INCIDENT_CLASSES

    assert "never" not in (*INCIDENT_CLASSES, durable.INTERVIEW)
