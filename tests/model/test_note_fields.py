"""The wording-field table: each field a draft uses, its frame, placeholder, example and question, in one place."""

from __future__ import annotations

import inspect
from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import BaseModel

from interview_recovery import Action, Debrief, Interviewer, RuleSet, load_rules, recommend
from interview_recovery._model import models
from interview_recovery._model.actions import ACTIONS
from interview_recovery._model.models import INCIDENT_CLASSES
from interview_recovery._model.note_fields import NOTE_FIELDS, WORDING_FIELDS, NoteField
from interview_recovery._notes.note import draft_note

from ..conftest import ROOT


def _owner(field: NoteField) -> type[BaseModel]:
    # An incident's field is on its kind; the note's own wording is given per interviewer.
    return INCIDENT_CLASSES[field.kind] if field.kind is not None else Interviewer


def test_each_entry_names_a_field_of_its_kind_drafted_by_its_actions() -> None:
    """Every incident's entry is a field of its kind, drafted by actions that have a draft, optional only
    for some of them; the note's own wording is an interviewer's field and a drafting option, for no action."""
    wrong = [
        name
        for name, field in NOTE_FIELDS.items()
        if name not in _owner(field).model_fields
        or (field.kind is not None) != bool(field.actions)
        or any(ACTIONS[action].draft is None for action in field.actions)
        or not set(field.optional_for) < set(field.actions or [None])
        or (field.kind is None and name not in inspect.signature(draft_note).parameters)
    ]
    assert wrong == []


_COMPLETING = """\
theme: answers
rules:
  - id: complete-fumbled-answer
    title: Complete a fumbled answer in the note
    advice: A3
    kind: off_target_answer
    when: {cause: fumbled}
    action: complete_answer
    reason: Complete '{description}' in the note.
    priority: 10
  - id: keep-the-rest
    title: Any other answer stays private
    advice: A3
    kind: off_target_answer
    action: do_not_mention
    reason: Keep '{description}' as a lesson.
"""


def _better_answer_gap(rules: RuleSet, cause: str) -> tuple[str | None, list[str]]:
    # The debrief's placeholder for the better answer, and the note's gaps, once the cause is known.
    debrief = Debrief(rules)
    debrief.add("off_target_answer", "My answer about the budget process")
    facts = {"cause": cause, "noticed": "certain"}
    while (question := debrief.next_question()) is not None and question.field in facts:
        debrief.answer(question, facts[question.field])
    asked = {q.field: q for q in debrief.questions(0) if q.purpose == "wording"}
    incident = {"kind": "off_target_answer", "description": "My answer", "cause": cause, "noticed": "certain"}
    note = recommend([incident], rules=rules).draft_note("Marie")
    return asked["better_answer"].placeholder, [p.text for p in note.placeholders if p.field == "better_answer"]


def test_a_field_optional_for_one_action_is_a_gap_for_the_other(tmp_path: Path) -> None:
    """Without a better answer, an admitted misunderstanding leaves its sentence out, while a completed
    answer leaves the entry's placeholder, in the debrief's question and in the note alike."""
    pack = tmp_path / "answers.yaml"
    pack.write_text(_COMPLETING, encoding="utf-8")
    assert (
        _better_answer_gap(load_rules("default"), "misunderstood"),
        _better_answer_gap(load_rules(pack), "fumbled"),
    ) == (
        (None, []),
        ("[what you would add]", ["[what you would add]"]),
    )


def test_the_note_only_fields_are_exactly_the_fields_no_rule_may_test() -> None:
    """A kind's note-only wording field is the one field, besides its kind and id, that rules cannot test."""
    untested = {
        kind: [name for name in cls.model_fields if name not in ("kind", "id", *models.testable_fields(kind))]
        for kind, cls in INCIDENT_CLASSES.items()
    }
    assert {kind: [WORDING_FIELDS[kind]] if kind in WORDING_FIELDS else [] for kind in INCIDENT_CLASSES} == untested


def test_the_model_describes_each_field_from_its_entry() -> None:
    """The incident model's field descriptions (and so the JSON schema) carry each entry's frame and example."""
    described = {name: _owner(f).model_fields[name].description for name, f in NOTE_FIELDS.items()}
    assert {name: f.description for name, f in NOTE_FIELDS.items()} == described


def test_the_readme_gives_each_note_fields_frame_and_example() -> None:
    """The README's paragraph on the note wording quotes each note-only field's frame and example."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").split("The note wording is what", 1)[1].split("\n\n")[0]
    missing = [
        name
        for name, field in NOTE_FIELDS.items()
        if not field.decides
        and not all(
            part in " ".join(text.split())
            for part in (f"`{name}`", f'`"{field.example}"`', "" if field.sentences else f'"{field.frame}"')
        )
    ]
    assert missing == []


def test_changing_an_entry_changes_the_note_and_the_debrief(monkeypatch: pytest.MonkeyPatch) -> None:
    """The note's placeholder and the debrief's wording question are taken from the entry as it stands."""
    monkeypatch.setitem(
        NOTE_FIELDS,
        "topic",
        replace(
            NOTE_FIELDS["topic"],
            frame="I was glad we talked about ...",
            placeholder="[what you were glad to discuss]",
            example="the launch plan",
        ),
    )
    incident = {"kind": "strength", "description": "Good rapport all round"}
    note = recommend([incident]).draft_note("Marie")
    assert [(p.field, p.text, p.frame) for p in note.placeholders] == [
        ("topic", "[what you were glad to discuss]", "I was glad we talked about ...")
    ]

    debrief = Debrief()
    debrief.add("strength", incident["description"])
    question = debrief.next_question()
    assert question is not None
    assert (question.field, question.example, question.placeholder) == (
        "topic",
        "the launch plan",
        "[what you were glad to discuss]",
    )
    assert question.text.endswith('"I was glad we talked about ..."')
    assert 'The note says it as "I was glad we talked about ..."' in question.why


def test_moving_a_field_to_another_action_moves_its_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """The debrief asks for a wording field when the incident's decision is the action its entry names."""
    monkeypatch.setitem(NOTE_FIELDS, "topic", replace(NOTE_FIELDS["topic"], actions=(Action.EXPLAIN_DISTRACTION,)))
    debrief = Debrief()
    debrief.add("strength", "The walk-through of my portfolio")
    assert [question.field for question in debrief.questions(0)] == []
