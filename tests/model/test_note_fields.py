"""The wording-field table: each field a draft uses, its frame, placeholder, example and question, in one place."""

from __future__ import annotations

from dataclasses import replace

import pytest

from interview_recovery import Action, Debrief, recommend
from interview_recovery._model import models
from interview_recovery._model.actions import ACTIONS
from interview_recovery._model.models import INCIDENT_CLASSES
from interview_recovery._model.note_fields import NOTE_FIELDS, WORDING_FIELDS

from ..conftest import ROOT


def test_each_entry_names_a_field_of_its_kind_drafted_by_its_action() -> None:
    """Every entry is a field of its kind, drafted by an action that has a draft."""
    wrong = [
        name
        for name, field in NOTE_FIELDS.items()
        if name not in INCIDENT_CLASSES[field.kind].model_fields or ACTIONS[field.action].draft is None
    ]
    assert wrong == []


def test_the_note_only_fields_are_exactly_the_fields_no_rule_may_test() -> None:
    """A kind's note-only wording field is the one field, besides its kind and id, that rules cannot test."""
    untested = {
        kind: [name for name in cls.model_fields if name not in ("kind", "id", *models.testable_fields(kind))]
        for kind, cls in INCIDENT_CLASSES.items()
    }
    assert {kind: [WORDING_FIELDS[kind]] if kind in WORDING_FIELDS else [] for kind in INCIDENT_CLASSES} == untested


def test_the_model_describes_each_field_from_its_entry() -> None:
    """The incident model's field descriptions (and so the JSON schema) carry each entry's frame and example."""
    described = {name: INCIDENT_CLASSES[f.kind].model_fields[name].description for name, f in NOTE_FIELDS.items()}
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
    incident = {"kind": "strength", "description": "The walk-through of my portfolio, which went well"}
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
    monkeypatch.setitem(NOTE_FIELDS, "topic", replace(NOTE_FIELDS["topic"], action=Action.EXPLAIN_DISTRACTION))
    debrief = Debrief()
    debrief.add("strength", "The walk-through of my portfolio")
    assert [question.field for question in debrief.questions(0)] == []
