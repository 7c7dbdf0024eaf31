"""Two engines, one meaning: durable_rules and the pure-Python engine give identical plans,
through the decision table and per call, and the package runs where durable_rules cannot import."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_recovery import EngineError, Plan, _engines, load_rules, recommend
from interview_recovery._engines import durable
from interview_recovery._engines.python import evaluate as python_evaluate

from ..strategies import AVAILABLE_PATHS, DURABLE, finite_domain, incident, interviews, own_id, requires_durable, text

DOMAIN = finite_domain()


def plans(incidents: list[dict[str, Any]], **options: Any) -> dict[tuple[str, bool], Plan]:
    """The plan for the incidents by every available engine and path."""
    return {
        (engine, precompute): recommend(incidents, engine=engine, precompute=precompute, **options)  # type: ignore[arg-type]
        for engine, precompute in AVAILABLE_PATHS
    }


def test_the_finite_domain_is_the_expected_size() -> None:
    """The domain lists every case: 12 slips, 16 off-target answers, 10 omissions, 1 strength,
    4 distractions, 2 difficult questions and 1 knowledge gap."""
    kinds = [case["kind"] for case in DOMAIN]
    expected = {
        "slip": 12,
        # 2 causes x 4 noticed, with and without a better answer.
        "off_target_answer": 16,
        "omission": 10,
        "strength": 1,
        "distraction": 4,
        "difficult_question": 2,
        "knowledge_gap": 1,
    }
    assert expected == {kind: kinds.count(kind) for kind in expected}


@pytest.mark.parametrize("case", DOMAIN, ids=lambda case: case["description"])
def test_every_case_of_the_finite_domain_gets_one_plan_from_every_engine(case: dict[str, Any]) -> None:
    """Each case of the finite domain, alone, gets the same plan from both engines and both paths."""
    found = plans([case])
    expected = found[("python", False)]
    assert {key: expected for key in found} == found


def test_the_whole_finite_domain_in_one_call_gets_one_plan_from_every_engine() -> None:
    """All cases of the finite domain in one call get the same plan from both engines and both paths."""
    found = plans(DOMAIN)
    expected = found[("python", False)]
    assert len(DOMAIN) == len(expected.decisions)
    assert {key: expected for key in found} == found


@settings(max_examples=150, deadline=None)
@given(interviews)
def test_generated_interviews_get_one_plan_from_every_engine(incidents: list[dict[str, Any]]) -> None:
    """Any valid list of incidents gets the same plan from both engines and both paths."""
    found = plans(incidents)
    expected = found[("python", False)]
    assert {key: expected for key in found} == found


FREE_TEXT_RULES = """\
theme: free text
rules:
  - id: quote-the-better-answer
    title: A difficult question with this exact better answer
    advice: A8
    kind: difficult_question
    when: {better_answer: "I would ask first."}
    action: add_to_note
    channel: note
    reason: Add '{better_answer}' to the note.
    priority: 10
  - id: difficult-question-with-answer
    title: A difficult question with some better answer
    advice: A3
    kind: difficult_question
    when: {better_answer: {present: true}}
    action: do_not_mention
    channel: none
    reason: Keep '{better_answer}' for next time.
  - id: difficult-question-without-answer
    title: A difficult question without a better answer
    advice: A3
    kind: difficult_question
    when: {better_answer: {present: false}}
    action: do_not_mention
    channel: none
    reason: Find a better answer to '{description}'.
  - id: not-this-gap
    title: Any gap but one
    advice: A3
    kind: knowledge_gap
    when: {description: {not: "The budget"}}
    action: do_not_mention
    channel: none
    reason: Learn '{description}'.
  - id: this-gap
    title: The one gap
    advice: A3
    kind: knowledge_gap
    when: {description: "The budget"}
    action: add_to_note
    channel: note
    reason: Mention '{description}'.
  - id: any-strength
    title: A strength
    advice: A9
    kind: strength
    action: remind_strength
    channel: note
    reason: Remind them of '{description}'.
