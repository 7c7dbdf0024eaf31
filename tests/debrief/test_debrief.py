"""The debrief asks only the questions whose answer changes the advice, and ends with recommend()'s plan."""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from interview_recovery import Choice, Debrief, Plan, Question, RuleSet, default_rules, load_rules, recommend
from interview_recovery._model import models as _models
from interview_recovery._model.models import INCIDENT_CLASSES, Decision, finite_values

from ..conftest import ROOT, RULES
from ..golden_files import check_golden
from ..strategies import characters

CUSTOM_PACK = ROOT / "tests" / "packs" / "literal-and-presence"


@cache
def pack(name: str) -> RuleSet:
    """The rule sets the debrief is held to: the two shipped packs and one of the tests' own."""
    if name == "default":
        return default_rules()
    return load_rules(RULES / name if name == "no-mistakes" else CUSTOM_PACK)


PACKS = ["default", "no-mistakes", "literal-and-presence"]
TEXT = "Better said"
"""The free text the oracle gives an optional field when it is given."""


def outward(decision: Decision) -> tuple[Any, ...]:
    """Everything a decision says, except the incident it is about."""
    return tuple(decision.model_dump(exclude={"incident", "index"}).values())


@cache
def decide(pack_name: str, incident: tuple[tuple[str, Any], ...]) -> tuple[Any, ...]:
    """recommend()'s decision for one incident given as sorted (field, value) pairs."""
    return outward(recommend([dict(incident)], rules=pack(pack_name)).decisions[0])


def drafts(plan: Plan) -> tuple[str, str | None]:
    """The note and the distraction message a plan drafts, as text."""
    message = plan.draft_distraction_message("Marie")
    return str(plan.draft_note("Marie")), None if message is None else str(message)


@cache
def advise(pack_name: str, incident: tuple[tuple[str, Any], ...]) -> tuple[Any, ...]:
    """Everything the plan says outwardly about one incident: its decision, and its note and message."""
    plan = recommend([dict(incident)], rules=pack(pack_name))
    return (outward(plan.decisions[0]), *drafts(plan))


MARKER = "zq marker"
"""Wording whose appearance in a draft shows that the draft uses the field it was given in."""


def drafted(pack_name: str, incident: dict[str, Any]) -> list[str]:
    """The wording field a draft uses for this incident: the one whose text shows in its note or message."""
    name = _models.WORDING_FIELDS.get(incident["kind"])
    if name is None:
        return []
    marker = "Zq marker." if name == "explanation" else MARKER
    plan = recommend([{**incident, name: marker}], rules=pack(pack_name))
    return [name] if any(MARKER in (text or "").lower() for text in drafts(plan)) else []


@cache
def oracle_domain(kind: str, description: str) -> tuple[tuple[tuple[str, Any], ...], ...]:
    """Every valid incident of a kind with this description: enums and booleans take every value,
    optional free text is left out or given; enumerated here, independently of the package."""
    names = [n for n in _models.testable_fields(kind) if n != "description"]
    model = INCIDENT_CLASSES[kind]
    options = [
        finite_values(kind, n) or ((TEXT,) if model.model_fields[n].is_required() else (None, TEXT)) for n in names
    ]
    found = []
    for values in itertools.product(*options):
        data = {"kind": kind, "description": description, **{n: v for n, v in zip(names, values, strict=True)}}
        try:
            model.model_validate(data)
        except ValidationError:
            continue
        found.append(tuple(sorted((k, v) for k, v in data.items() if v is not None)))
    return tuple(found)


def value_of(incident: dict[str, Any], name: str) -> Any:
    """The value an incident has for a field, its model default where it is left out."""
    info = INCIDENT_CLASSES[incident["kind"]].model_fields[name]
    return incident.get(name, None if info.is_required() else info.default)


def matters(pack_name: str, kind: str, description: str, answers: dict[str, Any], name: str) -> bool:
    """Whether two valid incidents that agree with the answers and differ in this field alone are
    advised differently: decided, or drafted into the note or message, differently."""
    groups: dict[tuple[Any, ...], set[tuple[Any, ...]]] = {}
    for incident in oracle_domain(kind, description):
        data = dict(incident)
        full = {n: value_of(data, n) for n in _models.testable_fields(kind)}
        if any(full[n] != v for n, v in answers.items()):
            continue
        rest = tuple(sorted((n, v) for n, v in full.items() if n != name))
        groups.setdefault(rest, set()).add(advise(pack_name, incident))
    return any(len(decisions) > 1 for decisions in groups.values())