steps:
  - id: answers
    title: Better answers
    advice: A3
    order: 1
    text: Practise them.
    when_any:
      - {kind: difficult_question, when: {better_answer: {present: true}}, item: "'{better_answer}'"}
      - {kind: knowledge_gap, when: {description: ["The budget", "The team"]}, item: "'{description}'"}
  - id: always
    title: Always
    advice: A1
    order: 0
    always: true
    text: Every time.
"""


@pytest.fixture(scope="module")
def free_text_rules(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A rule set whose rules test free text, present-or-absent fields and exact strings."""
    path = tmp_path_factory.mktemp("rules") / "free.yaml"
    path.write_text(FREE_TEXT_RULES, encoding="utf-8")
    return load_rules(path)


free_text_incidents = st.lists(
    st.one_of(
        incident("difficult_question"),
        st.fixed_dictionaries(
            {"kind": st.just("difficult_question"), "description": text, "better_answer": st.just("I would ask first.")}
        ),
        incident("knowledge_gap"),
        st.fixed_dictionaries(
            {
                "kind": st.just("knowledge_gap"),
                "description": st.sampled_from(["The budget", "The team", "The budget "]),
            }
        ),
        incident("strength"),
    ),
    max_size=10,
    unique_by=own_id,
)


@settings(max_examples=150, deadline=None)
@given(free_text_incidents)
def test_rules_over_free_text_get_one_plan_from_every_engine(
    free_text_rules: Any, incidents: list[dict[str, Any]]
) -> None:
    """Rules testing free text and presence get the same plans from both engines and both paths,
    where the table serves the presence tests and the engine the free-text ones."""
    found = plans(incidents, rules=free_text_rules)
    expected = found[("python", False)]
    assert {key: expected for key in found} == found


def test_free_text_rules_decide_as_written(free_text_rules: Any) -> None:
    """The exact better answer wins over mere presence, and the one named gap is told apart."""
    plan = recommend(
        [
            {"kind": "difficult_question", "description": "Why us?", "better_answer": "I would ask first."},
            {"kind": "difficult_question", "description": "Why us?", "better_answer": "Because."},
            {"kind": "difficult_question", "description": "Why us?"},
            {"kind": "knowledge_gap", "description": "The budget"},
            {"kind": "knowledge_gap", "description": "The roadmap"},
        ],
        rules=free_text_rules,
    )
    expected = [
        "quote-the-better-answer",
        "difficult-question-with-answer",
        "difficult-question-without-answer",
        "this-gap",
        "not-this-gap",
    ]
    assert expected == [d.rule_id for d in plan.decisions]
    assert [(s.id, s.items) for s in plan.steps] == [
        ("always", ()),
        ("answers", ("'I would ask first.'", "'Because.'", "'The budget'")),
    ]


def test_the_python_engine_reports_matches_as_durable_rules_does() -> None:
    """The Python engine's raw matches equal the durable adapter's for the whole domain, and
    (with or without durable_rules) the ones written down here by hand."""
    from interview_recovery import default_rules
    from interview_recovery._planning.recommend import fact, validate_incidents

    rules = default_rules()
    facts = [fact(i) for i in validate_incidents(DOMAIN)]
    actual = python_evaluate(rules, facts)
    if DURABLE:
        expected = durable.evaluate(rules, facts)
        assert (expected.decisions, expected.step_items, expected.always) == (
            actual.decisions,
            actual.step_items,
            actual.always,
        )
    # By hand: a likely-noticed off-target answer fires keep-uncaught-answer-private (rule 1)
    # and brings in identify-what-went-wrong (step 1, entry 1) and list-lessons (2, 1);
    # reflect-on-what-went-well, forgive-yourself, send-thank-you-note and
    # never-apologise-for-interview (steps 0, 3, 4, 7) are always there.
    index = next(i for i, c in enumerate(DOMAIN) if c["kind"] == "off_target_answer" and c["noticed"] == "likely")
    assert actual.decisions[index] == [1]
    assert [(s, m) for s, m, i in actual.step_items if i == index] == [(1, 1), (2, 1)]
    assert {0, 3, 4, 7} == actual.always


def test_an_unknown_engine_is_refused_by_name() -> None:
    """An engine name that is neither 'durable' nor 'python' raises ValueError saying which are."""
    with pytest.raises(ValueError) as caught:
        recommend([], engine="drools")  # type: ignore[arg-type]
    assert str(caught.value) == "engine must be one of 'durable', 'python' or None, not 'drools'"


@pytest.fixture
def without_durable(monkeypatch: pytest.MonkeyPatch) -> None:
    """durable_rules made unimportable, as on Python 3.13, and the fallback notice not yet given."""
    monkeypatch.setitem(sys.modules, "durable", None)
    monkeypatch.setitem(sys.modules, "durable.engine", None)
    monkeypatch.setattr(durable, "_durable", None)
    monkeypatch.setattr(durable, "_import_error", None)
    monkeypatch.setattr(durable, "_host", None)
    monkeypatch.setattr(_engines, "_said", type(_engines._said)())


def test_without_durable_rules_the_default_falls_back_and_says_so_once(
    without_durable: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Where durable_rules cannot import, the default engine is the Python one, and one log record says so."""
    incidents = [{"kind": "slip", "description": "Called her Mary", "noticed": "certain", "realised_later": True}]
    with caplog.at_level(logging.WARNING, logger="interview_recovery"):
        first = recommend(incidents)
        second = recommend(incidents)
    assert recommend(incidents, engine="python") == first == second
    assert len(caplog.records) == 1
    assert (
        caplog.records[0]
        .getMessage()
        .startswith(
            f"durable_rules is not available on Python {sys.version.split()[0]}; using the pure-Python engine, which "
            "gives the same plans"
        )
    )


def test_without_durable_rules_asking_for_it_is_a_clear_error(without_durable: None) -> None:
    """engine='durable' where durable_rules cannot import raises EngineError, chained from the ImportError."""
    with pytest.raises(EngineError) as caught:
        recommend([], engine="durable")
    assert isinstance(caught.value.__cause__, ImportError)
    assert str(caught.value).startswith(f"durable_rules is not available on Python {sys.version.split()[0]} (")
    assert str(caught.value).endswith(
        "use engine='python', which gives the same plans, or Python 3.11 or 3.12 with durable-rules installed"
    )


@requires_durable
def test_with_durable_rules_it_is_the_default_and_nothing_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Where durable_rules imports, the default engine is durable_rules, without a log record."""
    with caplog.at_level(logging.DEBUG, logger="interview_recovery"):
        assert _engines.resolve_engine(None) == "durable"
    assert caplog.records == []


@pytest.mark.parametrize("configured", [True, False], ids=["logging-configured", "logging-not-configured"])
def test_the_package_imports_and_plans_without_durable_rules_in_a_fresh_interpreter(
    tmp_path: Path, configured: bool
) -> None:
    """A fresh interpreter that cannot import durable_rules imports the package, does not try
    durable_rules until a call needs it, and plans with the Python engine after one log record,
    which a program that configured logging receives and one that did not never sees on stderr."""
    script = textwrap.dedent(
        f"""
        import logging, sys
        if {configured}:
            logging.basicConfig(format="%(message)s")
        sys.modules["durable"] = None
        import interview_recovery
        assert "durable.engine" not in sys.modules
        plan = interview_recovery.recommend([{{"kind": "strength", "description": "My portfolio"}}])
        interview_recovery.recommend([{{"kind": "strength", "description": "My portfolio"}}])
        print(plan.decisions[0].rule_id)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "remind-strength\n")
    notice = f"durable_rules is not available on Python {sys.version.split()[0]}; using the pure-Python engine"
    assert (1 if configured else 0) == done.stderr.count(notice), done.stderr