def run(
    debrief: Debrief, incidents: list[dict[str, Any]], pick: Any = None, wording: list[list[str]] | None = None
) -> list[list[str]]:
    """Add the incidents and answer every question with their own values (skipping what they leave
    out); returns the decision fields asked, per incident, and collects the wording fields asked.

    Every decision question is checked against the oracle: its field alone must change the advice;
    and none comes after a wording question about the same incident.
    """
    for incident in incidents:
        debrief.add(incident["kind"], incident["description"])
    asked: list[list[str]] = [[] for _ in incidents]
    worded: list[list[str]] = [[] for _ in incidents] if wording is None else wording
    worded.extend([] for _ in range(len(incidents) - len(worded)))
    answers: list[dict[str, Any]] = [{} for _ in incidents]
    while (question := debrief.next_question()) is not None:
        if question.purpose == "interviewers":
            debrief.skip(question)  # no name: one interviewer, the plan of a plain list
            continue
        assert question.incident is not None
        if pick is not None:
            question = pick(debrief.questions(question.incident))
        index: int = question.incident  # type: ignore[assignment]  # a question about an incident
        incident = incidents[index]
        assert question.field not in asked[index] + worded[index]
        if question.purpose == "wording":
            worded[index].append(question.field)
            if question.field in incident:
                debrief.answer(question, incident[question.field])
            else:
                debrief.skip(question)
            continue
        assert not worded[index], f"asked {question.field!r} after the wording of {incident}"
        assert matters(debrief.rules.name, incident["kind"], incident["description"], answers[index], question.field), (
            f"asked {question.field!r} about {incident} after {answers[index]}, "
            "but no answer to it alone changes the advice"
        )
        asked[index].append(question.field)
        value = value_of(incident, question.field)
        if question.field in incident or not question.optional:
            debrief.answer(question, value)
        else:
            debrief.skip(question)
        answers[index][question.field] = value
    return asked


@pytest.mark.parametrize("pack_name", PACKS)
def test_every_class_of_incident_gets_its_own_decision(pack_name: str) -> None:
    """For every incident of the whole finite domain, answering the debrief's questions with its
    values gives recommend()'s decision and drafts, each question asked could have changed them,
    and its wording is asked exactly when a draft uses it."""
    for kind in INCIDENT_CLASSES:
        for description in ("It happened", "Arrived late"):
            for incident in oracle_domain(kind, description):
                data = dict(incident)
                debrief = Debrief(pack(pack_name))
                wording: list[list[str]] = []
                run(debrief, [data], wording=wording)
                plan = debrief.plan()
                assert [outward(d) for d in plan.decisions] == [decide(pack_name, incident)], data
                assert drafts(plan) == advise(pack_name, incident)[1:], data
                assert drafted(pack_name, data) == [f for f in wording[0] if f != "better_answer"], data


WORDS = {
    "apology": "arrived late",
    "question": "budgets",
    "mention": "my certificate",
    "topic": "the case study",
    "explanation": "My father was ill.",
}
"""Wording of one's own for each wording field, as an interview may give it."""


def interview(pack_name: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Interviews of a few incidents with any description the model accepts, optional fields sometimes left out."""
    descriptions = st.sampled_from(["Arrived late", "Called you Mary instead of Marie", "It happened"]) | st.text(
        characters, min_size=1, max_size=20
    ).filter(lambda s: any(c.isalnum() for c in s))

    def one(kind: str) -> st.SearchStrategy[dict[str, Any]]:
        name = _models.WORDING_FIELDS.get(kind)
        words = st.none() if name is None else st.none() | st.just(WORDS[name])
        return st.builds(
            lambda incident, description, words: dict(
                incident, description=description, **({name: words} if name and words else {})
            ),
            st.sampled_from(oracle_domain(kind, "x")),
            descriptions,
            words,
        )

    return st.lists(st.one_of(*(one(kind) for kind in INCIDENT_CLASSES)), min_size=1, max_size=4)


@pytest.mark.parametrize("pack_name", PACKS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_interview_answered_in_any_order_gets_recommends_plan(pack_name: str, data: st.DataObject) -> None:
    """Answering the open questions in any order, with each incident's own values, never asks a
    question whose answer alone cannot change the advice, asks for the wording of exactly the
    incidents the drafts use, and gives the decisions, the note and the message recommend() gives
    the incidents themselves; the plan is recommend() on debrief.incidents."""
    incidents = data.draw(interview(pack_name))
    debrief = Debrief(pack(pack_name))
    wording: list[list[str]] = []
    run(debrief, incidents, pick=lambda questions: data.draw(st.sampled_from(questions)), wording=wording)
    plan = debrief.plan()
    expected = recommend(incidents, rules=pack(pack_name))
    assert [outward(d) for d in expected.decisions] == [outward(d) for d in plan.decisions]
    assert recommend(debrief.incidents, rules=pack(pack_name)) == plan
    assert drafts(expected) == drafts(plan)
    for incident, decision, fields in zip(incidents, expected.decisions, wording, strict=True):
        own = {k: v for k, v in incident.items() if k != _models.WORDING_FIELDS.get(incident["kind"])}
        assert drafted(pack_name, own) == [f for f in fields if f != "better_answer"]
        assert "better_answer" not in fields or decision.action == "acknowledge_misunderstanding"


@pytest.mark.parametrize("pack_name", PACKS)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_saved_state_goes_on_where_it_stopped(pack_name: str, data: st.DataObject) -> None:
    """At any point, to_json() and from_json() give a debrief that asks the same next question
    and saves the same state."""
    incidents = data.draw(interview(pack_name))
    debrief = Debrief(pack(pack_name))
    for incident in incidents:
        debrief.add(incident["kind"], incident["description"])
    stop = data.draw(st.integers(min_value=0, max_value=6))
    for _ in range(stop):
        question = debrief.next_question()
        if question is None:
            break
        if question.incident is None:
            debrief.answer(question, PANEL)
        elif question.purpose == "panel":
            debrief.answer(question, panel_value(PANEL, incidents[question.incident], question.field))
        else:
            debrief.answer(question, value_of(incidents[question.incident], question.field))
    restored = Debrief.from_json(debrief.to_json(), rules=pack(pack_name))
    assert (debrief.next_question(), debrief.to_json(), debrief.incidents) == (
        restored.next_question(),
        restored.to_json(),
        restored.incidents,
    )


README_INTERVIEW: list[dict[str, Any]] = [
    {"kind": "slip", "description": "Called you Mary instead of Marie", "noticed": "certain", "realised_later": True},
    {"kind": "slip", "description": "My phone buzzed", "noticed": "unsure"},
]


def test_readme_interview_asks_only_the_fields_that_matter() -> None:
    """The README's interview is settled in five questions, none about a field that cannot change
    its decision (a form would ask all six), and its saved incidents reproduce the plan."""
    debrief = Debrief()
    asked = run(debrief, README_INTERVIEW)
    expected = [["apologised_in_person", "noticed", "realised_later"], ["apologised_in_person", "noticed"]]
    assert expected == asked
    deciding = {n for rule in default_rules().rules if rule.kind == "slip" for n in (c.field for c in rule.conditions)}
    assert all(len(fields) <= len(deciding) for fields in asked)
    saved = json.dumps([incident.model_dump(mode="json", exclude_unset=True) for incident in debrief.incidents])
    assert recommend(json.loads(saved)) == debrief.plan() == recommend(README_INTERVIEW)


SKIP = object()
"""In a scripted debrief: leave the field out (skip the question)."""


def transcript(debrief: Debrief, answers: list[Any]) -> str:
    """Every question as a person reads it: text, choices, example, suggestion and why, with the answer given."""
    lines = []
    for value in answers:
        question = debrief.next_question()
        assert question is not None
        lines.append(f"[{question.incident}] {question.text}")
        for choice in question.choices or ():
            lines.append(f"    ( ) {choice.label}")
        if question.example:
            lines.append(f"    e.g. {question.example}")
        if question.purpose == "wording":
            lines.append(f"    suggested: {question.default!r}; if left out: {question.placeholder!r}")
        lines.extend(f"    | {line}" for line in question.why.splitlines())
        if value is SKIP:
            lines.append("    -> (skipped)")
            debrief.skip(question)
        else:
            lines.append(f"    -> {value!r}")
            debrief.answer(question, value)
    assert debrief.next_question() is None
    return "\n".join(lines) + "\n"


def test_questions_read_as_the_golden_transcript() -> None:
    """The questions of a debrief over every kind of incident, decisions then wording, read as the golden file shows."""
    debrief = Debrief(interviewers=["Marie"])
    for kind, description in [
        ("slip", "Called you Mary instead of Marie"),
        ("off_target_answer", "My answer about the budget process"),
        ("omission", "Forgot to mention my volunteering"),
        ("strength", "Walked through the pricing case study clearly"),
        ("distraction", "A family emergency that morning"),
        ("difficult_question", "Why I left my last job"),
    ]:
        debrief.add(kind, description)
    answers = [
        *(False, "certain", True, "called you Mary instead of Marie"),
        *("misunderstood", "certain", "the budget process", "I would review spending against the plan every month."),
        *(True, "skill", "my volunteering at the food bank"),
        SKIP,
        *(True, True, "My father was taken to hospital the night before our interview."),
    ]
    check_golden("debrief-questions.txt", transcript(debrief, answers))


def test_no_mistakes_pack_asks_less_about_slips() -> None:
    """Where the no-mistakes pack never apologises, whether you realised a noticed slip later changes
    nothing, so it is not asked; the default pack asks it."""
    asked = {name: run(Debrief(pack(name)), [README_INTERVIEW[0]])[0] for name in ("default", "no-mistakes")}
    expected = {
        "default": ["apologised_in_person", "noticed", "realised_later"],
        "no-mistakes": ["apologised_in_person", "noticed"],
    }
    assert expected == asked


def test_a_literal_in_the_pack_settles_a_slip_without_asking_whether_it_was_noticed() -> None:
    """With a pack that always apologises for 'Arrived late', whether it was noticed is not asked,
    and the slip is recorded as noticed (you apologise, so they know)."""
    debrief = Debrief(pack("literal-and-presence"), interviewers=["Marie"])
    debrief.add("slip", "Arrived late")
    asked = []
    while (question := debrief.next_question()) is not None:
        asked.append(question.field)
        if question.purpose == "wording":
            debrief.skip(question)
        else:
            debrief.answer(question, False)
    # Whether it was realised only later is asked since the note's apology says so.
    expected = (["apologised_in_person", "realised_later", "apology"], "apologise-for-lateness", "certain")
    assert expected == (
        asked,
        debrief.plan().decisions[0].rule_id,
        debrief.incidents[0].noticed,  # type: ignore[union-attr]
    )


def test_a_free_text_decision_field_is_asked_as_free_text_and_may_be_skipped() -> None:
    """Where a pack tests whether a better answer is given, it is asked as free text with an
    example, optional; skipping it leaves it out and decides accordingly."""
    debrief = Debrief(pack("literal-and-presence"))
    debrief.add("off_target_answer", "My answer about budgets")
    debrief.answer(debrief.next_question(), "misunderstood")  # type: ignore[arg-type]
    debrief.answer(debrief.next_question(), "certain")  # type: ignore[arg-type]
    question = debrief.next_question()
    assert question is not None
    expected = ("better_answer", None, True)
    assert expected == (question.field, question.choices, question.optional)
    assert question.example
    debrief.skip(question)
    decision = debrief.plan().decisions[0]
    outcome = ("keep-caught-answer-without-better-one", None)
    assert outcome == (decision.rule_id, decision.incident.better_answer)  # type: ignore[union-attr]


def test_a_question_lists_only_the_answers_the_model_allows() -> None:
    """A question's choices are the values still possible: a slip realised later was not
    apologised for in person, so that question is not asked at all."""
    debrief = Debrief(pack("literal-and-presence"))
    debrief.add("slip", "It happened")
    debrief.answer(debrief.questions(0)[2], True)  # realised_later
    expected = ["noticed"]
    assert expected == [q.field for q in debrief.questions(0)]
    first = Choice(value="certain", label="Yes, I'm certain they noticed")
    assert first == (debrief.questions(0)[0].choices or ())[0]


@pytest.mark.parametrize(
    ("kind", "description", "message"),
    [
        # an unknown kind, with the closest one suggested
        ("slipp", "Late", r"for incident\nkind\n  Value error, must be one of 'slip', .*did you mean 'slip'\?"),
        # a blank description
        ("slip", "   ", r"for incident\ndescription\n  Value error, must say something in words"),
    ],
)
def test_add_refuses_what_the_model_refuses(kind: str, description: str, message: str) -> None:
    """add() raises ValidationError naming the bad field, as the model would."""
    with pytest.raises(ValidationError, match=message):
        Debrief().add(kind, description)


def test_a_bad_answer_raises_and_leaves_the_question_open() -> None:
    """A value the model refuses raises ValidationError naming the field, and the same question is asked again."""
    debrief = Debrief()
    debrief.add("slip", "Called you Mary instead of Marie")
    debrief.answer(debrief.next_question(), False)  # type: ignore[arg-type]
    question = debrief.next_question()
    assert question is not None
    with pytest.raises(ValidationError, match=r"noticed\n  Input should be 'certain', 'likely', 'unsure' or 'no'"):
        debrief.answer(question, "maybe")
    assert question == debrief.next_question()


def test_an_answer_contradicting_an_earlier_one_is_refused_with_the_models_reason() -> None:
    """Answering a field with a value the earlier answers rule out raises the model's own error."""
    debrief = Debrief()
    debrief.add("slip", "Called you Mary instead of Marie")
    realised = next(q for q in debrief.questions(0) if q.field == "realised_later")
    debrief.answer(debrief.next_question(), False)  # type: ignore[arg-type]
    debrief.answer(debrief.next_question(), "certain")  # type: ignore[arg-type]
    assert realised.field == debrief.next_question().field  # type: ignore[union-attr]
    debrief2 = Debrief()
    debrief2.add("slip", "Called you Mary instead of Marie")
    debrief2.answer(realised, True)
    with pytest.raises(ValueError, match="'apologised_in_person' is not needed now"):
        debrief2.answer(debrief.questions(0)[0].model_copy(update={"field": "apologised_in_person"}), True)


def test_answering_a_question_that_is_not_open_is_an_error() -> None:
    """A question already answered, or one about an incident that does not exist, cannot be answered."""
    debrief = Debrief()
    debrief.add("slip", "Called you Mary instead of Marie")
    question = debrief.next_question()
    assert question is not None
    debrief.answer(question, True)
    with pytest.raises(ValueError, match="'apologised_in_person' was already answered"):
        debrief.answer(question, False)
    with pytest.raises(IndexError, match="no incident 3: the debrief has 1"):
        debrief.answer(question.model_copy(update={"incident": 3}), True)


def test_a_required_field_cannot_be_skipped() -> None:
    """skip() refuses a required field and says to answer it."""
    debrief = Debrief()
    debrief.add("omission", "My certificate")
    debrief.answer(debrief.next_question(), True)  # type: ignore[arg-type]
    question = debrief.next_question()
    assert question is not None and question.field == "category" and not question.optional
    with pytest.raises(ValueError, match="'category' is required and cannot be skipped"):
        debrief.skip(question)


def test_plan_before_the_end_names_the_open_question() -> None:
    """plan() while a question is open raises, quoting the question; the incidents list only those
    settled (a strength needs no answer to be decided, only its wording)."""
    debrief = Debrief()
    debrief.add("slip", "My phone buzzed")
    debrief.add("strength", "My portfolio")
    with pytest.raises(ValueError, match=r"incident 0 still needs an answer to 'Did you apologise"):
        debrief.plan()
    settled = ["My portfolio"]
    assert settled == [incident.description for incident in debrief.incidents]


def test_from_json_refuses_another_pack_and_malformed_state() -> None:
    """A state made with another pack, a malformed one, or one answering a field that does not exist is refused."""
    debrief = Debrief(pack("no-mistakes"))
    debrief.add("slip", "My phone buzzed")
    with pytest.raises(ValueError, match="made with rule pack 'no-mistakes', not 'default'"):
        Debrief.from_json(debrief.to_json())
    with pytest.raises(ValidationError):
        Debrief.from_json('{"debrief": 1}')
    state = json.loads(debrief.to_json())
    state["incidents"][0]["answers"] = {"noticd": "certain"}
    with pytest.raises(ValueError, match="'noticd' is not a field the debrief asks about"):
        Debrief.from_json(json.dumps(state), rules=pack("no-mistakes"))
    state["incidents"][0]["answers"] = {"noticed": "maybe"}
    with pytest.raises(ValidationError, match="noticed"):
        Debrief.from_json(json.dumps(state), rules=pack("no-mistakes"))


def test_question_is_plain_data() -> None:
    """A question round-trips through JSON, so a web app can send it and take it back."""
    debrief = Debrief()
    debrief.add("distraction", "My father was taken to hospital")
    question = debrief.next_question()
    assert question is not None
    assert question == Question.model_validate_json(question.model_dump_json())


def test_every_field_a_rule_can_test_is_asked_in_its_own_words() -> None:
    """Each field of each kind has a question; an enum or boolean has a label for every value,
    and a required one a value to record when no answer to it could change the advice."""
    from interview_recovery._model.questions import FIELDS, KINDS

    assert list(KINDS) == list(INCIDENT_CLASSES)
    for kind, model in INCIDENT_CLASSES.items():
        for name in _models.testable_fields(kind):
            if name == "description":
                continue
            wording = FIELDS[(kind, name)]
            values = finite_values(kind, name)
            assert "{description}" in wording.text
            if values is None:
                assert (wording.choices, bool(wording.example)) == (None, True), (kind, name)
            else:
                assert set(wording.choices or ()) == set(values), (kind, name)
                if model.model_fields[name].is_required():
                    assert wording.assumed in values, (kind, name)


def test_wording_is_validated_as_the_model_validates_it() -> None:
    """Wording that the model refuses (an apology starting with 'I') raises ValidationError naming
    the field, and the wording question stays open."""
    debrief = Debrief()
    debrief.add("slip", "Called you Mary instead of Marie")
    for value in (False, "certain", False):
        debrief.answer(debrief.next_question(), value)  # type: ignore[arg-type]
    question = debrief.next_question()
    assert question is not None and (question.field, question.purpose) == ("apology", "wording")
    with pytest.raises(ValidationError, match=r"apology\n  Value error, finishes \"I'm sorry that I ...\""):
        debrief.answer(question, "I called you Mary")
    assert question == debrief.next_question()


def test_skipped_wording_leaves_the_notes_placeholder() -> None:
    """Skipping the wording of a strength whose description is no topic leaves the note's
    placeholder, which the note lists for filling in."""
    debrief = Debrief(interviewers=["Marie"])
    debrief.add("strength", "Walked through the pricing case study clearly")
    question = debrief.next_question()
    assert question is not None
    expected = ("topic", None, "[what went well]")
    assert expected == (question.field, question.default, question.placeholder)
    debrief.skip(question)
    note = debrief.plan().draft_note("Marie")
    assert [(p.index, p.field, p.text) for p in note.placeholders] == [(0, "topic", "[what went well]")]


@pytest.mark.parametrize(
    ("description", "problem"),
    [
        # A terminal escape.
        ("x\x1b[2J", "holds the control character U+001B"),
        # A lone surrogate, which no output can encode.
        ("x\ud800", "holds an unpaired surrogate"),
        # One character past the text limit.
        ("x" * 10_001, "is 10,001 characters long"),
    ],
    ids=["escape", "surrogate", "too-long"],
)
def test_add_refuses_the_texts_the_model_refuses(description: str, problem: str) -> None:
    """Debrief.add() refuses at once a description the incident model would refuse at the end."""
    debrief = Debrief()
    with pytest.raises(ValidationError, match=re.escape(problem)):
        debrief.add("strength", description)
    assert debrief.incidents == []


def test_from_json_refuses_a_required_answer_given_as_null() -> None:
    """A saved debrief whose required answer is null is refused by name, not taken as done and
    then failing in plan()."""
    debrief = Debrief()
    debrief.add("slip", "Called you Mary")
    saved = json.loads(debrief.to_json())
    saved["incidents"][0]["answers"] = {"apologised_in_person": False, "noticed": None}
    with pytest.raises(ValueError, match=r"incident 0 \(slip\): 'noticed' is required"):
        Debrief.from_json(json.dumps(saved))


# --- a panel: who interviewed you, and who noticed, asked or was there -----------------------

PANEL = ["Ms Bondarenko", "Tom Hale"]
THREE = ["Ms Okoye", "Mr Raman", "Dr Eriksen"]
ORDER = ["certain", "likely", "unsure", "no"]
PANEL_FIELDS = {
    "asked_by": ("off_target_answer", "difficult_question"),
    "present": (
        "slip",
        "off_target_answer",
        "omission",
        "strength",
        "distraction",
        "difficult_question",
        "knowledge_gap",
    ),
    "noticed": ("slip", "off_target_answer"),
}
"""The panel facts an incident can carry, and the kinds that take each; written here, independently of the package."""


def most_certain(noticed: Any) -> Any:
    """The scalar certainty of a per-person 'noticed': the most certain of its answers."""
    return min(noticed.values(), key=ORDER.index) if isinstance(noticed, dict) else noticed


def noticers(names: list[str], incident: dict[str, Any]) -> list[str]:
    """Whose noticing can matter: the one who asked a question (the lead, the first, if present), else all there."""
    present = incident.get("present") or names
    if incident["kind"] not in PANEL_FIELDS["asked_by"]:
        return list(present)
    return [incident.get("asked_by") or (names[0] if names[0] in present else present[0])]


def said(names: list[str], incident: dict[str, Any]) -> Any:
    """The answer to "did the interviewer notice?": the most certain of those whose noticing can matter."""
    noticed = incident["noticed"]
    if not isinstance(noticed, dict):
        return noticed
    return most_certain({name: noticed.get(name, "unsure") for name in noticers(names, incident)})


def plain(incident: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """The incident as a one-person debrief is told it: no panel facts, 'noticed' as said of those it concerns."""
    data = {k: v for k, v in incident.items() if k not in ("asked_by", "present")}
    if "noticed" in data:
        data["noticed"] = said(names, incident)
    return data


def panel_value(names: list[str], incident: dict[str, Any], field: str) -> Any:
    """The answer an incident gives a panel question: its own fact, or what it leaves implicit."""
    present = incident.get("present") or names
    if field == "asked_by":
        return incident.get("asked_by") or present[0]
    if field == "present":
        return present
    noticed = incident["noticed"]
    if isinstance(noticed, dict):
        return {name: noticed.get(name, "unsure") for name in noticers(names, incident)}
    return {name: noticed for name in noticers(names, incident)}


def panel_advice(pack_name: str, names: list[str], incident: dict[str, Any]) -> tuple[Any, ...] | None:
    """Everything a panel's plan sends about one incident: each person's note and the message (None: not valid)."""
    try:
        plan = recommend(
            {"interviewers": [{"name": name} for name in names], "incidents": [incident]}, rules=pack(pack_name)
        )
    except ValidationError:
        return None
    message = plan.draft_distraction_message()
    notes = tuple((name, str(note)) for name, note in plan.draft_notes().items())
    return notes, None if message is None else str(message)


def panel_options(names: list[str], incident: dict[str, Any], field: str) -> list[Any]:
    """Every answer to a panel question, ``None`` (not said) first; 'noticed' keeps its most certain answer."""
    present = incident.get("present") or names
    if field == "asked_by":
        return [None, *present]
    if field == "present":
        return [None, *(list(c) for size in range(1, len(names) + 1) for c in itertools.combinations(names, size))]
    before = said(names, incident)
    who = noticers(names, incident)
    mappings = [dict(zip(who, values, strict=True)) for values in itertools.product(ORDER, repeat=len(who))]
    return [None, *(m for m in mappings if most_certain(m) == before)]


def with_fact(names: list[str], incident: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    """The incident with one panel fact set, or left out (``None``; 'noticed' then as said of those it concerns)."""
    data = dict(incident)
    if value is not None:
        data[field] = value
    elif field == "noticed":
        data["noticed"] = said(names, incident)
    else:
        data.pop(field, None)
    return data


def panel_decisive(pack_name: str, names: list[str], incident: dict[str, Any], field: str) -> bool:
    """Whether answering this panel question differently, all else as it is, changes a note or the message."""
    found = {
        panel_advice(pack_name, names, with_fact(names, incident, field, v))
        for v in panel_options(names, incident, field)
    }
    return len(found - {None}) > 1


def run_panel(pack_name: str, names: list[str], incident: dict[str, Any]) -> tuple[Debrief, list[str]]:
    """Debrief one incident of a panel, answering with its own facts; returns the panel questions asked.

    Every panel question must be decisive (the brute-force oracle), given the panel answers so far;
    and no panel question left unasked may be decisive at the end.
    """
    debrief = Debrief(pack(pack_name))
    debrief.add(incident["kind"], incident["description"])
    own = plain(incident, names)
    asked: list[str] = []
    so_far = plain(incident, names)
    while (question := debrief.next_question()) is not None:
        if question.purpose == "interviewers":
            assert not asked
            debrief.answer(question, names)
        elif question.purpose == "panel":
            assert len(names) > 1, f"asked {question.field!r} of a one-person interview"
            assert question.field not in asked
            assert panel_decisive(pack_name, names, so_far, question.field), (
                f"asked who {question.field} about {incident} after {so_far}, but no answer changes a note"
            )
            value = panel_value(names, incident, question.field)
            debrief.answer(question, value)
            so_far = with_fact(names, so_far, question.field, value)
            asked.append(question.field)
        elif question.purpose == "wording":
            if question.field in own:
                debrief.answer(question, own[question.field])
            else:
                debrief.skip(question)
        else:
            debrief.answer(question, value_of(own, question.field))
    for field in PANEL_FIELDS:
        if incident["kind"] in PANEL_FIELDS[field] and field not in asked:
            assert not panel_decisive(pack_name, names, so_far, field), f"never asked who {field} about {incident}"
    return debrief, asked


def panel_variants(names: list[str], incident: dict[str, Any]) -> list[dict[str, Any]]:
    """An incident of the domain as a panel may have seen it: the last one asking, absent, or unsure."""
    kind = incident["kind"]
    last = names[-1]
    variants = [dict(incident)]
    if kind in PANEL_FIELDS["asked_by"]:
        variants.append({**incident, "asked_by": last})
    variants.append({**incident, "present": [last], **({"asked_by": last} if kind in PANEL_FIELDS["asked_by"] else {})})
    if kind in PANEL_FIELDS["noticed"] and incident["noticed"] != "no":
        variants.append({**incident, "noticed": {names[0]: incident["noticed"], last: "no"}})
        variants.append({**incident, "noticed": {names[0]: "unsure", last: incident["noticed"]}})
    return variants


@pytest.mark.parametrize("kind", list(INCIDENT_CLASSES))
def test_a_panel_is_asked_only_the_decisive_questions_of_who_noticed_asked_or_was_there(kind: str) -> None:
    """For every incident of the domain as two interviewers may have seen it, the debrief asks who
    noticed, asked or was there only where the answer changes a note, misses none that does, and
    drafts the notes recommend() drafts for the interview itself."""
    for incident in oracle_domain(kind, "It happened"):
        for variant in panel_variants(PANEL, dict(incident)):
            debrief, _ = run_panel("default", PANEL, variant)
            expected = panel_advice("default", PANEL, variant)
            got = debrief.plan()
            if not debrief.interviewers:
                # Not asked who interviewed you: nothing goes in a note or message.
                assert all(d.channel == "none" for d in got.decisions), variant
                continue
            message = got.draft_distraction_message()
            notes = tuple((name, str(note)) for name, note in got.draft_notes().items())
            assert expected == (notes, None if message is None else str(message)), variant


@pytest.mark.parametrize("kind", list(INCIDENT_CLASSES))
def test_a_one_person_interview_gets_no_interviewer_question(kind: str) -> None:
    """With one interviewer named, no incident of the domain is asked who noticed, asked or was there,
    and the plan is recommend()'s for that interview."""
    for incident in oracle_domain(kind, "It happened"):
        debrief, asked = run_panel("default", ["Marie"], dict(incident))
        assert not asked
        # Asked who interviewed you only when something goes in a note or message.
        named = {"interviewers": [{"name": "Marie"}], "incidents": [dict(incident)]}
        expected = recommend(named if debrief.interviewers else [dict(incident)])
        plan = debrief.plan()
        assert [outward(d) for d in expected.decisions] == [outward(d) for d in plan.decisions], incident
        assert drafts(expected) == drafts(plan), incident


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_three_person_panel_is_asked_only_decisive_questions(data: st.DataObject) -> None:
    """For a three-person panel and any incident with any facts about who noticed, asked or was there,
    every panel question asked is decisive and none decisive is missed."""
    kind = data.draw(st.sampled_from(["slip", "off_target_answer", "strength", "difficult_question", "knowledge_gap"]))
    incident = dict(data.draw(st.sampled_from(oracle_domain(kind, "It happened"))))
    present = data.draw(st.lists(st.sampled_from(THREE), min_size=1, max_size=3, unique=True))
    if data.draw(st.booleans()):
        incident["present"] = [name for name in THREE if name in present]
    if kind in PANEL_FIELDS["asked_by"] and data.draw(st.booleans()):
        incident["asked_by"] = data.draw(st.sampled_from(incident.get("present") or THREE))
    if kind in PANEL_FIELDS["noticed"] and data.draw(st.booleans()):
        there = incident.get("present") or THREE
        mapping = {name: data.draw(st.sampled_from(ORDER)) for name in there}
        mapping[data.draw(st.sampled_from(there))] = incident["noticed"]
        if most_certain(mapping) == incident["noticed"]:
            incident["noticed"] = mapping
    run_panel("default", THREE, incident)


def test_who_interviewed_you_is_asked_once_a_note_is_drafted_and_may_be_left_out() -> None:
    """The question of who interviewed you comes after the decisions, only when something goes in a
    note or message; left out, the plan is that of a plain list."""
    quiet = Debrief()
    quiet.add("difficult_question", "Why I left my last job")
    assert quiet.next_question() is None
    debrief = Debrief()
    debrief.add("strength", "The pricing case study")
    question = debrief.next_question()
    assert question is not None and question.purpose == "wording"
    debrief.answer(question, "the pricing case study")
    question = debrief.next_question()
    assert question is not None
    expected = (None, "interviewers", True)
    assert expected == (question.incident, question.purpose, question.optional)
    debrief.skip(question)
    assert debrief.next_question() is None
    assert recommend(debrief.incidents) == debrief.plan()


def test_interviewers_are_read_from_one_line_and_bad_ones_are_refused_at_their_field() -> None:
    """'Name (Role), Name' gives each name and role, the first leading; a name twice is an error at that entry."""
    debrief = Debrief()
    debrief.set_interviewers("Ms Bondarenko (Head of Analytics), Tom Hale")
    expected = [("Ms Bondarenko", "Head of Analytics"), ("Tom Hale", None)]
    assert expected == [(p.name, p.role) for p in debrief.interviewers]
    with pytest.raises(ValidationError, match=r"interviewers\.1\.name\n  names an interviewer twice"):
        debrief.set_interviewers(["Tom Hale", "Tom Hale"])
    assert expected == [(p.name, p.role) for p in debrief.interviewers]


def test_a_panel_answer_naming_a_stranger_is_refused_at_the_incidents_field() -> None:
    """Who asked it must be one of the interviewers: the error names the incident's own field, with did-you-mean."""
    debrief = Debrief(interviewers=PANEL)
    debrief.add("strength", "The SQL exercise")
    debrief.add("off_target_answer", "The rota question")
    for value in ("the SQL exercise", "misunderstood", "certain", SKIP, SKIP, ["Ms Bondarenko"]):
        question = debrief.next_question()
        assert question is not None
        debrief.skip(question) if value is SKIP else debrief.answer(question, value)
    question = debrief.next_question()
    assert question is not None and (question.incident, question.field) == (1, "asked_by")
    with pytest.raises(
        ValidationError, match=r"incidents\.1\.asked_by\n  is not one of the interviewers; did you mean 'Tom Hale'\?"
    ):
        debrief.answer(question, "Tom Hall")
    with pytest.raises(ValueError, match="cannot be skipped"):
        debrief.skip(question)
    assert question == debrief.next_question()


def test_a_panels_saved_debrief_keeps_who_interviewed_and_who_asked() -> None:
    """to_json() keeps the interviewers and each panel answer; from_json() goes on with the same notes."""
    debrief = Debrief(interviewers=[{"name": "Ms Bondarenko", "role": "Head of Analytics"}, "Tom Hale"])
    debrief.add("off_target_answer", "The rota question")
    debrief.add("slip", "Called her Katrina")
    answers = {
        (0, "cause"): "misunderstood",
        (0, "noticed"): "certain",
        (0, "asked_by"): "Tom Hale",
        (1, "apologised_in_person"): False,
        (1, "noticed"): "certain",
        (1, "realised_later"): True,
        (1, "present"): PANEL,
        (1, "noticed", "panel"): {"Ms Bondarenko": "certain", "Tom Hale": "unsure"},
    }
    asked = []
    while (question := debrief.next_question()) is not None:
        if question.purpose == "wording":
            debrief.skip(question)
            continue
        key = (question.incident, question.field, "panel") if question.purpose == "panel" else None
        asked.append((question.incident, question.field, question.purpose))
        debrief.answer(question, answers.get(key) if key in answers else answers[question.incident, question.field])  # type: ignore[index]
    # Only the one who asked the rota question can have caught it (B2), and you were certain: not asked.
    assert (0, "noticed", "panel") not in asked and (1, "noticed", "panel") in asked
    saved = json.loads(debrief.to_json())
    people = [{"name": "Ms Bondarenko", "role": "Head of Analytics"}, {"name": "Tom Hale"}]
    seen = [{"asked_by": "Tom Hale"}, {"present": PANEL, "noticed": {"Ms Bondarenko": "certain", "Tom Hale": "unsure"}}]
    assert (people, seen) == (saved["interviewers"], [item["seen"] for item in saved["incidents"]])
    restored = Debrief.from_json(debrief.to_json())
    assert restored.to_json() == debrief.to_json()
    notes = restored.plan().draft_notes()
    assert list(notes) == PANEL
    assert ("misunderstood" in str(notes["Ms Bondarenko"]), "misunderstood" in str(notes["Tom Hale"])) == (False, True)
    assert ("sorry" in str(notes["Ms Bondarenko"]), "sorry" in str(notes["Tom Hale"])) == (True, False)
